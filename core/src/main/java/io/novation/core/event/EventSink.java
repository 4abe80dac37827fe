package io.novation.core.event;

import io.novation.core.account.Address;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;

/**
 * Receives the engine's events as primitive calls, so that the engine allocates nothing to publish them; every
 * method does nothing by default. Units are those of {@link Event}.
 */
public interface EventSink
{
    /** A sink that drops every event. */
    EventSink NONE = new EventSink()
    {
    };

    default void assetCreated(long sequence, int assetId, String symbol, int decimals, int oracleId,
        long initialWeightPpm, long maintenanceWeightPpm)
    {
    }

    default void perpetualCreated(long sequence, int marketId, String ticker, int oracleId)
    {
    }

    default void marketStatusChanged(long sequence, int marketId, MarketStatus status)
    {
    }

    default void oraclePriceUpdated(long sequence, int oracleId, long price, long time)
    {
    }

    default void oraclePublisherRegistered(long sequence, int oracleId, Address publisher)
    {
    }

    default void oracleParametersSet(long sequence, int oracleId, OracleParameters parameters)
    {
    }

    default void volSurfaceParametersSet(long sequence, int oracleId,
        io.novation.core.oracle.VolSurfaceParameters parameters)
    {
    }

    default void oracleReportRejected(long sequence, int oracleId, int index, Address publisher,
        ReportRejectReason reason)
    {
    }

    default void oraclePriceHeld(long sequence, int oracleId, long price, long lastPrice, int publishers)
    {
    }

    default void deposited(long sequence, Address owner, int subaccount, int assetId, long amount, long depositId)
    {
    }

    default void withdrawalQueued(long sequence, long withdrawalId, Address owner, int subaccount, int assetId,
        long amount)
    {
    }

    default void transferred(long sequence, Address owner, int fromSubaccount, int toSubaccount, int assetId,
        long amount)
    {
    }

    default void tradeSettled(long sequence, int marketId, Address maker, int makerSubaccount, Address taker,
        int takerSubaccount, boolean takerIsBuy, long size, long price, long quoteAmount, long makerFee,
        long takerFee)
    {
    }

    default void positionChanged(long sequence, Address owner, int subaccount, int marketId, long size,
        long costBasis, long realizedPnl)
    {
    }

    default void fundingSampled(long sequence, int marketId, long premiumPpb, int samples)
    {
    }

    default void fundingTicked(long sequence, int marketId, long rate8hPpb, long elapsedMs, long indexPrice,
        long indexDelta, long cumulativeIndex)
    {
    }

    default void fundingPaid(long sequence, Address owner, int subaccount, int marketId, long amount,
        long cumulativeIndex)
    {
    }

    default void fundingParametersSet(long sequence, int marketId,
        io.novation.core.funding.FundingParameters parameters)
    {
    }

    default void liquidated(long sequence, Address keeper, int keeperSubaccount, Address target, int targetSubaccount,
        int marketId, long size, long fillQuote, long bankruptcyQuote, long insuranceFundDelta)
    {
    }

    default void insuranceFundChanged(long sequence, int fundMarketId, long delta, long balance)
    {
    }

    default void deleveraged(long sequence, Address target, int targetSubaccount, Address counterparty,
        int counterpartySubaccount, int marketId, long size, long quoteAmount)
    {
    }

    default void lossSocialized(long sequence, Address target, int targetSubaccount, int marketId, long amount,
        boolean longsPay, long lossIndex)
    {
    }

    default void optionExpiryShortfall(long sequence, int seriesId, long shortfall, long insuranceFundPaid,
        long socializedToLongs)
    {
    }

    default void deficitCovered(long sequence, Address owner, int subaccount, int seriesId, long deficit)
    {
    }

    default void expiryDeficitsCovered(long sequence, int seriesId, long deficits, long fromInsuranceFund,
        long fromFeePool, long toBadDebt, long badDebt)
    {
    }

