package io.novation.core.liquidation;

import io.novation.core.market.LiquidityTier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.LongRange;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims of {@link PriceBands}, checked by valuing the exposure at many prices of the region each claims
 * (random ones, and every price unit near the edges): within the band, the health moves by no less than the loss cap
 * and no more than the gain cap; beyond a certain threshold, it has moved by more than the target, at every price.
 */
class PriceBandsTest
{
    private static final LiquidityTier[] TIERS = {
        LiquidityTier.of(0, "plain", 50_000, 600_000, 0, 0, 0),
        LiquidityTier.of(1, "premium", 50_000, 600_000, 400_000, 0, 0),
        LiquidityTier.of(2, "steep", 20_000, 1_000_000, 5_000_000, 0, 0)};

    @Provide
    Arbitrary<Long> sizes()
    {
        return Arbitraries.longs().between(1_000_000L, 5_000_000_000_000L).withDistribution(RandomDistribution.biased());
    }

    @Property(tries = 500)
    void shouldHoldEveryClaimAtEveryPriceOfItsRegion(
        @ForAll("sizes") final long size,
        @ForAll("sizes") final long otherSize,
        @ForAll @LongRange(min = 0, max = 2) final long tier,
        @ForAll @LongRange(min = 0, max = 3) final long shape,
        @ForAll @LongRange(min = 100_000_000L, max = 10_000_000_000L) final long price,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long capPpm,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long targetPpm,
        @ForAll final long seed)
    {
        // Shapes: a long; a short; a long and collateral; a long and a short (mixed).
        final OracleExposure exposure = new OracleExposure();
        exposure.reset(0, -5);
        final boolean longs = shape != 1;
        exposure.addPosition(longs ? size : -size, -10, TIERS[(int)tier]);
        if (shape == 2)
        {
            exposure.addCollateral(otherSize / 100, 8, 900_000);
        }
        if (shape == 3)
        {
            exposure.addPosition(-otherSize, -10, TIERS[0]);
        }
        exposure.evaluateReference(price);
        final long g0 = exposure.up0 + exposure.down0;
        final long scale = Math.max(1, exposure.gross0 / 1_000_000);
        final long lossCap = scale * capPpm / 10;
        final long gainCap = seed % 3 == 0 ? PriceBands.UNBOUNDED : scale * (1_000_000 - capPpm) / 10;
        final SplittableRandom random = new SplittableRandom(seed);

        final long lower = PriceBands.lowerEdge(exposure, lossCap, gainCap);
        final long upper = PriceBands.upperEdge(exposure, lossCap, gainCap);
        final long from = lower == TriggerLadder.NONE ? 1 : lower;
        final long to = upper == TriggerLadder.NONE ? price * 4 : upper;
        for (final long p : samples(random, from, to, price))
        {
            exposure.evaluate(p);
            final long move = exposure.up + exposure.down - g0;
            assertThat(move).as("move at %d in band [%d, %d] around %d", p, from, to, price)
                .isGreaterThanOrEqualTo(-lossCap);
            if (gainCap != PriceBands.UNBOUNDED)
            {
                assertThat(move).as("move at %d", p).isLessThanOrEqualTo(gainCap);
            }
        }

        final long target = scale * targetPpm / 10;
        if (!exposure.hasDown && lower != TriggerLadder.NONE)
        {
            final long certain = PriceBands.certainFallBelow(exposure, target, lower);
            if (certain != TriggerLadder.NONE)
            {
                assertThat(certain).isLessThan(lower);
                for (final long p : samples(random, 1, certain, certain))
                {
                    exposure.evaluate(p);
                    assertThat(exposure.up0 - exposure.up).as("fall at %d below %d", p, certain).isGreaterThan(target);
                }
            }
        }
        if (!exposure.hasUp && upper != TriggerLadder.NONE)
        {
            final long certain = PriceBands.certainFallAbove(exposure, target, upper);
            if (certain != TriggerLadder.NONE)
            {
                assertThat(certain).isGreaterThan(upper);
                for (final long p : samples(random, certain, price * 4, certain))
                {
                    exposure.evaluate(p);
                    assertThat(exposure.down0 - exposure.down).as("fall at %d", p).isGreaterThan(target);
                }
            }
        }
        if (!exposure.hasDown && !exposure.sizePremium && upper != TriggerLadder.NONE)
        {
            final long certain = PriceBands.certainRiseAbove(exposure, target, upper);
            if (certain != TriggerLadder.NONE)
            {
                for (final long p : samples(random, certain, price * 4, certain))
                {
                    exposure.evaluate(p);
                    assertThat(exposure.up - exposure.up0).as("rise at %d", p).isGreaterThanOrEqualTo(target);
                }
            }
        }
        if (!exposure.hasUp && lower != TriggerLadder.NONE)
        {
            final long certain = PriceBands.certainRiseBelow(exposure, target, lower);
            if (certain != TriggerLadder.NONE)
            {
                for (final long p : samples(random, 1, certain, certain))
                {
                    exposure.evaluate(p);
                    assertThat(exposure.down - exposure.down0).as("rise at %d", p).isGreaterThanOrEqualTo(target);
                }
            }
        }
    }

    /**
     * Prices in [from, to]: every unit within 1,000 of the ends and within 10,000 of {@code near} (a size premium's
     * dips are a few thousand units wide), and 300 at random.
     */
    private static long[] samples(final SplittableRandom random, final long from, final long to, final long near)
    {
        final long[] prices = new long[300 + 2 * 2_001 + 20_001];
        int count = 0;
        final long[] centres = {from, to, near};
        for (int c = 0; c < centres.length; c++)
        {
            final long centre = centres[c];
            final long reach = c == 2 ? 10_000 : 1_000;
            for (long p = centre - reach; p <= centre + reach; p++)
            {
                prices[count++] = Math.max(from, Math.min(to, p));
            }
        }
        for (int i = 0; i < 300; i++)
        {
            prices[count++] = from + random.nextLong(to - from + 1);
        }
        return prices;
    }
}
