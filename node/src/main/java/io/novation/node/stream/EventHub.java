package io.novation.node.stream;

import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.event.EventRows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Publishes durable events to subscribers in sequence order, without gaps. The sequencer appends each command's
 * events to a ring (serialized to JSON on the dispatcher thread, not the sequencer's) of the most recent ones; one
 * dispatcher thread moves every subscriber's cursor (the last sequence queued to it) through the ring, and a subscriber
 * that resumes from before the ring's oldest command first has the missing events re-derived from the
 * {@link EventHistory} on a catch-up thread. Neither thread waits for a client: events go to each subscriber's own
 * bounded queue ({@link EventSubscriber#offer}), only while that queue holds at most {@link #LOW_WATER} events, and a
 * subscriber that stops draining is closed by its stall bound with the sequence to resume from. A client that
 * reconnects with the last sequence it saw receives exactly the events after it.
 * Observers ({@link #observe}) see each published group on the publishing thread.
 */
public final class EventHub implements AutoCloseable
{
    /** A subscriber is given more events only while its queue holds at most this many. */
    public static final int LOW_WATER = 1024;
    /** Subscribers re-deriving history at once; more wait their turn. */
    public static final int CATCH_UP_THREADS = 2;

    /** Milliseconds between two heartbeats of a subscriber that wants them ({@link EventSubscriber#wantsHeartbeat}). */
    public static final long HEARTBEAT_MILLIS = 2_000;

    private static final int RING_BATCH = 4096;
    /** Slots the ring starts with; it doubles up to its capacity as events arrive. */
    private static final int INITIAL_RING = 1024;

    /** How many times a publication tries the lock before it blocks on it. */
    private static final int PUBLISH_SPINS = 100;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    /** The most recent events; a fill's events stay as fields until the dispatcher reads them. */
    private final EventRows ring;
    private final int capacity;
    private final EventHistory history;
    private final List<Cursor> cursors = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Event>>> observers = new CopyOnWriteArrayList<>();
    private final List<LogObserver> logObservers = new CopyOnWriteArrayList<>();
    /** The values of a group published as a list, as a log for the observers of logs; the publisher's thread only. */
    private final EventLog valuesLog = new EventLog();
    private final Thread dispatcher;
    private final ExecutorService catchUp;
    private long count;
    private long lastSequence;
    private long oldestComplete = 1;
    private volatile boolean running = true;

    private static final class Cursor
    {
        private final EventSubscriber subscriber;
        private volatile long after;
        /** Events of command {@code after + 1} already queued: a command may emit more than one batch holds. */
        private volatile int delivered;
        private volatile boolean replaying;
        private long lastHeartbeat = System.nanoTime();

        Cursor(final EventSubscriber subscriber, final long after)
        {
            this.subscriber = subscriber;
            this.after = after;
        }
    }

    /**
     * A hub.
     *
     * @param capacity        events kept in the ring.
     * @param history         re-derives older events.
     * @param initialSequence the sequence of the last command already durable when the hub starts.
     */
    public EventHub(final int capacity, final EventHistory history, final long initialSequence)
    {
        this.ring = new EventRows(Math.min(capacity, INITIAL_RING));
        this.capacity = capacity;
        this.history = history;
        this.lastSequence = initialSequence;
        this.oldestComplete = initialSequence + 1;
        this.catchUp = Executors.newFixedThreadPool(CATCH_UP_THREADS, task ->
        {
            final Thread thread = new Thread(task, "novation-event-catch-up");
            thread.setDaemon(true);
            return thread;
        });
        this.dispatcher = new Thread(this::dispatch, "novation-event-stream");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /**
     * Appends the events of durable commands; called by the sequencer in sequence order.
     *
     * @param lastDurable the sequence of the last command these events cover.
     * @param events      the events, in order.
     */
    public void publish(final long lastDurable, final List<Event> events)
    {
        putValues(lastDurable, events);
        notifyObservers(events);
        if (!logObservers.isEmpty())
        {
            for (int i = 0; i < events.size(); i++)
            {
                valuesLog.append(events.get(i));
            }
            notifyLogObservers(valuesLog);
            valuesLog.clear();
        }
    }

    private void putValues(final long lastDurable, final List<Event> events)
    {
        lockToPublish();
        try
        {
            for (int i = 0; i < events.size(); i++)
            {
                ring.put(nextSlot(), events.get(i));
                count++;
            }
            lastSequence = Math.max(lastSequence, lastDurable);
            published.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Appends the events of durable commands as a log keeps them: unless an observer of values ({@link #observe})
     * exists, a fill's events go into the ring as fields and are built into values on the dispatcher thread only for
     * a subscriber, and observers of the log ({@link #observeLog}, {@link #observeExceptFills}) read it without
     * building the events they skip, so that the publishing thread allocates nothing for a fill's events. Called by
     * the sequencer in sequence order.
     *
     * @param lastDurable the sequence of the last command these events cover.
     * @param events      the events, in order; the caller may clear the log once this returns.
     */
    public void publish(final long lastDurable, final EventLog events)
    {
        if (!observers.isEmpty())
        {
            putValues(lastDurable, events.events());
            notifyObservers(events.events());
        }
        else
        {
            putRows(lastDurable, events);
        }
        notifyLogObservers(events);
    }

    private void putRows(final long lastDurable, final EventLog events)
    {
        lockToPublish();
        try
        {
            for (int i = 0; i < events.size(); i++)
            {
                events.copyTo(i, ring, nextSlot());
                count++;
            }
            lastSequence = Math.max(lastSequence, lastDurable);
            published.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Takes the lock for a publication, spinning a while before blocking: the dispatcher holds it only briefly (it
     * wakes after every publication), and a blocked {@code lock()} queues a node, an allocation on the publishing
     * thread at each contention.
     */
    private void lockToPublish()
    {
        for (int spin = 0; spin < PUBLISH_SPINS; spin++)
        {
            if (lock.tryLock())
            {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    /** The ring's slot for the next event; notes the command whose events it overwrites as no longer complete. */
    private int nextSlot()
    {
        final int slot = (int)(count % capacity);
        if (count < capacity)
        {
            ring.ensureCapacity(slot + 1, capacity);
        }
        else
        {
            oldestComplete = Math.max(oldestComplete, ring.sequence(slot) + 1);
        }
        return slot;
    }

    private void notifyObservers(final List<Event> events)
    {
        for (int i = 0; i < observers.size(); i++)
        {
            observers.get(i).accept(events);
        }
    }

    private void notifyLogObservers(final EventLog events)
    {
        for (int i = 0; i < logObservers.size(); i++)
        {
            logObservers.get(i).onDurable(events);
        }
    }

    /**
     * Adds an observer of publications. Publishers call {@link #publish} on the thread that owns the engine, once
     * the events' commands are durable and before their outcomes are returned; the observer runs there, inside
     * {@code publish}, so it may read the engine and must be brief.
     *
     * @param observer receives each published group of events, in order; it must not keep the list.
     */
    public void observe(final Consumer<List<Event>> observer)
    {
        observers.add(observer);
    }

    /**
     * Adds an observer of publications that reads the publisher's log: it builds only the events it reads as values
     * ({@link EventLog#events}), and may read a fill's parties from the log's fields. It runs as {@link #observe}'s do.
     *
     * @param observer receives each published group of events, in order; it must not keep the log.
     */
    public void observeLog(final LogObserver observer)
    {
        logObservers.add(observer);
    }

    /**
     * Adds an observer of publications that needs none of a fill's events ({@code TradeSettled},
     * {@code PositionChanged}): it receives each published group without them (an empty list when the group holds
     * nothing else), so they are never built for it. It runs as {@link #observe}'s do.
     *
     * @param observer receives each published group's other events, in order; it must not keep the list.
     */
    public void observeExceptFills(final Consumer<List<Event>> observer)
    {
        final List<Event> others = new ArrayList<>();
        observeLog(events ->
        {
            others.clear();
            for (int i = 0; i < events.size(); i++)
            {
                if (!events.isFill(i))
                {
                    others.add(events.events().get(i));
                }
            }
            try
            {
                observer.accept(others);
            }
            finally
            {
                others.clear();
            }
        });
    }

    /** Reads a durable group of events from the publisher's log, on the publishing thread. */
    @FunctionalInterface
    public interface LogObserver
    {
        /**
         * One published group.
         *
         * @param events the group's events, in order; valid only during the call.
         */
        void onDurable(EventLog events);
    }

    /**
     * Adds a subscriber that receives every event with a sequence above {@code after}.
     *
     * @param subscriber the client.
     * @param after      the last sequence the client has seen (0 for everything).
     */
    public void subscribe(final EventSubscriber subscriber, final long after)
    {
        cursors.add(new Cursor(subscriber, Math.max(0, after)));
        lock.lock();
        try
        {
            published.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Removes a subscriber.
     *
     * @param subscriber the client.
     */
    public void unsubscribe(final EventSubscriber subscriber)
    {
        cursors.removeIf(c -> c.subscriber == subscriber);
    }

    /**
     * Number of subscribers.
     *
     * @return count.
     */
    public int subscriberCount()
    {
        return cursors.size();
    }

    /**
     * The sequence of the last durable command published.
     *
     * @return sequence.
     */
    public long lastSequence()
    {
        lock.lock();
        try
        {
            return lastSequence;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void dispatch()
    {
        final List<Event> batch = new ArrayList<>();
        final List<Long> batchSequences = new ArrayList<>();
        while (running)
        {
            boolean progressed = false;
            final long now = System.nanoTime();
            for (final Cursor cursor : cursors)
            {
                if (!cursor.subscriber.isOpen() || cursor.subscriber.closeIfStalled(now))
                {
                    cursors.remove(cursor);
                    continue;
                }
                if (cursor.replaying || cursor.subscriber.backlog() > LOW_WATER)
                {
                    continue;
                }
                try
                {
                    progressed |= advance(cursor, batch, batchSequences);
                    heartbeat(cursor, now);
                }
                catch (final RuntimeException ex)
                {
                    cursors.remove(cursor);
                    cursor.subscriber.close("STREAM_ERROR", String.valueOf(ex.getMessage()));
                }
            }
            if (!progressed)
            {
                lock.lock();
                try
                {
                    if (running)
                    {
                        // Someone behind is waiting for its queue to drain or for its catch-up: look again soon.
                        published.await(anyBehind() ? 5 : 100, TimeUnit.MILLISECONDS);
                    }
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                finally
                {
                    lock.unlock();
                }
            }
        }
    }

    private boolean anyBehind()
    {
        for (final Cursor cursor : cursors)
        {
            if (cursor.after < lastSequence)
            {
                return true;
            }
        }
        return false;
    }

    private boolean advance(final Cursor cursor, final List<Event> batch, final List<Long> batchSequences)
    {
        final long upTo;
        final long oldest;
        batch.clear();
        batchSequences.clear();
        lock.lock();
        try
        {
            upTo = lastSequence;
            oldest = oldestComplete;
            if (cursor.after >= upTo)
            {
                return false;
            }
            if (cursor.after + 1 >= oldest)
            {
                final long first = Math.max(0, count - capacity);
                int skip = cursor.delivered;
                for (long i = first; i < count && batch.size() < RING_BATCH; i++)
                {
                    final int slot = (int)(i % capacity);
                    final long sequence = ring.sequence(slot);
                    if (sequence > cursor.after)
                    {
                        if (skip > 0 && sequence == cursor.after + 1)
                        {
                            skip--;
                            continue;
                        }
                        batch.add(ring.get(slot));
                        batchSequences.add(sequence);
                    }
                }
            }
        }
        finally
        {
            lock.unlock();
        }
        if (cursor.after + 1 < oldest)
        {
            final long from = cursor.after;
            final long historyEnd = oldest - 1;
            final int alreadyDelivered = cursor.delivered;
            cursor.replaying = true;
            catchUp.execute(() -> catchUp(cursor, from, historyEnd, alreadyDelivered));
            return true;
        }
        long sentUpTo = upTo;
        int sendCount = batch.size();
        boolean partial = false;
        if (batch.size() == RING_BATCH)
        {
            // The last command's events may continue past the batch: stop before it, unless it fills the batch
            // alone, in which case the cursor remembers how many of its events are queued and goes on next time.
            final long last = batchSequences.get(batch.size() - 1);
            int keep = batch.size();
            while (keep > 0 && batchSequences.get(keep - 1) == last)
            {
                keep--;
            }
            partial = keep == 0;
            sendCount = partial ? batch.size() : keep;
            sentUpTo = last - 1;
        }
        // A command whose first events went out in an earlier batch continues its indexes after them.
        int index = sendCount > 0 && batchSequences.get(0) == cursor.after + 1 ? cursor.delivered - 1 : -1;
        for (int i = 0; i < sendCount; i++)
        {
            index = i == 0 || batchSequences.get(i).longValue() == batchSequences.get(i - 1) ? index + 1 : 0;
            if (!cursor.subscriber.offerEvent(batch.get(i), index))
            {
                cursors.remove(cursor);
                return true;
            }
        }
        if (partial)
        {
            cursor.delivered += sendCount;
        }
        else
        {
            cursor.after = sentUpTo;
            cursor.delivered = 0;
        }
        return true;
    }

    /** Sends a subscriber that wants them a heartbeat naming how far it has been served, once per period. */
    private void heartbeat(final Cursor cursor, final long now)
    {
        if (cursor.replaying || !cursor.subscriber.wantsHeartbeat() ||
            now - cursor.lastHeartbeat < TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MILLIS))
        {
            return;
        }
        cursor.lastHeartbeat = now;
        if (!cursor.subscriber.offerHeartbeat(cursor.after, lastSequence()))
        {
            cursors.remove(cursor);
        }
    }

    /**
     * Re-derives a subscriber's missing events, offering each only once its queue has room.
     *
     * @param skip events of command {@code after + 1} the subscriber already has.
     */
    private void catchUp(final Cursor cursor, final long after, final long upTo, final int skip)
    {
        final int[] toSkip = {skip};
        try
        {
            final long[] place = {-1, 0};
            history.replay(after, upTo, event ->
            {
                place[1] = event.sequence() == place[0] ? place[1] + 1 : 0;
                place[0] = event.sequence();
                if (toSkip[0] > 0 && event.sequence() == after + 1)
                {
                    toSkip[0]--;
                    return;
                }
                awaitRoom(cursor.subscriber);
                if (!cursor.subscriber.offerEvent(event, (int)place[1]))
                {
                    throw new Abandoned();
                }
            });
            cursor.delivered = 0;
            cursor.after = upTo;
        }
        catch (final Abandoned ex)
        {
            cursors.remove(cursor);
        }
        catch (final RuntimeException ex)
        {
            cursors.remove(cursor);
            cursor.subscriber.close("STREAM_ERROR", String.valueOf(ex.getMessage()));
        }
        finally
        {
            cursor.replaying = false;
        }
    }

    private void awaitRoom(final EventSubscriber subscriber)
    {
        while (subscriber.backlog() > LOW_WATER)
        {
            if (!running || !subscriber.isOpen() || subscriber.closeIfStalled(System.nanoTime()))
            {
                throw new Abandoned();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        if (!subscriber.isOpen())
        {
            throw new Abandoned();
        }
    }

    /** Stops a catch-up whose subscriber is gone. */
    private static final class Abandoned extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Abandoned()
        {
            super(null, null, false, false);
        }
    }

    @Override
    public void close()
    {
        running = false;
        dispatcher.interrupt();
        catchUp.shutdownNow();
        for (final Cursor cursor : cursors)
        {
            cursor.subscriber.close("SHUTDOWN", "the node is stopping");
        }
        cursors.clear();
    }
}
