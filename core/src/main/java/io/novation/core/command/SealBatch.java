package io.novation.core.command;

import io.novation.core.commitment.BatchHeader;

/**
 * Sequencer: closes the batch of commands since the last seal. The header is the sequencer's claim of what the batch
 * commits to; the engine recomputes every part of it but the commands hash from its state (the root of the state
 * before this command, the withdrawals root, the price table hash, the counters) and rejects the command
 * ({@code BATCH_MISMATCH}) when any part differs, so that re-executing the journal checks every sealed root.
 *
 * @param time   sequencer time, epoch ms.
 * @param header the claimed batch header.
 */
public record SealBatch(long time, BatchHeader header) implements Command
{
    /** The descriptor: binary type id 20, JSON {@code sealBatch}, role sequencer. */
    public static final CommandType<SealBatch> TYPE = CommandType.of(
        20, "sealBatch", CommandRole.SEQUENCER, SealBatch.class,
        "Sequencer: close the batch since the last seal, checking its header.",
        LifecycleCodecs.SEAL_BATCH);

    @Override
    public SealBatch withTime(final long newTime)
    {
        return newTime == time ? this : new SealBatch(newTime, header);
    }

    @Override
    public CommandType<SealBatch> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.sealBatch(this);
    }
}
