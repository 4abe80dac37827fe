package io.novation.node.sequencer;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.Command;
import io.novation.core.command.CommandRole;
import io.novation.core.command.FillParts;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.SealBatch;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.governance.BridgeKeyRotation;
import io.novation.core.governance.GovernanceKeyRotation;
import io.novation.core.governance.RiskParameterChange;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.node.batch.SealedBatch;
import io.novation.node.journal.Journal;

import java.util.Arrays;
import java.util.TreeMap;
import java.util.List;

/**
 * The engine behind a {@link SequencingPolicy}, shared by the embedded node's sequencer and a cluster member's
 * service: it stamps a submission, applies it, journals it ({@link JournalPayload}) and adds it to the open batch,
 * and seals batches when the policy's schedule says so. The caller commits the journal and publishes the events it
 * collects. One thread uses it.
 */
public final class SequencedEngine
{
    private static final CommandRole FILL_ROLE = SettleTrade.TYPE.role();

    private final ClearingEngine engine;
    private final EventLog events;
    private final SequencingPolicy policy;
    private final Journal journal;
    private final BinaryWriter payload = new BinaryWriter(1024);
    private final SequencedOutcome outcome = new SequencedOutcome();
    /** The index in the event log of the first event of the command the last {@link #sequenceInPlace} applied. */
    private int commandFirstEvent;
    /** The time the last admitted command is stamped with, epoch ms. */
    private long stampedTime;
    /** Whether a change applied by the current {@link #sequence} call rotated the governance key. */
    private boolean governanceRotated;
    /** Whether a change applied by the current {@link #sequence} call rotated the bridge key. */
    private boolean bridgeRotated;
    /** The journal's records after a restart's replay point, read once when the log is replayed over them. */
    private TreeMap<Long, byte[]> journaled;

    /**
     * A sequenced engine.
     *
     * @param engine  the engine, whose event sink is {@code events}.
     * @param events  collects the engine's events until the caller clears them.
     * @param policy  the sequencing rules.
     * @param journal where sequenced commands are appended; a record already there (a cluster member re-applying
     *                its log after a restart) is not appended again.
     */
    public SequencedEngine(final ClearingEngine engine, final EventLog events, final SequencingPolicy policy,
        final Journal journal)
    {
        this.engine = engine;
        this.events = events;
        this.policy = policy;
        this.journal = journal;
    }

    /**
     * Stamps, applies and journals one verified submission.
     *
     * @param command        the command.
     * @param explicitTime   whether the client set its time.
     * @param authorityNonce the governance envelope's nonce, or 0.
     * @param withEvents     whether the outcome carries the command's events.
     * @return the outcome: sequenced (applied or rejected by the engine) or refused (nothing changed).
     */
    public CommandOutcome sequence(final Command command, final boolean explicitTime, final long authorityNonce,
        final boolean withEvents)
    {
        final SequencedOutcome done = sequenceInPlace(command, explicitTime, authorityNonce);
        if (done.refusal() != null)
        {
            return new CommandOutcome(0, 0, false, done.code(), done.message(), List.of(), done.refusal());
        }
        final List<Event> own = withEvents ? List.copyOf(events.events().subList(commandFirstEvent, events.size())) :
            List.of();
        return new CommandOutcome(done.sequence(), done.time(), done.applied(), done.code(), done.message(), own,
            null);
    }

    /**
     * {@link #sequence} without the command's events, into this engine's one {@link SequencedOutcome}: for a host
     * that reads the outcome at once, on this thread, and keeps nothing of it.
     *
     * @param command        the command.
     * @param explicitTime   whether the client set its time.
     * @param authorityNonce the governance envelope's nonce, or 0.
     * @return the outcome, valid until the next call.
     */
    public SequencedOutcome sequenceInPlace(final Command command, final boolean explicitTime,
        final long authorityNonce)
    {
        if (!admit(command.time(), command.role(), explicitTime, authorityNonce))
        {
            return outcome;
        }
        final Command stamped = command.withTime(stampedTime);
        final boolean applied = engine.apply(stamped);
        payload.reset();
        JournalPayload.write(payload, authorityNonce, stamped);
        return sequenced(stampedTime, authorityNonce, applied);
    }

    /**
     * {@link #sequenceInPlace} of a {@code settleTrade} held as its fields, without a record: the same refusals,
     * stamp, engine steps, journal record and outcome as for the {@link SettleTrade} of
     * the same fields.
     *
     * @param fill           the fill; its time is read only when explicit, and replaced by the time stamped.
     * @param explicitTime   whether the client set its time.
     * @param authorityNonce the governance envelope's nonce, or 0.
     * @return the outcome, valid until the next call.
     */
    public SequencedOutcome sequenceFillInPlace(final FillParts fill, final boolean explicitTime,
        final long authorityNonce)
    {
        if (!admit(fill.time(), FILL_ROLE, explicitTime, authorityNonce))
        {
            return outcome;
        }
        final boolean applied = engine.apply(fill.stamp(stampedTime));
        payload.reset();
        JournalPayload.writeFill(payload, authorityNonce, fill);
        return sequenced(stampedTime, authorityNonce, applied);
    }

