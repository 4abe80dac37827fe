package io.novation.node.stream;

import io.novation.core.event.Event;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub delivers every event of a command, however many it emits: a command of more events than one dispatch
 * batch (4,096) is delivered across batches, from the ring and from history alike.
 */
class EventHubTest
{
    private static final int LARGE_COMMAND_EVENTS = 10_000;

    @Test
    void shouldDeliverEveryEventOfACommandThatEmitsMoreThanOneBatchFromTheRing() throws InterruptedException
    {
        final List<Event> events = new ArrayList<>();
        events.add(price(1, 0));
        for (int i = 0; i < LARGE_COMMAND_EVENTS; i++)
        {
            events.add(price(2, i));
        }
        events.add(price(3, 0));
        try (EventHub hub = new EventHub(65_536, (after, upTo, consumer) -> { }, 0))
        {
            final Collector subscriber = new Collector();
            hub.subscribe(subscriber, 0);
            hub.publish(1, events.subList(0, 1));
            hub.publish(2, events.subList(1, 1 + LARGE_COMMAND_EVENTS));
            hub.publish(3, events.subList(1 + LARGE_COMMAND_EVENTS, events.size()));
            subscriber.await(events.size());
            assertThat(subscriber.received).containsExactlyElementsOf(jsonOf(events));
        }
    }

    @Test
    void shouldNotRepeatEventsOfALargeCommandWhenItsStartLeavesTheRingMidDelivery() throws InterruptedException
    {
        final List<Event> large = new ArrayList<>();
        for (int i = 0; i < LARGE_COMMAND_EVENTS; i++)
        {
            large.add(price(1, i));
        }
        final List<Event> next = List.of(price(2, 0), price(2, 1));
        final EventHistory history = (after, upTo, consumer) -> replay(after, upTo, large, consumer);
        try (EventHub hub = new EventHub(LARGE_COMMAND_EVENTS, history, 0))
        {
            final Collector subscriber = new Collector();
            subscriber.holdAfter = 4_096;
            hub.subscribe(subscriber, 0);
            hub.publish(1, large);
            subscriber.awaitAtLeast(4_096);
            hub.publish(2, next);
            subscriber.holding = false;
            final List<Event> all = new ArrayList<>(large);
            all.addAll(next);
            subscriber.await(all.size());
            assertThat(subscriber.received).containsExactlyElementsOf(jsonOf(all));
        }
    }

    private static void replay(final long after, final long upTo, final List<Event> command,
        final Consumer<Event> consumer)
    {
        if (after < 1 && upTo >= 1)
        {
            command.forEach(consumer);
        }
    }

    private static Event price(final long sequence, final int index)
    {
        return new Event.OraclePriceUpdated(sequence, index, 60_000L + index, 1_760_000_000_000L + index);
    }

    private static List<String> jsonOf(final List<Event> events)
    {
        return events.stream().map(EventJson::of).toList();
    }

    /**
     * Queues without bound; holding (set after a given count), reports a backlog above the hub's low water so it is
     * given nothing.
     */
    private static final class Collector implements EventSubscriber
    {
        private final List<String> received = new ArrayList<>();
        private volatile boolean holding;
        private int holdAfter = -1;

        @Override
        public synchronized boolean offer(final long sequence, final String json)
        {
            received.add(json);
            if (received.size() == holdAfter)
            {
                holding = true;
            }
            notifyAll();
            return true;
        }

        @Override
        public int backlog()
        {
            return holding ? EventHub.LOW_WATER + 1 : 0;
        }

        @Override
        public boolean closeIfStalled(final long nowNanos)
        {
            return false;
        }

        @Override
        public void close(final String code, final String message)
        {
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        synchronized void await(final int count) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < count && System.nanoTime() < deadline)
            {
                wait(100);
            }
            // Give a faulty hub the chance to send more than it should.
            wait(200);
        }

        synchronized void awaitAtLeast(final int count) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < count && System.nanoTime() < deadline)
            {
                wait(100);
            }
        }
    }
}
