package io.novation.core.command;

/**
 * A command to the clearing engine. Every command carries the sequencer time at which it applies, in epoch
 * milliseconds; amounts are in quantums and prices in price units of the market or asset concerned.
 */
public sealed interface Command
    permits CreateAsset, CreatePerpetual, SetMarketStatus, RegisterOraclePublisher, SetOracleParameters, OraclePrice,
    Deposit, Withdraw, Transfer, SettleTrade, FundingSample, FundingTick, SetFundingParameters, Liquidate,
    CreateOptionSeries, OracleVolSurface, SettleExpiry, SetMarginMode, ForcedWithdraw, SealBatch,
    SetVolSurfaceParameters
{
    /**
     * Sequencer time, epoch milliseconds.
     *
     * @return time.
     */
    long time();
}
