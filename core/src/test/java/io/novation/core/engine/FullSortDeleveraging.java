package io.novation.core.engine;

import io.novation.core.account.Account;
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

/**
 * The deleveraging planner as it was before its candidates were taken from the market's holders and ranked lazily,
 * kept as the reference the new planner must equal: every subaccount walked, every candidate scored, then the whole
 * list sorted by profit × leverage, ties in account creation order; one that would end with negative net collateral
 * is passed over.
 */
final class FullSortDeleveraging
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
    FullSortDeleveraging(final ClearingState state, final MarginCalculator margin)
    {
        this.state = state;
        this.margin = margin;
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
        final long bankruptcyQuote, final List<Deleveraging.Offset> offsets)
    {
        final List<Candidate> candidates = candidates(target, market, targetSize);
        long remaining = size;
        long closed = 0;
        long paid = 0;
        for (final Candidate candidate : candidates)
        {
            if (remaining == 0)
            {
                break;
            }
            final long quantity = Math.min(remaining, Math.abs(candidate.size));
            final long paidAfter = FixedPoint.mulDiv(bankruptcyQuote, closed + quantity, size, Rounding.DOWN);
            final long piece = paidAfter - paid;
            final long counterpartyNewSize = candidate.size > 0 ? candidate.size - quantity : candidate.size + quantity;
            if (!margin.compute(candidate.subaccount, market.id(), counterpartyNewSize, 0, 0, -piece, false, figures) ||
                figures.netCollateralMaintenance() < 0)
            {
                continue;
            }
            offsets.add(new Deleveraging.Offset(candidate.subaccount, quantity, piece));
            remaining -= quantity;
            closed += quantity;
            paid = paidAfter;
        }
        return remaining;
    }

    private List<Candidate> candidates(final Subaccount target, final Instrument market, final long targetSize)
    {
        final List<Candidate> candidates = new ArrayList<>();
        for (int a = 0; a < state.accounts().count(); a++)
        {
            final Account account = state.accounts().at(a);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
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
                candidates.add(new Candidate(subaccount, size, numerator, denominator, candidates.size()));
            }
        }
        candidates.sort((x, y) ->
        {
            final int byScore = y.numerator.multiply(x.denominator).compareTo(x.numerator.multiply(y.denominator));
            return byScore != 0 ? byScore : Integer.compare(x.order, y.order);
        });
        return candidates;
    }

    /** The position's value at the mark (a perpetual's notional, an option's mark value), into a field. */
    private boolean value(final Instrument market, final long size)
    {
        return market instanceof PerpetualMarket perpetual ? margin.position(perpetual, size, 0, position) :
            margin.options().position((OptionSeries)market, size, option);
    }

    private record Candidate(Subaccount subaccount, long size, BigInteger numerator, BigInteger denominator,
        int order)
    {
    }
}
