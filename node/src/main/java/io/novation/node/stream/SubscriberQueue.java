package io.novation.node.stream;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber's bounded queue of events (counted in events), drained by one asynchronous send at a time; a
 * subscriber whose queue overflows, or whose oldest unwritten event waits longer than the stall bound, is closed with
 * {@code SLOW_CONSUMER} and the sequence to resume from ({@code from=N}: every event of the commands up to {@code N}
 * has been written to it; events of {@code N + 1} may have been written in part and are sent again on resumption).
 */
public final class SubscriberQueue implements EventSubscriber
{
    /** The reason code of a subscriber closed for falling behind. */
    public static final String SLOW_CONSUMER = "SLOW_CONSUMER";

    /** Where queued events go: a WebSocket session, for instance. */
    public interface Transport
    {
        /**
         * Sends one text without waiting; calls back once it is written or failed, from any thread.
         *
         * @param json    the text.
         * @param written called with null on success, else the failure.
         */
        void send(String json, java.util.function.Consumer<Throwable> written);

        /**
         * Closes the connection after what was already handed to {@link #send}.
         *
         * @param reason the close reason.
         */
        void close(String reason);

        /**
         * Whether the connection is open.
         *
         * @return true while open.
         */
        boolean isOpen();
    }

    private record Pending(long sequence, String json, long queuedNanos)
    {
    }

    private final Transport transport;
    private final int capacity;
    private final long stallNanos;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Pending inFlight;
    private boolean closed;
    private Thread sender;
    private boolean writtenWhileSending;

    /**
     * A queue.
     *
     * @param transport   where events go.
     * @param capacity    events held at most, in flight included.
     * @param stallMillis how long the oldest unwritten event may wait, milliseconds.
     */
    public SubscriberQueue(final Transport transport, final int capacity, final long stallMillis)
    {
        this.transport = transport;
        this.capacity = capacity;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
    }

    @Override
    public boolean offer(final long sequence, final String json)
    {
        synchronized (this)
        {
            if (closed)
            {
                return false;
            }
            if (backlog() >= capacity)
            {
                closeBehind("more than " + capacity + " events unwritten");
                return false;
            }
            final Pending pending = new Pending(sequence, json, System.nanoTime());
            if (inFlight != null)
            {
                queue.addLast(pending);
                return true;
            }
            inFlight = pending;
        }
        drain();
        return true;
    }

    /** Sends the event in flight, and the next ones for as long as sends complete at once (no recursion). */
    private void drain()
    {
        while (true)
        {
            final Pending next;
            synchronized (this)
            {
                next = inFlight;
                if (next == null || closed)
                {
                    return;
                }
                sender = Thread.currentThread();
                writtenWhileSending = false;
            }
            transport.send(next.json(), this::written);
            synchronized (this)
            {
                if (sender != Thread.currentThread())
                {
                    return;
                }
                sender = null;
                if (!writtenWhileSending)
                {
                    return;
                }
            }
        }
    }

    private void written(final Throwable failure)
    {
        synchronized (this)
        {
            if (failure != null)
            {
                closed = true;
                queue.clear();
                inFlight = null;
                return;
            }
            inFlight = queue.pollFirst();
            if (sender == Thread.currentThread())
            {
                writtenWhileSending = true;
                return;
            }
        }
        drain();
    }

    @Override
    public synchronized int backlog()
    {
        return queue.size() + (inFlight == null ? 0 : 1);
    }

    @Override
    public synchronized boolean closeIfStalled(final long nowNanos)
    {
        if (closed || inFlight == null || nowNanos - inFlight.queuedNanos() < stallNanos)
        {
            return false;
        }
        closeBehind("no event written for " + TimeUnit.NANOSECONDS.toMillis(stallNanos) + " ms");
        return true;
    }

    /** Closes naming the last sequence whose events were all written: the one before the oldest unwritten. */
    private void closeBehind(final String why)
    {
        final long resume = (inFlight != null ? inFlight.sequence() : queue.peekFirst().sequence()) - 1;
        closed = true;
        queue.clear();
        transport.close(SLOW_CONSUMER + ": " + why + "; resume with from=" + resume);
    }

    @Override
    public void close(final String code, final String message)
    {
        synchronized (this)
        {
            closed = true;
            queue.clear();
        }
        transport.close(code + ": " + message);
    }

    @Override
    public synchronized boolean isOpen()
    {
        return !closed && transport.isOpen();
    }
}
