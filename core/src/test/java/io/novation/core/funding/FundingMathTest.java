package io.novation.core.funding;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Funding arithmetic against dYdX v4's published test vectors ({@code x/perpetuals/funding/funding_test.go},
 * {@code x/perpetuals/lib/lib_test.go}), which use parts per million where Novation uses parts per billion: the
 * functions are unit-agnostic, so dYdX's inputs give dYdX's outputs.
 */
class FundingMathTest
{
    private static final long DYDX_PERIOD_SECONDS = 8 * 60 * 60;

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/dydx/funding-index-delta.csv")
    void shouldReproduceDydxFundingIndexDelta(final String name, final int atomicResolution, final long price,
        final int priceExponent, final long rate8hPpm, final long seconds, final long expected)
    {
        assertThat(FundingMath.indexDelta(rate8hPpm, seconds, DYDX_PERIOD_SECONDS, price, priceExponent,
            atomicResolution)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "zero index delta, 4000000000, 1000000, 4000000000, 0",
        "positive delta positive quantums, 123456789123, 1000000, 100000000000, -23456789123000000",
        "positive delta negative quantums, 123456789123, -1000000, 100000000000, 23456789123000000",
        "negative delta positive quantums, -123456789123, 1000000, -100000000000, 23456789123000000",
        "negative delta negative quantums, -123456789123, -1000000, -100000000000, -23456789123000000",
        "long index negative to positive, 100, 30000, -100, -6000000",
        "long index unchanged, 100, 1000000, 100, 0",
        "long index positive to zero, 0, 10000000, 100, 1000000000",
        "long index positive to negative, -200, 10000000, 100, 3000000000",
        "short index negative to positive, 100, -30000, -100, 6000000",
        "short index unchanged, 100, -1000, 100, 0",
        "short index positive to zero, 0, -5000000, 100, -500000000",
        "short index positive to negative, -50, -5000000, 100, -750000000",
    })
    void shouldReproduceDydxSettlement(final String name, final long marketIndex, final long quantums,
        final long positionIndex, final long expected)
    {
        assertThat(FundingMath.settlementInIndexUnits(positionIndex, marketIndex, quantums)).isEqualTo(expected);
    }

    @Test
    void shouldRoundSettlementAgainstBothPayerAndReceiver()
    {
        // 0.5 quantum each way: the long pays 1, the short receives 0, and each keeps back half a quantum.
        assertThat(FundingMath.settlementQuoteQuantums(0, 500, 1_000_000)).isEqualTo(-1);
        assertThat(FundingMath.settlementResidueNanos(0, 500, 1_000_000)).isEqualTo(500_000_000);
        assertThat(FundingMath.settlementQuoteQuantums(0, 500, -1_000_000)).isZero();
        assertThat(FundingMath.settlementResidueNanos(0, 500, -1_000_000)).isEqualTo(500_000_000);
    }

    @Property(tries = 2000)
    void shouldSplitTheExactSettlementIntoQuantumsAndResidue(
        @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) final long positionIndex,
        @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) final long marketIndex,
        @ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) final long size)
    {
        final BigInteger exact = BigInteger.valueOf(positionIndex - marketIndex).multiply(BigInteger.valueOf(size));
        final BigInteger[] floor = floorDivide(exact, BigInteger.valueOf(FundingParameters.PPB));
        if (floor[0].bitLength() >= 63)
        {
            return;
        }
        assertThat(FundingMath.settlementQuoteQuantums(positionIndex, marketIndex, size))
            .isEqualTo(floor[0].longValueExact());
        assertThat(FundingMath.settlementResidueNanos(positionIndex, marketIndex, size))
            .isEqualTo(floor[1].longValueExact());
    }

    @Test
    void shouldComputeImpactPremiumFromTheSideAwayFromTheIndex()
    {
        // Index 100; bid 101 is 1 % above: +1 %. Ask 98 is 2 % below: −2 %. Both inside the spread: 0.
        assertThat(FundingMath.impactPremiumPpb(101, 102, 100)).isEqualTo(10_000_000);
        assertThat(FundingMath.impactPremiumPpb(97, 98, 100)).isEqualTo(-20_000_000);
        assertThat(FundingMath.impactPremiumPpb(99, 101, 100)).isZero();
        assertThat(FundingMath.impactPremiumPpb(0, 99, 100)).isEqualTo(-10_000_000);
        assertThat(FundingMath.impactPremiumPpb(0, 0, 100)).isZero();
    }

    @Test
    void shouldComputeMarkPremium()
    {
        assertThat(FundingMath.markPremiumPpb(60_060, 60_000)).isEqualTo(1_000_000);
        assertThat(FundingMath.markPremiumPpb(59_940, 60_000)).isEqualTo(-1_000_000);
    }

    @Test
    void shouldClampTheRateToTheTierSpread()
    {
        // dYdX large cap: IMF 5 %, MMF 3 %, clamp factor 600 %: 12 % per 8 hours.
        assertThat(FundingMath.clampBoundPpb(6_000_000, 50_000, 30_000)).isEqualTo(120_000_000);
        assertThat(FundingMath.clamp(200_000_000, 120_000_000)).isEqualTo(120_000_000);
        assertThat(FundingMath.clamp(-200_000_000, 120_000_000)).isEqualTo(-120_000_000);
    }

    @Test
    void shouldApplyBitmexInterestAdjustment()
    {
        // I = 0.01 %, clamp 0.05 %: a premium of 0.03 % gives I; 0.1 % gives P − 0.05 %; −0.1 % gives P + 0.05 %.
        assertThat(FundingMath.rate8hPpb(300_000, 100_000, 500_000, 120_000_000)).isEqualTo(100_000);
        assertThat(FundingMath.rate8hPpb(1_000_000, 100_000, 500_000, 120_000_000)).isEqualTo(500_000);
        assertThat(FundingMath.rate8hPpb(-1_000_000, 100_000, 500_000, 120_000_000)).isEqualTo(-500_000);
        assertThat(FundingMath.rate8hPpb(200_000_000, 100_000, 500_000, 120_000_000)).isEqualTo(120_000_000);
    }

    private static BigInteger[] floorDivide(final BigInteger a, final BigInteger b)
    {
        final BigInteger[] qr = a.divideAndRemainder(b);
        if (qr[1].signum() < 0)
        {
            return new BigInteger[] {qr[0].subtract(BigInteger.ONE), qr[1].add(b)};
        }
        return qr;
    }
}
