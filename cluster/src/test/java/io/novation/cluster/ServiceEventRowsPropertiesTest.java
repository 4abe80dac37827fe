package io.novation.cluster;

import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.codec.BinaryReader;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.node.journal.Journal;
import io.novation.node.sequencer.JournalPayload;
import io.novation.node.stream.EventJson;
import io.novation.node.stream.EventSubscriber;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.novation.cluster.PairedLoad.DEPOSITS;
import static io.novation.cluster.PairedLoad.NOW;
import static io.novation.cluster.PairedLoad.ORDERS;
import static io.novation.cluster.PairedLoad.PAIRS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service path that allocates nothing per fill (decoded orders reused, the outcome sequenced in place, a fill's
 * events kept as fields in the event log and the hub's ring and built only for a subscriber) leaves the service as a
 * path that builds everything: given the same random log messages (fills, fills with explicit times in the past or
 * ahead, deposits, overfilled fills the engine rejects), a member with no observer of values on its hub (fill events
 * as fields; observed, as a member's hub is, through the log: every event counted, the events other than a fill's
 * given without building the fill's, the same as the other member's) and one whose hub is observed (the log's events
 * built as values at publication) and that decodes every command afresh send the same answers byte for byte,
 * journal the same records and reach the same state root; and both stream to a subscriber, through a ring small
 * enough to be overwritten many times, exactly the events (JSON and place in their command) that the journal gives
 * when replayed into an engine whose sink builds each event as a value the moment the engine tells it (by
 * reflection, without {@code EventLog} or {@code EventRows}).
 */
class ServiceEventRowsPropertiesTest
{
    private static final int RING = 64;

    @Property(tries = 25)
    void shouldAnswerJournalAndStreamAsThePathThatBuildsEveryEvent(
        @ForAll("operations") @Size(min = 1, max = 80) final List<Integer> operations, @ForAll final long grouping)
        throws IOException, InterruptedException
    {
        final List<byte[]> messages = PairedLoad.messages(operations, grouping, ServiceEventRowsPropertiesTest::entry);
        final Path rowsDir = Files.createTempDirectory("novation-rows");
        final Path valuesDir = Files.createTempDirectory("novation-values");
        final Recorder rowsStream = new Recorder();
        final Recorder valuesStream = new Recorder();
        final AtomicLong published = new AtomicLong();
        try
        {
            final byte[] rowsRoot;
            final byte[] valuesRoot;
            final List<byte[]> rowsAnswers;
            final List<byte[]> valuesAnswers;
            final long streamed;
            final long genesisSequence;
            final List<Event> rowsOthers = new ArrayList<>();
            final List<Event> valuesOthers = new ArrayList<>();
            final AtomicLong rowsLogged = new AtomicLong();
            try (ServiceHarness rows = ServiceHarness.start(rowsDir, true, RING);
                ServiceHarness values = ServiceHarness.start(valuesDir, false, RING))
            {
                values.service.hub().observe(events -> published.addAndGet(events.size()));
                values.service.hub().observe(events -> events.stream()
                    .filter(e -> !(e instanceof Event.TradeSettled || e instanceof Event.PositionChanged))
                    .forEach(valuesOthers::add));
                // As a member's observers read the hub: its fills' events unbuilt, its ring still of fields.
                rows.service.hub().observeExceptFills(rowsOthers::addAll);
                rows.service.hub().observeLog(events -> rowsLogged.addAndGet(events.size()));
                rows.deliver(messages.get(0), NOW);
                values.deliver(messages.get(0), NOW);
                // The genesis's events may already have left the small ring: the clients subscribe after them.
                rows.service.hub().subscribe(rowsStream, rows.service.appliedSequence());
                values.service.hub().subscribe(valuesStream, values.service.appliedSequence());
                final long genesisEvents = published.get();
                genesisSequence = values.service.appliedSequence();
                for (int i = 1; i < messages.size(); i++)
                {
                    rows.deliver(messages.get(i), NOW + i);
                    values.deliver(messages.get(i), NOW + i);
                    // Each message's events are streamed before the next overwrites the ring's slots.
                    valuesStream.awaitCount(published.get() - genesisEvents);
                    rowsStream.awaitCount(published.get() - genesisEvents);
                }
                streamed = published.get() - genesisEvents;
                assertThat(rowsStream.closed).as("closed while streaming").isEmpty();
                assertThat(valuesStream.closed).as("closed while streaming").isEmpty();
                rowsRoot = rows.service.engine().stateRoot();
                valuesRoot = values.service.engine().stateRoot();
                rowsAnswers = rows.egress;
                valuesAnswers = values.egress;
            }
            assertThat(rowsAnswers).hasSameSizeAs(valuesAnswers);
            for (int i = 0; i < valuesAnswers.size(); i++)
            {
                assertThat(rowsAnswers.get(i)).as("egress message %d", i).isEqualTo(valuesAnswers.get(i));
            }
            assertThat(ServiceHarness.journalRecords(rowsDir))
                .containsExactlyElementsOf(ServiceHarness.journalRecords(valuesDir));
            assertThat(rowsRoot).isEqualTo(valuesRoot);
            assertThat(rowsLogged.get()).isEqualTo(published.get());
            assertThat(rowsOthers).containsExactlyElementsOf(valuesOthers);
            final List<String> built = builtEvents(valuesDir, genesisSequence);
            assertThat(built).hasSize((int)streamed);
            assertThat(valuesStream.events).containsExactlyElementsOf(built);
            assertThat(rowsStream.events).containsExactlyElementsOf(built);
        }
        finally
        {
            ServiceHarness.deleteTree(rowsDir);
            ServiceHarness.deleteTree(valuesDir);
        }
    }

    @Provide
    Arbitrary<List<Integer>> operations()
    {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list();
    }

    /** Keeps what a stream client would be sent: each event's JSON and its place in its command. */
    private static final class Recorder implements EventSubscriber
    {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> closed = new CopyOnWriteArrayList<>();

        @Override
        public boolean offer(final long sequence, final String json)
        {
            events.add(sequence + ":" + json);
            return true;
        }

        @Override
        public boolean offerEvent(final Event event, final int index)
        {
            events.add(index + ":" + EventJson.of(event, index));
            return true;
        }

        @Override
        public int backlog()
        {
            return 0;
        }

        @Override
        public boolean closeIfStalled(final long nowNanos)
        {
            return false;
        }

        @Override
        public void close(final String code, final String message)
        {
            closed.add(code + ": " + message);
        }

        @Override
        public boolean isOpen()
        {
            return closed.isEmpty();
        }

        void awaitCount(final long count) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.size() < count && closed.isEmpty() && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
        }
    }

    private static ClusterProtocol.Entry entry(final int operation)
    {
        final int kind = operation % 6;
        final int value = operation / 6;
        final Order[] pair = ORDERS[value % PAIRS];
        final long price = (60_000 + value % 21 - 10) * Participants.USD;
        return switch (kind)
        {
            case 3 -> new ClusterProtocol.Entry(new SettleTrade(0, 0, pair[0], pair[1], Participants.STEP * 5_000,
                price), false, 0);
            case 4 -> DEPOSITS.get(value % DEPOSITS.size());
            case 5 -> new ClusterProtocol.Entry(new SettleTrade(NOW + value % 200 - 50, 0, pair[0], pair[1],
                Participants.STEP, price), true, 0);
            default -> new ClusterProtocol.Entry(new SettleTrade(value, 0, pair[0], pair[1], Participants.STEP,
                price), false, 0);
        };
    }

    /**
     * The events of the journal's records after a sequence, as a stream client is sent them, from an engine whose sink
     * builds each {@link Event} record the moment the engine tells it, by its canonical constructor.
     */
    private static List<String> builtEvents(final Path dataDir, final long after)
    {
        final List<Event> events = new ArrayList<>();
        final EventSink building = (EventSink)Proxy.newProxyInstance(EventSink.class.getClassLoader(),
            new Class<?>[] {EventSink.class}, (proxy, method, args) ->
            {
                if (method.getDeclaringClass() == Object.class)
                {
                    return method.getName().equals("equals") ? proxy == args[0] :
                        method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "building sink";
                }
                events.add(build(method, args));
                return null;
            });
        final ClearingEngine engine = new ClearingEngine(Participants.ENGINE, building);
        final BinaryReader reader = new BinaryReader(new byte[0]);
        Journal.replay(dataDir.resolve("journal"), 0, Long.MAX_VALUE, (sequence, buffer, offset, length) ->
            engine.apply(JournalPayload.read(reader.wrap(buffer, offset, length)).command()));
        final List<String> sent = new ArrayList<>();
        int index = 0;
        for (int i = 0; i < events.size(); i++)
        {
            final Event event = events.get(i);
            index = i > 0 && events.get(i - 1).sequence() == event.sequence() ? index + 1 : 0;
            if (event.sequence() > after)
            {
                sent.add(index + ":" + EventJson.of(event, index));
            }
        }
        return sent;
    }

    /** The {@link Event} record named as the sink's method, from the method's arguments in order. */
    private static Event build(final Method method, final Object[] args) throws ReflectiveOperationException
    {
        for (final Class<?> type : Event.class.getPermittedSubclasses())
        {
            if (type.isRecord() && type.getSimpleName().equalsIgnoreCase(method.getName()) &&
                Arrays.equals(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new), method.getParameterTypes()))
            {
                return (Event)type.getDeclaredConstructor(method.getParameterTypes()).newInstance(args);
            }
        }
        throw new AssertionError("no event record is built from the sink's " + method.getName() + " call");
    }
}
