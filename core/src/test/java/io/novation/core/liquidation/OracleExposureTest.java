package io.novation.core.liquidation;

import io.novation.core.market.LiquidityTier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound every band of the health index rests on: for every price P in [a, b],
 * {@code up(a) − σ ≤ up(P) ≤ up(b) + σ} and {@code down(b) ≤ down(P) ≤ down(a)}, with σ computed from the two ends
 * only; and {@code up(P) ≤ up(c) + σ(0, c)} for every P at or below c.
 */
class OracleExposureTest
{
    /** A holding: a position (size in base quantums, tier by index) or, with tier -1, collateral in 1e-8 units. */
    record Holding(long size, int tier)
    {
    }

    private static final LiquidityTier[] TIERS = {
        LiquidityTier.of(0, "plain", 50_000, 600_000, 0, 0, 0),
        LiquidityTier.of(1, "premium", 50_000, 600_000, 400_000, 0, 0),
        LiquidityTier.of(2, "steep", 20_000, 1_000_000, 5_000_000, 0, 0),
        LiquidityTier.of(3, "full", 1_000_000, 1_000_000, 1_000_000, 0, 0)};

    @Provide
    Arbitrary<List<Holding>> holdings()
    {
        final Arbitrary<Holding> holding = Combinators.combine(
            Arbitraries.longs().between(-2_000_000_000_000L, 2_000_000_000_000L)
                .withDistribution(RandomDistribution.biased()).filter(size -> size != 0),
            Arbitraries.integers().between(-1, TIERS.length - 1)).as(Holding::new);
        return holding.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 2_000)
    void shouldBoundEveryPriceBetweenTheEndsOfAnInterval(
        @ForAll("holdings") final List<Holding> holdings,
        @ForAll @LongRange(min = 1_000, max = 20_000_000_000L) final long low,
        @ForAll @LongRange(min = 0, max = 2_000_000) final long widthPpm,
        @ForAll final long seed)
    {
        final OracleExposure exposure = exposure(holdings);
        final long high = low + low / 1_000_000 * widthPpm + widthPpm % 1_000;
        exposure.evaluateReference(high);
        final long upHigh = exposure.up;
        final long downHigh = exposure.down;
        exposure.evaluate(low);
        final long upLow = exposure.up;
        final long downLow = exposure.down;
        final long sigma = exposure.sigmaBelowReference();
        assertThat(sigma).isLessThanOrEqualTo(exposure.sigmaBelowReferenceBound());
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++)
        {
            final long price = i < 3 ? Math.min(high, low + i) : low + random.nextLong(high - low + 1);
            exposure.evaluate(price);
            assertThat(exposure.up).as("up at %d in [%d, %d]", price, low, high)
                .isBetween(upLow - sigma, upHigh + sigma);
            assertThat(exposure.down).as("down at %d", price).isBetween(downHigh, downLow);
            final long upAtPrice = exposure.up;
            final long sigmaToPrice = exposure.sigmaFromZero();
            assertThat(upAt(exposure, low)).as("up at %d below %d", low, price)
                .isLessThanOrEqualTo(upAtPrice + sigmaToPrice);
        }
    }

    @Test
    void shouldDipBetweenTheEndsWithASizePremium()
    {
        // One BTC long (dYdX units: ten quote quantums per price unit) in a tier with a size premium: its
        // maintenance fraction steps by a ppm now and then, raising the requirement at once by n / 1e6, about
        // 60,000 quantums, far more than the ten a price unit adds: the health is not monotone in the price.
        final LiquidityTier tier = TIERS[1];
        long step = 6_000_000_000L;
        final long fractionAtStart = tier.maintenanceMarginPpm(tier.sizeAdjustedInitialMarginPpm(10 * step));
        while (tier.maintenanceMarginPpm(tier.sizeAdjustedInitialMarginPpm(10 * step)) == fractionAtStart)
        {
            step++;
        }
        final OracleExposure exposure = new OracleExposure();
        exposure.reset(0, -5);
        exposure.addPosition(10_000_000_000L, -10, tier);
        final long a = step - 100;
        final long b = step + 100;
        exposure.evaluateReference(b);
        exposure.evaluate(a);
        final long upA = exposure.up;
        final long sigma = exposure.sigmaBelowReference();
        exposure.evaluate(step);
        assertThat(exposure.up).as("a dip below the lower end").isLessThan(upA - 50_000);
        assertThat(exposure.up).as("covered by the slack").isGreaterThanOrEqualTo(upA - sigma);
    }

    private static long upAt(final OracleExposure exposure, final long price)
    {
        exposure.evaluate(price);
        return exposure.up;
    }

    private static OracleExposure exposure(final List<Holding> holdings)
    {
        final OracleExposure exposure = new OracleExposure();
        exposure.reset(0, -5);
        for (final Holding holding : holdings)
        {
            if (holding.tier() < 0)
            {
                exposure.addCollateral(Math.abs(holding.size()) / 1_000, 8, 900_000);
            }
            else
            {
                exposure.addPosition(holding.size(), -10, TIERS[holding.tier()]);
            }
        }
        return exposure;
    }

    @Property(tries = 1_000)
    void shouldOrderBucketsAsTheValuesAreOrdered(@ForAll final long first, @ForAll final long second)
    {
        final int firstKey = TriggerLadder.key(first);
        final int secondKey = TriggerLadder.key(second);
        assertThat(firstKey).isNotNegative();
        assertThat(secondKey).isNotNegative();
        if (first < second)
        {
            assertThat(firstKey).isLessThanOrEqualTo(secondKey);
        }
        if (first >= -128 && first < 128 && second >= -128 && second < 128 && first != second)
        {
            assertThat(firstKey).isNotEqualTo(secondKey);
        }
    }
}
