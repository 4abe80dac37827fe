package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.client.NovationClient;
import io.novation.core.account.Address;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.pricing.OptionType;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's BTC options: the operator lists {@link OptionListing}s through governance; the oracle publishers sign an
 * {@link OptionSurface} every {@value #SURFACE_EVERY_MINUTES} minutes (three honest signatures, the quorum; the faulty
 * publisher, while it lies about prices, signs its own surface at three quarters of the volatility, which stays a lone
 * candidate); the two market makers quote every series around the surface's Black-76 mark and a few dozen option
 * holders trade against them: hedged books with perpetuals held twice, once in standard and once in portfolio margin
 * (so the node's margin of the same book can be read both ways), short premium sellers in standard margin, and buyers
 * and sellers of the intraday expiry. Every {@value #BLOCK_EVERY_MINUTES} minutes the makers trade a put spread as a
 * block package; at the intraday expiry the operator sends {@code settleExpiry} for each of its series. Every command
 * the desk sends is kept with the node's answer. Prices in the index's price units, sizes in base quantums, money in
 * quote quantums (1e-6 USDC).
 */
final class OptionDesk
{
    /** Minutes between two surface publications. */
    static final int SURFACE_EVERY_MINUTES = 10;
    /** Offset of the desk's commands in their minute, ms (after the minute's extreme round, before its close). */
    static final long OFFSET_MS = 21_000;
    /** The market makers' half-spread, a fraction of the mark. */
    static final double HALF_SPREAD = 0.03;
    /** The least half-spread, USD. */
    static final double MIN_HALF_SPREAD_USD = 2;
    /** Minutes between two rounds of holders' trades after the opening. */
    static final int TRADE_EVERY_MINUTES = 30;
    /** The minute of each period at which holders trade. */
    static final int TRADE_OFFSET_MINUTES = 25;
    /** Minutes between two put-spread packages. */
    static final int BLOCK_EVERY_MINUTES = 120;
    /** The minute of each period at which the package is quoted. */
    static final int BLOCK_OFFSET_MINUTES = 40;
    /** Each leg of the put-spread package, BTC. */
    static final long BLOCK_SIZE = 5 * OptionListing.QUANTUMS_PER_BTC;
    /** Legs of a put-spread package. */
    static final int PACKAGE_LEGS = 2;
    /** What the faulty publisher's surface takes of the honest volatility while it lies. */
    static final double FAULTY_VOL_SHARE = 0.75;
    private static final long ORDER_VALIDITY_MS = 600_000;
    private static final long PERP_QUANTUMS_PER_BTC = 10_000_000_000L;
    private static final long BLOCK_FEE = 1_000_000;
    private static final double[] SIZES_BTC = {0.5, 1, 1.5, 2};
    private static final double[] NAKED_COVER = {1.05, 1.15, 1.3, 1.6, 2.2, 3.0};

    /** The books the holders keep. */
    enum Book
    {
        /** Long perpetual, long 31-Oct 110,000 put. */
        PROTECTIVE_PUT(true, true),
        /** Long perpetual, short 17-Oct 130,000 call. */
        COVERED_CALL(false, true),
        /** Short 31-Oct 120,000 straddle, delta-hedged with a long perpetual. */
        HEDGED_STRADDLE(false, true),
        /** Short put, uncovered. */
        NAKED_PUT(false, false),
        /** Long intraday 115,000 put. */
        DAY_PUT_BUYER(true, false),
        /** Long intraday 120,000 call. */
        DAY_CALL_BUYER(true, false),
        /** Short intraday 110,000 put. */
        DAY_PUT_SELLER(false, false);

        private final boolean buyer;
        private final boolean hedged;

        Book(final boolean buyer, final boolean hedged)
        {
            this.buyer = buyer;
            this.hedged = hedged;
        }

        boolean buyer()
        {
            return buyer;
        }

        boolean hedged()
        {
            return hedged;
        }
    }

    /** An option holder: its key, book, margin mode, size and deposit; a hedged book's twin in the other mode. */
    static final class Holder
    {
        private final Participant participant;
        private final Book book;
        private final boolean portfolio;
        private final long size;
        private long deposit;
        private Holder twin;

        Holder(final Participant participant, final Book book, final boolean portfolio, final long size)
        {
            this.participant = participant;
            this.book = book;
            this.portfolio = portfolio;
            this.size = size;
        }

        Participant participant()
        {
            return participant;
        }

        Book book()
        {
            return book;
        }

        boolean portfolio()
        {
            return portfolio;
        }

        Holder twin()
        {
            return twin;
        }

        long deposit()
        {
            return deposit;
        }
    }

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

    /**
     * A surface publication.
     *
     * @param minute      minute of the day.
     * @param publishedAt epoch ms.
     * @param atm         the at-the-money volatility published.
     * @param referenceIv OKX's mark volatility it reproduces.
     * @param faultyLied  whether the faulty publisher signed a surface of its own.
     */
    record Publication(int minute, long publishedAt, double atm, double referenceIv, boolean faultyLied)
    {
    }

    /**
     * The initial margin of the hedged books, both ways, at one time (USDC).
     *
     * @param minute    minute of the day.
     * @param standard  per book, the standard twins' requirement.
     * @param portfolio per book, the portfolio twins' requirement.
     * @param pairs     per book, the pairs whose books were still the same.
     */
    record MarginSample(int minute, Map<Book, Double> standard, Map<Book, Double> portfolio, Map<Book, Integer> pairs)
    {
    }

    /**
     * A put-spread package.
     *
     * @param time   epoch ms.
     * @param maker  the maker's name.
     * @param taker  the taker's name.
     * @param digest the package digest, hex.
     * @param legs   a description of the legs.
     * @param index  the sent command's position in {@link #sent()}.
     */
    record Package(long time, String maker, String taker, String digest, String legs, int index)
    {
    }

    private final DemoMarket btc;
    private final PublisherPanel publishers;
    private final int fromMinute;
    private final long windowStart;
    private final ImpliedVolPath path = ImpliedVolPath.load(DemoMarket.DAY_START);
    private final List<OptionListing> listings;
    private final List<Long> expiries;
    private final List<Holder> holders = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Publication> publications = new ArrayList<>();
    private final List<MarginSample> margins = new ArrayList<>();
    private final List<Package> packages = new ArrayList<>();
    private final List<Long> settledExpiries = new ArrayList<>();
    private List<OracleVolSurface.Slice> surface = List.of();
    private long surfacePublishedAt;
    private long time;
    private int turn;

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
        this.listings = OptionListing.forWindow(windowStart);
        this.expiries = OptionListing.expiries(listings);
        draw();
    }

    private void draw()
    {
        final boolean day = listings.stream().anyMatch(l -> l.expiry() == OptionListing.DAY_EXPIRY);
        for (final Book book : Book.values())
        {
            if (book.hedged())
            {
                for (int i = 0; i < SIZES_BTC.length; i++)
                {
                    final long size = Math.round(SIZES_BTC[i] * OptionListing.QUANTUMS_PER_BTC);
                    final Holder standard = holder(book, i, false, size);
                    final Holder portfolio = holder(book, i, true, size);
                    standard.twin = portfolio;
                    portfolio.twin = standard;
                }
            }
            else if (book == Book.NAKED_PUT)
            {
                for (int i = 0; i < NAKED_COVER.length; i++)
                {
                    holder(book, i, false, OptionListing.QUANTUMS_PER_BTC);
                }
            }
            else if (day)
            {
                final int count = book == Book.DAY_PUT_BUYER ? 3 : 2;
                for (int i = 0; i < count; i++)
                {
                    holder(book, i, false, (i + 1) * OptionListing.QUANTUMS_PER_BTC);
                }
            }
        }
    }

    private Holder holder(final Book book, final int i, final boolean portfolio, final long size)
    {
        final String name = "options-" + book.name().toLowerCase().replace('_', '-') + "-" + (i + 1) +
            (book.hedged() ? portfolio ? "-pm" : "-sm" : "");
        final Holder holder = new Holder(new Participant(name, 2), book, portfolio, size);
        holders.add(holder);
        return holder;
    }

    // ---------------------------------------------------------------- the opening

    /**
     * Lists the series, funds the holders, switches the portfolio twins to portfolio margin, publishes the first
     * surface and opens every book against the market makers; all before the window's first minute.
     *
     * @param operator the operator.
     * @param makers   the market makers.
     * @param domain   the node's EIP-712 domain separator.
     * @param start    epoch ms of the first command, after everything sent so far.
     * @return the node's last sequence.
     * @throws IOException when the node cannot be reached.
     */
    long open(final Operator operator, final List<MarketMaker> makers, final byte[] domain, final long start,
        final Depositor depositor) throws IOException
    {
        time = start;
        long last = 0;
        for (final OptionListing listing : listings)
        {
            // One request each, as for markets: the governance key signs the next series id.
            last = Math.max(last, send(operator, List.of(operator.governance(listing.definition(time++, btc.id(),
                btc.priceExponent()))), List.of("createOptionSeries")));
        }
        final int minute = Math.max(0, fromMinute - 1);
        final long index = btc.series().close(minute);
        final double indexUsd = btc.usd(index);
        final List<ObjectNode> commands = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        publish(operator, minute, commands, kinds, domain);
        final List<Address> accounts = new ArrayList<>();
        final long[] amounts = new long[holders.size()];
        for (int i = 0; i < holders.size(); i++)
        {
            final Holder holder = holders.get(i);
            holder.deposit = depositFor(holder, indexUsd);
            accounts.add(holder.participant().address());
            amounts[i] = holder.deposit;
        }
        for (final ObjectNode deposit : depositor.deposit(accounts, amounts, time))
        {
            commands.add(deposit);
            kinds.add("deposit");
        }
        time += holders.size();
        for (final Holder holder : holders)
        {
            if (holder.portfolio())
            {
                final Participant p = holder.participant();
                final SetMarginMode unsigned = new SetMarginMode(time++, p.address(), 0, true, 1, null);
                commands.add(operator.encode(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain),
                    p.privateKey()))));
                kinds.add("setMarginMode");
            }
        }
        for (int i = 0; i < holders.size(); i++)
        {
            openBook(holders.get(i), makers.get(i % makers.size()), index, domain, operator, commands, kinds);
        }
        last = Math.max(last, send(operator, commands, kinds));
        sampleMargin(fromMinute, operator.client());
        return last;
    }

    private void openBook(final Holder holder, final MarketMaker maker, final long index, final byte[] domain,
        final Operator operator, final List<ObjectNode> commands, final List<String> kinds)
    {
        final Participant p = holder.participant();
        final long size = holder.size;
        switch (holder.book())
        {
            case PROTECTIVE_PUT ->
            {
                perp(operator, maker, p, true, size, index, domain, commands, kinds);
                option(operator, maker, p, find(OptionListing.MONTH_EXPIRY, 110_000, OptionType.PUT), true, size,
                    index, domain, commands, kinds);
            }
            case COVERED_CALL ->
            {
                perp(operator, maker, p, true, size, index, domain, commands, kinds);
                option(operator, maker, p, find(OptionListing.WEEK_EXPIRY, 130_000, OptionType.CALL), false, size,
                    index, domain, commands, kinds);
            }
            case HEDGED_STRADDLE ->
            {
                final OptionListing call = find(OptionListing.MONTH_EXPIRY, 120_000, OptionType.CALL);
                final OptionListing put = find(OptionListing.MONTH_EXPIRY, 120_000, OptionType.PUT);
                option(operator, maker, p, call, false, size, index, domain, commands, kinds);
                option(operator, maker, p, put, false, size, index, domain, commands, kinds);
                final double delta = -(delta(call, index) + delta(put, index));
                final long hedge = Math.round(Math.abs(delta) * size / OptionListing.STEP) * OptionListing.STEP;
                if (hedge > 0)
                {
                    perp(operator, maker, p, delta > 0, hedge, index, domain, commands, kinds);
                }
            }
            case NAKED_PUT -> option(operator, maker, p, nakedSeries(holder), false, size, index, domain, commands,
                kinds);
            case DAY_PUT_BUYER -> option(operator, maker, p, find(OptionListing.DAY_EXPIRY, 115_000, OptionType.PUT),
                true, size, index, domain, commands, kinds);
            case DAY_CALL_BUYER -> option(operator, maker, p, find(OptionListing.DAY_EXPIRY, 120_000,
                OptionType.CALL), true, size, index, domain, commands, kinds);
            case DAY_PUT_SELLER -> option(operator, maker, p, find(OptionListing.DAY_EXPIRY, 110_000,
                OptionType.PUT), false, size, index, domain, commands, kinds);
            default -> throw new IllegalStateException("no book " + holder.book());
        }
    }

    private OptionListing nakedSeries(final Holder holder)
    {
        final int i = holders.indexOf(holder);
        return i % 2 == 0 ? find(OptionListing.WEEK_EXPIRY, 115_000, OptionType.PUT) :
            find(OptionListing.MONTH_EXPIRY, 120_000, OptionType.PUT);
    }

    /**
     * What a holder deposits, quote quantums: a hedged book enough for either margin model with room to spare; a
     * short premium seller a multiple (1.05 to 3) of its standard initial margin estimated at the opening; a buyer ten
     * times its premium.
     */
    private long depositFor(final Holder holder, final double indexUsd)
    {
        final double btcSize = (double)holder.size / OptionListing.QUANTUMS_PER_BTC;
        final double usd = switch (holder.book())
        {
            case PROTECTIVE_PUT, COVERED_CALL -> 30_000 * btcSize;
            case HEDGED_STRADDLE -> 55_000 * btcSize;
            case NAKED_PUT ->
            {
                final int i = holders.indexOf(holder) - firstIndex(Book.NAKED_PUT);
                yield NAKED_COVER[i] * shortInitialMarginUsd(nakedSeries(holder), indexUsd) * btcSize;
            }
            case DAY_PUT_SELLER -> 1.5 * shortInitialMarginUsd(find(OptionListing.DAY_EXPIRY, 110_000,
                OptionType.PUT), indexUsd) * btcSize;
            default -> 10_000 * btcSize;
        };
        return Math.round(usd) * 1_000_000L;
    }

    private int firstIndex(final Book book)
    {
        for (int i = 0; i < holders.size(); i++)
        {
            if (holders.get(i).book() == book)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Standard initial margin of one short option (docs/protocol.md §14.4) plus what its liability takes from the
     * premium received at the makers' bid, USD per BTC.
     */
    private double shortInitialMarginUsd(final OptionListing listing, final double indexUsd)
    {
        final double mark = markUsd(listing, indexUsd, windowStart);
        final double otm = listing.type() == OptionType.CALL ? Math.max(listing.strikeUsd() - indexUsd, 0) :
            Math.max(indexUsd - listing.strikeUsd(), 0);
        double im = indexUsd * Math.max(0.15 - otm / indexUsd, 0.13);
        if (listing.type() == OptionType.PUT)
        {
            final double mm = Math.max(0.09 * indexUsd, 0.09 * mark);
            im = Math.max(im, (mm + mark) * 1.05 - mark);
        }
        return im + mark * HALF_SPREAD * 2 + MIN_HALF_SPREAD_USD;
    }

    // ---------------------------------------------------------------- each minute

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
        final long minuteStart = DemoMarket.DAY_START + minute * MinuteSeries.MINUTE_MS;
        time = Math.max(time, minuteStart + OFFSET_MS);
        final List<ObjectNode> commands = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        for (final long expiry : expiries)
        {
            if (expiry <= time && !settledExpiries.contains(expiry))
            {
                settledExpiries.add(expiry);
                for (final OptionListing listing : listings)
                {
                    if (listing.expiry() == expiry)
                    {
                        commands.add(operator.governance(new SettleExpiry(time++, listing.seriesId())));
                        kinds.add("settleExpiry");
                    }
                }
            }
        }
        final int elapsed = minute - fromMinute;
        if (elapsed % SURFACE_EVERY_MINUTES == 0 && elapsed > 0)
        {
            publish(operator, minute - 1, commands, kinds, domain);
        }
        // The last close the desk knows: the previous minute's (this minute's close is 50 s into it).
        final long index = btc.series().close(Math.max(0, minute - 1));
        if (elapsed % TRADE_EVERY_MINUTES == TRADE_OFFSET_MINUTES)
        {
            holdersTrade(operator, makers, index, domain, commands, kinds);
        }
        if (elapsed % BLOCK_EVERY_MINUTES == BLOCK_OFFSET_MINUTES)
        {
            putSpread(operator, makers, index, domain, commands, kinds);
        }
        final long last = send(operator, commands, kinds);
        if (elapsed % SURFACE_EVERY_MINUTES == 0 && elapsed > 0)
        {
            sampleMargin(minute, operator.client());
        }
        return last;
    }

    /** The surface of a minute, signed by three honest publishers in turn, and the faulty one's while it lies. */
    private void publish(final Operator operator, final int minute, final List<ObjectNode> commands,
        final List<String> kinds, final byte[] domain)
    {
        final List<OracleVolSurface> round = surfaceRound(minute, domain);
        final Address faulty = publishers.faulty();
        for (final OracleVolSurface submission : round)
        {
            commands.add(operator.encode(submission));
            kinds.add(submission.publisher().equals(faulty) ? "oracleVolSurface (faulty)" : "oracleVolSurface");
        }
    }

    /**
     * The signed submissions of one surface round, their times from the desk's clock: the faulty publisher's own
     * surface first while it lies about prices, then three honest publishers in turn, all of the same surface with
     * {@code publishedAt} the round's first time. The round becomes the desk's surface for its marks.
     *
     * @param minute the minute whose index and OKX volatility the surface takes.
     * @param domain the node's EIP-712 domain separator.
     * @return the submissions, none when every expiry has passed.
     */
    List<OracleVolSurface> surfaceRound(final int minute, final byte[] domain)
    {
        final long publishedAt = time;
        final double referenceIv = path.markIv(minute);
        final double atm = OptionSurface.atmFor(referenceIv, btc.usd(btc.series().close(minute)));
        final List<OracleVolSurface.Slice> slices = OptionSurface.slices(expiries, publishedAt, atm);
        final List<OracleVolSurface> round = new ArrayList<>();
        if (slices.isEmpty())
        {
            return round;
        }
        final List<Address> addresses = publishers.addresses();
        final int faulty = addresses.indexOf(publishers.faulty());
        final boolean lies = PublisherPanel.behaviour(minute) == PublisherPanel.Behaviour.LYING;
        if (lies)
        {
            round.add(signed(faulty, OptionSurface.slices(expiries, publishedAt, atm * FAULTY_VOL_SHARE),
                publishedAt, domain));
        }
        final int honest = addresses.size() - 1;
        for (int k = 0; k < 3; k++)
        {
            int publisher = (publications.size() + k) % honest;
            publisher = publisher >= faulty ? publisher + 1 : publisher;
            round.add(signed(publisher, slices, publishedAt, domain));
        }
        publications.add(new Publication(minute, publishedAt, atm, referenceIv, lies));
        surface = slices;
        surfacePublishedAt = publishedAt;
        return round;
    }

    private OracleVolSurface signed(final int publisher, final List<OracleVolSurface.Slice> slices,
        final long publishedAt, final byte[] domain)
    {
        final OracleVolSurface unsigned = new OracleVolSurface(time++, btc.id(), publishedAt, slices,
            publishers.addresses().get(publisher), null);
        return publishers.signSurface(publisher, unsigned, domain);
    }

    /**
     * Sets the desk's clock (the time of its next command).
     *
     * @param at epoch ms.
     */
    void clock(final long at)
    {
        time = at;
    }

    // ---------------------------------------------------------------- trades

    private void holdersTrade(final Operator operator, final List<MarketMaker> makers, final long index,
        final byte[] domain, final List<ObjectNode> commands, final List<String> kinds)
    {
        final List<Holder> protective = new ArrayList<>();
        for (final Holder holder : byBook(Book.PROTECTIVE_PUT))
        {
            if (!holder.portfolio())
            {
                protective.add(holder);
            }
        }
        final List<Holder> naked = byBook(Book.NAKED_PUT);
        final MarketMaker maker = makers.get(turn % makers.size());
        if (!protective.isEmpty())
        {
            // More protection: a tenth of the book's size in the same put, for both twins (their books stay alike).
            final Holder buyer = protective.get(turn % protective.size());
            for (final Holder twin : List.of(buyer, buyer.twin()))
            {
                option(operator, maker, twin.participant(), find(OptionListing.MONTH_EXPIRY, 110_000,
                    OptionType.PUT), true, tenth(twin.size), index, domain, commands, kinds);
            }
        }
        if (!naked.isEmpty())
        {
            // More premium: a tenth more of the seller's put (refused when it no longer meets initial margin).
            final Holder seller = naked.get(turn % naked.size());
            option(operator, maker, seller.participant(), nakedSeries(seller), false, tenth(seller.size), index,
                domain, commands, kinds);
        }
        turn++;
    }

    private static long tenth(final long size)
    {
        return Math.max(OptionListing.STEP, size / 10 / OptionListing.STEP * OptionListing.STEP);
    }

    private void putSpread(final Operator operator, final List<MarketMaker> makers, final long index,
        final byte[] domain, final List<ObjectNode> commands, final List<String> kinds)
    {
        final OptionListing high = find(OptionListing.MONTH_EXPIRY, 110_000, OptionType.PUT);
        final OptionListing low = find(OptionListing.MONTH_EXPIRY, 100_000, OptionType.PUT);
        if (high == null || low == null || makers.size() < 2)
        {
            return;
        }
        final MarketMaker maker = makers.get(packages.size() % 2);
        final MarketMaker taker = makers.get((packages.size() + 1) % 2);
        final double indexUsd = btc.usd(index);
        // The maker buys the put spread: long the 110,000 put, short the 100,000 put, each at its mark on the tick.
        final long buyPrice = ticks(Math.floor(markUsd(high, indexUsd, time)));
        final long sellPrice = ticks(Math.ceil(markUsd(low, indexUsd, time)));
        if (buyPrice <= 0 || sellPrice <= 0)
        {
            return;
        }
        final List<BlockLeg> legs = List.of(new BlockLeg(high.seriesId(), true, BLOCK_SIZE, buyPrice),
            new BlockLeg(low.seriesId(), false, BLOCK_SIZE, sellPrice));
        final long expiry = time + ORDER_VALIDITY_MS;
        final BlockPackage offer = maker.signPackage(domain, legs, 5 * BLOCK_FEE, expiry);
        final BlockAcceptance acceptance = taker.signAcceptance(domain, offer, 5 * BLOCK_FEE, expiry);
        final String digest = Hex.encode(offer.digest(domain));
        commands.add(operator.encode(new SettleBlockTrade(time++, offer, acceptance, BLOCK_FEE, BLOCK_FEE, null, 0,
            0)));
        kinds.add("settleBlockTrade (put spread)");
        packages.add(new Package(time - 1, maker.name(), taker.name(), digest,
            "buy " + size(BLOCK_SIZE) + " " + high.ticker() + " @ " + usd(buyPrice) + ", sell " + size(BLOCK_SIZE) +
            " " + low.ticker() + " @ " + usd(sellPrice), sent.size() + commands.size() - 1));
    }

    private void option(final Operator operator, final MarketMaker maker, final Participant taker,
        final OptionListing listing, final boolean takerBuys, final long size, final long index, final byte[] domain,
        final List<ObjectNode> commands, final List<String> kinds)
    {
        if (listing == null || listing.expiry() <= time || surface.isEmpty())
        {
            return;
        }
        final double mark = markUsd(listing, btc.usd(index), time);
        final double half = Math.max(mark * HALF_SPREAD, MIN_HALF_SPREAD_USD);
        final long price = takerBuys ? ticks(Math.ceil(mark + half)) : ticks(Math.floor(mark - half));
        if (price <= 0)
        {
            return;
        }
        final long expiry = time + ORDER_VALIDITY_MS;
        final Order makerOrder = maker.sign(domain, listing.seriesId(), !takerBuys, size,
            price, expiry, false);
        final Order takerOrder = taker.sign(domain, listing.seriesId(), takerBuys, size,
            price, expiry, false);
        commands.add(operator.encode(new SettleTrade(time++, listing.seriesId(), makerOrder, takerOrder, size,
            price)));
        kinds.add("settleTrade (option)");
    }

    private void perp(final Operator operator, final MarketMaker maker, final Participant taker,
        final boolean takerBuys, final long optionQuantums, final long index, final byte[] domain,
        final List<ObjectNode> commands, final List<String> kinds)
    {
        final long size = optionQuantums * (PERP_QUANTUMS_PER_BTC / OptionListing.QUANTUMS_PER_BTC);
        final long price = btc.shifted(index, takerBuys ? 0.0005 : -0.0005, takerBuys);
        final long expiry = time + ORDER_VALIDITY_MS;
        final Order makerOrder = maker.sign(domain, btc.id(), !takerBuys, size, price,
            expiry, false);
        final Order takerOrder = taker.sign(domain, btc.id(), takerBuys, size, price,
            expiry, false);
        maker.filled(btc.id(), takerBuys ? -size : size);
        commands.add(operator.encode(new SettleTrade(time++, btc.id(), makerOrder, takerOrder, size, price)));
        kinds.add("settleTrade (perpetual hedge)");
    }

    // ---------------------------------------------------------------- the node

    private long send(final Operator operator, final List<ObjectNode> commands, final List<String> kinds)
        throws IOException
    {
        if (commands.isEmpty())
        {
            return 0;
        }
        final int first = sent.size();
        for (final String kind : kinds)
        {
            sent.add(new Sent(kind, 0, Operator.NOT_ANSWERED));
        }
        final Operator.Answer answer = operator.send(commands);
        for (int i = 0; i < commands.size(); i++)
        {
            sent.set(first + i, new Sent(kinds.get(i), commands.get(i).path("time").asLong(), answer.codes()[i]));
        }
        return answer.lastSequence();
    }

    /**
     * Reads the initial margin the node requires of every hedged book, in standard and in portfolio margin; a pair
     * counts while both twins hold the same positions.
     *
     * @param minute the minute of the day.
     * @param client the node's client.
     * @throws IOException when the node cannot be reached.
     */
    void sampleMargin(final int minute, final NovationClient client) throws IOException
    {
        final Map<Book, Double> standard = new TreeMap<>();
        final Map<Book, Double> portfolio = new TreeMap<>();
        final Map<Book, Integer> pairs = new TreeMap<>();
        for (final Holder holder : holders)
        {
            if (!holder.book().hedged() || holder.portfolio())
            {
                continue;
            }
            final JsonNode sm = client.read("/v1/accounts/" + holder.participant().address() + "/subaccounts/0");
            final JsonNode pm = client.read("/v1/accounts/" + holder.twin().participant().address() +
                "/subaccounts/0");
            if (!positions(sm).equals(positions(pm)) || positions(sm).isEmpty())
            {
                continue;
            }
            standard.merge(holder.book(), usdc(sm.path("initialMarginRequirement")), Double::sum);
            portfolio.merge(holder.book(), usdc(pm.path("initialMarginRequirement")), Double::sum);
            pairs.merge(holder.book(), 1, Integer::sum);
        }
        margins.add(new MarginSample(minute, standard, portfolio, pairs));
    }

    private static Map<String, String> positions(final JsonNode subaccount)
    {
        final Map<String, String> positions = new LinkedHashMap<>();
        for (final JsonNode position : subaccount.path("positions"))
        {
            positions.put(position.path("market").asText(), position.path("size").asText());
        }
        return positions;
    }

    private static double usdc(final JsonNode amount)
    {
        return amount.isMissingNode() || amount.isNull() ? 0 : new BigDecimal(amount.asText()).doubleValue();
    }

    // ---------------------------------------------------------------- pricing

    /**
     * The mark of a series on the surface last published, USD per BTC.
     *
     * @param listing  the series.
     * @param indexUsd the index, USD.
     * @param at       epoch ms.
     * @return the mark; the intrinsic value once expired.
     */
    double markUsd(final OptionListing listing, final double indexUsd, final long at)
    {
        for (final OracleVolSurface.Slice slice : surface)
        {
            if (slice.expiry() == listing.expiry())
            {
                final double vol = OptionSurface.volatility(slice, surfacePublishedAt, listing.strikeUsd(), indexUsd);
                return OptionSurface.mark(listing.type(), indexUsd, listing.strikeUsd(), listing.expiry(), at, vol);
            }
        }
        return listing.type().payoff(indexUsd, listing.strikeUsd());
    }

    private double delta(final OptionListing listing, final long index)
    {
        final double s = btc.usd(index);
        final double bump = s * 1e-4;
        return (markUsd(listing, s + bump, time) - markUsd(listing, s - bump, time)) / (2 * bump);
    }

    private OptionListing find(final long expiry, final long strikeUsd, final OptionType type)
    {
        for (final OptionListing listing : listings)
        {
            if (listing.expiry() == expiry && listing.strikeUsd() == strikeUsd && listing.type() == type)
            {
                return listing;
            }
        }
        return null;
    }

    private List<Holder> byBook(final Book book)
    {
        final List<Holder> list = new ArrayList<>();
        for (final Holder holder : holders)
        {
            if (holder.book() == book)
            {
                list.add(holder);
            }
        }
        return list;
    }

    private long ticks(final double usd)
    {
        return (long)usd * OptionListing.TICK;
    }

    private String usd(final long price)
    {
        return BigDecimal.valueOf(price).movePointRight(btc.priceExponent()).stripTrailingZeros().toPlainString();
    }

    private static String size(final long quantums)
    {
        return BigDecimal.valueOf(quantums).movePointRight(OptionListing.ATOMIC_RESOLUTION).stripTrailingZeros()
            .toPlainString();
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
        for (final Holder holder : holders)
        {
            groups.put(holder.participant().address(), holder.book().buyer() ? "buyers" : "sellers");
        }
        makers.forEach(maker -> groups.put(maker.address(), "marketMakers"));
        desks.forEach(desk -> groups.put(desk.address(), "keepers"));
        final OptionLedger ledger = new OptionLedger(groups, faulty);
        packages.forEach(p -> ledger.claimPackage(p.digest()));
        return ledger;
    }

    // ---------------------------------------------------------------- what the report reads

    List<OptionListing> listings()
    {
        return listings;
    }

    List<Holder> holders()
    {
        return holders;
    }

    List<Sent> sent()
    {
        return sent;
    }

    List<Publication> publications()
    {
        return publications;
    }

    List<MarginSample> margins()
    {
        return margins;
    }

    List<Package> packages()
    {
        return packages;
    }

    ImpliedVolPath path()
    {
        return path;
    }

    /** The expiries settled in the window (settleExpiry sent), epoch ms. */
    List<Long> settledExpiries()
    {
        return settledExpiries;
    }
}
