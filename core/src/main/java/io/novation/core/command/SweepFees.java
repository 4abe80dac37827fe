package io.novation.core.command;

import io.novation.core.account.Address;

/**
 * Governance: sweep part of the fee pool to a treasury subaccount, credited as quote collateral.
 *
 * @param time       sequencer time, epoch ms.
 * @param account    the treasury's owner address.
 * @param subaccount the treasury's subaccount number, created when absent.
 * @param amount     positive quote quantums (1e-6 USDC), at most the fee pool.
 */
public record SweepFees(long time, Address account, int subaccount, long amount) implements Command
{
    /** The descriptor: binary type id 23, JSON {@code sweepFees}, role governance. */
    public static final CommandType<SweepFees> TYPE = CommandType.of(
        23, "sweepFees", CommandRole.GOVERNANCE, SweepFees.class,
        "Governance: sweep fees from the fee pool to a treasury subaccount's quote collateral.",
        TreasuryCodecs.SWEEP_FEES);

    @Override
    public SweepFees withTime(final long newTime)
    {
        return newTime == time ? this : new SweepFees(newTime, account, subaccount, amount);
    }

    @Override
    public CommandType<SweepFees> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.sweepFees(this);
    }
}
