package io.novation.node.batch;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.SealBatch;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.node.journal.JournalObserver;
import io.novation.node.journal.JournalReplayer;
import io.novation.node.journal.ReplayedRecord;

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
        final Check check = new Check();
        final String fault = JournalReplayer.applyingTo(new ClearingEngine(config, EventSink.NONE)).observe(check)
            .replayChecked(journalDirectory, upTo);
        return new AuditReport(check.checks, check.batches, fault, check.last);
    }

    /** Recomputes the commands hash of each batch and checks its seal. */
    private static final class Check implements JournalObserver
    {
        private final Keccak256 commandsHash = new Keccak256();
        private final byte[] recordHeader = new byte[12];
        private final List<AuditReport.BatchCheck> checks = new ArrayList<>();
        private final List<SealedBatch> batches = new ArrayList<>();
        private long last;

        @Override
        public void onBatch(final ReplayedRecord record, final SealBatch seal,
            final List<PendingWithdrawals.Entry> withdrawals, final boolean applied, final Event.Rejected rejection)
        {
            final byte[] expectedCommands = commandsHash.digest();
            commandsHash.reset();
            String problem = null;
            if (!applied)
            {
                problem = rejection != null ? rejection.code() + ": " + rejection.message() : "refused";
            }
            else if (!Arrays.equals(expectedCommands, seal.header().commandsHash()))
            {
                problem = "commandsHash " + Hex.encode(seal.header().commandsHash()) + " != " +
                    Hex.encode(expectedCommands) + " recomputed from the journal";
            }
            checks.add(new AuditReport.BatchCheck(seal.header().batchNumber(), record.sequence(), problem));
            if (applied)
            {
                batches.add(new SealedBatch(record.sequence(), seal.header(), withdrawals));
            }
        }

        @Override
        public void afterCommand(final ReplayedRecord record, final boolean applied, final ClearingEngine engine)
        {
            if (!(record.command() instanceof SealBatch seal && seal.header() != null))
            {
                BinaryWriter.putLongAt(recordHeader, 0, record.sequence());
                BinaryWriter.putIntAt(recordHeader, 8, record.length());
                commandsHash.update(recordHeader, 0, 12);
                commandsHash.update(record.buffer(), record.offset(), record.length());
            }
            last = record.sequence();
        }
    }
}
