package io.novation.core.command;

/**
 * One operation over every command type, one method per type: a command type without its method here is a compile
 * error in every visitor, so no dispatch over commands can miss a case.

 * @param <R> what the operation answers.
 */
public interface CommandVisitor<R>
{
    /**
     * Visits a {@link CreateAsset}.

     * @param c the command.
     * @return the operation's answer.
     */
    R createAsset(CreateAsset c);

    /**
     * Visits a {@link CreatePerpetual}.

     * @param c the command.
     * @return the operation's answer.
     */
    R createPerpetual(CreatePerpetual c);

    /**
     * Visits a {@link SetMarketStatus}.

     * @param c the command.
     * @return the operation's answer.
     */
    R setMarketStatus(SetMarketStatus c);

    /**
     * Visits a {@link RegisterOraclePublisher}.

     * @param c the command.
     * @return the operation's answer.
     */
    R registerOraclePublisher(RegisterOraclePublisher c);

    /**
     * Visits a {@link SetOracleParameters}.

     * @param c the command.
     * @return the operation's answer.
     */
    R setOracleParameters(SetOracleParameters c);

    /**
     * Visits a {@link OraclePrice}.

     * @param c the command.
     * @return the operation's answer.
     */
    R oraclePrice(OraclePrice c);

    /**
     * Visits a {@link Deposit}.

     * @param c the command.
     * @return the operation's answer.
     */
    R deposit(Deposit c);

    /**
     * Visits a {@link Withdraw}.

     * @param c the command.
     * @return the operation's answer.
     */
    R withdraw(Withdraw c);

    /**
     * Visits a {@link Transfer}.

     * @param c the command.
     * @return the operation's answer.
     */
    R transfer(Transfer c);

    /**
     * Visits a {@link SettleTrade}.

     * @param c the command.
     * @return the operation's answer.
     */
    R settleTrade(SettleTrade c);

    /**
     * Visits a {@link FundingSample}.

     * @param c the command.
     * @return the operation's answer.
     */
    R fundingSample(FundingSample c);

    /**
     * Visits a {@link FundingTick}.

     * @param c the command.
     * @return the operation's answer.
     */
    R fundingTick(FundingTick c);

    /**
     * Visits a {@link SetFundingParameters}.

     * @param c the command.
     * @return the operation's answer.
     */
    R setFundingParameters(SetFundingParameters c);

    /**
     * Visits a {@link Liquidate}.

     * @param c the command.
     * @return the operation's answer.
     */
    R liquidate(Liquidate c);

    /**
     * Visits a {@link CreateOptionSeries}.

     * @param c the command.
     * @return the operation's answer.
     */
    R createOptionSeries(CreateOptionSeries c);

    /**
     * Visits a {@link SettleExpiry}.

     * @param c the command.
     * @return the operation's answer.
     */
    R settleExpiry(SettleExpiry c);

    /**
     * Visits a {@link SetMarginMode}.

     * @param c the command.
     * @return the operation's answer.
     */
    R setMarginMode(SetMarginMode c);

    /**
     * Visits a {@link ForcedWithdraw}.

     * @param c the command.
     * @return the operation's answer.
     */
    R forcedWithdraw(ForcedWithdraw c);

    /**
     * Visits a {@link SealBatch}.

     * @param c the command.
     * @return the operation's answer.
     */
    R sealBatch(SealBatch c);

    /**
     * Visits a {@link OracleVolSurface}.

     * @param c the command.
     * @return the operation's answer.
     */
    R oracleVolSurface(OracleVolSurface c);

    /**
     * Visits a {@link SetVolSurfaceParameters}.

     * @param c the command.
     * @return the operation's answer.
     */
    R setVolSurfaceParameters(SetVolSurfaceParameters c);

    /**
     * Visits a {@link SweepFees}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R sweepFees(SweepFees c);

    /**
     * Visits a {@link SetRiskParameters}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R setRiskParameters(SetRiskParameters c);

    /**
     * Visits a {@link CancelRiskParameters}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R cancelRiskParameters(CancelRiskParameters c);

    /**
     * Visits a {@link ApplyRiskParameters}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R applyRiskParameters(ApplyRiskParameters c);

    /**
     * Visits a {@link SettleMarket}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R settleMarket(SettleMarket c);

    /**
     * Visits a {@link FundInsurance}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R fundInsurance(FundInsurance c);

    /**
     * Visits a {@link WithdrawInsurance}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R withdrawInsurance(WithdrawInsurance c);

    /**
     * Visits a {@link RegisterSessionKey}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R registerSessionKey(RegisterSessionKey c);

    /**
     * Visits a {@link RevokeSessionKey}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R revokeSessionKey(RevokeSessionKey c);

    /**
     * Visits a {@link CancelOrders}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R cancelOrders(CancelOrders c);

    /**
     * Visits a {@link SetNonceFloor}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R setNonceFloor(SetNonceFloor c);

    /**
     * Visits a {@link ReportMarketDepth}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R reportMarketDepth(ReportMarketDepth c);

    /**
     * Visits a {@link SettleBlockTrade}.
     *
     * @param c the command.
     * @return the operation's answer.
     */
    R settleBlockTrade(SettleBlockTrade c);
}
