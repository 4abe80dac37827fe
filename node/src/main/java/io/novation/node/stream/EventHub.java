package io.novation.node.stream;

import io.novation.core.event.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Publishes durable events to subscribers in sequence order, without gaps. The sequencer appends each command's
 * events to a ring (serialized to JSON on the dispatcher thread, not the sequencer's) of the most recent ones; one
 * dispatcher thread moves every subscriber's cursor (the last sequence it has received) through the ring, and for a
 * subscriber that resumes from before the ring's oldest command first re-derives the missing events from the
 * {@link EventHistory}. A client that reconnects with the last sequence it saw receives exactly the events after it.
 * Observers ({@link #observe}) see each published group on the publishing thread.
 */
public final class EventHub implements AutoCloseable
{
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final long[] sequences;
    private final Event[] texts;
    private final EventHistory history;
    private final List<Cursor> cursors = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Event>>> observers = new CopyOnWriteArrayList<>();
    private final Thread dispatcher;
    private long count;
    private long lastSequence;
    private long oldestComplete = 1;
    private volatile boolean running = true;

    private static final class Cursor
    {
        private final EventSubscriber subscriber;
        private long after;

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
        this.sequences = new long[capacity];
        this.texts = new Event[capacity];
        this.history = history;
        this.lastSequence = initialSequence;
        this.oldestComplete = initialSequence + 1;
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
        lock.lock();
        try
        {
            for (int i = 0; i < events.size(); i++)
            {
                final int slot = (int)(count % texts.length);
                if (count >= texts.length)
                {
                    oldestComplete = Math.max(oldestComplete, sequences[slot] + 1);
                }
                sequences[slot] = events.get(i).sequence();
                texts[slot] = events.get(i);
                count++;
            }
            lastSequence = Math.max(lastSequence, lastDurable);
            published.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        for (int i = 0; i < observers.size(); i++)
        {
            observers.get(i).accept(events);
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
            for (final Cursor cursor : cursors)
            {
                if (!cursor.subscriber.isOpen())
                {
                    cursors.remove(cursor);
                    continue;
                }
                try
                {
                    progressed |= advance(cursor, batch, batchSequences);
                }
                catch (final Exception ex)
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
                    if (running && !anyBehind())
                    {
                        published.await(100, java.util.concurrent.TimeUnit.MILLISECONDS);
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
        throws Exception
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
                final long first = Math.max(0, count - texts.length);
                for (long i = first; i < count && batch.size() < 4096; i++)
                {
                    final int slot = (int)(i % texts.length);
                    if (sequences[slot] > cursor.after)
                    {
                        batch.add(texts[slot]);
                        batchSequences.add(sequences[slot]);
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
            final long historyEnd = oldest - 1;
            final Exception[] failure = new Exception[1];
            history.replay(cursor.after, historyEnd, event ->
            {
                if (failure[0] == null)
                {
                    try
                    {
                        cursor.subscriber.send(EventJson.of(event));
                    }
                    catch (final Exception ex)
                    {
                        failure[0] = ex;
                    }
                }
            });
            if (failure[0] != null)
            {
                throw failure[0];
            }
            cursor.after = historyEnd;
            return true;
        }
        long sentUpTo = upTo;
        int sendCount = batch.size();
        if (batch.size() == 4096)
        {
            // The last command's events may continue past the batch: stop before it, unless it is alone.
            final long last = batchSequences.get(batch.size() - 1);
            int keep = batch.size();
            while (keep > 0 && batchSequences.get(keep - 1) == last)
            {
                keep--;
            }
            sendCount = keep > 0 ? keep : batch.size();
            sentUpTo = keep > 0 ? last - 1 : last;
        }
        for (int i = 0; i < sendCount; i++)
        {
            cursor.subscriber.send(EventJson.of(batch.get(i)));
        }
        cursor.after = sentUpTo;
        return true;
    }

    @Override
    public void close()
    {
        running = false;
        dispatcher.interrupt();
        for (final Cursor cursor : cursors)
        {
            cursor.subscriber.close("SHUTDOWN", "the node is stopping");
        }
        cursors.clear();
    }
}
