package io.novation.cluster;

import io.novation.core.command.Order;
import io.novation.node.server.NodeConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Figures for docs/benchmarks.md, run only with {@code -Dnovation.bench=true}: a member's service path alone, in
 * process and without Aeron (the log messages are delivered by the measuring thread), with the load of
 * {@code ClusterBenchmark} (fills of signed orders between 100 traders, 200 fills per order pair, a deposit every 97
 * commands and a price round every 500), one command per request and 32 requests per log message. It prints the
 * bytes the service thread allocates per command (HotSpot's per-thread counter, which the machine's load does not
 * disturb) and its CPU time per command, µs. With {@code -Dnovation.bench.jfr=FILE} it also records the measured
 * half's allocation samples (JFR) into that file. {@code -Dnovation.bench.eventRing=N} sets the event hub's ring
 * (the node's default, a million events, is not full after the default 160,000 commands: it still grows in the
 * measured half; a ring of 65,536 is full after the warm-up, as a member's is after its first million events).
 * {@code -Dnovation.bench.observers=rows|values} registers the observers a member's hub has ({@code rows} as the
 * member registers them, {@code values} as they were registered before they read the log's rows); by default the hub
 * has none.
 */
@Tag("bench")
class ServicePathBenchmark
{
    private static final long NOW = 1_700_000_000_000L;
    private static final int TRADERS = 100;
    private static final int FILLS_PER_ORDER = 200;
    private static final int REQUESTS_PER_MESSAGE = 32;

    @TempDir
    Path dataDir;

    @Test
    void shouldMeasureAllocationAndCpuPerCommandOfTheServicePath() throws java.io.IOException
    {
        assumeTrue(Boolean.getBoolean("novation.bench"), "run with -Dnovation.bench=true");
        final int commands = Integer.getInteger("novation.bench.commands", 160_000);
        final boolean reuse = !Boolean.getBoolean("novation.bench.freshDecode");
        final Participants participants = new Participants(TRADERS);
        final List<byte[]> messages = load(participants, commands);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int ring = Integer.getInteger("novation.bench.eventRing", NodeConfig.defaults().eventRing());
        final String observers = System.getProperty("novation.bench.observers", "none");
        try (ServiceHarness harness = ServiceHarness.start(dataDir, reuse, ring).countEgressOnly())
        {
            observeAsAMember(harness.service, participants, observers);
            final int warmup = messages.size() / 2;
            long time = NOW;
            for (int i = 0; i < warmup; i++)
            {
                harness.deliver(messages.get(i), ++time);
            }
            final String jfr = System.getProperty("novation.bench.jfr");
            final jdk.jfr.Recording recording = jfr == null ? null : new jdk.jfr.Recording();
            if (recording != null)
            {
                recording.enable("jdk.ObjectAllocationSample").with("throttle", "10000/s").withStackTrace();
                recording.start();
            }
            final long sequenceBefore = harness.service.appliedSequence();
            final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            final long cpuBefore = threads.getCurrentThreadCpuTime();
            final long wallBefore = System.nanoTime();
            for (int i = warmup; i < messages.size(); i++)
            {
                harness.deliver(messages.get(i), ++time);
            }
            final long wall = System.nanoTime() - wallBefore;
            final long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            final long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            final long applied = harness.service.appliedSequence() - sequenceBefore;
            if (recording != null)
            {
                recording.stop();
                recording.dump(Path.of(jfr));
                recording.close();
            }
            assertThat(applied).as("commands applied in the measured half").isGreaterThan(commands / 3);
            System.out.printf("service path (%s decode, event ring %,d, observers %s): %,d commands measured, "
                    + "%,d B/command allocated, %.2f µs CPU/command, %.2f µs wall/command, %,d egress messages, "
                    + "load average %.1f%n",
                reuse ? "reusing" : "fresh", ring, observers, applied, allocated / applied, cpu / 1e3 / applied,
                wall / 1e3 / applied, harness.egressMessages(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * Registers on the service's hub the observers a member behind {@code ClusterNode} has (its session keys, the
     * API's live definitions, the signature verifier's admission and its following of rotated keys, the stream's
     * margin watch): {@code rows} as the member registers them (reading the log, fills unbuilt), {@code values} each
     * through {@link io.novation.node.stream.EventHub#observe} (every event built, definitions taken again after
     * every deposit: the member before observers read rows), {@code none} nothing.
     */
    static void observeAsAMember(final ClearingService service, final Participants participants,
        final String kind)
    {
        if (kind.equals("none"))
        {
            return;
        }
        final boolean rows = kind.equals("rows");
        if (!rows && !kind.equals("values"))
        {
            throw new IllegalArgumentException("novation.bench.observers: none, rows or values, not " + kind);
        }
        final io.novation.node.stream.EventHub hub = service.hub();
        final io.novation.core.engine.ClearingEngine engine = service.engine();
        final java.util.function.Consumer<java.util.function.Consumer<List<io.novation.core.event.Event>>> observe =
            observer ->
            {
                if (rows)
                {
                    hub.observeExceptFills(observer);
                }
                else
                {
                    hub.observe(observer);
                }
            };
        final io.novation.node.sequencer.SessionKeyDirectory sessionKeys =
            new io.novation.node.sequencer.SessionKeyDirectory();
        sessionKeys.load(engine.state().accounts());
        observe.accept(sessionKeys::onDurable);
        io.novation.node.server.LiveDefinitions.follow(hub, engine, io.novation.node.json.Definitions::of,
            rows ? io.novation.node.json.Definitions::withRequestIdsOf : null);
        observe.accept(events -> participants.verifier.onDurable(events, engine.state().time()));
        observe.accept(events ->
        {
            for (int i = 0; i < events.size(); i++)
            {
                if (events.get(i) instanceof io.novation.core.event.Event.RiskParametersApplied applied &&
                    (applied.kind().equals("governanceKey") || applied.kind().equals("bridgeKey")))
                {
                    participants.verifier.follow(engine.state().governance());
                    return;
                }
            }
        });
        final io.novation.node.warning.MarginWatch watch = new io.novation.node.warning.MarginWatch();
        watch.readAll(engine);
        if (rows)
        {
            hub.observeLog(events -> watch.onDurable(engine, events));
        }
        else
        {
            hub.observe(events -> watch.onDurable(engine, events));
        }
    }

    /** The genesis request, then the load's commands, one per request, packed into log messages. */
    static List<byte[]> load(final Participants participants, final int commands)
    {
        final Random random = new Random(42);
        final List<byte[]> messages = new ArrayList<>();
        long requestId = 1;
        messages.add(ServiceHarness.batch(List.of(ServiceHarness.submit(requestId, participants.genesis(NOW))),
            requestId));
        requestId++;
        final List<byte[]> requests = new ArrayList<>();
        Order[] orders = null;
        int fills = FILLS_PER_ORDER;
        long price = 60_000;
        for (int generated = 1; generated <= commands; generated++)
        {
            final ClusterProtocol.Entry entry;
            if (generated % 500 == 0)
            {
                price = Math.max(50_000, Math.min(70_000, price + random.nextInt(401) - 200));
                entry = participants.price(price, NOW + generated / REQUESTS_PER_MESSAGE);
            }
            else if (generated % 97 == 0)
            {
                entry = participants.deposit(random.nextInt(TRADERS), 1_000);
            }
            else
            {
                if (fills == FILLS_PER_ORDER)
                {
                    final int maker = random.nextInt(TRADERS);
                    final int taker = (maker + 1 + random.nextInt(TRADERS - 1)) % TRADERS;
                    orders = participants.orders(maker, taker, random.nextBoolean(), FILLS_PER_ORDER, NOW);
                    fills = 0;
                }
                fills++;
                entry = participants.fill(orders, price + random.nextInt(21) - 10);
            }
            requests.add(ServiceHarness.submit(requestId + requests.size(), List.of(entry)));
            if (requests.size() == REQUESTS_PER_MESSAGE)
            {
                messages.add(ServiceHarness.batch(requests, requestId));
                requestId += requests.size();
                requests.clear();
            }
        }
        if (!requests.isEmpty())
        {
            messages.add(ServiceHarness.batch(requests, requestId));
        }
        return messages;
    }
}
