package io.novation.node.sequencer;

import io.novation.core.command.Command;
import io.novation.core.command.CommandRole;

import java.util.function.LongSupplier;

/**
 * The sequencing rules every host applies before a command reaches the engine (docs/protocol.md §15), with a time
 * source in and a {@link Stamp} out: time stamping, the future-time bound, the governance nonce and the authority
 * envelope's role, and the batch-sealing schedule ({@link BatchSchedule}). Times are epoch ms. The embedded node's
 * time source is the wall clock; a cluster member's is the timestamp of the log message being applied, so that every
 * member stamps identically. One thread uses it.
 * <p>
 * A command without an explicit time gets {@code max(clock, last assigned time)}. One with an explicit time keeps it
 * when it is not before the last assigned time ({@code TIME_NOT_MONOTONIC}) and not further ahead of the clock than
 * its role allows ({@code TIME_IN_FUTURE}): the future bound for the privileged roles (governance and bridge, whose
 * envelopes are signed by genesis keys), the owner bound (a clock-skew tolerance) for commands any key can sign. A
 * governance nonce must rise above the last one sequenced ({@code AUTHORITY_NONCE_REUSED}); only governance commands
 * carry one ({@code INVALID_COMMAND}). Refusals consume no sequence number.
 * <p>
 * Only an applied command moves the last assigned time: a command the engine rejects leaves the engine's time where
 * it was (docs/protocol.md §13), and so it leaves the sequencer's, so that nobody can push the clock with commands
 * that fail.
 */
public final class SequencingPolicy
{
    private final LongSupplier clock;
    private final long maxFutureMs;
    private final long maxOwnerFutureMs;
    private final BatchSchedule schedule;
    private long lastTime;
    private long authorityNonce;

    /**
     * A policy resumed where the host's state left off.
     *
     * @param clock          the time source, epoch ms.
     * @param maxFutureMs    how far ahead of the clock an explicit time may be, ms.
     * @param schedule       when batches are sealed.
     * @param lastTime       the last time assigned (the engine's time at genesis), epoch ms.
     * @param authorityNonce the last governance nonce sequenced.
     */
    public SequencingPolicy(final LongSupplier clock, final long maxFutureMs, final BatchSchedule schedule,
        final long lastTime, final long authorityNonce)
    {
        this(clock, maxFutureMs, maxFutureMs, schedule, lastTime, authorityNonce);
    }

    /**
     * A policy resumed where the host's state left off, with a tighter future bound for owner-signed commands.
     *
     * @param clock            the time source, epoch ms.
     * @param maxFutureMs      how far ahead of the clock a governance or bridge command's explicit time may be, ms.
     * @param maxOwnerFutureMs how far ahead of the clock any other command's explicit time may be, ms.
     * @param schedule         when batches are sealed.
     * @param lastTime         the last time assigned (the engine's time at genesis), epoch ms.
     * @param authorityNonce   the last governance nonce sequenced.
     */
    public SequencingPolicy(final LongSupplier clock, final long maxFutureMs, final long maxOwnerFutureMs,
        final BatchSchedule schedule, final long lastTime, final long authorityNonce)
    {
        this.clock = clock;
        this.maxFutureMs = maxFutureMs;
        this.maxOwnerFutureMs = Math.min(maxFutureMs, maxOwnerFutureMs);
        this.schedule = schedule;
        this.lastTime = lastTime;
        this.authorityNonce = authorityNonce;
    }

    /**
     * Stamps a verified submission, or refuses it; changes nothing (see {@link #sequenced}).
     *
     * @param command        the command.
     * @param explicitTime   whether the client set the command's time.
     * @param authorityNonce the governance envelope's nonce, or 0.
     * @return the stamped command or the refusal.
     */
    public Stamp stamp(final Command command, final boolean explicitTime, final long authorityNonce)
    {
        final Refusal refusal = refusal(command, explicitTime, authorityNonce);
        if (refusal != null)
        {
            return Stamp.refused(refusal);
        }
        final long time = time(command, explicitTime);
        return new Stamp(command.withTime(time), time, authorityNonce, null);
    }

    /**
     * Why a verified submission may not be sequenced, or null when it may: {@link #stamp} without building a
     * stamp, for a host that applies the command at once. Changes nothing.
     *
     * @param command        the command.
     * @param explicitTime   whether the client set the command's time.
     * @param authorityNonce the governance envelope's nonce, or 0.
     * @return the refusal, or null.
     */
    public Refusal refusal(final Command command, final boolean explicitTime, final long authorityNonce)
    {
        return refusal(command.time(), command.role(), explicitTime, authorityNonce);
    }

