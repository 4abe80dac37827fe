package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.command.SettleExpiry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's BTC options, a coordinator on the desk's schedule (minutes of the day, times epoch ms): the operator
 * lists the {@link ListedSeries}; the oracle publishers co-sign a surface every {@value #SURFACE_EVERY_MINUTES}
 * minutes ({@link SurfaceRounds}); the {@link OptionHolders} open their books against the market makers' prices
 * ({@link OptionQuotes}) and trade more every {@value #TRADE_EVERY_MINUTES} minutes; every
 * {@value #BLOCK_EVERY_MINUTES} minutes the makers trade a put spread as a block package ({@link PutSpreads}); at the
 * intraday expiry the operator settles its series ({@link ExpirySettlement}); the node's margin of the hedged twins is
 * read after each surface ({@link TwinMargins}); every command the desk sends is kept with the node's answer.
 */
final class OptionDesk
{
    /** The perpetual whose oracle index is the options' underlying. */
    static final String UNDERLYING = "BTC-USD";
    /** Why the desk does not run when its underlying is not among the demo's markets. */
    static final String NOT_RUN_REASON = UNDERLYING + " not among --markets";
    /** Minutes between two surface publications. */
    static final int SURFACE_EVERY_MINUTES = 10;
    /** Offset of the desk's commands in their minute, ms (after the minute's extreme round, before its close). */
    static final long OFFSET_MS = 21_000;
    /** Minutes between two rounds of holders' trades after the opening. */
    static final int TRADE_EVERY_MINUTES = 30;
    /** The minute of each period at which holders trade. */
    static final int TRADE_OFFSET_MINUTES = 25;
    /** Minutes between two put-spread packages. */
    static final int BLOCK_EVERY_MINUTES = 120;
    /** The minute of each period at which the package is quoted. */
    static final int BLOCK_OFFSET_MINUTES = 40;

    /**
     * A command the desk sent and the node's answer.
     *
     * @param kind the command's kind, e.g. {@code settleTrade (option)}.
     * @param time epoch ms.
     * @param code null when applied, else the reason code; {@code NOT_ANSWERED} until answered.
     */
    record Sent(String kind, long time, String code)
    {
    }

    private final DemoMarket btc;
    private final PublisherPanel publishers;
    private final int fromMinute;
    private final long windowStart;
    private final DeskClock clock = new DeskClock();
    private final ListedSeries series;
    private final SurfaceRounds surfaces;
    private final OptionHolders holders;
    private final PutSpreads spreads;
    private final ExpirySettlement expiry;
    private final TwinMargins margins;
    private final List<Sent> sent = new ArrayList<>();

    /**
     * The desk of a window on the BTC perpetual among the markets chosen, taken by its ticker; none without it, since
     * the series' strikes and the holders' hedges are BTC's.
     *
     * @param markets    the demo's markets.
     * @param publishers the oracle publishers.
     * @param fromMinute the window's first minute of the day.
     * @return the desk, or null when {@value #UNDERLYING} is not among the markets ({@link #NOT_RUN_REASON}).
     */
    static OptionDesk onUnderlying(final List<DemoMarket> markets, final PublisherPanel publishers,
        final int fromMinute)
    {
        final DemoMarket btc = DemoMarket.byTicker(markets, UNDERLYING);
        return btc == null ? null : new OptionDesk(btc, publishers, fromMinute);
    }

    /**
     * A desk for a window.
     *
     * @param btc        the BTC perpetual, whose oracle is the options' underlying.
     * @param publishers the oracle publishers.
     * @param fromMinute the window's first minute of the day.
     */
    OptionDesk(final DemoMarket btc, final PublisherPanel publishers, final int fromMinute)
    {
        this.btc = btc;
        this.publishers = publishers;
        this.fromMinute = fromMinute;
        this.windowStart = DemoMarket.DAY_START + fromMinute * MinuteSeries.MINUTE_MS;
        this.series = new ListedSeries(windowStart);
        this.surfaces = new SurfaceRounds(btc, publishers, series.expiries(), clock);
        final OptionQuotes quotes = new OptionQuotes(btc, surfaces, clock);
        this.holders = new OptionHolders(btc, series, surfaces, quotes, clock);
        this.spreads = new PutSpreads(btc, series, surfaces, clock);
        this.expiry = new ExpirySettlement(series, clock);
        this.margins = new TwinMargins(holders.all());
    }

    /**
     * Lists the series, funds the holders, switches the portfolio twins to portfolio margin, publishes the first
     * surface and opens every book against the market makers; all before the window's first minute.
     *
     * @param operator  the operator.
     * @param makers    the market makers.
     * @param domain    the node's EIP-712 domain separator.
     * @param start     epoch ms of the first command, after everything sent so far.
     * @param depositor how the holders are funded.
     * @return the node's last sequence.
     * @throws IOException when the node cannot be reached.
     */
    long open(final Operator operator, final List<MarketMaker> makers, final byte[] domain, final long start,
        final Depositor depositor) throws IOException
    {
        clock.set(start);
        long last = 0;
        for (final OptionListing listing : series.all())
        {
            // One request each, as for markets: the governance key signs the next series id.
            final OptionRequest listed = new OptionRequest(operator);
            listed.governed(listing.definition(clock.next(), btc.id(), btc.priceExponent()), "createOptionSeries");
            last = Math.max(last, send(operator, listed));
        }
        final int minute = Math.max(0, fromMinute - 1);
        final long index = btc.series().close(minute);
        final OptionRequest request = new OptionRequest(operator);
        publish(minute, domain, request);
        final List<Address> accounts = holders.fund(btc.usd(index), windowStart);
        for (final ObjectNode deposit : depositor.deposit(accounts, holders.deposits(), clock.now()))
        {
            request.encoded(deposit, "deposit");
        }
        clock.advance(accounts.size());
        holders.open(makers, index, domain, request);
        last = Math.max(last, send(operator, request));
        margins.sample(fromMinute, operator.client());
        return last;
    }

    /**
     * The desk's commands of a minute, sent {@value #OFFSET_MS} ms into it: the expiry's settlement when due, the
     * surface on its schedule, the holders' trades and the put-spread package on theirs.
     *
     * @param minute   minute of the day.
     * @param operator the operator.
     * @param makers   the market makers.
     * @param domain   the node's EIP-712 domain separator.
     * @return the node's last sequence, or 0 when nothing was sent.
     * @throws IOException when the node cannot be reached.
     */
    long minute(final int minute, final Operator operator, final List<MarketMaker> makers, final byte[] domain)
        throws IOException
    {
        clock.atLeast(DemoMarket.DAY_START + minute * MinuteSeries.MINUTE_MS + OFFSET_MS);
        final OptionRequest request = new OptionRequest(operator);
        for (final SettleExpiry settlement : expiry.due())
        {
            request.governed(settlement, "settleExpiry");
        }
        final int elapsed = minute - fromMinute;
        final boolean surfaceDue = elapsed % SURFACE_EVERY_MINUTES == 0 && elapsed > 0;
        if (surfaceDue)
        {
            publish(minute - 1, domain, request);
        }
        // The last close the desk knows: the previous minute's (this minute's close is 50 s into it).
        final long index = btc.series().close(Math.max(0, minute - 1));
        if (elapsed % TRADE_EVERY_MINUTES == TRADE_OFFSET_MINUTES)
        {
            holders.trade(makers, index, domain, request);
        }
        if (elapsed % BLOCK_EVERY_MINUTES == BLOCK_OFFSET_MINUTES)
        {
            final SettleBlockTrade pair = spreads.quote(makers, index, domain, sent.size() + request.size());
            if (pair != null)
            {
                request.signed(pair, "settleBlockTrade (put spread)");
            }
        }
        final long last = send(operator, request);
        if (surfaceDue)
        {
            margins.sample(minute, operator.client());
        }
        return last;
    }

    /** The surface round of a minute, signed by three honest publishers in turn, and the faulty one's while it lies. */
    private void publish(final int minute, final byte[] domain, final OptionRequest request)
    {
        final Address faulty = publishers.faulty();
        for (final OracleVolSurface submission : surfaces.round(minute, domain))
        {
            request.signed(submission, submission.publisher().equals(faulty) ? "oracleVolSurface (faulty)" :
                "oracleVolSurface");
        }
    }

    private long send(final Operator operator, final OptionRequest request) throws IOException
    {
        final List<ObjectNode> commands = request.commands();
        if (commands.isEmpty())
        {
            return 0;
        }
        final int first = sent.size();
        for (final String kind : request.kinds())
        {
            sent.add(new Sent(kind, 0, Operator.NOT_ANSWERED));
        }
        final Operator.Answer answer = operator.send(commands);
        for (int i = 0; i < commands.size(); i++)
        {
            sent.set(first + i, new Sent(request.kinds().get(i), commands.get(i).path("time").asLong(),
                answer.codes()[i]));
        }
        return answer.lastSequence();
    }

    /**
     * The journal's reader of the options: the holders as buyers or sellers by their book, the market makers, the
     * keepers' desks, and the desk's packages.
     *
     * @param makers the market makers.
     * @param desks  the keepers' desks.
     * @param faulty the faulty publisher.
     * @return the ledger.
     */
    OptionLedger ledger(final List<MarketMaker> makers, final List<Participant> desks, final Address faulty)
    {
        final Map<Address, String> groups = new LinkedHashMap<>();
        for (final OptionHolders.Holder holder : holders.all())
        {
            groups.put(holder.participant().address(), holder.book().buyer() ? "buyers" : "sellers");
        }
        makers.forEach(maker -> groups.put(maker.address(), "marketMakers"));
        desks.forEach(desk -> groups.put(desk.address(), "keepers"));
        final OptionLedger ledger = new OptionLedger(groups, faulty);
        spreads.packages().forEach(p -> ledger.claimPackage(p.digest()));
        return ledger;
    }

    // ---------------------------------------------------------------- what the report reads

    List<OptionListing> listings()
    {
        return series.all();
    }

    List<OptionHolders.Holder> holders()
    {
        return holders.all();
    }

    List<Sent> sent()
    {
        return sent;
    }

    List<SurfaceRounds.Publication> publications()
    {
        return surfaces.publications();
    }

    List<TwinMargins.MarginSample> margins()
    {
        return margins.samples();
    }

    List<PutSpreads.Package> packages()
    {
        return spreads.packages();
    }

    ImpliedVolPath path()
    {
        return surfaces.path();
    }

    /** The expiries settled in the window (settleExpiry sent), epoch ms. */
    List<Long> settledExpiries()
    {
        return expiry.settled();
    }
}
