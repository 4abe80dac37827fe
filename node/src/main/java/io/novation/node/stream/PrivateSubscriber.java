package io.novation.node.stream;

import io.novation.core.account.Address;
import io.novation.core.event.Event;

/**
 * A subscriber of one account's private stream: passes on only the events that concern the account
 * ({@link EventParties}), each with its global place ({@code "sequence"}, the command's durable sequence, and
 * {@code "index"}, the event's position among that command's events), skips those at or before the place the client
 * resumed from, and wants heartbeats. Margin warnings for the account are queued through it as well.
 */
public final class PrivateSubscriber extends HeartbeatSubscriber
{
    private final Address account;
    private final long resumeSequence;
    private final int resumeIndex;

    /**
     * A private subscriber.
     *
     * @param queue          where the account's messages go (a bounded queue).
     * @param account        the account.
     * @param resumeSequence the sequence of the last event the client saw, or of the last command it saw in full.
     * @param resumeIndex    the index of the last event it saw within {@code resumeSequence}, or
     *                       {@link Integer#MAX_VALUE} when it saw that command in full; the hub is subscribed from
     *                       {@code resumeSequence - 1} in the first case.
     */
    public PrivateSubscriber(final EventSubscriber queue, final Address account, final long resumeSequence,
        final int resumeIndex)
    {
        super(queue);
        this.account = account;
        this.resumeSequence = resumeSequence;
        this.resumeIndex = resumeIndex;
    }

    /**
     * The account this subscriber follows.
     *
     * @return the account.
     */
    public Address account()
    {
        return account;
    }

    @Override
    public boolean offerEvent(final Event event, final int index)
    {
        if (event.sequence() < resumeSequence || event.sequence() == resumeSequence && index <= resumeIndex ||
            !EventParties.concerns(event, account))
        {
            return true;
        }
        return offer(event.sequence(), EventJson.of(event, index));
    }
}