    /**
     * {@link #refusal(Command, boolean, long)} of a command given by its time and role, for a host that holds the
     * command's fields rather than a record. Changes nothing.
     *
     * @param time           the command's own time (read when explicit), epoch ms.
     * @param role           the command's role.
     * @param explicitTime   whether the client set the command's time.
     * @param authorityNonce the governance envelope's nonce, or 0.
     * @return the refusal, or null.
     */
    public Refusal refusal(final long time, final CommandRole role, final boolean explicitTime,
        final long authorityNonce)
    {
        if (explicitTime)
        {
            if (time < lastTime)
            {
                return new Refusal(409, "TIME_NOT_MONOTONIC", "time " + time +
                    " is before the sequencer's time " + lastTime);
            }
            final long now = clock.getAsLong();
            final long bound = privileged(role) ? maxFutureMs : maxOwnerFutureMs;
            if (time - now > bound)
            {
                return new Refusal(400, "TIME_IN_FUTURE", "time " + time + " is more than " +
                    bound + " ms ahead of the sequencer's clock " + now);
            }
        }
        if (authorityNonce != 0)
        {
            if (role != CommandRole.GOVERNANCE)
            {
                return new Refusal(400, "INVALID_COMMAND", "only governance commands carry an authority nonce");
            }
            if (authorityNonce <= this.authorityNonce)
            {
                return new Refusal(409, "AUTHORITY_NONCE_REUSED", "authority nonce " +
                    authorityNonce + " is not above the last " + this.authorityNonce);
            }
        }
        return null;
    }

    /**
     * The sequencer time of an admitted submission ({@link #refusal} gave null): its own time when explicit, else
     * {@code max(clock, last assigned time)}.
     *
     * @param command      the command.
     * @param explicitTime whether the client set the command's time.
     * @return epoch ms.
     */
    public long time(final Command command, final boolean explicitTime)
    {
        return time(command.time(), explicitTime);
    }

    /**
     * {@link #time(Command, boolean)} of a command given by its own time.
     *
     * @param time         the command's own time (kept when explicit), epoch ms.
     * @param explicitTime whether the client set the command's time.
     * @return epoch ms.
     */
    public long time(final long time, final boolean explicitTime)
    {
        return explicitTime ? time : Math.max(clock.getAsLong(), lastTime);
    }

    private static boolean privileged(final CommandRole role)
    {
        return role == CommandRole.GOVERNANCE || role == CommandRole.BRIDGE;
    }

    /**
     * Records that a stamped command was sequenced: when the engine applied it, its time becomes the last assigned;
     * applied or rejected, its governance nonce is the last used (an envelope is never accepted twice).
     *
     * @param stamp   the admitted stamp.
     * @param applied whether the engine applied it.
     */
    public void sequenced(final Stamp stamp, final boolean applied)
    {
        sequenced(stamp.time(), stamp.authorityNonce(), applied);
    }

    /**
     * {@link #sequenced(Stamp, boolean)} for a command admitted without a stamp.
     *
     * @param time           its sequencer time ({@link #time}), epoch ms.
     * @param authorityNonce the governance envelope's nonce it consumes, or 0.
     * @param applied        whether the engine applied it.
     */
    public void sequenced(final long time, final long authorityNonce, final boolean applied)
    {
        if (applied)
        {
            lastTime = Math.max(lastTime, time);
        }
        if (authorityNonce != 0)
        {
            this.authorityNonce = authorityNonce;
        }
    }

    /**
     * Whether a batch is due after a command: the schedule's count reached or its interval passed in sequencer time.
     *
     * @return true to seal now, at {@link #lastTime()}.
     */
    public boolean sealDueAfterCommand()
    {
        return schedule.dueAfterCommand(lastTime);
    }

    /**
     * Whether a batch is due while no command arrives: its interval passed on the clock.
     *
     * @return true to seal now, at {@link #lastTime()}.
     */
    public boolean sealDueWhenIdle()
    {
        return schedule.dueAt(Math.max(clock.getAsLong(), lastTime));
    }

    /**
     * Moves the last assigned time forward to a command the sequencer issued itself (a due governance change).
     *
     * @param time its time, epoch ms.
     */
    public void advanceTo(final long time)
    {
        lastTime = Math.max(lastTime, time);
    }

    /**
     * The sequencer's clock, never before the last assigned time.
     *
     * @return epoch ms.
     */
    public long clockTime()
    {
        return Math.max(clock.getAsLong(), lastTime);
    }

    /**
     * The batch schedule.
     *
     * @return the schedule.
     */
    public BatchSchedule schedule()
    {
        return schedule;
    }

    /**
     * The last time assigned, epoch ms.
     *
     * @return time.
     */
    public long lastTime()
    {
        return lastTime;
    }

    /**
     * The last governance nonce sequenced.
     *
     * @return nonce.
     */
    public long authorityNonce()
    {
        return authorityNonce;
    }
}
