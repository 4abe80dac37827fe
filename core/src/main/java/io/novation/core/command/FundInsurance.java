package io.novation.core.command;

/**
 * Governance: move quote quantums from the fee pool into an insurance fund.
 *
 * @param time         sequencer time, epoch ms.
 * @param fundMarketId -1 for the cross-margin fund, or the perpetual market whose isolated fund receives it.
 * @param amount       positive quote quantums (1e-6 USDC), at most the fee pool.
 */
public record FundInsurance(long time, int fundMarketId, long amount) implements Command
{
    /** The descriptor: binary type id 51, JSON {@code fundInsurance}, role governance. */
    public static final CommandType<FundInsurance> TYPE = CommandType.of(
        51, "fundInsurance", CommandRole.GOVERNANCE, FundInsurance.class,
        "Governance: top up the cross or a market's isolated insurance fund from the fee pool.",
        DelistingCodecs.FUND_INSURANCE);

    @Override
    public FundInsurance withTime(final long newTime)
    {
        return newTime == time ? this : new FundInsurance(newTime, fundMarketId, amount);
    }

    @Override
    public CommandType<FundInsurance> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.fundInsurance(this);
    }
}
