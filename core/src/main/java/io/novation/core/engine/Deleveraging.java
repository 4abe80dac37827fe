package io.novation.core.engine;

import io.novation.core.account.MarketHolders;
import io.novation.core.account.Subaccount;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.PositionMargin;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.market.Instrument;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Plans auto-deleveraging: closes (part of) a bankrupt position against opposite positions at the bankrupt
 * subaccount's bankruptcy price, so that the counterparties absorb exactly its shortfall. Counterparties are those in
 * profit, ranked by profit × leverage (unrealized PnL over cost, times notional over net collateral), highest first,
 * those without positive net collateral last, ties in account creation order; one that would end with negative net
 * collateral is passed over (dYdX v4 refuses such an offset too). Option series deleverage the same way, their
 * positions valued at the mark. Planning changes nothing; {@link Liquidator} applies the plan.
 * <p>
 * Candidates are the market's holders ({@link MarketHolders}, kept as positions open and close), not every
 * subaccount, and they are ranked lazily: each is scored once, the scores are put in a binary heap (built in linear
 * time) and taken from it best first only until the bankrupt position is closed, so a plan that needs k
 * counterparties among n candidates costs n scores and O(n + k log n) comparisons instead of a sort's O(n log n). The
 * heap's order is the ranking's total order (score, then account creation order and subaccount number, the order a
 * walk over the accounts meets them in), so the plan is the one a full walk and sort gives.
 */
public final class Deleveraging
{
    private final ClearingState state;
    private final MarginCalculator margin;
    private final PositionMargin position = new PositionMargin();
    private final OptionPositionMargin option = new OptionPositionMargin();
    private final MarginFigures figures = new MarginFigures();

    /**
     * A planner over the engine's state.
     *
     * @param state  the state.
     * @param margin a margin calculator over the same state.
     */
    public Deleveraging(final ClearingState state, final MarginCalculator margin)
    {
        this.state = state;
        this.margin = margin;
    }

    /**
     * One offset of the plan.
     *
     * @param counterparty       the opposite subaccount.
     * @param size               base quantums closed, positive.
     * @param targetQuote        quote quantums the bankrupt subaccount receives (the counterparty pays it).
     */
    public record Offset(Subaccount counterparty, long size, long targetQuote)
    {
    }

    /**
     * Plans the offsets of {@code size} of the target's position.
     *
     * @param target          the bankrupt subaccount.
     * @param market          the market.
     * @param targetSize      the target's signed position.
     * @param size            base quantums to close, positive.
     * @param bankruptcyQuote what the target receives for all of {@code size} at its bankruptcy price.
     * @param offsets         receives the offsets, in order.
     * @return base quantums that found no counterparty.
     */
    public long plan(final Subaccount target, final Instrument market, final long targetSize, final long size,
        final long bankruptcyQuote, final List<Offset> offsets)
    {
        // built by heapify from the list, in linear time (Candidate's natural order is the ranking)
        final PriorityQueue<Candidate> candidates = new PriorityQueue<>(candidates(target, market, targetSize));
        long remaining = size;
        long closed = 0;
        long paid = 0;
        while (remaining != 0 && !candidates.isEmpty())
        {
            final Candidate candidate = candidates.poll();
            final long quantity = Math.min(remaining, Math.abs(candidate.size));
            final long paidAfter = FixedPoint.mulDiv(bankruptcyQuote, closed + quantity, size, Rounding.DOWN);
            final long piece = paidAfter - paid;
            final long counterpartyNewSize = candidate.size > 0 ? candidate.size - quantity : candidate.size + quantity;
            if (!margin.compute(candidate.subaccount, market.id(), counterpartyNewSize, 0, 0, -piece, false, figures) ||
                figures.netCollateralMaintenance() < 0)
            {
                continue;
            }
            offsets.add(new Offset(candidate.subaccount, quantity, piece));
            remaining -= quantity;
            closed += quantity;
            paid = paidAfter;
        }
        return remaining;
    }

    private List<Candidate> candidates(final Subaccount target, final Instrument market, final long targetSize)
    {
        final List<Candidate> candidates = new ArrayList<>();
        final MarketHolders holders = state.accounts().marketHolders();
        final Subaccount[] holding = holders.holders(market.id());
        final int count = holders.count(market.id());
        for (int h = 0; h < count; h++)
        {
            final Subaccount subaccount = holding[h];
            final int index = subaccount.positionIndex(market.id());
            if (subaccount == target || index < 0)
            {
                continue;
            }
            final long size = subaccount.positionSize(index);
            if (Long.signum(size) != -Long.signum(targetSize) || !value(market, size) ||
                !margin.compute(subaccount, figures))
            {
                continue;
            }
            final long value = market instanceof PerpetualMarket ? position.value() : option.value();
            final long profit = value - subaccount.positionCostBasis(index);
            if (profit <= 0)
            {
                continue;
            }
            // profit / |cost| × |value| / NC, kept as a fraction; without positive net collateral the leverage
            // is unbounded and the score meaningless: such positions come last.
            final boolean ranked = figures.netCollateralMaintenance() > 0;
            final BigInteger numerator = !ranked ? BigInteger.ZERO : BigInteger.valueOf(profit).multiply(
                BigInteger.valueOf(Math.abs(value)));
            final BigInteger denominator = !ranked ? BigInteger.ONE : BigInteger.valueOf(Math.max(1, Math.abs(
                subaccount.positionCostBasis(index)))).multiply(BigInteger.valueOf(
                figures.netCollateralMaintenance()));
            candidates.add(new Candidate(subaccount, size, numerator, denominator,
                (long)subaccount.account().index() << 8 | subaccount.number()));
        }
        return candidates;
    }

    /** The position's value at the mark (a perpetual's notional, an option's mark value), into a field. */
    private boolean value(final Instrument market, final long size)
    {
        return market instanceof PerpetualMarket perpetual ? margin.position(perpetual, size, 0, position) :
            margin.options().position((OptionSeries)market, size, option);
    }

    private record Candidate(Subaccount subaccount, long size, BigInteger numerator, BigInteger denominator,
        long order) implements Comparable<Candidate>
    {
        /** The ranking's total order: higher profit × leverage first, then earlier account, then lower number. */
        @Override
        public int compareTo(final Candidate other)
        {
            final int byScore = other.numerator.multiply(denominator).compareTo(numerator.multiply(other.denominator));
            return byScore != 0 ? byScore : Long.compare(order, other.order);
        }
    }
}
