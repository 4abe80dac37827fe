package io.novation.core.command;

/**
 * A command to the clearing engine. Every command carries the sequencer time at which it applies, in epoch
 * milliseconds; amounts are in quantums and prices in price units of the market or asset concerned. Each permitted
 * record declares its descriptor as {@code public static final CommandType TYPE} (see {@link CommandTypes}) and
 * answers every method here, so that the compiler checks each new command against every dispatch.
 */
public sealed interface Command
    permits CreateAsset, CreatePerpetual, SetMarketStatus, RegisterOraclePublisher, SetOracleParameters, OraclePrice,
    Deposit, Withdraw, Transfer, SettleTrade, FundingSample, FundingTick, SetFundingParameters, Liquidate,
    CreateOptionSeries, OracleVolSurface, SettleExpiry, SetMarginMode, ForcedWithdraw, SealBatch,
    SetVolSurfaceParameters, SweepFees,
    SetRiskParameters, CancelRiskParameters, ApplyRiskParameters,
    SettleMarket, FundInsurance, WithdrawInsurance,
    RegisterSessionKey, RevokeSessionKey, CancelOrders, SetNonceFloor,
    ReportMarketDepth,
    SettleBlockTrade
{
    /**
     * Sequencer time, epoch milliseconds.
     *
     * @return time.
     */
    long time();

    /**
     * The same command stamped with another sequencer time, every other field kept (signatures stay valid: no
     * signature covers the sequencer time).
     *
     * @param time epoch ms.
     * @return this command when the time is unchanged, else a copy.
     */
    Command withTime(long time);

    /**
     * The command's descriptor.
     *
     * @return the record's {@code TYPE}.
     */
    CommandType<?> type();

    /**
     * Who may send the command: its descriptor's role (docs/protocol.md §13.1).
     *
     * @return the role.
     */
    default CommandRole role()
    {
        return type().role();
    }

    /**
     * Calls the visitor's method for this command's type.
     *
     * @param <R>     the visitor's answer.
     * @param visitor the visitor.
     * @return its answer.
     */
    <R> R accept(CommandVisitor<R> visitor);
}
