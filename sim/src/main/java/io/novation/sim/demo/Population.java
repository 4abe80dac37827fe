package io.novation.sim.demo;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The traders of the demo, drawn from a seeded random source so that every run is the same: 55 % trade BTC-USD, 30 %
 * ETH-USD and 15 % AVAX-USD (shares normalised over the markets replayed); 72 % are bulls (the long skew that went
 * into 2025-10-10), 60 % in AVAX-USD; deposits are log-normal around 2,500 USDC (from 100 USDC to 2 million); leverage
 * is drawn from 2× to 40× (median 5×, one in six at 20× or more), at most 10× for deposits above 100,000 USDC, and
 * from 5× to the tier's 20× in AVAX-USD, whose traders trade it from isolated subaccounts
 * ({@link DemoMarket#isolated()}).
 */
public final class Population
{
    private static final double[] LEVERAGE = {2, 3, 5, 10, 15, 20, 25, 40};
    private static final double[] LEVERAGE_WEIGHT = {0.15, 0.15, 0.20, 0.24, 0.10, 0.09, 0.05, 0.02};

    /** The share of each market's traders, BTC, ETH, AVAX (normalised over the markets replayed). */
    private static final double[] SHARE = {0.55, 0.30, 0.15};
    /**
     * AVAX's long skew, weaker than the majors' (a mid-cap perpetual draws more shorts against it): the shorts who top
     * up into the wick are the positions the rebound after the low bankrupts, beyond what the few longs in profit
     * can take (docs/demo.md, "AVAX-USD and the whole waterfall").
     */
    private static final double AVAX_BULLS = 0.6;
    /** AVAX's traders lever at least this much (the tier allows 20×). */
    private static final double AVAX_MIN_LEVERAGE = 5;
    /** ... and at most the tier's 20×. */
    private static final double AVAX_MAX_LEVERAGE = 20;

    /** How AVAX's population is shaped, for the report. */
    public static final String AVAX_SHAPE = "AVAX-USD: 15 % of the traders (BTC 55 %, ETH 30 %), 60 % of them long " +
        "(72 % in the majors), leverage from 5x to the tier's 20x (median 5x); an isolated market: its traders " +
        "trade it from isolated subaccounts and its own insurance fund, empty at the start, holds only AVAX's " +
        "isolated liquidation fees (the majors' fees fill the cross fund)";

    private Population()
    {
    }

    private static int pick(final List<DemoMarket> markets, final double u)
    {
        double total = 0;
        for (final DemoMarket market : markets)
        {
            total += SHARE[DemoMarket.NAMES.indexOf(market.ticker().replace("-USD", ""))];
        }
        double left = u * total;
        for (int m = 0; m < markets.size(); m++)
        {
            left -= SHARE[DemoMarket.NAMES.indexOf(markets.get(m).ticker().replace("-USD", ""))];
            if (left < 0)
            {
                return m;
            }
        }
        return markets.size() - 1;
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
            market[i] = pick(markets, random.nextDouble());
            final boolean avax = markets.get(market[i]).ticker().startsWith("AVAX");
            bull[i] = random.nextDouble() < (avax ? AVAX_BULLS : 0.72);
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
            leverage[i] = avax ? Math.min(AVAX_MAX_LEVERAGE, Math.max(AVAX_MIN_LEVERAGE, drawn)) :
                usdc > 100_000 ? Math.min(10, drawn) : drawn;
        }
        return IntStream.range(0, count).parallel().mapToObj(i -> new Trader("trader-" + (i + 1) + "-" + seed,
            markets.size(), markets.get(market[i]), bull[i], collateral[i], leverage[i])).collect(Collectors.toList());
    }
}
