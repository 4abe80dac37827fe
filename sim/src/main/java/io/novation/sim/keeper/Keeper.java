package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.client.NovationClient;
import io.novation.client.Reply;
import io.novation.client.StreamClient;
import io.novation.core.account.Address;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.liquidation.LiquidationParameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One keeper: watches a node's event stream and, on every event that can push a subaccount below maintenance margin
 * (a new oracle price, a funding tick, a trade, a liquidation, a deleveraging or socialized loss, a market status
 * change), sweeps {@code GET /v1/liquidatable} and sends a signed {@code liquidate} for each position of each
 * subaccount listed: the whole position, or the engine's 20 % part of a large one. It competes with other keepers:
 * a refusal because another came first ({@code NOT_LIQUIDATABLE}, or {@code LIQUIDATION_TOO_LARGE} for a position
 * that shrank) is a lost race; {@code LIQUIDATION_COOLDOWN} holds the subaccount back until the cooldown has passed;
 * {@code NONCE_REUSED} resynchronizes its nonce from the node; other refusals ({@code INSUFFICIENT_MARGIN},
 * {@code STALE_ORACLE}, ...) hold the subaccount back until the next triggering event. What it earned is in
 * {@link #report()}: quote quantums (1e-6 USDC), sizes in base quantums.
 * <p>
 * It runs on two threads: the stream's, which only records events and wakes the keeper, and its own, which sweeps.
 */
public final class Keeper implements AutoCloseable
{
    /** Event types after which a subaccount may have fallen below maintenance. */
    public static final Set<String> TRIGGERS = Set.of("OraclePriceUpdated", "FundingTicked", "TradeSettled",
        "Liquidated", "Deleveraged", "LossSocialized", "MarketStatusChanged");

    private static final long RETRY_AFTER_FAILURE_MS = 500;

    private final KeeperSettings settings;
    private final Address address;
    private final NovationClient client;
    private final LiquidationParameters parameters = LiquidationParameters.defaults();
    private final KeeperLedger ledger = new KeeperLedger();
    private final KeeperMarkets markets;
    private final CandidateFinder finder;
    private final LiquidationSender sender;
    private final HeldSubaccounts held = new HeldSubaccounts();
    private final Random order;
    private final Object wake = new Object();
    private final Object progress = new Object();
    private final Thread thread;
    private final StreamClient stream;
    private boolean sweepDue = true;
    private boolean wokenByEvent = true;
    private volatile boolean running = true;
    private long sweeps;
    private volatile long seenSequence;
    private volatile long lastTriggerSequence;
    private volatile long sweptThroughTrigger;

    private Keeper(final KeeperSettings settings) throws IOException
    {
        this.settings = settings;
        final byte[] privateKey = settings.privateKey();
        this.address = Address.of(Secp256k1.addressOf(privateKey));
        this.client = new NovationClient(settings.node());
        this.order = new Random(address.hashCode() * 31L + settings.subaccount());
        final JsonNode state = client.read("/v1/state");
        if (!state.hasNonNull("domainSeparator"))
        {
            throw new IOException("the node does not publish its EIP-712 domain in /v1/state");
        }
        this.markets = new KeeperMarkets(client, settings.log());
        markets.refresh();
        this.finder = new CandidateFinder(client, markets, parameters);
        this.sender = new LiquidationSender(client, ledger, privateKey, address, settings.subaccount(),
            Hex.decode(state.get("domainSeparator").asText()));
        final Reply account = client.get("/v1/accounts/" + address + "/subaccounts/" +
            settings.subaccount());
        if (account.status() != 200)
        {
            throw new IllegalStateException("keeper subaccount " + address + "/" + settings.subaccount() +
                " does not exist: deposit collateral into it first (" + account.code() + ")");
        }
        sender.resyncNonce();
        this.seenSequence = state.get("sequence").asLong();
        this.stream = StreamClient.publicStream(client, seenSequence, false, this::onEvent, settings.log());
        this.thread = new Thread(this::run, "keeper-" + address.toString().substring(0, 10));
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Starts a keeper: reads the node's domain, markets and the keeper's nonce, subscribes to the event stream from
     * now on and sweeps once at once.
     *
     * @param settings how to run it.
     * @return the running keeper.
     * @throws IOException           when the node cannot be reached.
     * @throws IllegalStateException when the keeper subaccount holds no collateral.
     */
    public static Keeper start(final KeeperSettings settings) throws IOException
    {
        return new Keeper(settings);
    }

    /**
     * The keeper's account.
     *
     * @return its address.
     */
    public Address address()
    {
        return address;
    }

    /**
     * The keeper subaccount that takes positions over.
     *
     * @return its number.
     */
    public int subaccount()
    {
        return settings.subaccount();
    }

    /**
     * The sequence of the last event the keeper has seen on the stream.
     *
     * @return a sequence number.
     */
    public long streamSequence()
    {
        return stream.lastSequence();
    }

    /**
     * How many sweeps the keeper has run.
     *
     * @return a count.
     */
    public synchronized long sweeps()
    {
        return sweeps;
    }

    /**
     * Waits until the keeper has received the event stream through {@code sequence} and has finished a sweep that
     * began after the last triggering event it received: nothing it could liquidate at that point is left untried.
     * A simulation that drives time faster than real time waits on this before it moves the clock on.
     *
     * @param sequence  the node's sequence the keeper must have seen.
     * @param timeoutMs how long to wait at most, wall-clock ms.
     * @return true when caught up, false on timeout.
     * @throws InterruptedException when interrupted.
     */
    public boolean awaitCaughtUp(final long sequence, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (progress)
        {
            while (seenSequence < sequence || sweptThroughTrigger < lastTriggerSequence || sweepPending())
            {
                final long left = deadline - System.nanoTime();
                if (left <= 0 || !running)
                {
                    return false;
                }
                progress.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 5)));
            }
            return true;
        }
    }

    /**
     * The sequence of the last command of this keeper that the node sequenced (applied or rejected).
     *
     * @return a sequence number, 0 before any.
     */
    public long lastSentSequence()
    {
        return sender.lastSentSequence();
    }

    private boolean sweepPending()
    {
        synchronized (wake)
        {
            return sweepDue;
        }
    }

    /**
     * What the keeper did and earned so far.
     *
     * @return the report.
     */
    public KeeperReport report()
    {
        return ledger.report(address, settings.subaccount(), markets::oraclePrice);
    }

    @Override
    public void close()
    {
        running = false;
        stream.close();
        synchronized (wake)
        {
            wake.notifyAll();
        }
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- the stream's thread

    private void onEvent(final JsonNode event)
    {
        final String type = event.path("type").asText();
        final long sequence = event.path("sequence").asLong();
        if ("OraclePriceUpdated".equals(type))
        {
            markets.oraclePrice(event.get("oracleId").asInt(), event.get("price").asLong());
        }
        else if ("Liquidated".equals(type) && address.toString().equals(event.path("keeper").asText()) &&
            event.path("keeperSubaccount").asInt() == settings.subaccount())
        {
            recordLiquidation(event);
        }
        if (TRIGGERS.contains(type))
        {
            lastTriggerSequence = Math.max(lastTriggerSequence, sequence);
            synchronized (wake)
            {
                sweepDue = true;
                wake.notifyAll();
            }
        }
        seenSequence = Math.max(seenSequence, sequence);
        synchronized (progress)
        {
            progress.notifyAll();
        }
    }

    private void recordLiquidation(final JsonNode event)
    {
        final MarketTerms market = markets.market(event.get("marketId").asInt());
        if (market == null)
        {
            settings.log().accept("keeper: liquidation in unknown market " + event.get("marketId") + " not counted");
            return;
        }
        final long size = -event.get("size").asLong();
        final long price = markets.oraclePrice(market.oracleId());
        final KeeperReport.Liquidation liquidation = new KeeperReport.Liquidation(event.get("sequence").asLong(),
            Address.parse(event.get("target").asText()), event.get("targetSubaccount").asInt(), market.ticker(), size,
            market.sizeDecimal(size), event.get("fillQuote").asLong(), price, market.value(size, price));
        ledger.liquidated(liquidation, market);
    }

    // ---------------------------------------------------------------- the keeper's thread

    private void run()
    {
        while (running)
        {
            try
            {
                if (!awaitSweep())
                {
                    break;
                }
                final long trigger = lastTriggerSequence;
                sweep();
                sweptThroughTrigger = trigger;
                synchronized (progress)
                {
                    progress.notifyAll();
                }
            }
            catch (final IOException ex)
            {
                settings.log().accept("keeper: " + ex.getMessage() + "; retrying");
                pause(RETRY_AFTER_FAILURE_MS);
                synchronized (wake)
                {
                    sweepDue = true;
                }
            }
            catch (final RuntimeException ex)
            {
                settings.log().accept("keeper: unexpected " + ex + "; retrying");
                pause(RETRY_AFTER_FAILURE_MS);
            }
        }
    }

    /** Waits for an event, the end of a cooldown or the idle interval; false when closed. */
    private boolean awaitSweep()
    {
        synchronized (wake)
        {
            final long deadline = System.currentTimeMillis() + Math.min(settings.idleSweepMs(),
                held.untilCooldownEnds(settings.clock().getAsLong()));
            while (running && !sweepDue)
            {
                final long left = deadline - System.currentTimeMillis();
                if (left <= 0)
                {
                    break;
                }
                try
                {
                    wake.wait(left);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            wokenByEvent = sweepDue;
            sweepDue = false;
            return running;
        }
    }

    private void pause(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** One pass: find every position of every liquidatable subaccount, then try to take each over. */
    private void sweep() throws IOException
    {
        synchronized (this)
        {
            sweeps++;
        }
        final long now = settings.clock().getAsLong();
        held.release(now, wokenByEvent);
        final JsonNode listed = client.read("/v1/liquidatable").path("subaccounts");
        final List<List<Candidate>> subaccounts = new ArrayList<>();
        final List<Candidate> all = new ArrayList<>();
        for (final JsonNode entry : listed)
        {
            final Address target = Address.parse(entry.get("account").asText());
            final int number = entry.get("subaccount").asInt();
            final String key = target + "/" + number;
            if (target.equals(address) && number == settings.subaccount() || held.isHeld(key))
            {
                continue;
            }
            final List<Candidate> positions = finder.candidates(target, number);
            if (!positions.isEmpty())
            {
                subaccounts.add(positions);
                all.addAll(positions);
            }
        }
        if (all.isEmpty())
        {
            return;
        }
        settings.beforeAttempts().accept(Collections.unmodifiableList(all));
        // Competing keepers that all went for the same subaccount first would all but one lose: spread out.
        Collections.shuffle(subaccounts, order);
        for (final List<Candidate> positions : subaccounts)
        {
            for (int i = 0; i < positions.size() && running; i++)
            {
                final boolean won = attempt(positions.get(i));
                if (won && i + 1 < positions.size() && !finder.stillLiquidatable(positions.get(i)))
                {
                    break;
                }
                if (held.isCooling(positions.get(i).subaccountKey()))
                {
                    break;
                }
            }
        }
    }

    /** Tries to take the candidate over; true when won. */
    private boolean attempt(final Candidate candidate) throws IOException
    {
        final long whole = Math.abs(candidate.position());
        final long part = candidate.market().part(whole, parameters.partialFractionPpm());
        final long size = candidate.inParts() ? Math.min(part, whole) : whole;
        final Reply reply = sender.send(candidate, size);
        if (reply.applied())
        {
            return won(candidate, size, whole);
        }
        final String code = reply.code();
        if ("LIQUIDATION_TOO_LARGE".equals(code) && size == whole && part < whole &&
            finder.currentPosition(candidate) == candidate.position())
        {
            // The position is as it was: the engine takes it only in parts. Take the first part.
            ledger.refused(code);
            final Reply partReply = sender.send(candidate, part);
            if (partReply.applied())
            {
                return won(candidate, part, whole);
            }
            return lost(candidate, partReply);
        }
        return lost(candidate, reply);
    }

    private boolean won(final Candidate candidate, final long size, final long whole)
    {
        ledger.won();
        if (size < whole)
        {
            held.coolDown(candidate.subaccountKey(), settings.clock().getAsLong() + parameters.cooldownMs());
        }
        settings.log().accept("keeper " + address + ": liquidated " + candidate.market().sizeDecimal(size) + " " +
            candidate.market().ticker() + " of " + candidate.subaccountKey());
        return true;
    }

    private boolean lost(final Candidate candidate, final Reply reply)
    {
        final String code = reply.code().isEmpty() ? "HTTP_" + reply.status() : reply.code();
        switch (code)
        {
            case "NOT_LIQUIDATABLE", "LIQUIDATION_TOO_LARGE" -> ledger.lostRace();
            case "LIQUIDATION_COOLDOWN" ->
            {
                ledger.refused(code);
                held.coolDown(candidate.subaccountKey(), settings.clock().getAsLong() + parameters.cooldownMs());
            }
            default ->
            {
                // Not worth repeating on every idle sweep (each refusal is journaled): wait for news.
                ledger.refused(code);
                held.holdUntilEvent(candidate.subaccountKey());
                settings.log().accept("keeper " + address + ": " + candidate.subaccountKey() + " " +
                    candidate.market().ticker() + " refused: " + code + " " + reply.body().path("message").asText());
            }
        }
        return false;
    }

}
