package io.novation.node.batch;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.Command;
import io.novation.core.command.SealBatch;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.node.journal.Journal;
import io.novation.node.sequencer.JournalPayload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Re-executes a journal from genesis in a fresh engine and checks every sealed batch: the engine recomputes each
 * {@code sealBatch} header from the state (root, withdrawals root, price table hash, counters) and refuses one that
 * differs, and the auditor recomputes the commands hash from the journal records since the previous seal.
 */
public final class Auditor
{
    private final EngineConfig config;
    private final Path journalDirectory;

    /**
     * An auditor of one journal.
     *
     * @param config           the genesis configuration of the node that wrote it.
     * @param journalDirectory the journal's segments.
     */
    public Auditor(final EngineConfig config, final Path journalDirectory)
    {
        this.config = config;
        this.journalDirectory = journalDirectory;
    }

    /**
     * Re-executes the whole journal.
     *
     * @return the report.
     */
    public AuditReport run()
    {
        return run(Long.MAX_VALUE);
    }

    /**
     * Re-executes the journal up to a sequence.
     *
     * @param upTo the last record to re-execute.
     * @return the report.
     */
    public AuditReport run(final long upTo)
    {
        final EventLog events = new EventLog();
        final ClearingEngine engine = new ClearingEngine(config, events);
        final BinaryReader reader = new BinaryReader(new byte[0]);
        final Keccak256 commandsHash = new Keccak256();
        final byte[] recordHeader = new byte[12];
        final List<AuditReport.BatchCheck> checks = new ArrayList<>();
        final List<SealedBatch> batches = new ArrayList<>();
        final long[] last = {0};
        final String fault = Journal.replayChecked(journalDirectory, (sequence, buffer, offset, length) ->
        {
            if (sequence > upTo)
            {
                return;
            }
            final Command command = JournalPayload.read(reader.wrap(buffer, offset, length)).command();
            if (command instanceof SealBatch seal && seal.header() != null)
            {
                final List<PendingWithdrawals.Entry> withdrawals =
                    List.copyOf(engine.state().pendingWithdrawals().entries());
                final byte[] expectedCommands = commandsHash.digest();
                commandsHash.reset();
                final boolean applied = engine.apply(command);
                String problem = null;
                if (!applied)
                {
                    final Event lastEvent = events.last();
                    problem = lastEvent instanceof Event.Rejected rejected ? rejected.code() + ": " +
                        rejected.message() : "refused";
                }
                else if (!Arrays.equals(expectedCommands, seal.header().commandsHash()))
                {
                    problem = "commandsHash " + Hex.encode(seal.header().commandsHash()) + " != " +
                        Hex.encode(expectedCommands) + " recomputed from the journal";
                }
                checks.add(new AuditReport.BatchCheck(seal.header().batchNumber(), sequence, problem));
                if (applied)
                {
                    batches.add(new SealedBatch(sequence, seal.header(), withdrawals));
                }
            }
            else
            {
                BinaryWriter.putLongAt(recordHeader, 0, sequence);
                BinaryWriter.putIntAt(recordHeader, 8, length);
                commandsHash.update(recordHeader, 0, 12);
                commandsHash.update(buffer, offset, length);
                engine.apply(command);
            }
            events.clear();
            last[0] = sequence;
        });
        return new AuditReport(checks, batches, fault, last[0]);
    }
}
