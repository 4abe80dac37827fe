package io.novation.core.margin.strategy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins each strategy rule of {@link StrategyMargin} on hand-computed books: prices in USD (price exponent 0), sizes
 * in millionths of a unit (atomic resolution −6), so that one unit at one USD is one USDC of quote quantums.
 */
class StrategyMarginTest
{
    private static final long U = 1_000_000L;
    private static final long JUNE = 1_000_000L;
    private static final long SEPTEMBER = 2_000_000L;

    private final StrategyMargin strategies = new StrategyMargin();
    private int nextSeries = 65_536;

    @Test
    void shouldMarginShortCallSpreadAtItsWidth()
    {
        shortCall(JUNE, 100, 1, 10, 15, 9);
        longCall(JUNE, 110, 1, 6);

        assertThat(strategies.compute()).isTrue();

        // Max loss 10 per unit, the short's liability of 10 already in net collateral: nothing more is required.
        assertThat(strategies.initialSaving()).isEqualTo(15 * U);
        assertThat(strategies.initialCredit()).isZero();
        // Maintenance net collateral counts the long at 6: the requirement 10 − 10 + 6 = 6 leaves cash ≥ 10.
        assertThat(strategies.maintenanceSaving()).isEqualTo(9 * U - 6 * U);
    }

    @Test
    void shouldLetLongCallSpreadOffsetItsShortLegInInitialCollateral()
    {
        longCall(JUNE, 100, 1, 10);
        shortCall(JUNE, 110, 1, 6, 14, 9);

        assertThat(strategies.compute()).isTrue();

        // Cannot lose at expiry: the long's value offsets the short's liability of 6, and no requirement is left.
        assertThat(strategies.initialSaving()).isEqualTo(14 * U);
        assertThat(strategies.initialCredit()).isEqualTo(6 * U);
        // Maintenance: max loss 0 − liability 6 + the long's value 10 = 4.
        assertThat(strategies.maintenanceSaving()).isEqualTo(9 * U - 4 * U);
    }

    @Test
    void shouldMarginLongButterflyAtNoLoss()
    {
        longCall(JUNE, 90, 1, 14);
        shortCall(JUNE, 100, 2, 16, 30, 18);
        longCall(JUNE, 110, 1, 4);

        assertThat(strategies.compute()).isTrue();

        assertThat(strategies.initialSaving()).isEqualTo(30 * U);
        assertThat(strategies.initialCredit()).isEqualTo(16 * U);
        // Maintenance: max loss 0 − liabilities 16 + the longs' value 18 = 2.
        assertThat(strategies.maintenanceSaving()).isEqualTo(18 * U - 2 * U);
    }

    @Test
    void shouldMarginShortBoxAtItsConstantLoss()
    {
        shortCall(JUNE, 90, 1, 12, 15, 9);
        longCall(JUNE, 110, 1, 3);
        shortPut(JUNE, 110, 1, 12, 15, 9);
        longPut(JUNE, 90, 1, 3);

        assertThat(strategies.compute()).isTrue();

        // The box pays −20 whatever the price: liabilities 24, so a credit of 4 leaves a reserve of exactly 20.
        assertThat(strategies.initialSaving()).isEqualTo(30 * U);
        assertThat(strategies.initialCredit()).isEqualTo(4 * U);
        final long reserve = 30 * U - strategies.initialSaving() - strategies.initialCredit() + 24 * U;
        assertThat(reserve).isEqualTo(20 * U);
        // Maintenance: max loss 20 − liabilities 24 + the longs' value 6 = 2.
        assertThat(strategies.maintenanceSaving()).isEqualTo(18 * U - 2 * U);
    }

    @Test
    void shouldMarginCalendarWhenTheShortExpiresFirst()
    {
        shortCall(JUNE, 100, 1, 5, 15, 9);
        longCall(SEPTEMBER, 100, 1, 8);

        assertThat(strategies.compute()).isTrue();

        // At June's expiry the September call is worth at least its intrinsic value, which pays the short's payoff.
        assertThat(strategies.initialSaving()).isEqualTo(15 * U);
        assertThat(strategies.initialCredit()).isEqualTo(5 * U);
        // Maintenance: max loss 0 − liability 5 + the September call's value 8 = 3.
        assertThat(strategies.maintenanceSaving()).isEqualTo(9 * U - 3 * U);
    }

    @Test
    void shouldNotPairCalendarWhenTheLongExpiresFirst()
    {
        longCall(JUNE, 100, 1, 5);
        shortCall(SEPTEMBER, 100, 1, 8, 15, 9);

        assertThat(strategies.compute()).isFalse();

        assertThat(strategies.initialSaving()).isZero();
        assertThat(strategies.maintenanceSaving()).isZero();
        assertThat(strategies.initialCredit()).isZero();
    }

    @Test
    void shouldLeaveUncoveredShortCallsNaked()
    {
        shortCall(JUNE, 100, 2, 20, 30, 18);
        longCall(JUNE, 110, 1, 6);

        assertThat(strategies.compute()).isTrue();

        // One short call stays naked (15 initial, 9 maintenance); the other is a spread with nothing more to hold
        // initially, and 10 − 10 + the long's value 6 = 6 in maintenance.
        assertThat(strategies.initialSaving()).isEqualTo(15 * U);
        assertThat(strategies.initialCredit()).isZero();
        assertThat(strategies.maintenanceSaving()).isEqualTo(18 * U - 9 * U - 6 * U);
    }

