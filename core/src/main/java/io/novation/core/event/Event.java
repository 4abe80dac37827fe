package io.novation.core.event;

import io.novation.core.account.Address;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;

/**
 * What the engine did, in the order it did it. Every event carries the sequence number of the command that caused
 * it; amounts are in quantums of the asset named, quote amounts in quote quantums (1e-6 USDC).
 */
public sealed interface Event
{
    /**
     * Sequence number of the causing command.
     *
     * @return sequence, from 1.
     */
    long sequence();

    /** A collateral asset was added. */
    record AssetCreated(long sequence, int assetId, String symbol, int decimals, int oracleId,
        long initialWeightPpm, long maintenanceWeightPpm) implements Event
    {
    }

    /** A perpetual market was added. */
    record PerpetualCreated(long sequence, int marketId, String ticker, int oracleId) implements Event
    {
    }

    /** A market's status changed. */
    record MarketStatusChanged(long sequence, int marketId, MarketStatus status) implements Event
    {
    }

    /** An oracle price was accepted: the median of the round's valid reports, at the command's time. */
    record OraclePriceUpdated(long sequence, int oracleId, long price, long time) implements Event
    {
    }

    /** A publisher was registered for an oracle. */
    record OraclePublisherRegistered(long sequence, int oracleId, Address publisher) implements Event
    {
    }

    /** An oracle's parameters were replaced (milliseconds and parts per million). */
    record OracleParametersSet(long sequence, int oracleId, OracleParameters parameters) implements Event
    {
    }

    /** Governance replaced the volatility-surface parameters of an underlying. */
    record VolSurfaceParametersSet(long sequence, int oracleId,
        io.novation.core.oracle.VolSurfaceParameters parameters) implements Event
    {
    }

    /** A report was left out of an accepted or held round, for the reason given; index is its place in the round. */
    record OracleReportRejected(long sequence, int oracleId, int index, Address publisher,
        ReportRejectReason reason) implements Event
    {
    }

    /**
     * The deviation guard held a round whose median moved beyond the threshold from the last price; a following
     * round confirms it.
     */
    record OraclePriceHeld(long sequence, int oracleId, long price, long lastPrice, int publishers) implements Event
    {
    }

    /** Collateral was credited from the base chain. */
    record Deposited(long sequence, Address owner, int subaccount, int assetId, long amount, long depositId)
        implements Event
    {
    }

    /** Collateral was debited and queued for payment on the base chain. */
    record WithdrawalQueued(long sequence, long withdrawalId, Address owner, int subaccount, int assetId,
        long amount) implements Event
    {
    }

    /** Collateral moved between two subaccounts of one account. */
    record Transferred(long sequence, Address owner, int fromSubaccount, int toSubaccount, int assetId, long amount)
        implements Event
    {
    }

    /** A fill was settled: the buyer paid the seller the quote amount and both paid their fees to the fee pool. */
    record TradeSettled(long sequence, int marketId, Address maker, int makerSubaccount, Address taker,
        int takerSubaccount, boolean takerIsBuy, long size, long price, long quoteAmount, long makerFee, long takerFee)
        implements Event
    {
    }

    /** A position changed size; realized PnL is the part of its cost basis closed against the trade's value. */
    record PositionChanged(long sequence, Address owner, int subaccount, int marketId, long size, long costBasis,
        long realizedPnl) implements Event
    {
    }

    /** A premium sample was recorded for a market: the premium in ppb and the samples taken since the last tick. */
    record FundingSampled(long sequence, int marketId, long premiumPpb, int samples) implements Event
    {
    }

    /**
     * A funding tick moved a market's cumulative index (billionths of a quote quantum per base quantum) by the
     * 8-hour rate (ppb) held over the elapsed milliseconds at the index price.
     */
    record FundingTicked(long sequence, int marketId, long rate8hPpb, long elapsedMs, long indexPrice,
        long indexDelta, long cumulativeIndex) implements Event
    {
    }

    /** A position settled its accrued funding: amount in quote quantums, positive when received. */
    record FundingPaid(long sequence, Address owner, int subaccount, int marketId, long amount, long cumulativeIndex)
        implements Event
    {
    }

    /** A market's funding settings changed. */
    record FundingParametersSet(long sequence, int marketId, io.novation.core.funding.FundingParameters parameters)
        implements Event
    {
    }

    /**
     * A keeper took over part of a position: {@code size} is the change of the liquidated position (signed), the
     * quote amounts are what the liquidated subaccount receives for it at the fill and at its bankruptcy price, and
     * the insurance fund's change (negative when it paid a deficit).
     */
    record Liquidated(long sequence, Address keeper, int keeperSubaccount, Address target, int targetSubaccount,
        int marketId, long size, long fillQuote, long bankruptcyQuote, long insuranceFundDelta) implements Event
    {
    }

    /** An insurance fund changed: the cross fund when {@code fundMarketId} is −1, else that market's isolated fund. */
    record InsuranceFundChanged(long sequence, int fundMarketId, long delta, long balance) implements Event
    {
    }

