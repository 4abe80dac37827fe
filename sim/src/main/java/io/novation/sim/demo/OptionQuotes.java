package io.novation.sim.demo;

import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;

/**
 * The market makers' prices to the option holders, in the index's price units with sizes in base quantums: an option
 * at the surface's mark plus or minus a half-spread of {@value #HALF_SPREAD} of the mark (at least
 * {@value #MIN_HALF_SPREAD_USD} USD), rounded to the 1 USD tick away from the holder; a perpetual hedge at the index
 * plus or minus 5 basis points; each a {@code settleTrade} of the maker's and the holder's signed orders, timed by the
 * desk's clock.
 */
final class OptionQuotes
{
    /** The market makers' half-spread, a fraction of the mark. */
    static final double HALF_SPREAD = 0.03;
    /** The least half-spread, USD. */
    static final double MIN_HALF_SPREAD_USD = 2;
    /** How long the signed orders stay valid, ms. */
    static final long ORDER_VALIDITY_MS = 600_000;
    private static final long PERP_QUANTUMS_PER_BTC = 10_000_000_000L;
    private static final double HEDGE_SHIFT = 0.0005;

    private final DemoMarket btc;
    private final SurfaceRounds surfaces;
    private final DeskClock clock;

    /**
     * Quotes on the surface last published.
     *
     * @param btc      the BTC perpetual (the hedges' market, the options' index).
     * @param surfaces the surface rounds, for the marks.
     * @param clock    the desk's clock.
     */
    OptionQuotes(final DemoMarket btc, final SurfaceRounds surfaces, final DeskClock clock)
    {
        this.btc = btc;
        this.surfaces = surfaces;
        this.clock = clock;
    }

    /**
     * The makers' price of a series for a holder, on the tick.
     *
     * @param listing   the series.
     * @param takerBuys whether the holder buys (pays the ask) or sells (receives the bid).
     * @param indexUsd  the index, USD.
     * @param at        epoch ms.
     * @return price units, 0 or less when the bid is worth nothing.
     */
    long price(final OptionListing listing, final boolean takerBuys, final double indexUsd, final long at)
    {
        final double mark = surfaces.markUsd(listing, indexUsd, at);
        final double half = Math.max(mark * HALF_SPREAD, MIN_HALF_SPREAD_USD);
        return takerBuys ? ticks(Math.ceil(mark + half)) : ticks(Math.floor(mark - half));
    }

    /**
     * A holder's trade of a series with a maker, at the maker's price now.
     *
     * @param maker     the market maker.
     * @param taker     the holder.
     * @param listing   the series, or null.
     * @param takerBuys whether the holder buys.
     * @param size      base quantums.
     * @param index     the index, price units.
     * @param domain    the node's EIP-712 domain separator.
     * @return the trade, or null when the series is not listed or expired, no surface is published yet, or the price
     *         is not positive.
     */
    SettleTrade option(final MarketMaker maker, final Participant taker, final OptionListing listing,
        final boolean takerBuys, final long size, final long index, final byte[] domain)
    {
        if (listing == null || listing.expiry() <= clock.now() || !surfaces.published())
        {
            return null;
        }
        final long price = price(listing, takerBuys, btc.usd(index), clock.now());
        if (price <= 0)
        {
            return null;
        }
        final long expiry = clock.now() + ORDER_VALIDITY_MS;
        final Order makerOrder = maker.sign(domain, listing.seriesId(), !takerBuys, size, price, expiry, false);
        final Order takerOrder = taker.sign(domain, listing.seriesId(), takerBuys, size, price, expiry, false);
        return new SettleTrade(clock.next(), listing.seriesId(), makerOrder, takerOrder, size, price);
    }

    /**
     * A holder's perpetual hedge with a maker, the size of an option position; the maker's inventory follows.
     *
     * @param maker          the market maker.
     * @param taker          the holder.
     * @param takerBuys      whether the holder buys.
     * @param optionQuantums the size in option base quantums (0.0001 BTC).
     * @param index          the index, price units.
     * @param domain         the node's EIP-712 domain separator.
     * @return the trade.
     */
    SettleTrade perpetual(final MarketMaker maker, final Participant taker, final boolean takerBuys,
        final long optionQuantums, final long index, final byte[] domain)
    {
        final long size = optionQuantums * (PERP_QUANTUMS_PER_BTC / OptionListing.QUANTUMS_PER_BTC);
        final long price = btc.shifted(index, takerBuys ? HEDGE_SHIFT : -HEDGE_SHIFT, takerBuys);
        final long expiry = clock.now() + ORDER_VALIDITY_MS;
        final Order makerOrder = maker.sign(domain, btc.id(), !takerBuys, size, price, expiry, false);
        final Order takerOrder = taker.sign(domain, btc.id(), takerBuys, size, price, expiry, false);
        maker.filled(btc.id(), takerBuys ? -size : size);
        return new SettleTrade(clock.next(), btc.id(), makerOrder, takerOrder, size, price);
    }

    /**
     * A price in USD cut to whole dollars, in price units.
     *
     * @param usd USD (already rounded the way wanted).
     * @return price units.
     */
    static long ticks(final double usd)
    {
        return (long)usd * OptionListing.TICK;
    }
}
