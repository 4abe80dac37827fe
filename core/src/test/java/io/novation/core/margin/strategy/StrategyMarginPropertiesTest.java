package io.novation.core.margin.strategy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link StrategyMargin} over random books of one underlying (prices in USD with exponent 0, sizes in
 * millionths of a unit, so one unit at one USD is one USDC of quote quantums): pairing never asks more than the naked
 * legs, never credits more than the longs are worth, never leaves initial margin looser than maintenance, pairs the
 * same book the same way whatever the order of its legs, never passes maintenance with less cash than a covered
 * book's maximum loss, and never reserves less than the book's true maximum loss at the first expiry (evaluated
 * independently at every price of a grid from 0 to far beyond the strikes) unless the naked legs themselves reserve
 * less.
 */
class StrategyMarginPropertiesTest
{
    private static final long U = 1_000_000L;
    private static final long FIRST_EXPIRY = 1_000L;
    private static final long GRID_END = 1_000;

    /** One option position with the figures standard margin would give it. */
    record Leg(long expiry, boolean call, long strike, long size, long value, long initial, long maintenance)
    {
        boolean isShort()
        {
            return size < 0;
        }

        long payoffAt(final long price)
        {
            final long intrinsic = call ? Math.max(price - strike, 0) : Math.max(strike - price, 0);
            return size * intrinsic;
        }
    }

    @Property(tries = 2000)
    void shouldNeverRequireMoreThanTheNakedLegs(@ForAll("anyBook") final List<Leg> book)
    {
        final StrategyMargin strategies = margin(book);
        final boolean paired = strategies.compute();

        assertThat(strategies.initialSaving()).isBetween(0L, sum(book, true));
        assertThat(strategies.maintenanceSaving()).isBetween(0L, sum(book, false));
        assertThat(strategies.initialCredit()).isBetween(0L, longValue(book));
        assertThat(paired).isEqualTo(strategies.pairedGroups() > 0);
        if (!paired)
        {
            assertThat(strategies.initialSaving() + strategies.maintenanceSaving() + strategies.initialCredit())
                .isZero();
        }
    }

    @Property(tries = 2000)
    void shouldNeverLeaveInitialMarginLooserThanMaintenance(@ForAll("anyBook") final List<Leg> book)
    {
        final StrategyMargin strategies = margin(book);
        strategies.compute();

        // Free collateral of the options alone: initial counts the credit of the longs, maintenance all of them.
        final long freeInitial = strategies.initialCredit() - (sum(book, true) - strategies.initialSaving());
        final long freeMaintenance = longValue(book) - (sum(book, false) - strategies.maintenanceSaving());
        assertThat(freeInitial).isLessThanOrEqualTo(freeMaintenance);
    }

    @Property(tries = 1000)
    void shouldPairTheSameBookTheSameWayWhateverTheOrderOfItsLegs(@ForAll("anyBook") final List<Leg> book)
    {
        final StrategyMargin forward = margin(book);
        forward.compute();
        final List<Leg> reversed = new ArrayList<>(book);
        java.util.Collections.reverse(reversed);
        final StrategyMargin backward = new StrategyMargin();
        for (int k = 0; k < reversed.size(); k++)
        {
            // The same series ids as the forward book, added in the opposite order.
            addLeg(backward, reversed.size() - 1 - k, reversed.get(k));
        }
        backward.compute();

        assertThat(backward.initialSaving()).isEqualTo(forward.initialSaving());
        assertThat(backward.maintenanceSaving()).isEqualTo(forward.maintenanceSaving());
        assertThat(backward.initialCredit()).isEqualTo(forward.initialCredit());
    }

