package io.novation.core.engine;

import io.novation.core.account.Subaccount;
import io.novation.core.event.EventSink;
import io.novation.core.funding.FundingMath;
import io.novation.core.funding.MarketFunding;

/**
 * Settles the funding a subaccount's positions have accrued since they last settled: each position receives
 * {@code floor((positionIndex − marketIndex) · size / 1e9)} quote quantums (negative: pays) into its quote balance,
 * against its market's funding ledger, and moves to the market's index. Rounding residue goes to the fee pool, so
 * conservation stays exact and funding stays zero-sum up to rounding in the protocol's favour. Option positions pay
 * no funding but settle, the same way, the losses the bankruptcy waterfall socialized to their side of the series.
 */
public final class FundingSettlement
{
    private final ClearingState state;

    /**
     * A settlement over the engine's state.
     *
     * @param state the state.
     */
    public FundingSettlement(final ClearingState state)
    {
        this.state = state;
    }

    /**
     * The funding all the subaccount's positions have accrued and not settled.
     *
     * @param subaccount the subaccount.
     * @return quote quantums.
     * @throws ArithmeticException if the sum does not fit a long.
     */
    public long accrued(final Subaccount subaccount)
    {
        long total = 0;
        for (int i = 0; i < subaccount.positionCount(); i++)
        {
            final MarketFunding funding = state.markets().instrument(subaccount.positionMarket(i)).funding();
            total = Math.addExact(total, funding.accrued(subaccount.positionSize(i),
                subaccount.positionFundingIndex(i)));
        }
        return total;
    }

    /**
     * Settles every position of the subaccount. Call {@link #accrued(Subaccount)} first when the quote balance
     * might overflow; this method then cannot fail.
     *
     * @param subaccount the subaccount.
     * @param sequence   the command's sequence number.
     * @param events     receives a {@code FundingPaid} event per position that settled a non-zero amount.
     */
    public void settle(final Subaccount subaccount, final long sequence, final EventSink events)
    {
        for (int i = 0; i < subaccount.positionCount(); i++)
        {
            final int marketId = subaccount.positionMarket(i);
            final MarketFunding funding = state.markets().instrument(marketId).funding();
            final long size = subaccount.positionSize(i);
            final long index = funding.indexFor(size);
            final long settledAt = subaccount.positionFundingIndex(i);
            if (settledAt == index)
            {
                continue;
            }
            final long amount = FundingMath.settlementQuoteQuantums(settledAt, index, size);
            final long residue = FundingMath.settlementResidueNanos(settledAt, index, size);
            subaccount.setPositionFundingIndex(i, index);
            if (amount != 0)
            {
                subaccount.addBalance(0, amount);
            }
            final long toFeePool = funding.book(amount, residue);
            if (toFeePool != 0)
            {
                state.addToFeePool(toFeePool);
            }
            state.markGlobalChanged();
            if (amount != 0)
            {
                events.fundingPaid(sequence, subaccount.account().owner(), subaccount.number(), marketId, amount,
                    index);
            }
        }
    }
}
