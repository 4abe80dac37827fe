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
}