    /**
     * Auto-deleveraging closed part of a bankrupt position against an opposite one at the bankruptcy price:
     * {@code size} is the change of the bankrupt position, {@code quoteAmount} what the bankrupt subaccount received.
     */
    record Deleveraged(long sequence, Address target, int targetSubaccount, Address counterparty,
        int counterpartySubaccount, int marketId, long size, long quoteAmount) implements Event
    {
    }

    /** A loss no fund or counterparty could take was socialized to one side of a market through its loss index. */
    record LossSocialized(long sequence, Address target, int targetSubaccount, int marketId, long amount,
        boolean longsPay, long lossIndex) implements Event
    {
    }

    /**
     * Shorts of an expiring series could not pay all of its intrinsic value (quote quantums): the insurance fund paid
     * what it could and the rest was taken from the longs' payouts, pro rata.
     */
    record OptionExpiryShortfall(long sequence, int seriesId, long shortfall, long insuranceFundPaid,
        long socializedToLongs) implements Event
    {
    }

    /** A subaccount whose last position expired with equity below zero was credited its deficit (quote quantums). */
    record DeficitCovered(long sequence, Address owner, int subaccount, int seriesId, long deficit) implements Event
    {
    }

    /**
     * The deficits an expiry left (quote quantums) were covered by the insurance fund, then the fee pool, and the rest
     * recorded as bad debt ({@code badDebt} is the total after it).
     */
    record ExpiryDeficitsCovered(long sequence, int seriesId, long deficits, long fromInsuranceFund, long fromFeePool,
        long toBadDebt, long badDebt) implements Event
    {
    }

    /** An option series was added: strike in price units of its oracle, expiry in epoch ms. */
    record OptionSeriesCreated(long sequence, int seriesId, String ticker, int oracleId, long strike, long expiry,
        io.novation.core.pricing.OptionType optionType) implements Event
    {
    }

    /**
     * The volatility surface of an underlying was replaced by one of {@code slices} expiries, co-signed by a quorum of
     * registered publishers at its {@code publishedAt} (epoch ms); {@code publisher} is the first that signed it.
     */
    record VolSurfaceUpdated(long sequence, int oracleId, Address publisher, long publishedAt, int slices,
        long firstExpiry, long lastExpiry) implements Event
    {
    }

    /**
     * A registered publisher's signed volatility surface (published at {@code publishedAt}, epoch ms) was counted
     * towards a quorum: {@code signers} distinct publishers have now signed that same surface, fewer than
     * {@code quorum}, so it has not taken effect.
     */
    record VolSurfaceSubmitted(long sequence, int oracleId, Address publisher, long publishedAt, int signers,
        int quorum) implements Event
    {
    }

    /**
     * A surface co-signed by a quorum ({@code signers} publishers, published at {@code publishedAt}, epoch ms) moved
     * the volatility of series {@code seriesId} beyond the deviation threshold: it is held, the surface in effect
     * stays, until a following quorum confirms it.
     */
    record VolSurfaceHeld(long sequence, int oracleId, long publishedAt, int signers, int seriesId) implements Event
    {
    }

    /** An option series' settlement price was fixed: the index's 30-minute TWAP at expiry, in price units. */
    record OptionSettlementFixed(long sequence, int seriesId, long settlementPrice) implements Event
    {
    }

    /**
     * A position in an expired option series was paid out and closed: {@code size} is the position (signed base
     * quantums), {@code amount} what the subaccount received (negative: paid), in quote quantums.
     */
    record OptionSettled(long sequence, Address owner, int subaccount, int seriesId, long size, long amount)
        implements Event
    {
    }

    /**
     * An expired option series was settled: what longs received and shorts paid in total (quote quantums), the
     * difference going to the fee pool.
     */
    record OptionSeriesSettled(long sequence, int seriesId, long settlementPrice, long paidToLongs,
        long paidByShorts, long feePoolDelta) implements Event
    {
    }

    /** A subaccount switched between standard ({@code portfolio} false) and portfolio margin. */
    record MarginModeChanged(long sequence, Address owner, int subaccount, boolean portfolio) implements Event
    {
    }

    /** A command was refused; the state is unchanged. */
    /** A forced-withdrawal request from the base chain was answered without a withdrawal. */
    record ForcedWithdrawalDeclined(long sequence, long requestId, Address owner, int subaccount, int assetId,
        long amount, String reason) implements Event
    {
    }

    /** A batch was sealed: its header, as committed to the base chain. */
    record BatchSealed(long sequence, io.novation.core.commitment.BatchHeader header, int withdrawals)
        implements Event
    {
    }

    /**
     * Governance swept fees from the fee pool to a treasury subaccount's quote collateral; {@code feePool} is what
     * the pool holds after the sweep (quote quantums).
     */
    record FeesSwept(long sequence, Address owner, int subaccount, long amount, long feePool) implements Event
    {
    }

    /**
     * Governance scheduled a risk parameter change: its id, kind, effective time (epoch ms), whether it loosens risk
     * and the change itself.
     */
    record RiskParametersScheduled(long sequence, long changeId, String kind, long effectiveTime, boolean loosens,
        io.novation.core.governance.RiskParameterChange change) implements Event
    {
    }

