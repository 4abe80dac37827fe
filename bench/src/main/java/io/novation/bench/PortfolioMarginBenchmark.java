package io.novation.bench;

import io.novation.core.pricing.OptionType;
import io.novation.core.pricing.PortfolioMarginParameters;
import io.novation.core.pricing.PortfolioRisk;
import io.novation.core.pricing.ScenarioPricer;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Milliseconds for the portfolio margin of 10,000 subaccounts on one underlying, each holding 20 option positions
 * (drawn from 40 series over 4 expiries) and a perpetual, over Derive PM2's 33 scenarios (31 of the grid and the
 * two basis scenarios): each series is priced once per scenario (40 × 34 Black-76 prices), then each subaccount sums
 * its holdings' values per expiry and scenario (positions × scenarios additions), so the cost is series × scenarios
 * plus positions × scenarios, never positions × scenarios × pricing. Target (docs/benchmarks.md, Summary): 20 ms
 * on 2 cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class PortfolioMarginBenchmark
{
    static final int SUBACCOUNTS = 10_000;
    static final int POSITIONS = 20;
    static final int EXPIRIES = 4;
    static final int STRIKES = 10;
    static final int SERIES = EXPIRIES * STRIKES;
    private static final double SPOT = 100_000.0;
    private static final double[] EXPIRY_SECONDS = {7 * 86_400.0, 14 * 86_400.0, 30 * 86_400.0, 90 * 86_400.0};

    private final PortfolioMarginParameters parameters = PortfolioMarginParameters.derive();
    private final PortfolioRisk risk = new PortfolioRisk(parameters);
    private final double[][] table = new double[SERIES][ScenarioPricer.valueCount(parameters)];
    private final double[] strikes = new double[SERIES];
    private final OptionType[] types = new OptionType[SERIES];
    private final double[] vols = new double[SERIES];
    private final int[] holdingSeries = new int[SUBACCOUNTS * POSITIONS];
    private final double[] holdingAmounts = new double[SUBACCOUNTS * POSITIONS];
    private final double[] perps = new double[SUBACCOUNTS];
    private final int[] expiryIndex = new int[EXPIRIES];

    @Setup(Level.Trial)
    public void setUp()
    {
        for (int e = 0; e < EXPIRIES; e++)
        {
            for (int k = 0; k < STRIKES; k++)
            {
                final int s = e * STRIKES + k;
                strikes[s] = SPOT * (0.8 + 0.05 * k);
                types[s] = strikes[s] >= SPOT ? OptionType.CALL : OptionType.PUT;
                final double logMoneyness = Math.log(strikes[s] / SPOT);
                vols[s] = 0.5 + 0.4 * logMoneyness * logMoneyness - 0.1 * logMoneyness;
            }
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SUBACCOUNTS * POSITIONS; i++)
        {
            holdingSeries[i] = random.nextInt(SERIES);
            holdingAmounts[i] = (random.nextInt(20) - 10 + 0.5) * 0.1;
        }
        for (int a = 0; a < SUBACCOUNTS; a++)
        {
            perps[a] = random.nextInt(21) - 10;
        }
    }

    /**
     * Prices the 40 series in every scenario, then margins every subaccount.
     *
     * @return the sum of the initial margins, so that the work is used.
     */
    @Benchmark
    public double marginEverySubaccount()
    {
        for (int s = 0; s < SERIES; s++)
        {
            ScenarioPricer.price(parameters, EXPIRY_SECONDS[s / STRIKES], SPOT, 0.0, types[s], strikes[s], vols[s],
                table[s]);
        }
        double total = 0;
        for (int a = 0; a < SUBACCOUNTS; a++)
        {
            risk.reset(SPOT, 0.0).perpetual(perps[a], SPOT, 0.0);
            java.util.Arrays.fill(expiryIndex, -1);
            final int base = a * POSITIONS;
            for (int p = 0; p < POSITIONS; p++)
            {
                final int series = holdingSeries[base + p];
                final int expiry = series / STRIKES;
                if (expiryIndex[expiry] < 0)
                {
                    expiryIndex[expiry] = risk.expiry(EXPIRY_SECONDS[expiry], 0.0, 1.0);
                }
                risk.option(expiryIndex[expiry], holdingAmounts[base + p], strikes[series], table[series]);
            }
            total += risk.compute().initialMargin();
        }
        return total;
    }
}