    default void optionSeriesCreated(long sequence, int seriesId, String ticker, int oracleId, long strike,
        long expiry, io.novation.core.pricing.OptionType optionType)
    {
    }

    default void volSurfaceUpdated(long sequence, int oracleId, Address publisher, long publishedAt, int slices,
        long firstExpiry, long lastExpiry)
    {
    }

    default void volSurfaceSubmitted(long sequence, int oracleId, Address publisher, long publishedAt, int signers,
        int quorum)
    {
    }

    default void volSurfaceHeld(long sequence, int oracleId, long publishedAt, int signers, int seriesId)
    {
    }

    default void optionSettlementFixed(long sequence, int seriesId, long settlementPrice)
    {
    }

    default void optionSettled(long sequence, Address owner, int subaccount, int seriesId, long size, long amount)
    {
    }

    default void optionSeriesSettled(long sequence, int seriesId, long settlementPrice, long paidToLongs,
        long paidByShorts, long feePoolDelta)
    {
    }

    default void marginModeChanged(long sequence, Address owner, int subaccount, boolean portfolio)
    {
    }

    default void forcedWithdrawalDeclined(long sequence, long requestId, Address owner, int subaccount,
        int assetId, long amount, String reason)
    {
    }

    default void batchSealed(long sequence, io.novation.core.commitment.BatchHeader header, int withdrawals)
    {
    }

    default void feesSwept(long sequence, Address owner, int subaccount, long amount, long feePool)
    {
    }

    default void riskParametersScheduled(long sequence, long changeId, long effectiveTime, boolean loosens,
        io.novation.core.governance.RiskParameterChange change)
    {
    }

    default void riskParametersApplied(long sequence, long changeId,
        io.novation.core.governance.RiskParameterChange change)
    {
    }

    default void riskParametersCancelled(long sequence, long changeId,
        io.novation.core.governance.RiskParameterChange change, String reason)
    {
    }

    default void marketDelistingAnnounced(long sequence, int marketId, long settlementTime)
    {
    }

    default void marketSettlementFixed(long sequence, int marketId, long settlementPrice)
    {
    }

    default void positionSettled(long sequence, Address owner, int subaccount, int marketId, long size,
        long amount, long socialized, long realizedPnl)
    {
    }

    default void marketSettled(long sequence, int marketId, long settlementPrice, int positions, long deficits,
        long fromInsurance, long socialized, long toBadDebt, long feePoolDelta)
    {
    }

    default void insuranceTreasuryMoved(long sequence, int fundMarketId, long amount, long fundBalance,
        long feePool)
    {
    }

    default void marginAdjustmentScheduled(long sequence, int marketId, long fromImfPpm, long toImfPpm,
        long targetImfPpm, long volatilityPpm, long effectiveAt)
    {
    }

    default void marginAdjustmentApplied(long sequence, int marketId, long fromImfPpm, long toImfPpm)
    {
    }

    default void marginAdjustmentCancelled(long sequence, int marketId, long imfPpm, long effectiveAt)
    {
    }

    default void marketDepthReported(long sequence, int marketId, long reportedAt, int levels)
    {
    }

    default void rejected(long sequence, RejectReason reason, String message)
    {
    }

    default void sessionKeyRegistered(long sequence, Address owner, Address key, int scope,
        java.util.List<Integer> subaccounts, long expiry)
    {
    }

    default void sessionKeyRevoked(long sequence, Address owner, Address key)
    {
    }

    default void ordersCancelled(long sequence, Address owner, int subaccount, int count, Address signer)
    {
    }

    default void nonceFloorRaised(long sequence, Address owner, int subaccount, long floor, Address signer)
    {
    }

    default void blockTradeSettled(long sequence, String packageDigest, Address maker, int makerSubaccount,
        Address taker, int takerSubaccount, int legs, long makerFee, long takerFee, Address broker,
        int brokerSubaccount, long brokerFee)
    {
    }
}