    /** The sequencer applied a scheduled risk parameter change at its effective time. */
    record RiskParametersApplied(long sequence, long changeId, String kind,
        io.novation.core.governance.RiskParameterChange change) implements Event
    {
    }

    /**
     * A scheduled risk parameter change ended without applying: cancelled by governance, or dropped at its effective
     * time because it no longer held against the state ({@code reason}, a reason code, or {@code CANCELLED}).
     */
    record RiskParametersCancelled(long sequence, long changeId, String kind, String reason) implements Event
    {
    }

    /**
     * Governance announced a perpetual market's delisting: it is reduce-only from now and settles at
     * {@code settlementTime} (epoch ms) at the oracle's 30-minute TWAP.
     */
    record MarketDelistingAnnounced(long sequence, int marketId, long settlementTime) implements Event
    {
    }

    /** A delisted market's final settlement price was fixed: the 30-minute TWAP at its settlement time. */
    record MarketSettlementFixed(long sequence, int marketId, long settlementPrice) implements Event
    {
    }

    /**
     * A position was closed at the final settlement price: {@code size} the signed size closed (base quantums),
     * {@code amount} the quote quantums credited (negative: paid), {@code socialized} what was taken from it to cover
     * deficits, {@code realizedPnl} its realized PnL.
     */
    record PositionSettled(long sequence, Address owner, int subaccount, int marketId, long size, long amount,
        long socialized, long realizedPnl) implements Event
    {
    }

    /**
     * A delisted perpetual market was settled: every position closed at {@code settlementPrice}; {@code deficits}
     * of holders left below zero were covered by the insurance funds ({@code fromInsurance}), then pro rata by the
     * settlement's winners ({@code socialized}), and the rest became bad debt ({@code toBadDebt}); the fee pool
     * received {@code feePoolDelta} (rounding). Quote quantums.
     */
    record MarketSettled(long sequence, int marketId, long settlementPrice, int positions, long deficits,
        long fromInsurance, long socialized, long toBadDebt, long feePoolDelta) implements Event
    {
    }

    /**
     * Governance moved quote quantums between the fee pool and an insurance fund ({@code fundMarketId} -1 for the
     * cross fund): {@code amount} positive into the fund, negative out of it; {@code feePool} the pool after.
     */
    record InsuranceTreasuryMoved(long sequence, int fundMarketId, long amount, long fundBalance, long feePool)
        implements Event
    {
    }

    /**
     * The margin controller announced a change of a market's initial margin fraction (ppm), effective at
     * {@code effectiveAt} (epoch ms), from the target {@code targetImfPpm} of a daily volatility {@code volatilityPpm}.
     */
    record MarginAdjustmentScheduled(long sequence, int marketId, long fromImfPpm, long toImfPpm, long targetImfPpm,
        long volatilityPpm, long effectiveAt) implements Event
    {
    }

    /** The margin controller's announced initial margin fraction (ppm) applied to a market. */
    record MarginAdjustmentApplied(long sequence, int marketId, long fromImfPpm, long toImfPpm) implements Event
    {
    }

    /** The margin controller withdrew a change (ppm, effective time in epoch ms) before it applied. */
    record MarginAdjustmentCancelled(long sequence, int marketId, long imfPpm, long effectiveAt) implements Event
    {
    }

    /** The matching engine reported a market's book depth as of {@code reportedAt} (epoch ms), with that many levels. */
    record MarketDepthReported(long sequence, int marketId, long reportedAt, int levels) implements Event
    {
    }

    record Rejected(long sequence, RejectReason code, String message) implements Event
    {
    }

    /** An owner delegated a session key: scope bits, subaccounts (empty: all) and expiry in epoch ms. */
    record SessionKeyRegistered(long sequence, Address owner, Address key, int scope,
        java.util.List<Integer> subaccounts,
        long expiry) implements Event
    {
    }

    /** An owner revoked a session key; it signs nothing from this sequence on. */
    record SessionKeyRevoked(long sequence, Address owner, Address key) implements Event
    {
    }

    /** A subaccount cancelled orders by digest ({@code count} of them), signed by {@code signer}. */
    record OrdersCancelled(long sequence, Address owner, int subaccount, int count, Address signer) implements Event
    {
    }

    /** A subaccount's nonce floor rose: its orders with a lower nonce never fill. */
    record NonceFloorRaised(long sequence, Address owner, int subaccount, long floor, Address signer) implements Event
    {
    }

    /**
     * A block trade package settled, all its legs (each a {@link TradeSettled} with no fee, before this event):
     * the package digest (0x hex), both parties, the legs count, and the fees in quote quantums.
     */
    record BlockTradeSettled(long sequence, String packageDigest, Address maker, int makerSubaccount, Address taker,
        int takerSubaccount, int legs, long makerFee, long takerFee, Address broker, int brokerSubaccount,
        long brokerFee) implements Event
    {
    }
}