    @Test
    void shouldLeaveUncoveredShortPutsNakedWhenThatIsCheaper()
    {
        shortPut(JUNE, 100, 2, 10, 30, 18);
        longPut(JUNE, 90, 1, 2);

        assertThat(strategies.compute()).isTrue();

        // Whole book: loses 110 at zero. Split: a 100/90 put spread (loss 10, liability 5) and one naked put (15).
        assertThat(strategies.initialSaving()).isEqualTo(10 * U);
        assertThat(strategies.initialCredit()).isZero();
        // Maintenance of the spread: max loss 10 − liability 5 + the long's value 2 = 7.
        assertThat(strategies.maintenanceSaving()).isEqualTo(18 * U - 9 * U - 7 * U);
    }

    @Test
    void shouldKeepNakedMarginWhenNothingCoversAShort()
    {
        shortCall(JUNE, 100, 1, 10, 15, 9);
        longPut(JUNE, 90, 1, 3);
        shortPut(SEPTEMBER, 80, 1, 2, 13, 9);

        assertThat(strategies.compute()).isFalse();

        assertThat(strategies.initialSaving()).isZero();
        assertThat(strategies.maintenanceSaving()).isZero();
        assertThat(strategies.initialCredit()).isZero();
    }

    @Test
    void shouldNotPairAcrossUnderlyings()
    {
        shortCall(JUNE, 100, 1, 10, 15, 9);
        strategies.add(nextSeries++, 1, -6, 0, JUNE, true, 110, U, 6 * U, 0, 0);

        assertThat(strategies.compute()).isFalse();
    }

    @Test
    void shouldForgetLegsOnReset()
    {
        shortCall(JUNE, 100, 1, 10, 15, 9);
        longCall(JUNE, 110, 1, 6);
        strategies.reset();
        shortCall(JUNE, 100, 1, 10, 15, 9);

        assertThat(strategies.compute()).isFalse();
        assertThat(strategies.initialSaving()).isZero();
    }

    @Test
    void shouldMarginAProtectivePutAtTheGapToItsStrike()
    {
        strategies.addPerpetual(0, -6, 0, U, 100, 10 * U, 9 * U);
        longPut(JUNE, 98, 1, 2);

        assertThat(strategies.compute()).isTrue();

        // The perpetual can lose 2 before the put pays: initial 10 → 2; maintenance 9 → 2 + the put's value of 2.
        assertThat(strategies.initialSaving()).isEqualTo(8 * U);
        assertThat(strategies.maintenanceSaving()).isEqualTo(5 * U);
        assertThat(strategies.initialCredit()).isZero();
    }

    @Test
    void shouldMarginAShortPerpetualProtectedByACall()
    {
        strategies.addPerpetual(0, -6, 0, -U, 100, 10 * U, 9 * U);
        longCall(JUNE, 102, 1, 3);

        assertThat(strategies.compute()).isTrue();

        assertThat(strategies.initialSaving()).isEqualTo(8 * U);
        assertThat(strategies.maintenanceSaving()).isEqualTo(4 * U);
    }

    @Test
    void shouldProtectOnlyThePartOfThePerpetualTheOptionsCover()
    {
        strategies.addPerpetual(0, -6, 0, 2 * U, 100, 20 * U, 18 * U);
        longPut(JUNE, 98, 1, 2);

        assertThat(strategies.compute()).isTrue();

        // Half the perpetual is protected: its half of the requirement, 10, becomes 2.
        assertThat(strategies.initialSaving()).isEqualTo(8 * U);
        assertThat(strategies.maintenanceSaving()).isEqualTo(5 * U);
    }

    @Test
    void shouldNotOffsetACoveredCall()
    {
        // Long perpetual, short call: the combination still loses the whole perpetual as the price falls to zero.
        strategies.addPerpetual(0, -6, 0, U, 100, 10 * U, 9 * U);
        shortCall(JUNE, 105, 1, 3, 13, 9);

        assertThat(strategies.compute()).isFalse();
        assertThat(strategies.initialSaving()).isZero();
    }

    @Test
    void shouldNotProtectAPerpetualWithAnOptionAlreadyInASpread()
    {
        strategies.addPerpetual(0, -6, 0, U, 100, 10 * U, 9 * U);
        longPut(JUNE, 98, 1, 2);
        shortPut(JUNE, 90, 1, 1, 13, 9);
        final StrategyMargin spreadOnly = new StrategyMargin();
        spreadOnly.add(1, 0, -6, 0, JUNE, false, 98, U, 2 * U, 0, 0);
        spreadOnly.add(2, 0, -6, 0, JUNE, false, 90, -U, -U, 13 * U, 9 * U);
        spreadOnly.compute();

        strategies.compute();

        // The put covers the short put; the perpetual keeps its whole requirement.
        assertThat(strategies.initialSaving()).isEqualTo(spreadOnly.initialSaving());
        assertThat(strategies.maintenanceSaving()).isEqualTo(spreadOnly.maintenanceSaving());
    }

    private void shortCall(final long expiry, final long strike, final long units, final long liability,
        final long initial, final long maintenance)
    {
        strategies.add(nextSeries++, 0, -6, 0, expiry, true, strike, -units * U, -liability * U, initial * U,
            maintenance * U);
    }

    private void shortPut(final long expiry, final long strike, final long units, final long liability,
        final long initial, final long maintenance)
    {
        strategies.add(nextSeries++, 0, -6, 0, expiry, false, strike, -units * U, -liability * U, initial * U,
            maintenance * U);
    }

    private void longCall(final long expiry, final long strike, final long units, final long value)
    {
        strategies.add(nextSeries++, 0, -6, 0, expiry, true, strike, units * U, value * U, 0, 0);
    }

    private void longPut(final long expiry, final long strike, final long units, final long value)
    {
        strategies.add(nextSeries++, 0, -6, 0, expiry, false, strike, units * U, value * U, 0, 0);
    }
}
