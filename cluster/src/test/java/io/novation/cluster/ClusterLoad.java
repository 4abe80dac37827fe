package io.novation.cluster;

import io.novation.core.command.Order;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Keeps a number of requests in flight to a cluster through one gateway: trades that fill pairs of signed orders one
 * step at a time, with a deposit and a price round now and then. Remembers every request, its answer and when it was
 * sent and answered (ns), for the checks and the latency figures.
 */
final class ClusterLoad
{
    private static final int FILLS_PER_ORDER = 200;

    private final ClusterGateway gateway;
    private final Participants participants;
    private final int traders;
    private final int commandsPerRequest;
    private final int maxInFlight;
    private final Random random = new Random(20_251_112L);
    private final ArrayDeque<Request> inFlight = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private Order[] orders;
    private int fills = FILLS_PER_ORDER;
    private long price = 60_000;
    private int generated;

    /** One request: its commands, its answer, and when. */
    static final class Request
    {
        final List<ClusterProtocol.Entry> entries;
        final long sentNanos;
        volatile long answeredNanos;
        CompletableFuture<List<ClusterProtocol.Outcome>> answer;

        Request(final List<ClusterProtocol.Entry> entries, final long sentNanos)
        {
            this.entries = entries;
            this.sentNanos = sentNanos;
        }

        List<ClusterProtocol.Outcome> outcomes()
        {
            return answer.join();
        }
    }

    ClusterLoad(final ClusterGateway gateway, final Participants participants, final int traders,
        final int commandsPerRequest, final int maxInFlight)
    {
        this.gateway = gateway;
        this.participants = participants;
        this.traders = traders;
        this.commandsPerRequest = commandsPerRequest;
        this.maxInFlight = maxInFlight;
    }

    /** Sends one request and waits for its answer. */
    Request sendAndWait(final List<ClusterProtocol.Entry> entries, final long timeoutMs)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        final Request request = send(entries);
        request.answer.get(timeoutMs, TimeUnit.MILLISECONDS);
        return request;
    }

    /** Keeps requests in flight while the condition holds. */
    void run(final BooleanSupplier keepGoing) throws InterruptedException
    {
        while (keepGoing.getAsBoolean())
        {
            while (inFlight.size() < maxInFlight)
            {
                inFlight.add(send(next()));
            }
            reap(20);
        }
    }

    /** Whether a request sent at or after an instant (ns) has its answer; the latest requests are looked at first. */
    boolean answeredAnySentSince(final long sinceNanos)
    {
        for (int i = requests.size() - 1; i >= 0 && requests.get(i).sentNanos >= sinceNanos; i--)
        {
            if (requests.get(i).answeredNanos != 0)
            {
                return true;
            }
        }
        return false;
    }

    /** Waits until every request has its answer. */
    void drain(final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!inFlight.isEmpty())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError(inFlight.size() + " requests unanswered after " + timeoutMs + " ms");
            }
            reap(100);
        }
    }

    private void reap(final long waitMs) throws InterruptedException
    {
        final Request head = inFlight.peek();
        if (head == null)
        {
            return;
        }
        try
        {
            head.answer.get(waitMs, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            return;
        }
        catch (final ExecutionException ex)
        {
            throw new AssertionError("a request failed", ex.getCause());
        }
        while (!inFlight.isEmpty() && inFlight.peek().answer.isDone())
        {
            inFlight.poll();
        }
    }

    private Request send(final List<ClusterProtocol.Entry> entries)
    {
        final Request request = new Request(entries, System.nanoTime());
        request.answer = gateway.submit(entries);
        request.answer.whenComplete((outcomes, failure) -> request.answeredNanos = System.nanoTime());
        requests.add(request);
        return request;
    }

    private List<ClusterProtocol.Entry> next()
    {
        final List<ClusterProtocol.Entry> entries = new ArrayList<>(commandsPerRequest);
        for (int i = 0; i < commandsPerRequest; i++)
        {
            entries.add(nextCommand());
        }
        return entries;
    }

    private ClusterProtocol.Entry nextCommand()
    {
        generated++;
        if (generated % 500 == 0)
        {
            price = Math.max(50_000, Math.min(70_000, price + random.nextInt(401) - 200));
            return participants.price(price, System.currentTimeMillis());
        }
        if (generated % 97 == 0)
        {
            return participants.deposit(random.nextInt(traders), 1_000);
        }
        if (fills == FILLS_PER_ORDER)
        {
            final int maker = random.nextInt(traders);
            final int taker = (maker + 1 + random.nextInt(traders - 1)) % traders;
            orders = participants.orders(maker, taker, random.nextBoolean(), FILLS_PER_ORDER,
                System.currentTimeMillis());
            fills = 0;
        }
        fills++;
        return participants.fill(orders, price + random.nextInt(21) - 10);
    }

    List<Request> requests()
    {
        return requests;
    }

    /** Latency percentiles (µs) of the requests answered between two instants (ns). */
    static long[] latencyMicros(final List<Request> requests, final long fromNanos, final long toNanos,
        final double... percentiles)
    {
        final long[] latencies = requests.stream()
            .filter(r -> r.sentNanos >= fromNanos && r.answeredNanos != 0 && r.answeredNanos <= toNanos)
            .mapToLong(r -> (r.answeredNanos - r.sentNanos) / 1_000).sorted().toArray();
        final long[] result = new long[percentiles.length];
        for (int i = 0; i < percentiles.length && latencies.length > 0; i++)
        {
            result[i] = latencies[(int)Math.min(latencies.length - 1, Math.floor(percentiles[i] * latencies.length))];
        }
        return result;
    }

    static long countCommands(final List<Request> requests, final long fromNanos, final long toNanos)
    {
        return requests.stream().filter(r -> r.answeredNanos >= fromNanos && r.answeredNanos <= toNanos)
            .mapToLong(r -> r.entries.size()).sum();
    }

    @Override
    public String toString()
    {
        return "ClusterLoad" + Arrays.asList(traders, commandsPerRequest, maxInFlight);
    }
}
