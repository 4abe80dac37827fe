package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.pricing.OptionType;

import java.util.ArrayList;
import java.util.List;

/**
 * The option holders and the books they keep against the market makers: hedged books with perpetuals held twice, once
 * in standard and once in portfolio margin (so the node's margin of the same book can be read both ways), short
 * premium sellers in standard margin, and buyers and sellers of the intraday expiry; sizes in option base quantums
 * (0.0001 BTC), deposits in quote quantums (1e-6 USDC).
 */
final class OptionHolders
{
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

        long size()
        {
            return size;
        }

        long deposit()
        {
            return deposit;
        }
    }

    private final DemoMarket btc;
    private final ListedSeries series;
    private final SurfaceRounds surfaces;
    private final OptionQuotes quotes;
    private final DeskClock clock;
    private final List<Holder> holders = new ArrayList<>();
    private int turn;

    /**
     * Draws the holders: four sizes of each hedged book in both margin modes, six naked put sellers of increasing
     * cover, and the intraday expiry's buyers and sellers when it is listed.
     *
     * @param btc      the BTC perpetual (for the index).
     * @param series   the listed series.
     * @param surfaces the surface rounds, for the marks.
     * @param quotes   the market makers' prices.
     * @param clock    the desk's clock.
     */
    OptionHolders(final DemoMarket btc, final ListedSeries series, final SurfaceRounds surfaces,
        final OptionQuotes quotes, final DeskClock clock)
    {
        this.btc = btc;
        this.series = series;
        this.surfaces = surfaces;
        this.quotes = quotes;
        this.clock = clock;
        final boolean day = series.hasDayExpiry();
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
     * Sets every holder's deposit: a hedged book enough for either margin model with room to spare; a short premium
     * seller a multiple (1.05 to 3) of its standard initial margin estimated on the surface; a buyer ten times its
     * premium.
     *
     * @param indexUsd the index at the opening, USD.
     * @param at       the time of the estimate, epoch ms.
     * @return the holders' accounts, in order.
     */
    List<Address> fund(final double indexUsd, final long at)
    {
        final List<Address> accounts = new ArrayList<>();
        for (final Holder holder : holders)
        {
            holder.deposit = depositFor(holder, indexUsd, at);
            accounts.add(holder.participant().address());
        }
        return accounts;
    }

    /**
     * The holders' deposits, in order, once funded.
     *
     * @return quote quantums.
     */
    long[] deposits()
    {
        final long[] amounts = new long[holders.size()];
        for (int i = 0; i < holders.size(); i++)
        {
            amounts[i] = holders.get(i).deposit;
        }
        return amounts;
    }

    /**
     * The opening: the portfolio twins switch to portfolio margin, then every holder opens its book with a market
     * maker in turn.
     *
     * @param makers  the market makers.
     * @param index   the index, price units.
     * @param domain  the node's EIP-712 domain separator.
     * @param request the request the commands join.
     */
    void open(final List<MarketMaker> makers, final long index, final byte[] domain, final OptionRequest request)
    {
        for (final Holder holder : holders)
        {
            if (holder.portfolio())
            {
                final Participant p = holder.participant();
                final SetMarginMode unsigned = new SetMarginMode(clock.next(), p.address(), 0, true,
                    p.nextAccountNonce(), null);
                request.signed(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), p.privateKey())),
                    "setMarginMode");
            }
        }
        for (int i = 0; i < holders.size(); i++)
        {
            openBook(holders.get(i), makers.get(i % makers.size()), index, domain, request);
        }
    }

    private void openBook(final Holder holder, final MarketMaker maker, final long index, final byte[] domain,
        final OptionRequest request)
    {
        final Participant p = holder.participant();
        final long size = holder.size;
        switch (holder.book())
        {
            case PROTECTIVE_PUT ->
            {
                perpetual(request, maker, p, true, size, index, domain);
                option(request, maker, p, series.find(OptionListing.MONTH_EXPIRY, 110_000, OptionType.PUT), true,
                    size, index, domain);
            }
            case COVERED_CALL ->
            {
                perpetual(request, maker, p, true, size, index, domain);
                option(request, maker, p, series.find(OptionListing.WEEK_EXPIRY, 130_000, OptionType.CALL), false,
                    size, index, domain);
            }
            case HEDGED_STRADDLE ->
            {
                final OptionListing call = series.find(OptionListing.MONTH_EXPIRY, 120_000, OptionType.CALL);
                final OptionListing put = series.find(OptionListing.MONTH_EXPIRY, 120_000, OptionType.PUT);
                option(request, maker, p, call, false, size, index, domain);
                option(request, maker, p, put, false, size, index, domain);
                final double indexUsd = btc.usd(index);
                final double delta = -(surfaces.delta(call, indexUsd, clock.now()) +
                    surfaces.delta(put, indexUsd, clock.now()));
                final long hedge = Math.round(Math.abs(delta) * size / OptionListing.STEP) * OptionListing.STEP;
                if (hedge > 0)
                {
                    perpetual(request, maker, p, delta > 0, hedge, index, domain);
                }
            }
            case NAKED_PUT -> option(request, maker, p, nakedSeries(holder), false, size, index, domain);
            case DAY_PUT_BUYER -> option(request, maker, p, series.find(OptionListing.DAY_EXPIRY, 115_000,
                OptionType.PUT), true, size, index, domain);
            case DAY_CALL_BUYER -> option(request, maker, p, series.find(OptionListing.DAY_EXPIRY, 120_000,
                OptionType.CALL), true, size, index, domain);
            case DAY_PUT_SELLER -> option(request, maker, p, series.find(OptionListing.DAY_EXPIRY, 110_000,
                OptionType.PUT), false, size, index, domain);
            default -> throw new IllegalStateException("no book " + holder.book());
        }
    }

    // ---------------------------------------------------------------- later trades

    /**
     * One round of the holders' later trades, each round with the next maker: a protective-put pair buys a tenth of
     * its size more of its put (both twins, so their books stay alike), and a naked seller sells a tenth more of its
     * put (refused when it no longer meets initial margin).
     *
     * @param makers  the market makers.
     * @param index   the index, price units.
     * @param domain  the node's EIP-712 domain separator.
     * @param request the request the commands join.
     */
    void trade(final List<MarketMaker> makers, final long index, final byte[] domain, final OptionRequest request)
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
            final Holder buyer = protective.get(turn % protective.size());
            for (final Holder twin : List.of(buyer, buyer.twin()))
            {
                option(request, maker, twin.participant(), series.find(OptionListing.MONTH_EXPIRY, 110_000,
                    OptionType.PUT), true, tenth(twin.size), index, domain);
            }
        }
        if (!naked.isEmpty())
        {
            final Holder seller = naked.get(turn % naked.size());
            option(request, maker, seller.participant(), nakedSeries(seller), false, tenth(seller.size), index,
                domain);
        }
        turn++;
    }

    /**
     * A tenth of a size on the 0.01 BTC step, at least one step.
     *
     * @param size base quantums.
     * @return base quantums.
     */
    static long tenth(final long size)
    {
        return Math.max(OptionListing.STEP, size / 10 / OptionListing.STEP * OptionListing.STEP);
    }

    // ---------------------------------------------------------------- helpers

    private void option(final OptionRequest request, final MarketMaker maker, final Participant taker,
        final OptionListing listing, final boolean takerBuys, final long size, final long index, final byte[] domain)
    {
        final SettleTrade trade = quotes.option(maker, taker, listing, takerBuys, size, index, domain);
        if (trade != null)
        {
            request.signed(trade, "settleTrade (option)");
        }
    }

    private void perpetual(final OptionRequest request, final MarketMaker maker, final Participant taker,
        final boolean takerBuys, final long optionQuantums, final long index, final byte[] domain)
    {
        request.signed(quotes.perpetual(maker, taker, takerBuys, optionQuantums, index, domain),
            "settleTrade (perpetual hedge)");
    }

    /** The naked sellers alternate between the 17-Oct 115,000 put and the 31-Oct 120,000 put. */
    OptionListing nakedSeries(final Holder holder)
    {
        final int i = holders.indexOf(holder);
        return i % 2 == 0 ? series.find(OptionListing.WEEK_EXPIRY, 115_000, OptionType.PUT) :
            series.find(OptionListing.MONTH_EXPIRY, 120_000, OptionType.PUT);
    }

    /** What a holder deposits, quote quantums (see {@link #fund}). */
    private long depositFor(final Holder holder, final double indexUsd, final long at)
    {
        final double btcSize = (double)holder.size / OptionListing.QUANTUMS_PER_BTC;
        final double usd = switch (holder.book())
        {
            case PROTECTIVE_PUT, COVERED_CALL -> 30_000 * btcSize;
            case HEDGED_STRADDLE -> 55_000 * btcSize;
            case NAKED_PUT ->
            {
                final int i = holders.indexOf(holder) - firstIndex(Book.NAKED_PUT);
                yield NAKED_COVER[i] * shortInitialMarginUsd(nakedSeries(holder), indexUsd, at) * btcSize;
            }
            case DAY_PUT_SELLER -> 1.5 * shortInitialMarginUsd(series.find(OptionListing.DAY_EXPIRY, 110_000,
                OptionType.PUT), indexUsd, at) * btcSize;
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
    private double shortInitialMarginUsd(final OptionListing listing, final double indexUsd, final long at)
    {
        final double mark = surfaces.markUsd(listing, indexUsd, at);
        final double otm = listing.type() == OptionType.CALL ? Math.max(listing.strikeUsd() - indexUsd, 0) :
            Math.max(indexUsd - listing.strikeUsd(), 0);
        double im = indexUsd * Math.max(0.15 - otm / indexUsd, 0.13);
        if (listing.type() == OptionType.PUT)
        {
            final double mm = Math.max(0.09 * indexUsd, 0.09 * mark);
            im = Math.max(im, (mm + mark) * 1.05 - mark);
        }
        return im + mark * OptionQuotes.HALF_SPREAD * 2 + OptionQuotes.MIN_HALF_SPREAD_USD;
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

    /**
     * Every holder, in the order drawn.
     *
     * @return the holders.
     */
    List<Holder> all()
    {
        return holders;
    }
}