    @Property(tries = 2000)
    void shouldNeverReserveLessThanTheTrueMaximumLossOfACoveredBook(@ForAll("coveredBook") final List<Leg> book)
    {
        final StrategyMargin strategies = margin(book);
        strategies.compute();

        long liabilities = 0;
        for (final Leg leg : book)
        {
            liabilities += leg.isShort() ? -leg.value() : 0;
        }
        // What the book holds back from initial net collateral: its requirement, its shorts' liabilities, less the
        // credit of its longs. Naked, that is the naked requirement plus the liabilities.
        final long nakedReserve = sum(book, true) + liabilities;
        final long reserve = nakedReserve - strategies.initialSaving() - strategies.initialCredit();
        assertThat(reserve).isGreaterThanOrEqualTo(Math.min(nakedReserve, trueMaximumLoss(book)));
    }

    @Property(tries = 2000)
    void shouldNeverPassMaintenanceWithLessCashThanTheMaximumLossOfACoveredBook(
        @ForAll("coveredBook") final List<Leg> covered)
    {
        // The first expiry alone: every long then settles at that expiry, with nothing left of its value after it.
        final List<Leg> book = covered.stream().filter(leg -> leg.expiry() == FIRST_EXPIRY).toList();
        final StrategyMargin strategies = margin(book);
        strategies.compute();

        long liabilities = 0;
        for (final Leg leg : book)
        {
            liabilities += leg.isShort() ? -leg.value() : 0;
        }
        // Maintenance net collateral is cash + the longs' value − the shorts' liabilities, so NC − MMR >= 0 holds for
        // exactly the cash at or above MMR + liabilities − longs' value.
        final long nakedCash = sum(book, false) + liabilities - longValue(book);
        final long leastCash = nakedCash - strategies.maintenanceSaving();
        assertThat(leastCash).isGreaterThanOrEqualTo(Math.min(nakedCash, trueMaximumLoss(book)));
    }

    @Property(tries = 2000)
    void shouldReserveTheTrueMaximumLossOfACalendarOrItsNakedFigures(@ForAll("calendarBook") final List<Leg> book)
    {
        final StrategyMargin strategies = margin(book);
        strategies.compute();

        long liabilities = 0;
        for (final Leg leg : book)
        {
            liabilities += leg.isShort() ? -leg.value() : 0;
        }
        final long nakedReserve = sum(book, true) + liabilities;
        final long reserve = nakedReserve - strategies.initialSaving() - strategies.initialCredit();
        // Only shorts in the first expiry: every candidate either keeps them naked or covers them whole.
        assertThat(reserve).isGreaterThanOrEqualTo(Math.min(nakedReserve, trueMaximumLoss(book)));
    }

    /**
     * The largest loss of the book at the first expiry, with options of later expiries at their intrinsic value
     * (the least they can be worth then), at every whole price from 0 to far beyond the strikes.
     */
    private static long trueMaximumLoss(final List<Leg> book)
    {
        long worst = 0;
        for (long price = 0; price <= GRID_END; price++)
        {
            long payoff = 0;
            for (final Leg leg : book)
            {
                payoff += leg.payoffAt(price);
            }
            worst = Math.min(worst, payoff);
        }
        return -worst;
    }

