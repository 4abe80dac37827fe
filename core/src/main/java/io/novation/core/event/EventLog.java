package io.novation.core.event;

import io.novation.core.account.Address;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An event sink that keeps every event, in order, and gives them as {@link Event} values: for simulations, tests, the
 * API and a host's publication. A fill's events ({@code tradeSettled}, {@code positionChanged}) are kept as their
 * fields in reusable {@link EventRows} and built into values only when read through {@link #events} or {@link #last},
 * so a host that passes them on with {@link #copyTo} allocates nothing for them.
 */
public final class EventLog implements EventSink
{
    private final EventRows rows = new EventRows(16);
    private int size;
    /** The one read-only view of the events, made once so that reading the events allocates nothing. */
    private final List<Event> view = new View();

    /** The events as a list; {@code get} builds a fill's event the first time it is read. */
    private final class View extends AbstractList<Event> implements RandomAccess
    {
        @Override
        public Event get(final int index)
        {
            Objects.checkIndex(index, size);
            return rows.get(index);
        }

        @Override
        public int size()
        {
            return size;
        }
    }

    /**
     * The events so far.
     *
     * @return an unmodifiable view, live: it shows the events added after the call too.
     */
    public List<Event> events()
    {
        return view;
    }

    /**
     * The number of events so far.
     *
     * @return count.
     */
    public int size()
    {
        return size;
    }

    /**
     * The sequence of an event, without building it.
     *
     * @param index its index, below {@link #size}.
     * @return the command's sequence.
     */
    public long sequence(final int index)
    {
        Objects.checkIndex(index, size);
        return rows.sequence(index);
    }

    /**
     * Copies an event into a slot of other rows as it is kept here (as fields when it is a fill's event not read
     * yet), allocating nothing.
     *
     * @param index  its index, below {@link #size}.
     * @param target the rows.
     * @param slot   the target's slot.
     */
    public void copyTo(final int index, final EventRows target, final int slot)
    {
        Objects.checkIndex(index, size);
        target.copy(slot, rows, index);
    }

    /**
     * Whether an event is a fill's ({@link Event.TradeSettled} or {@link Event.PositionChanged}), without building it.
     *
     * @param index its index, below {@link #size}.
     * @return true for a fill's event.
     */
    public boolean isFill(final int index)
    {
        Objects.checkIndex(index, size);
        return rows.isFill(index);
    }

    /**
     * The number of parties a fill's event kept as fields names, readable without building it (2 for a
     * {@code TradeSettled}: maker and taker; 1 for a {@code PositionChanged}: the owner); 0 for any event kept as a
     * value, whose parties are read from the value.
     *
     * @param index its index, below {@link #size}.
     * @return 0, 1 or 2.
     */
    public int fieldParties(final int index)
    {
        Objects.checkIndex(index, size);
        return rows.fieldParties(index);
    }

    /**
     * A party's account of a fill's event kept as fields.
     *
     * @param index its index, below {@link #size}.
     * @param party below {@link #fieldParties}: 0 the maker (or the owner), 1 the taker.
     * @return the account.
     */
    public Address partyOwner(final int index, final int party)
    {
        Objects.checkIndex(party, fieldParties(index));
        return rows.partyOwner(index, party);
    }

    /**
     * A party's subaccount number of a fill's event kept as fields.
     *
     * @param index its index, below {@link #size}.
     * @param party below {@link #fieldParties}: 0 the maker (or the owner), 1 the taker.
     * @return the subaccount number.
     */
    public int partySubaccount(final int index, final int party)
    {
        Objects.checkIndex(party, fieldParties(index));
        return rows.partySubaccount(index, party);
    }

    /**
     * Appends an event value, as the engine's call for it would.
     *
     * @param event the event.
     */
    public void append(final Event event)
    {
        add(Objects.requireNonNull(event, "event"));
    }

    /**
     * The last event, or null.
     *
     * @return event or null.
     */
    public Event last()
    {
        return size == 0 ? null : rows.get(size - 1);
    }

    /**
     * Forgets all events.
     */
    public void clear()
    {
        for (int i = 0; i < size; i++)
        {
            rows.clear(i);
        }
        size = 0;
    }

    private void add(final Event event)
    {
        rows.ensureCapacity(size + 1);
        rows.put(size++, event);
    }

    @Override
    public void assetCreated(final long sequence, final int assetId, final String symbol, final int decimals,
        final int oracleId, final long initialWeightPpm, final long maintenanceWeightPpm)
    {
        add(new Event.AssetCreated(
            sequence, assetId, symbol, decimals, oracleId, initialWeightPpm, maintenanceWeightPpm));
    }

    @Override
    public void perpetualCreated(final long sequence, final int marketId, final String ticker, final int oracleId)
    {
        add(new Event.PerpetualCreated(sequence, marketId, ticker, oracleId));
    }

    @Override
    public void marketStatusChanged(final long sequence, final int marketId, final MarketStatus status)
    {
        add(new Event.MarketStatusChanged(sequence, marketId, status));
    }

    @Override
    public void oraclePriceUpdated(final long sequence, final int oracleId, final long price, final long time)
    {
        add(new Event.OraclePriceUpdated(sequence, oracleId, price, time));
    }

    @Override
    public void oraclePublisherRegistered(final long sequence, final int oracleId, final Address publisher)
    {
        add(new Event.OraclePublisherRegistered(sequence, oracleId, publisher));
    }

    @Override
    public void oracleParametersSet(final long sequence, final int oracleId, final OracleParameters parameters)
    {
        add(new Event.OracleParametersSet(sequence, oracleId, parameters));
    }

    @Override
    public void volSurfaceParametersSet(final long sequence, final int oracleId,
        final io.novation.core.oracle.VolSurfaceParameters parameters)
    {
        add(new Event.VolSurfaceParametersSet(sequence, oracleId, parameters));
    }

    @Override
    public void oracleReportRejected(final long sequence, final int oracleId, final int index,
        final Address publisher, final ReportRejectReason reason)
    {
        add(new Event.OracleReportRejected(sequence, oracleId, index, publisher, reason));
    }

    @Override
    public void oraclePriceHeld(final long sequence, final int oracleId, final long price, final long lastPrice,
        final int publishers)
    {
        add(new Event.OraclePriceHeld(sequence, oracleId, price, lastPrice, publishers));
    }

    @Override
    public void deposited(final long sequence, final Address owner, final int subaccount, final int assetId,
        final long amount, final long depositId)
    {
        add(new Event.Deposited(sequence, owner, subaccount, assetId, amount, depositId));
    }

    @Override
    public void withdrawalQueued(final long sequence, final long withdrawalId, final Address owner,
        final int subaccount, final int assetId, final long amount)
    {
        add(new Event.WithdrawalQueued(sequence, withdrawalId, owner, subaccount, assetId, amount));
    }

    @Override
    public void transferred(final long sequence, final Address owner, final int fromSubaccount,
        final int toSubaccount, final int assetId, final long amount)
    {
        add(new Event.Transferred(sequence, owner, fromSubaccount, toSubaccount, assetId, amount));
    }

    @Override
    public void tradeSettled(final long sequence, final int marketId, final Address maker, final int makerSubaccount,
        final Address taker, final int takerSubaccount, final boolean takerIsBuy, final long size, final long price,
        final long quoteAmount, final long makerFee, final long takerFee)
    {
        rows.ensureCapacity(this.size + 1);
        rows.putTradeSettled(this.size++, sequence, marketId, maker, makerSubaccount, taker, takerSubaccount,
            takerIsBuy, size, price, quoteAmount, makerFee, takerFee);
    }

    @Override
    public void positionChanged(final long sequence, final Address owner, final int subaccount, final int marketId,
        final long size, final long costBasis, final long realizedPnl)
    {
        rows.ensureCapacity(this.size + 1);
        rows.putPositionChanged(this.size++, sequence, owner, subaccount, marketId, size, costBasis, realizedPnl);
    }

    @Override
    public void fundingSampled(final long sequence, final int marketId, final long premiumPpb, final int samples)
    {
        add(new Event.FundingSampled(sequence, marketId, premiumPpb, samples));
    }

    @Override
    public void fundingTicked(final long sequence, final int marketId, final long rate8hPpb, final long elapsedMs,
        final long indexPrice, final long indexDelta, final long cumulativeIndex)
    {
        add(new Event.FundingTicked(sequence, marketId, rate8hPpb, elapsedMs, indexPrice, indexDelta,
            cumulativeIndex));
    }

    @Override
    public void fundingPaid(final long sequence, final Address owner, final int subaccount, final int marketId,
        final long amount, final long cumulativeIndex)
    {
        add(new Event.FundingPaid(sequence, owner, subaccount, marketId, amount, cumulativeIndex));
    }

    @Override
    public void fundingParametersSet(final long sequence, final int marketId,
        final io.novation.core.funding.FundingParameters parameters)
    {
        add(new Event.FundingParametersSet(sequence, marketId, parameters));
    }

    @Override
    public void liquidated(final long sequence, final Address keeper, final int keeperSubaccount, final Address target,
        final int targetSubaccount, final int marketId, final long size, final long fillQuote,
        final long bankruptcyQuote, final long insuranceFundDelta)
    {
        add(new Event.Liquidated(sequence, keeper, keeperSubaccount, target, targetSubaccount, marketId, size,
            fillQuote, bankruptcyQuote, insuranceFundDelta));
    }

    @Override
    public void insuranceFundChanged(final long sequence, final int fundMarketId, final long delta, final long balance)
    {
        add(new Event.InsuranceFundChanged(sequence, fundMarketId, delta, balance));
    }

    @Override
    public void deleveraged(final long sequence, final Address target, final int targetSubaccount,
        final Address counterparty, final int counterpartySubaccount, final int marketId, final long size,
        final long quoteAmount)
    {
        add(new Event.Deleveraged(sequence, target, targetSubaccount, counterparty, counterpartySubaccount,
            marketId, size, quoteAmount));
    }

    @Override
    public void lossSocialized(final long sequence, final Address target, final int targetSubaccount,
        final int marketId, final long amount, final boolean longsPay, final long lossIndex)
    {
        add(new Event.LossSocialized(sequence, target, targetSubaccount, marketId, amount, longsPay, lossIndex));
    }

    @Override
    public void optionExpiryShortfall(final long sequence, final int seriesId, final long shortfall,
        final long insuranceFundPaid, final long socializedToLongs)
    {
        add(new Event.OptionExpiryShortfall(sequence, seriesId, shortfall, insuranceFundPaid,
            socializedToLongs));
    }

    @Override
    public void deficitCovered(final long sequence, final Address owner, final int subaccount, final int seriesId,
        final long deficit)
    {
        add(new Event.DeficitCovered(sequence, owner, subaccount, seriesId, deficit));
    }

    @Override
    public void expiryDeficitsCovered(final long sequence, final int seriesId, final long deficits,
        final long fromInsuranceFund, final long fromFeePool, final long toBadDebt, final long badDebt)
    {
        add(new Event.ExpiryDeficitsCovered(sequence, seriesId, deficits, fromInsuranceFund, fromFeePool,
            toBadDebt, badDebt));
    }

    @Override
    public void optionSeriesCreated(final long sequence, final int seriesId, final String ticker, final int oracleId,
        final long strike, final long expiry, final io.novation.core.pricing.OptionType optionType)
    {
        add(new Event.OptionSeriesCreated(sequence, seriesId, ticker, oracleId, strike, expiry, optionType));
    }

    @Override
    public void volSurfaceUpdated(final long sequence, final int oracleId, final Address publisher,
        final long publishedAt, final int slices, final long firstExpiry, final long lastExpiry)
    {
        add(new Event.VolSurfaceUpdated(sequence, oracleId, publisher, publishedAt, slices, firstExpiry,
            lastExpiry));
    }

    @Override
    public void volSurfaceSubmitted(final long sequence, final int oracleId, final Address publisher,
        final long publishedAt, final int signers, final int quorum)
    {
        add(new Event.VolSurfaceSubmitted(sequence, oracleId, publisher, publishedAt, signers, quorum));
    }

    @Override
    public void volSurfaceHeld(final long sequence, final int oracleId, final long publishedAt, final int signers,
        final int seriesId)
    {
        add(new Event.VolSurfaceHeld(sequence, oracleId, publishedAt, signers, seriesId));
    }

    @Override
    public void optionSettlementFixed(final long sequence, final int seriesId, final long settlementPrice)
    {
        add(new Event.OptionSettlementFixed(sequence, seriesId, settlementPrice));
    }

    @Override
    public void optionSettled(final long sequence, final Address owner, final int subaccount, final int seriesId,
        final long size, final long amount)
    {
        add(new Event.OptionSettled(sequence, owner, subaccount, seriesId, size, amount));
    }

    @Override
    public void optionSeriesSettled(final long sequence, final int seriesId, final long settlementPrice,
        final long paidToLongs, final long paidByShorts, final long feePoolDelta)
    {
        add(new Event.OptionSeriesSettled(sequence, seriesId, settlementPrice, paidToLongs, paidByShorts,
            feePoolDelta));
    }

    @Override
    public void marginModeChanged(final long sequence, final Address owner, final int subaccount,
        final boolean portfolio)
    {
        add(new Event.MarginModeChanged(sequence, owner, subaccount, portfolio));
    }

    @Override
    public void forcedWithdrawalDeclined(final long sequence, final long requestId, final Address owner,
        final int subaccount, final int assetId, final long amount, final String reason)
    {
        add(new Event.ForcedWithdrawalDeclined(sequence, requestId, owner, subaccount, assetId, amount, reason));
    }

    @Override
    public void batchSealed(final long sequence, final io.novation.core.commitment.BatchHeader header,
        final int withdrawals)
    {
        add(new Event.BatchSealed(sequence, header, withdrawals));
    }

    @Override
    public void feesSwept(final long sequence, final Address owner, final int subaccount, final long amount,
        final long feePool)
    {
        add(new Event.FeesSwept(sequence, owner, subaccount, amount, feePool));
    }

    @Override
    public void riskParametersScheduled(final long sequence, final long changeId, final long effectiveTime,
        final boolean loosens, final io.novation.core.governance.RiskParameterChange change)
    {
        add(new Event.RiskParametersScheduled(sequence, changeId, change.kind(), effectiveTime, loosens,
            change));
    }

    @Override
    public void riskParametersApplied(final long sequence, final long changeId,
        final io.novation.core.governance.RiskParameterChange change)
    {
        add(new Event.RiskParametersApplied(sequence, changeId, change.kind(), change));
    }

    @Override
    public void riskParametersCancelled(final long sequence, final long changeId,
        final io.novation.core.governance.RiskParameterChange change, final String reason)
    {
        add(new Event.RiskParametersCancelled(sequence, changeId, change.kind(), reason));
    }

    @Override
    public void marketDelistingAnnounced(final long sequence, final int marketId, final long settlementTime)
    {
        add(new Event.MarketDelistingAnnounced(sequence, marketId, settlementTime));
    }

    @Override
    public void marketSettlementFixed(final long sequence, final int marketId, final long settlementPrice)
    {
        add(new Event.MarketSettlementFixed(sequence, marketId, settlementPrice));
    }

    @Override
    public void positionSettled(final long sequence, final Address owner, final int subaccount, final int marketId,
        final long size, final long amount, final long socialized, final long realizedPnl)
    {
        add(new Event.PositionSettled(sequence, owner, subaccount, marketId, size, amount, socialized,
            realizedPnl));
    }

    @Override
    public void marketSettled(final long sequence, final int marketId, final long settlementPrice,
        final int positions, final long deficits, final long fromInsurance, final long socialized,
        final long toBadDebt, final long feePoolDelta)
    {
        add(new Event.MarketSettled(sequence, marketId, settlementPrice, positions, deficits, fromInsurance,
            socialized, toBadDebt, feePoolDelta));
    }

    @Override
    public void insuranceTreasuryMoved(final long sequence, final int fundMarketId, final long amount,
        final long fundBalance, final long feePool)
    {
        add(new Event.InsuranceTreasuryMoved(sequence, fundMarketId, amount, fundBalance, feePool));
    }

    @Override
    public void marginAdjustmentScheduled(final long sequence, final int marketId, final long fromImfPpm,
        final long toImfPpm, final long targetImfPpm, final long volatilityPpm, final long effectiveAt)
    {
        add(new Event.MarginAdjustmentScheduled(sequence, marketId, fromImfPpm, toImfPpm, targetImfPpm,
            volatilityPpm, effectiveAt));
    }

    @Override
    public void marginAdjustmentApplied(final long sequence, final int marketId, final long fromImfPpm,
        final long toImfPpm)
    {
        add(new Event.MarginAdjustmentApplied(sequence, marketId, fromImfPpm, toImfPpm));
    }

    @Override
    public void marginAdjustmentCancelled(final long sequence, final int marketId, final long imfPpm,
        final long effectiveAt)
    {
        add(new Event.MarginAdjustmentCancelled(sequence, marketId, imfPpm, effectiveAt));
    }

    @Override
    public void marketDepthReported(final long sequence, final int marketId, final long reportedAt, final int levels)
    {
        add(new Event.MarketDepthReported(sequence, marketId, reportedAt, levels));
    }

    @Override
    public void rejected(final long sequence, final RejectReason reason, final String message)
    {
        add(new Event.Rejected(sequence, reason, message));
    }

    @Override
    public void sessionKeyRegistered(final long sequence, final Address owner, final Address key, final int scope,
        final java.util.List<Integer> subaccounts, final long expiry)
    {
        add(new Event.SessionKeyRegistered(sequence, owner, key, scope, subaccounts, expiry));
    }

    @Override
    public void sessionKeyRevoked(final long sequence, final Address owner, final Address key)
    {
        add(new Event.SessionKeyRevoked(sequence, owner, key));
    }

    @Override
    public void ordersCancelled(final long sequence, final Address owner, final int subaccount, final int count,
        final Address signer)
    {
        add(new Event.OrdersCancelled(sequence, owner, subaccount, count, signer));
    }

    @Override
    public void nonceFloorRaised(final long sequence, final Address owner, final int subaccount, final long floor,
        final Address signer)
    {
        add(new Event.NonceFloorRaised(sequence, owner, subaccount, floor, signer));
    }

    @Override
    public void blockTradeSettled(final long sequence, final String packageDigest, final Address maker,
        final int makerSubaccount, final Address taker, final int takerSubaccount, final int legs,
        final long makerFee, final long takerFee, final Address broker, final int brokerSubaccount,
        final long brokerFee)
    {
        add(new Event.BlockTradeSettled(sequence, packageDigest, maker, makerSubaccount, taker,
            takerSubaccount, legs, makerFee, takerFee, broker, brokerSubaccount, brokerFee));
    }
}
