package io.novation.sim.demo;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The traders of the demo, drawn from a seeded random source so that every run is the same: about two thirds trade
 * BTC-USD and one third ETH-USD; 72 % are bulls (the long skew that went into 2025-10-10); deposits are log-normal
 * around 2,500 USDC (from 100 USDC to 2 million); leverage is drawn from 2× to 40× (median 5×, one in six at 20× or
 * more), at most 10× for deposits above 100,000 USDC.
 */
public final class Population
{
    private static final double[] LEVERAGE = {2, 3, 5, 10, 15, 20, 25, 40};
    private static final double[] LEVERAGE_WEIGHT = {0.15, 0.15, 0.20, 0.24, 0.10, 0.09, 0.05, 0.02};

    private Population()
    {
    }

    /**
     * Draws the traders (their keys are derived in parallel).
     *
     * @param count   how many.
     * @param markets the markets, BTC-USD first.
     * @param seed    the random seed.
     * @return the traders, named {@code trader-1} onwards.
     */
    public static List<Trader> draw(final int count, final List<DemoMarket> markets, final long seed)
    {
        final Random random = new Random(seed);
        final int[] market = new int[count];
        final boolean[] bull = new boolean[count];
        final long[] collateral = new long[count];
        final double[] leverage = new double[count];
        for (int i = 0; i < count; i++)
        {
            market[i] = random.nextDouble() < 0.65 ? 0 : Math.min(1, markets.size() - 1);
            bull[i] = random.nextDouble() < 0.72;
            final double usdc = Math.max(100, Math.min(2_000_000, 2_500 * Math.exp(1.1 * random.nextGaussian())));
            collateral[i] = Math.round(usdc * 100) * 10_000L;
            double drawn = LEVERAGE[LEVERAGE.length - 1];
            double u = random.nextDouble();
            for (int k = 0; k < LEVERAGE.length; k++)
            {
                u -= LEVERAGE_WEIGHT[k];
                if (u < 0)
                {
                    drawn = LEVERAGE[k];
                    break;
                }
            }
            leverage[i] = usdc > 100_000 ? Math.min(10, drawn) : drawn;
        }
        return IntStream.range(0, count).parallel().mapToObj(i -> new Trader("trader-" + (i + 1) + "-" + seed,
            markets.size(), markets.get(market[i]), bull[i], collateral[i], leverage[i])).collect(Collectors.toList());
    }
}
