package io.novation.node.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriberQueueTest
{
    /** A transport that completes sends only when told, or at once. */
    private static final class Wire implements SubscriberQueue.Transport
    {
        private final boolean immediate;
        private final List<String> sent = new ArrayList<>();
        private final List<Consumer<Throwable>> pending = new ArrayList<>();
        private String closeReason;

        Wire(final boolean immediate)
        {
            this.immediate = immediate;
        }

        @Override
        public void send(final String json, final Consumer<Throwable> written)
        {
            sent.add(json);
            if (immediate)
            {
                written.accept(null);
            }
            else
            {
                pending.add(written);
            }
        }

        @Override
        public void close(final String reason)
        {
            closeReason = reason;
        }

        @Override
        public boolean isOpen()
        {
            return closeReason == null;
        }

        void completeOne()
        {
            pending.remove(0).accept(null);
        }
    }

    @Test
    void shouldSendOneEventAtATimeInOrder()
    {
        final Wire wire = new Wire(false);
        final SubscriberQueue queue = new SubscriberQueue(wire, 8, 60_000);
        assertThat(queue.offer(1, "a")).isTrue();
        assertThat(queue.offer(1, "b")).isTrue();
        assertThat(queue.offer(2, "c")).isTrue();
        assertThat(wire.sent).containsExactly("a");
        assertThat(queue.backlog()).isEqualTo(3);
        wire.completeOne();
        wire.completeOne();
        assertThat(wire.sent).containsExactly("a", "b", "c");
        assertThat(queue.backlog()).isEqualTo(1);
    }

    @Test
    void shouldCloseAnOverflowingSubscriberWithTheLastSequenceWhollyWritten()
    {
        final Wire wire = new Wire(false);
        final SubscriberQueue queue = new SubscriberQueue(wire, 3, 60_000);
        queue.offer(7, "a");
        wire.completeOne();
        queue.offer(8, "b");
        queue.offer(8, "c");
        queue.offer(9, "d");
        assertThat(queue.offer(9, "e")).isFalse();
        assertThat(wire.closeReason).startsWith("SLOW_CONSUMER").endsWith("resume with from=7");
        assertThat(queue.isOpen()).isFalse();
    }

    @Test
    void shouldCloseAStalledSubscriberOnlyAfterItsBound()
    {
        final Wire wire = new Wire(false);
        final SubscriberQueue queue = new SubscriberQueue(wire, 8, 50);
        // Instants taken around the offer bound when the event was queued, so no pause of this thread matters.
        final long beforeOffer = System.nanoTime();
        queue.offer(4, "a");
        final long afterOffer = System.nanoTime();
        assertThat(queue.closeIfStalled(beforeOffer + TimeUnit.MILLISECONDS.toNanos(49))).isFalse();
        assertThat(queue.isOpen()).isTrue();
        assertThat(queue.closeIfStalled(afterOffer + TimeUnit.MILLISECONDS.toNanos(50))).isTrue();
        assertThat(wire.closeReason).startsWith("SLOW_CONSUMER").endsWith("resume with from=3");
    }

    @Test
    void shouldDrainSendsThatCompleteAtOnceWithoutRecursion()
    {
        final Wire wire = new Wire(true);
        final SubscriberQueue queue = new SubscriberQueue(wire, 1_000_000, 60_000);
        for (int i = 0; i < 200_000; i++)
        {
            assertThat(queue.offer(i, "e")).isTrue();
        }
        assertThat(wire.sent).hasSize(200_000);
        assertThat(queue.backlog()).isZero();
    }
}
