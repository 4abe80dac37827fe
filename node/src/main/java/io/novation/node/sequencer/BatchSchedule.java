package io.novation.node.sequencer;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.SealBatch;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.ClearingEngine;
import io.novation.node.journal.Journal;

/**
 * When a batch is sealed and what header its {@code sealBatch} carries (docs/protocol.md §15): after a number of
 * commands, or once an interval of sequencer time (ms) has passed since the last seal with a command unsealed; the
 * header is the engine's next one with the commands hash, the Keccak-256 of every journal record since the previous
 * seal (sequence, 8 bytes; payload length, 4 bytes; payload), seals excluded. One thread uses it.
 */
public final class BatchSchedule
{
    private final long sealEveryCommands;
    private final long sealEveryMs;
    private final Keccak256 commandsHash = new Keccak256();
    private final byte[] recordHeader = new byte[12];
    private long commandsSinceSeal;
    private long lastSealTime;

    /**
     * A schedule.
     *
     * @param sealEveryCommands seal after this many commands (0: no count limit).
     * @param sealEveryMs       seal once this much sequencer time passed since the last seal (0: no time limit).
     * @param lastSealTime      the time of the last seal, or the engine's time when resuming without one, epoch ms.
     */
    public BatchSchedule(final long sealEveryCommands, final long sealEveryMs, final long lastSealTime)
    {
        this.sealEveryCommands = sealEveryCommands;
        this.sealEveryMs = sealEveryMs;
        this.lastSealTime = lastSealTime;
    }

    /**
     * A schedule that never seals.
     *
     * @return the schedule.
     */
    public static BatchSchedule never()
    {
        return new BatchSchedule(0, 0, 0);
    }

    /**
     * Whether this schedule ever seals.
     *
     * @return true when a count or an interval is set.
     */
    public boolean enabled()
    {
        return sealEveryCommands > 0 || sealEveryMs > 0;
    }

    /**
     * Resumes the commands hash of the open batch from a journal: the records after the last seal, up to a sequence.
     *
     * @param journal           the journal.
     * @param lastBatchSequence the sequence of the last seal (the engine's), 0 when none.
     * @param upTo              the last record of the open batch.
     */
    public void resume(final Journal journal, final long lastBatchSequence, final long upTo)
    {
        commandsHash.reset();
        commandsSinceSeal = 0;
        if (enabled())
        {
            journal.replay(lastBatchSequence, upTo, this::sequenced);
        }
    }

    /**
     * Adds a journaled command (not a seal) to the open batch.
     *
     * @param sequence its sequence.
     * @param buffer   holds its journal payload.
     * @param offset   first payload byte.
     * @param length   payload bytes.
     */
    public void sequenced(final long sequence, final byte[] buffer, final int offset, final int length)
    {
        BinaryWriter.putLongAt(recordHeader, 0, sequence);
        BinaryWriter.putIntAt(recordHeader, 8, length);
        commandsHash.update(recordHeader, 0, 12);
        commandsHash.update(buffer, offset, length);
        commandsSinceSeal++;
    }

    /**
     * Whether a batch is due after a command stamped at a time: the count reached, or the interval passed.
     *
     * @param lastTime the command's sequencer time, epoch ms.
     * @return true to seal now.
     */
    public boolean dueAfterCommand(final long lastTime)
    {
        return dueAt(lastTime) || (sealEveryCommands > 0 && commandsSinceSeal >= sealEveryCommands);
    }

    /**
     * Whether the interval has passed at a time with a command unsealed.
     *
     * @param now epoch ms.
     * @return true to seal now.
     */
    public boolean dueAt(final long now)
    {
        return commandsSinceSeal > 0 && sealEveryMs > 0 && now - lastSealTime >= sealEveryMs;
    }

    /**
     * When the open batch falls due by time, if no command counts it due before.
     *
     * @return epoch ms, or {@link Long#MAX_VALUE} when no command is unsealed or no interval is set.
     */
    public long deadline()
    {
        return commandsSinceSeal > 0 && sealEveryMs > 0 ? lastSealTime + sealEveryMs : Long.MAX_VALUE;
    }

    /**
     * Closes the open batch: the {@code sealBatch} command that seals it at a time, with the engine's next header,
     * and a new empty batch from that time.
     *
     * @param engine the engine, in the state the batch seals.
     * @param time   the seal's sequencer time, epoch ms.
     * @return the command to apply and journal.
     */
    public SealBatch seal(final ClearingEngine engine, final long time)
    {
        final BatchHeader header = engine.nextBatchHeader(commandsHash.digest());
        commandsHash.reset();
        commandsSinceSeal = 0;
        lastSealTime = time;
        return new SealBatch(time, header);
    }

    /**
     * Commands in the open batch.
     *
     * @return a count.
     */
    public long commandsSinceSeal()
    {
        return commandsSinceSeal;
    }

    /**
     * The time of the last seal, epoch ms.
     *
     * @return time.
     */
    public long lastSealTime()
    {
        return lastSealTime;
    }
}
