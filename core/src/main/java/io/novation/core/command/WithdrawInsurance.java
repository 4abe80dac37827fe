package io.novation.core.command;

/**
 * Governance: move quote quantums out of an insurance fund back into the fee pool, within the treasury's limits.
 *
 * @param time         sequencer time, epoch ms.
 * @param fundMarketId -1 for the cross-margin fund, or the perpetual market whose isolated fund pays it.
 * @param amount       positive quote quantums (1e-6 USDC).
 */
public record WithdrawInsurance(long time, int fundMarketId, long amount) implements Command
{
    /** The descriptor: binary type id 52, JSON {@code withdrawInsurance}, role governance. */
    public static final CommandType<WithdrawInsurance> TYPE = CommandType.of(
        52, "withdrawInsurance", CommandRole.GOVERNANCE, WithdrawInsurance.class,
        "Governance: move part of an insurance fund back to the fee pool, within the treasury's limits.",
        DelistingCodecs.WITHDRAW_INSURANCE);

    @Override
    public WithdrawInsurance withTime(final long newTime)
    {
        return newTime == time ? this : new WithdrawInsurance(newTime, fundMarketId, amount);
    }

    @Override
    public CommandType<WithdrawInsurance> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.withdrawInsurance(this);
    }
}
