package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.client.NovationClient;
import io.novation.client.StreamClient;
import io.novation.core.account.Address;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The venue's view of the node's event stream: it keeps every participant's positions as {@code PositionChanged}
 * reports them (the node is the authority on positions: keepers take positions over, deleveraging closes them), marks
 * traders that are liquidated, and counts for the progress line the liquidations per market and the cross-margin
 * insurance fund (quote quantums). Events arrive on the stream's thread.
 */
public final class StreamTap implements AutoCloseable
{
    private final Map<Address, Participant> participants = new HashMap<>();
    private final AtomicLongArray liquidations;
    private final Object progress = new Object();
    private StreamClient stream;
    private volatile long insuranceFund;
    private volatile long seen;

    /**
     * A tap over the given participants.
     *
     * @param markets      how many markets exist.
     * @param participants everyone whose positions are followed.
     */
    public StreamTap(final int markets, final Iterable<? extends Participant> participants)
    {
        this.liquidations = new AtomicLongArray(markets);
        for (final Participant participant : participants)
        {
            this.participants.put(participant.address(), participant);
        }
    }

    /**
     * Subscribes to the node's stream after a sequence.
     *
     * @param client the node's client.
     * @param from   the last sequence already known.
     */
    public void start(final NovationClient client, final long from)
    {
        seen = from;
        // Heartbeats let the client notice a silent connection and resume it from the last event delivered.
        stream = StreamClient.publicStream(client, from, true, this::onEvent, note -> { });
    }

    private void onEvent(final JsonNode event)
    {
        switch (event.path("type").asText())
        {
            case "PositionChanged" ->
            {
                final Participant participant = participants.get(Address.parse(event.get("owner").asText()));
                if (participant != null && event.path("subaccount").asInt() == participant.subaccount() &&
                    event.get("marketId").asInt() < liquidations.length())
                {
                    participant.position(event.get("marketId").asInt(), event.get("size").asLong(),
                        event.get("costBasis").asLong());
                }
            }
            case "Liquidated" ->
            {
                // The progress line counts the perpetuals' liquidations, not the option series'.
                if (event.get("marketId").asInt() < liquidations.length())
                {
                    liquidations.incrementAndGet(event.get("marketId").asInt());
                }
                if (participants.get(Address.parse(event.get("target").asText())) instanceof Trader trader)
                {
                    trader.markLiquidated();
                }
            }
            case "InsuranceFundChanged" ->
            {
                if (event.path("fundMarketId").asInt() < 0)
                {
                    insuranceFund = event.get("balance").asLong();
                }
            }
            default ->
            {
            }
        }
        seen = Math.max(seen, event.path("sequence").asLong());
        synchronized (progress)
        {
            progress.notifyAll();
        }
    }

    /**
     * Waits until the stream has delivered the events of a sequence.
     *
     * @param sequence  the sequence.
     * @param timeoutMs wall-clock ms.
     * @return true when delivered, false on timeout.
     * @throws InterruptedException when interrupted.
     */
    public boolean awaitSequence(final long sequence, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (progress)
        {
            while (seen < sequence)
            {
                final long left = deadline - System.nanoTime();
                if (left <= 0)
                {
                    return false;
                }
                progress.wait(Math.max(1, Math.min(5, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            return true;
        }
    }

    /**
     * Liquidations streamed so far in a market.
     *
     * @param marketId the market.
     * @return a count.
     */
    public long liquidations(final int marketId)
    {
        return liquidations.get(marketId);
    }

    /**
     * The cross-margin insurance fund as last streamed.
     *
     * @return quote quantums.
     */
    public long insuranceFund()
    {
        return insuranceFund;
    }

    @Override
    public void close()
    {
        if (stream != null)
        {
            stream.close();
        }
    }
}
