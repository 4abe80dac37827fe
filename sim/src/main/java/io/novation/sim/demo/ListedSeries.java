package io.novation.sim.demo;

import io.novation.core.pricing.OptionType;

import java.util.List;

/**
 * The BTC option series listed for a window ({@link OptionListing}), found by expiry (epoch ms), strike (USD) and
 * type, and the expiries they share.
 */
final class ListedSeries
{
    private final List<OptionListing> listings;
    private final List<Long> expiries;

    /**
     * The series of a window.
     *
     * @param windowStart epoch ms of the window's first minute: only later expiries are listed.
     */
    ListedSeries(final long windowStart)
    {
        this.listings = OptionListing.forWindow(windowStart);
        this.expiries = OptionListing.expiries(listings);
    }

    /**
     * Every series, in listing order (series ids increasing).
     *
     * @return the listings.
     */
    List<OptionListing> all()
    {
        return listings;
    }

    /**
     * The listed expiries, increasing.
     *
     * @return epoch ms.
     */
    List<Long> expiries()
    {
        return expiries;
    }

    /**
     * Whether the intraday expiry ({@link OptionListing#DAY_EXPIRY}) is listed.
     *
     * @return true when the window starts before it.
     */
    boolean hasDayExpiry()
    {
        return listings.stream().anyMatch(l -> l.expiry() == OptionListing.DAY_EXPIRY);
    }

    /**
     * The series of an expiry, strike and type.
     *
     * @param expiry    epoch ms.
     * @param strikeUsd the strike, USD.
     * @param type      call or put.
     * @return the series, or null when it is not listed (its expiry before the window).
     */
    OptionListing find(final long expiry, final long strikeUsd, final OptionType type)
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
}