    /**
     * The steps before a command applies: the policy's refusals, the time stamped ({@link #stampedTime}), the
     * governance changes due by then, and the refusal of a governance or bridge command whose key those changes have
     * just rotated away.
     *
     * @return true when the command may apply; false with the refusal in {@link #outcome}.
     */
    private boolean admit(final long ownTime, final CommandRole role, final boolean explicitTime,
        final long authorityNonce)
    {
        final Refusal refused = policy.refusal(ownTime, role, explicitTime, authorityNonce);
        if (refused != null)
        {
            outcome.refused(refused);
            return false;
        }
        stampedTime = policy.time(ownTime, explicitTime);
        governanceRotated = false;
        bridgeRotated = false;
        applyDueChanges(stampedTime);
        if ((role == CommandRole.GOVERNANCE && governanceRotated) || (role == CommandRole.BRIDGE && bridgeRotated))
        {
            // Its envelope was checked against the key that has just been rotated away.
            outcome.refused(new Refusal(403, "NOT_AUTHORIZED", "the " + role.name().toLowerCase() +
                " key was rotated at " + engine.state().time() + ", before this command; sign it with the new key"));
            return false;
        }
        commandFirstEvent = events.size();
        return true;
    }

    /** Records an applied or rejected command whose journal payload is in {@link #payload}, into the outcome. */
    private SequencedOutcome sequenced(final long time, final long authorityNonce, final boolean applied)
    {
        final long sequence = engine.state().sequence();
        policy.sequenced(time, authorityNonce, applied);
        appendPayload(sequence);
        policy.schedule().sequenced(sequence, payload.buffer(), 0, payload.length());
        String code = null;
        String message = null;
        if (!applied && events.last() instanceof Event.Rejected rejected)
        {
            code = rejected.code().code();
            message = rejected.message();
        }
        outcome.sequenced(sequence, time, applied, code, message);
        return outcome;
    }

    /**
     * Seals the open batch with a {@code sealBatch} command at the last assigned time, journaled like any command.
     *
     * @return the sealed batch, to be stored once the journal is committed.
     * @throws IllegalStateException when the engine refuses the seal (the header is its own: a bug).
     */
    public SealedBatch seal()
    {
        final long time = policy.lastTime();
        final SealBatch command = policy.schedule().seal(engine, time);
        final List<PendingWithdrawals.Entry> withdrawals = List.copyOf(engine.state().pendingWithdrawals().entries());
        final boolean applied = engine.apply(command);
        final long sequence = engine.state().sequence();
        append(sequence, 0, command);
        if (!applied)
        {
            throw new IllegalStateException("the engine refused the sequencer's own seal of batch " +
                command.header().batchNumber() + ": " + events.last());
        }
        return new SealedBatch(sequence, command.header(), withdrawals);
    }

    /**
     * Applies, journals and adds to the open batch every scheduled risk parameter change due at a time, each as its
     * own {@code applyRiskParameters} command (docs/protocol.md, section "Governance"): before each command with that
     * stamp, and by the node's sequencer when idle.
     *
     * @param now the time, epoch ms: the next command's stamp, or the clock.
     * @return how many changes were applied.
     * @throws IllegalStateException when the engine refuses the sequencer's own application (a bug).
     */
    public int applyDueChanges(final long now)
    {
        int count = 0;
        ApplyRiskParameters due;
        while ((due = engine.dueRiskParameters(now, policy.lastTime())) != null)
        {
            final RiskParameterChange change = engine.state().governance().pending(due.changeId()).change();
            governanceRotated |= change instanceof GovernanceKeyRotation;
            bridgeRotated |= change instanceof BridgeKeyRotation;
            final boolean applied = engine.apply(due);
            final long sequence = engine.state().sequence();
            append(sequence, 0, due);
            policy.schedule().sequenced(sequence, payload.buffer(), 0, payload.length());
            if (!applied)
            {
                throw new IllegalStateException("the engine refused the sequencer's own application of change " +
                    due.changeId() + ": " + events.last());
            }
            policy.advanceTo(due.time());
            count++;
        }
        return count;
    }

    /**
     * Applies the changes due on the policy's clock while no command arrives.
     *
     * @return how many changes were applied.
     */
    public int applyDueChangesWhenIdle()
    {
        return engine.nextDueRiskParameters() == null ? 0 : applyDueChanges(policy.clockTime());
    }

    private void append(final long sequence, final long authorityNonce, final Command command)
    {
        payload.reset();
        JournalPayload.write(payload, authorityNonce, command);
        appendPayload(sequence);
    }

    private void appendPayload(final long sequence)
    {
        if (sequence > journal.lastSequence())
        {
            journal.append(sequence, payload.buffer(), 0, payload.length());
        }
        else
        {
            checkJournaled(sequence);
        }
    }

    /**
     * A record sequenced again (a member replaying its log after a restart) must be the one its journal already
     * holds: a different one means this member's settings or log differ from those that wrote the journal, and its
     * batches, proofs and audits would describe another history.
     */
    private void checkJournaled(final long sequence)
    {
        if (journaled == null)
        {
            journaled = new TreeMap<>();
            journal.replay(sequence - 1, journal.lastSequence(),
                (recorded, buffer, offset, length) -> journaled.put(recorded,
                    Arrays.copyOfRange(buffer, offset, offset + length)));
        }
        final byte[] expected = journaled.remove(sequence);
        if (expected != null && !Arrays.equals(expected, 0, expected.length, payload.buffer(), 0, payload.length()))
        {
            throw new IllegalStateException("sequence " + sequence + " is not the command this member's journal " +
                "holds: its sequencing settings (future bound, sealing) or its log differ from those that wrote it");
        }
    }

    /**
     * The sequencing rules this engine follows.
     *
     * @return the policy.
     */
    public SequencingPolicy policy()
    {
        return policy;
    }

    /**
     * The engine.
     *
     * @return the engine.
     */
    public ClearingEngine engine()
    {
        return engine;
    }
}
