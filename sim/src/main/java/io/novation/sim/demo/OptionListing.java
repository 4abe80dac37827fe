package io.novation.sim.demo;

import io.novation.core.command.CreateOptionSeries;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.OptionSeries;
import io.novation.core.pricing.OptionType;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The BTC option series the demo's operator lists: European, cash-settled on the BTC-USD index, contract 0.0001 BTC
 * (atomic resolution −4), premiums on a 1 USD tick in the index's price units (10^−5 USD), sizes on a 0.01 BTC step,
 * fees 0 maker and 0.03 % of the premium taker.
 *
 * @param seriesId  the series id (dense from 65,536 in listing order).
 * @param ticker    e.g. {@code BTC-31OCT25-110000-P}.
 * @param expiry    epoch ms.
 * @param strikeUsd the strike, USD.
 * @param type      call or put.
 */
record OptionListing(int seriesId, String ticker, long expiry, long strikeUsd, OptionType type)
{
    /** 2025-10-10T21:20:00Z: the intraday expiry, inside the crash (its settlement TWAP spans 20:50 to 21:20). */
    static final long DAY_EXPIRY = DemoMarket.DAY_START + (21 * 60 + 20) * MinuteSeries.MINUTE_MS;
    /** 2025-10-17T08:00:00Z. */
    static final long WEEK_EXPIRY = 1_760_688_000_000L;
    /** 2025-10-31T08:00:00Z, the expiry of OKX's option whose volatility path the surface follows. */
    static final long MONTH_EXPIRY = OptionSurface.REFERENCE_EXPIRY;
    /** Contract size: 10^−4 BTC a base quantum. */
    static final int ATOMIC_RESOLUTION = -4;
    /** Premium tick, price units (1 USD). */
    static final long TICK = 100_000;
    /** Size step, base quantums (0.01 BTC). */
    static final long STEP = 100;
    /** Base quantums per BTC. */
    static final long QUANTUMS_PER_BTC = 10_000;
    /** Taker fee, ppm of the premium. */
    static final long TAKER_FEE_PPM = 300;

    private static final Object[][] STRIKES = {
        {DAY_EXPIRY, "10OCT25", new long[] {105_000, 110_000, 115_000}, new long[] {120_000, 125_000}},
        {WEEK_EXPIRY, "17OCT25", new long[] {105_000, 115_000, 120_000}, new long[] {120_000, 130_000}},
        {MONTH_EXPIRY, "31OCT25", new long[] {100_000, 110_000, 120_000}, new long[] {120_000, 130_000}},
    };

    /**
     * The series listed for a window: every expiry after its start, puts then calls, strikes increasing.
     *
     * @param windowStart epoch ms of the window's first minute.
     * @return the listings with their series ids.
     */
    static List<OptionListing> forWindow(final long windowStart)
    {
        final List<OptionListing> listings = new ArrayList<>();
        for (final Object[] expiry : STRIKES)
        {
            final long at = (long)expiry[0];
            if (at <= windowStart)
            {
                continue;
            }
            for (final long strike : (long[])expiry[2])
            {
                listings.add(new OptionListing(OptionSeries.FIRST_ID + listings.size(),
                    "BTC-" + expiry[1] + "-" + strike + "-P", at, strike, OptionType.PUT));
            }
            for (final long strike : (long[])expiry[3])
            {
                listings.add(new OptionListing(OptionSeries.FIRST_ID + listings.size(),
                    "BTC-" + expiry[1] + "-" + strike + "-C", at, strike, OptionType.CALL));
            }
        }
        return listings;
    }

    /**
     * The listed expiries, increasing.
     *
     * @param listings the listings.
     * @return epoch ms.
     */
    static List<Long> expiries(final List<OptionListing> listings)
    {
        final TreeSet<Long> expiries = new TreeSet<>();
        listings.forEach(listing -> expiries.add(listing.expiry()));
        return new ArrayList<>(expiries);
    }

    /**
     * The governance command that lists the series.
     *
     * @param time     epoch ms, before the expiry.
     * @param oracleId the BTC index's oracle.
     * @param priceExponent one price unit is 10^priceExponent USD.
     * @return the command.
     */
    CreateOptionSeries definition(final long time, final int oracleId, final int priceExponent)
    {
        return new CreateOptionSeries(time, seriesId, ticker, oracleId, strikeUsd * pow10(-priceExponent), expiry,
            type, ATOMIC_RESOLUTION, TICK, STEP, 0, TAKER_FEE_PPM, MarketStatus.ACTIVE);
    }

    private static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }
}
