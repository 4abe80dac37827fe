package io.novation.core.command;

/**
 * Sequencer: pay out an option series at or after its expiry, at the 30-minute TWAP of the index ending at the
 * expiry's last whole minute, and close every position in it.
 *
 * @param time     sequencer time, epoch ms, not before the expiry.
 * @param seriesId the series.
 */
public record SettleExpiry(long time, int seriesId) implements Command
{
    /** The descriptor: binary type id 17, JSON {@code settleExpiry}, role governance. */
    public static final CommandType<SettleExpiry> TYPE = CommandType.of(
        17, "settleExpiry", CommandRole.GOVERNANCE, SettleExpiry.class,
        "Sequencer: pay out an option series at its expiry TWAP.",
        LifecycleCodecs.SETTLE_EXPIRY);

    @Override
    public SettleExpiry withTime(final long newTime)
    {
        return newTime == time ? this : new SettleExpiry(newTime, seriesId);
    }

    @Override
    public CommandType<SettleExpiry> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.settleExpiry(this);
    }
}
