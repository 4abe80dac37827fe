package io.novation.core.margin;

import io.novation.core.market.LiquidityTier;
import io.novation.core.money.Rounding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.novation.core.margin.PerpetualMath.baseQuantumsForNotional;
import static io.novation.core.margin.PerpetualMath.initialMarginRequirement;
import static io.novation.core.margin.PerpetualMath.maintenanceMarginRequirement;
import static io.novation.core.margin.PerpetualMath.notionalQuoteQuantums;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reproduces the published cases of dYdX v4 {@code protocol/x/perpetuals/lib/lib_test.go} (net notional and margin
 * requirements) and {@code protocol/lib/quantums_test.go} (base/quote conversion), with dYdX's rounding: notionals
 * truncated toward zero, requirements rounded up.
 */
class PerpetualMathTest
{
    /**
     * dYdX {@code TestGetNetNotionalInQuoteQuantums}: atomic resolution -16, price 123,456,789,123 at exponent -5.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'zero quantums',      0,              0",
        "'positive quantums',  1000000000000,  123456789",
        "'negative quantums',  -1000000000000, -123456789",
    })
    void shouldComputeNetNotionalAsDydxDoes(final String dydxCase, final long baseQuantums, final long expected)
    {
        assertThat(notionalQuoteQuantums(baseQuantums, 123_456_789_123L, -5, -16, Rounding.TOWARD_ZERO))
            .isEqualTo(expected);
    }

    @Test
    void shouldRoundNotionalInTheDirectionAsked()
    {
        // 123,456,789.123 quote quantums, long and short.
        assertThat(notionalQuoteQuantums(1_000_000_000_000L, 123_456_789_123L, -5, -16, Rounding.DOWN))
            .isEqualTo(123_456_789);
        assertThat(notionalQuoteQuantums(-1_000_000_000_000L, 123_456_789_123L, -5, -16, Rounding.DOWN))
            .isEqualTo(-123_456_790);
        assertThat(notionalQuoteQuantums(-1_000_000_000_000L, 123_456_789_123L, -5, -16, Rounding.AWAY_FROM_ZERO))
            .isEqualTo(-123_456_790);
        assertThat(notionalQuoteQuantums(1_000_000_000_000L, 123_456_789_123L, -5, -16, Rounding.AWAY_FROM_ZERO))
            .isEqualTo(123_456_790);
    }

    /**
     * dYdX {@code TestGetMarginRequirementsInQuoteQuantums}: atomic resolution 4, price 123,456,789,123 at exponent
     * -5, open interest 10^12 base quantums, IM 20 %, MF 50 %. The open interest is worth 1.23e28 quote quantums,
     * which does not fit a long (see {@link #shouldRejectOpenInterestNotionalsBeyondALong()}); any value at or above
     * the upper cap gives the same fraction, so the rows with caps pass {@code Long.MAX_VALUE}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'zero quantums',                              0,  0,             0,             0,                 0",
        "'positive quantums',                          1,  0,             0,             2469135782460000,  1234567891230000",
        "'positive quantums, open interest above cap', 1,  1000000000000, 2000000000000, 12345678912300000, 1234567891230000",
        "'negative quantums',                          -1, 0,             0,             2469135782460000,  1234567891230000",
        "'negative quantums, open interest above cap', -1, 1000000000000, 2000000000000, 12345678912300000, 1234567891230000",
    })
    void shouldComputeMarginRequirementsAsDydxDoes(
        final String dydxCase,
        final long baseQuantums,
        final long lowerCap,
        final long upperCap,
        final long expectedInitial,
        final long expectedMaintenance)
    {
        final LiquidityTier tier = LiquidityTier.of(0, "name", 200_000, 500_000, 0, lowerCap, upperCap);
        final long notional = notionalQuoteQuantums(baseQuantums, 123_456_789_123L, -5, 4, Rounding.TOWARD_ZERO);

        final long imfPpm = tier.initialMarginPpmAtOpenInterest(Long.MAX_VALUE);

        assertThat(initialMarginRequirement(notional, imfPpm)).isEqualTo(expectedInitial);
        assertThat(maintenanceMarginRequirement(notional, tier.initialMarginPpm(), tier.maintenanceFractionPpm()))
            .isEqualTo(expectedMaintenance);
    }

    @Test
    void shouldRejectOpenInterestNotionalsBeyondALong()
    {
        assertThatThrownBy(() ->
            notionalQuoteQuantums(1_000_000_000_000L, 123_456_789_123L, -5, 4, Rounding.TOWARD_ZERO))
            .isInstanceOf(ArithmeticException.class);
    }

    /**
     * dYdX {@code TestGetMarginRequirementsInQuoteQuantums_2}: every case of the current version (prices at exponent
     * -1), then the cases of the earlier version with zero and positive exponents that the current one dropped
     * ("TODO: Add back tests for positive and zero exponent"). Open interest is in base quantums, caps in quote
     * quantums; a cap of 0 means no open-interest adjustment. The maximum-uint case is
     * {@link #shouldRejectRequirementsOfPositionsWorthMoreThanALong()}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // current version
        "'InitialMargin 100 BIPs, MaintenanceMargin 50 BIPs, atomic resolution 4', 55550, -1, -4, 7000, 10000, 500000, 0, 0, 0, 38885000, 19442500",
        "'InitialMargin 100 BIPs, MaintenanceMargin 50 BIPs, negative exponent, atomic resolution 6', 42000000, -2, -6, -5000, 10000, 500000, 0, 0, 0, 21000000, 10500000",
        "'InitialMargin 10_000 BIPs (max), MaintenanceMargin 10_000 BIPs (max), atomic resolution 6', 55550, -1, -6, 7000, 1000000, 1000000, 0, 0, 0, 38885000, 38885000",
        "'InitialMargin 100 BIPs, MaintenanceMargin 100 BIPs, atomic resolution 6', 55550, -1, -6, 7000, 10000, 1000000, 0, 0, 0, 388850, 388850",
        "'InitialMargin 0 BIPs (min), MaintenanceMargin 0 BIPs (min), atomic resolution 6', 55550, -1, -6, 7000, 0, 1000000, 0, 0, 0, 0, 0",
        "'Price is zero, atomic resolution 6', 0, -1, -6, -7000, 100, 1000000, 0, 0, 0, 0, 0",
        "'InitialMargin 100 BIPs, MaintenanceMargin 50 BIPs, atomic resolution 6', 55550, -1, -6, 7000, 10000, 500000, 0, 0, 0, 388850, 194425",
        "'InitialMargin 20%, MaintenanceMargin 10%, atomic resolution 6', 367500, -1, -6, 12000, 200000, 500000, 0, 0, 0, 88200000, 44100000",
        "'InitialMargin 5%, MaintenanceMargin 3%, atomic resolution 6', 1234560, -1, -6, 74523, 50000, 600000, 0, 0, 0, 460015575, 276009345",
        "'InitialMargin 25%, MaintenanceMargin 15%, atomic resolution 6', 1234560, -1, -6, 74523, 250000, 600000, 0, 0, 0, 2300077872, 1380046724",
        "'OIMF: IM 20%, scaled to 60%, MaintenanceMargin 10%, atomic resolution 6', 367500, -1, -6, 12000, 200000, 500000, 408163265, 10000000000000, 20000000000000, 264599559, 44100000",
        "'OIMF: IM 20%, scaled to 100%, MaintenanceMargin 10%, atomic resolution 6', 367500, -1, -6, 12000, 200000, 500000, 1000000000, 10000000000000, 20000000000000, 441000000, 44100000",
        "'OIMF: IM 20%, lower_cap < realistic open interest < upper_cap, MaintenanceMargin 10%, atomic resolution 6', 367500, -1, -6, 12000, 200000, 500000, 1123456789, 25000000000000, 50000000000000, 318042585, 44100000",
        // earlier version: zero and positive exponents
        "'(earlier) InitialMargin 2 BIPs, MaintenanceMargin 1 BIP, positive exponent, atomic resolution 8', 5555, 2, -8, 7000, 200, 500000, 0, 0, 0, 7777, 3889",
        "'(earlier) InitialMargin 100 BIPs, MaintenanceMargin 50 BIPs, atomic resolution 4', 5555, 0, -4, 7000, 10000, 500000, 0, 0, 0, 38885000, 19442500",
        "'(earlier) InitialMargin 100 BIPs, MaintenanceMargin 50 BIPs, positive exponent, atomic resolution 0', 42, 5, 0, 88, 10000, 500000, 0, 0, 0, 3696000000000, 1848000000000",
        "'(earlier) InitialMargin 10_000 BIPs (max), MaintenanceMargin 10_000 BIPs (max), atomic resolution 6', 5555, 0, -6, 7000, 1000000, 1000000, 0, 0, 0, 38885000, 38885000",
        "'(earlier) InitialMargin 100 BIPs, MaintenanceMargin 100 BIPs, atomic resolution 6', 5555, 0, -6, 7000, 10000, 1000000, 0, 0, 0, 388850, 388850",
        "'(earlier) InitialMargin 0.02 BIPs, MaintenanceMargin 0.01 BIPs, positive exponent, atomic resolution 6', 5555, 3, -6, -7000, 2, 500000, 0, 0, 0, 77770, 38885",
        "'(earlier) InitialMargin 0 BIPs (min), MaintenanceMargin 0 BIPs (min), atomic resolution 6', 5555, 0, -6, 7000, 0, 1000000, 0, 0, 0, 0, 0",
        "'(earlier) Price is zero, atomic resolution 6', 0, 1, -6, -7000, 100, 1000000, 0, 0, 0, 0, 0",
        "'(earlier) InitialMargin 100 BIPs, MaintenanceMargin 50 BIPs, atomic resolution 6', 5555, 0, -6, 7000, 10000, 500000, 0, 0, 0, 388850, 194425",
        "'(earlier) InitialMargin 20%, MaintenanceMargin 10%, atomic resolution 6', 36750, 0, -6, 12000, 200000, 500000, 0, 0, 0, 88200000, 44100000",
        "'(earlier) InitialMargin 5%, MaintenanceMargin 3%, atomic resolution 6', 123456, 0, -6, 74523, 50000, 600000, 0, 0, 0, 460015575, 276009345",
        "'(earlier) InitialMargin 25%, MaintenanceMargin 15%, atomic resolution 6', 123456, 0, -6, 74523, 250000, 600000, 0, 0, 0, 2300077872, 1380046724",
        "'(earlier) OIMF: IM 20%, scaled to 60%, MaintenanceMargin 10%, atomic resolution 6', 36750, 0, -6, 12000, 200000, 500000, 408163265, 10000000000000, 20000000000000, 264599559, 44100000",
        "'(earlier) OIMF: IM 20%, scaled to 100%, MaintenanceMargin 10%, atomic resolution 6', 36750, 0, -6, 12000, 200000, 500000, 1000000000, 10000000000000, 20000000000000, 441000000, 44100000",
        "'(earlier) OIMF: IM 20%, lower_cap < realistic open interest < upper_cap, MaintenanceMargin 10%, atomic resolution 6', 36750, 0, -6, 12000, 200000, 500000, 1123456789, 25000000000000, 50000000000000, 318042585, 44100000",
    })
    void shouldComputeMarginRequirementsOfMarketsAsDydxDoes(
        final String dydxCase,
        final long price,
        final int priceExponent,
        final int atomicResolution,
        final long baseQuantums,
        final long initialMarginPpm,
        final long maintenanceFractionPpm,
        final long openInterestBaseQuantums,
        final long lowerCap,
        final long upperCap,
        final long expectedInitial,
        final long expectedMaintenance)
    {
        final long notional =
            notionalQuoteQuantums(baseQuantums, price, priceExponent, atomicResolution, Rounding.TOWARD_ZERO);
        final long imfPpm;
        if (upperCap == 0)
        {
            imfPpm = initialMarginPpm;
        }
        else
        {
            final LiquidityTier tier =
                LiquidityTier.of(0, "name", initialMarginPpm, maintenanceFractionPpm, 0, lowerCap, upperCap);
            imfPpm = tier.initialMarginPpmAtOpenInterest(notionalQuoteQuantums(
                openInterestBaseQuantums, price, priceExponent, atomicResolution, Rounding.TOWARD_ZERO));
        }

        assertThat(initialMarginRequirement(notional, imfPpm)).isEqualTo(expectedInitial);
        // dYdX's two roundings: ceil(ceil(|n| * im) * mf), from the base IM.
        assertThat(maintenanceMarginRequirement(notional, initialMarginPpm, maintenanceFractionPpm))
            .isEqualTo(expectedMaintenance);
        // One rounding from the maintenance fraction, itself rounded up, agrees on every published case.
        final long mmfPpm = LiquidityTier.of(0, "name", 1, maintenanceFractionPpm, 0, 0, 0)
            .maintenanceMarginPpm(initialMarginPpm);
        assertThat(maintenanceMarginRequirement(notional, mmfPpm)).isEqualTo(expectedMaintenance);
    }

    /**
     * dYdX "Price and quantums are max uints" (both versions): the published requirement, about 3.4e33 quote
     * quantums, does not fit a long, so the notional is an overflow here.
     */
    @Test
    void shouldRejectRequirementsOfPositionsWorthMoreThanALong()
    {
        assertThatThrownBy(() -> notionalQuoteQuantums(Long.MAX_VALUE, Long.MAX_VALUE, -1, -6, Rounding.TOWARD_ZERO))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> notionalQuoteQuantums(Long.MAX_VALUE, Long.MAX_VALUE, 1, -6, Rounding.TOWARD_ZERO))
            .isInstanceOf(ArithmeticException.class);
    }

    /**
     * dYdX {@code TestBaseToQuoteQuantums} ({@code protocol/lib/quantums_test.go}): every case whose input fits a
     * long; the two overflow cases start from 2^64 - 1 base quantums and are
     * {@link #shouldRejectConversionsBeyondALong()} here.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Converts from base to quote quantums',             1,       -6, 1, 1,  10",
        "'Correctly converts negative value',                -100,    -6, 1, 1,  -1000",
        "'priceExponent is negative',                        5000000, -6, 7, -5, 350",
        "'priceExponent is zero',                            5000000, -6, 7, 0,  35000000",
        "'baseCurrencyAtomicResolution is greater than 10^6', 5000000, -8, 7, 0,  350000",
        "'baseCurrencyAtomicResolution is less than 10^6',   5000000, -4, 7, 1,  35000000000",
        "'Calculation rounds down',                          9,       -8, 1, 1,  0",
        "'Negative calculation rounds up',                   -9,      -8, 1, 1,  0",
    })
    void shouldConvertBaseToQuoteQuantumsAsDydxDoes(
        final String dydxCase,
        final long baseQuantums,
        final int atomicResolution,
        final long price,
        final int priceExponent,
        final long expected)
    {
        assertThat(notionalQuoteQuantums(baseQuantums, price, priceExponent, atomicResolution, Rounding.TOWARD_ZERO))
            .isEqualTo(expected);
    }

    /**
     * dYdX {@code TestQuoteToBaseQuantums} ({@code protocol/lib/quantums_test.go}): every case whose input fits a
     * long.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Converts from base to quote quantums',             10,          -6, 1, 1,  1",
        "'Correctly converts negative value',                -1000,       -6, 1, 1,  -100",
        "'priceExponent is negative',                        350,         -6, 7, -5, 5000000",
        "'priceExponent is zero',                            35000000,    -6, 7, 0,  5000000",
        "'baseCurrencyAtomicResolution is greater than 10^6', 350000,      -8, 7, 0,  5000000",
        "'baseCurrencyAtomicResolution is less than 10^6',   35000000000, -4, 7, 1,  5000000",
        "'Calculation rounds down',                          99,          -6, 1, 1,  9",
        "'Negative calculation rounds up',                   -99,         -6, 1, 1,  -9",
    })
    void shouldConvertQuoteToBaseQuantumsAsDydxDoes(
        final String dydxCase,
        final long quoteQuantums,
        final int atomicResolution,
        final long price,
        final int priceExponent,
        final long expected)
    {
        assertThat(baseQuantumsForNotional(quoteQuantums, price, priceExponent, atomicResolution, Rounding.TOWARD_ZERO))
            .isEqualTo(expected);
    }

    /**
     * dYdX's "Calculation overflows" and "Calculation underflows" cases, from the largest longs instead of
     * 2^64 - 1: the results do not fit a long.
     */
    @Test
    void shouldRejectConversionsBeyondALong()
    {
        assertThatThrownBy(() -> notionalQuoteQuantums(Long.MAX_VALUE, 2, 0, -6, Rounding.TOWARD_ZERO))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> notionalQuoteQuantums(Long.MIN_VALUE, 2, 0, -6, Rounding.TOWARD_ZERO))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> baseQuantumsForNotional(Long.MAX_VALUE, 1, 0, -7, Rounding.TOWARD_ZERO))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> baseQuantumsForNotional(Long.MIN_VALUE, 1, 0, -7, Rounding.TOWARD_ZERO))
            .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldRoundRequirementsUpOnTheMagnitude()
    {
        // 10 % of 1 quote quantum is 0.1, owed as 1 whether the position is long or short.
        assertThat(initialMarginRequirement(1, 100_000)).isEqualTo(1);
        assertThat(initialMarginRequirement(-1, 100_000)).isEqualTo(1);
        assertThat(maintenanceMarginRequirement(-1, 1)).isEqualTo(1);
        assertThat(maintenanceMarginRequirement(0, 1_000_000)).isZero();
        assertThat(initialMarginRequirement(Long.MAX_VALUE, 1_000_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldRejectFractionsOutsideZeroToOneHundredPercent()
    {
        assertThatThrownBy(() -> initialMarginRequirement(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> initialMarginRequirement(1, 1_000_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> maintenanceMarginRequirement(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> maintenanceMarginRequirement(1, 50_000, 1_000_001))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> initialMarginRequirement(Long.MIN_VALUE, 1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldRejectNegativeOrZeroPrices()
    {
        assertThatThrownBy(() -> notionalQuoteQuantums(1, -1, 0, 0, Rounding.DOWN))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> baseQuantumsForNotional(1, -1, 0, 0, Rounding.DOWN))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> baseQuantumsForNotional(1, 0, 0, 0, Rounding.DOWN))
            .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldValueOneBitcoinAtDydxGenesisUnits()
    {
        // BTC-USD at dYdX genesis: atomic resolution -10, price exponent -5. 1 BTC = 10^10 base quantums;
        // a price value of 6,500,000,000 is 65,000 USDC.
        final long oneBitcoin = 10_000_000_000L;
        final long price = 6_500_000_000L;

        final long notional = notionalQuoteQuantums(oneBitcoin, price, -5, -10, Rounding.DOWN);

        assertThat(notional).isEqualTo(65_000_000_000L);
        assertThat(baseQuantumsForNotional(notional, price, -5, -10, Rounding.DOWN)).isEqualTo(oneBitcoin);
        assertThat(initialMarginRequirement(notional, LiquidityTier.largeCap().initialMarginPpm()))
            .isEqualTo(3_250_000_000L);
    }
}