    @Provide
    Arbitrary<List<Leg>> anyBook()
    {
        return leg(Arbitraries.of(FIRST_EXPIRY, 2 * FIRST_EXPIRY, 3 * FIRST_EXPIRY), Arbitraries.of(true, false))
            .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Leg>> coveredBook()
    {
        // One expiry whose shorts of each type are covered in count by its own longs, any strikes (a defined-risk
        // book whose maximum loss is finite), and up to two longs of a later expiry that may serve as calendars.
        final Arbitrary<List<Leg>> later = leg(Arbitraries.just(2 * FIRST_EXPIRY), Arbitraries.of(true, false))
            .filter(leg -> !leg.isShort()).list().ofMaxSize(2);
        return leg(Arbitraries.just(FIRST_EXPIRY), Arbitraries.of(true, false)).list().ofMinSize(1).ofMaxSize(6)
            .flatMap(first -> later.flatMap(calendars ->
                Arbitraries.longs().between(50, 150).list().ofSize(2).map(strikes ->
                {
                    final List<Leg> book = new ArrayList<>(first);
                    for (final boolean call : new boolean[] {true, false})
                    {
                        long net = 0;
                        for (final Leg leg : first)
                        {
                            net += leg.call() == call ? leg.size() : 0;
                        }
                        if (net < 0)
                        {
                            final long strike = strikes.get(call ? 0 : 1);
                            book.add(new Leg(FIRST_EXPIRY, call, strike, -net, longValue(call, strike, -net), 0, 0));
                        }
                    }
                    book.addAll(calendars);
                    return book;
                })));
    }

    @Provide
    Arbitrary<List<Leg>> calendarBook()
    {
        // Shorts of one expiry covered in count only by longs of a later expiry holding no short.
        return leg(Arbitraries.just(FIRST_EXPIRY), Arbitraries.of(true, false)).filter(Leg::isShort).list()
            .ofMinSize(1).ofMaxSize(4).flatMap(first ->
                Arbitraries.longs().between(50, 150).list().ofSize(2).map(strikes ->
                {
                    final List<Leg> book = new ArrayList<>(first);
                    for (final boolean call : new boolean[] {true, false})
                    {
                        long net = 0;
                        for (final Leg leg : first)
                        {
                            net += leg.call() == call ? leg.size() : 0;
                        }
                        if (net < 0)
                        {
                            final long strike = strikes.get(call ? 0 : 1);
                            book.add(new Leg(2 * FIRST_EXPIRY, call, strike, -net, longValue(call, strike, -net),
                                0, 0));
                        }
                    }
                    return book;
                }));
    }

    private static Arbitrary<Leg> leg(final Arbitrary<Long> expiries, final Arbitrary<Boolean> calls)
    {
        final Arbitrary<Long> strikes = Arbitraries.longs().between(50, 150);
        final Arbitrary<Long> sizes = Arbitraries.longs().between(-3 * U, 3 * U).filter(size -> size != 0);
        return Combinators.combine(expiries, calls, strikes, sizes).as((expiry, call, strike, size) ->
        {
            if (size > 0)
            {
                return new Leg(expiry, call, strike, size, longValue(call, strike, size), 0, 0);
            }
            // Standard figures of a short at an index of 100: liability at intrinsic plus time value, 15 % of the
            // underlying notional less the out-of-the-money amount (at least 13 %), 9 % in maintenance.
            final long units = -size;
            final long liability = ceilDiv(units * (intrinsic(call, strike) + 5), 1);
            final long otm = call ? Math.max(strike - 100, 0) : Math.max(100 - strike, 0);
            final long initialPercent = Math.max(15 - otm, 13);
            return new Leg(expiry, call, strike, size, -liability, ceilDiv(units * 100 * initialPercent, 100),
                ceilDiv(units * 100 * 9, 100));
        });
    }

    private static long longValue(final boolean call, final long strike, final long size)
    {
        return size * (intrinsic(call, strike) + 4);
    }

    private static long intrinsic(final boolean call, final long strike)
    {
        return call ? Math.max(100 - strike, 0) : Math.max(strike - 100, 0);
    }

    private static long ceilDiv(final long a, final long b)
    {
        return -Math.floorDiv(-a, b);
    }

    private static StrategyMargin margin(final List<Leg> book)
    {
        final StrategyMargin strategies = new StrategyMargin();
        for (int i = 0; i < book.size(); i++)
        {
            addLeg(strategies, i, book.get(i));
        }
        return strategies;
    }

    private static void addLeg(final StrategyMargin strategies, final int index, final Leg leg)
    {
        strategies.add(65_536 + index, 0, -6, 0, leg.expiry(), leg.call(), leg.strike(), leg.size(), leg.value(),
            leg.initial(), leg.maintenance());
    }

    private static long sum(final List<Leg> book, final boolean initial)
    {
        long sum = 0;
        for (final Leg leg : book)
        {
            sum += initial ? leg.initial() : leg.maintenance();
        }
        return sum;
    }

    private static long longValue(final List<Leg> book)
    {
        long sum = 0;
        for (final Leg leg : book)
        {
            sum += leg.isShort() ? 0 : leg.value();
        }
        return sum;
    }
}
