package io.novation.core.margin;

import io.novation.core.market.OptionSeries;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;
import io.novation.core.pricing.Black76;
import io.novation.core.pricing.OptionGreeks;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.surface.VolSurfaceBook;

/**
 * Standard (isolated) margin of one option position, with Derive's standard manager rules and mainnet parameters
 * (derivexyz/v2-core {@code StandardManager._getIsolatedMarginForCall/Put}; docs/protocol.md §14.4), in quote
 * quantums:
 * <ul>
 * <li>mark: Black-76 on the index as forward (r = 0), volatility from the underlying's published surface, time to
 * expiry in years of 365 days; at or after expiry the intrinsic value (at the fixed settlement price once fixed).
 * The double is converted to micro price units after widening by 1e-12 of the index, rounded down for a long
 * (its value) and up for a short (its liability);</li>
 * <li>a long is valued at its mark in maintenance net collateral and at nothing in initial net collateral (paid in
 * cash, never borrowed against: Derive's "a long position doesn't have any margin"); it requires nothing;</li>
 * <li>a short is valued at minus its liability in both, and requires, with n·S its underlying notional (rounded up)
 * and OTM = max(K − S, 0) for a call, max(S − K, 0) for a put, floored to ppm of S:
 * call IM = n·S·max(15 % − OTM/S, 13 %), MM = 9 %·n·S;
 * put MM = max(9 %·n·S, 9 %·liability), IM = max(n·S·max(15 % − OTM/S, 13 %), 1.05·(MM + liability) − liability).
 * Derive adds the mark to the requirement because its margin does not otherwise count it; here net collateral
 * already carries the short's liability, so NC − IMR is Derive's margin.</li>
 * </ul>
 * S is the oracle's margin price for the side the position loses on (the stale band's worst edge once stale). While
 * the surface is uncertain ({@link VolSurfaceBook#viewCount}: stale, or a newer surface held by the deviation guard)
 * the mark is the worst over the surface's views: the lowest for a long, the highest for a short.
 * Every division rounds requirements up and values down.
 */
public final class OptionMargin
{
    /** Derive {@code maxSpotReq}: the initial requirement of an at- or in-the-money short, ppm of n·S. */
    public static final long MAX_SPOT_REQUIREMENT_PPM = 150_000;
    /** Derive {@code minSpotReq}: the floor of the initial requirement, ppm of n·S. */
    public static final long MIN_SPOT_REQUIREMENT_PPM = 130_000;
    /** Derive {@code mmCallSpotReq}: a short call's maintenance requirement, ppm of n·S. */
    public static final long CALL_MAINTENANCE_SPOT_PPM = 90_000;
    /** Derive {@code mmPutSpotReq}: a short put's maintenance requirement, ppm of n·S. */
    public static final long PUT_MAINTENANCE_SPOT_PPM = 90_000;
    /** Derive {@code MMPutMtMReq}: a short put's maintenance requirement, ppm of its liability. */
    public static final long PUT_MAINTENANCE_MARK_PPM = 90_000;
    /** Derive {@code mmOffsetScale}: a short put's initial requirement is at least this multiple of maintenance. */
    public static final long PUT_MAINTENANCE_OFFSET_PPM = 1_050_000;
    /** Decimal digits of the mark below one price unit. */
    public static final int MARK_DIGITS = 6;
    private static final double MARK_SCALE = 1e6;
    /** Relative widening of a mark, in units of the index, before rounding (far above the pricer's error). */
    private static final double MARK_CUSHION = 1e-12;

    private final OracleBook oracles;
    private final VolSurfaceBook surfaces;

    /**
     * Margin over the engine's oracles and surfaces.
     *
     * @param oracles  prices, with the time of the command being applied.
     * @param surfaces volatility surfaces.
     */
    public OptionMargin(final OracleBook oracles, final VolSurfaceBook surfaces)
    {
        this.oracles = oracles;
        this.surfaces = surfaces;
    }

    /**
     * The margin figures of a position.
     *
     * @param series the series.
     * @param size   signed base quantums, not zero.
     * @param out    receives the figures.
     * @return true, or false when the index or (before expiry) the volatility surface is missing.
     */
    public boolean position(final OptionSeries series, final long size, final OptionPositionMargin out)
    {
        final long holdingSign = series.isCall() ? Long.signum(size) : -Long.signum(size);
        final long spot = oracles.marginPrice(series.oracleId(), holdingSign);
        if (spot == OracleBook.NO_PRICE)
        {
            return false;
        }
        final long now = oracles.time();
        final boolean isLong = size > 0;
        final long markMicros;
        if (now >= series.expiry())
        {
            final long fixed = series.settlementPrice();
            final long intrinsic = series.intrinsicValue(fixed != OracleBook.NO_PRICE ? fixed : spot);
            markMicros = Math.multiplyExact(intrinsic, FixedPoint.pow10(MARK_DIGITS));
            out.volatility = 0;
        }
        else
        {
            final int views = surfaces.viewCount(series.oracleId(), now);
            if (views == 0)
            {
                return false;
            }
            // On an uncertain surface (stale, or a newer one held) a long takes its lowest mark and a short its
            // highest over the views: the surface in effect and the held one, each shifted by the stale band.
            double worst = Double.NaN;
            double worstVolatility = 0;
            for (int view = 0; view < views; view++)
            {
                final double volatility = surfaces.volatility(series.oracleId(), now, view, spot, series.strike(),
                    series.expiry());
                if (!(volatility >= 0))
                {
                    return false;
                }
                final double mark = Black76.price(series.type(), spot, series.strike(),
                    PublishedVolSurface.years(series.expiry(), now), 0.0, volatility);
                if (view == 0 || (isLong ? mark < worst : mark > worst))
                {
                    worst = mark;
                    worstVolatility = volatility;
                }
            }
            markMicros = isLong ? (long)Math.floor((worst - MARK_CUSHION * spot) * MARK_SCALE) :
                (long)Math.ceil((worst + MARK_CUSHION * spot) * MARK_SCALE);
            out.volatility = worstVolatility;
        }
        final int priceExponent = oracles.priceExponent(series.oracleId());
        final long mark = Math.max(markMicros, 0);
        final long value = PerpetualMath.notionalQuoteQuantums(size, mark, priceExponent - MARK_DIGITS,
            series.atomicResolution(), Rounding.DOWN);
        final long notional = PerpetualMath.notionalQuoteQuantums(Math.absExact(size), spot, priceExponent,
            series.atomicResolution(), Rounding.UP);
        out.underlyingPrice = spot;
        out.markMicros = mark;
        out.value = value;
        // Only shorts add their underlying notional to the subaccount's leverage: a long cannot lose more than its value.
        out.magnitude = isLong ? Math.max(value, 0) : notional;
        if (isLong)
        {
            out.initialValue = 0;
            out.initialRequirement = 0;
            out.maintenanceRequirement = 0;
            return true;
        }
        final long liability = -value;
        final long outOfTheMoney = series.isCall() ? Math.max(series.strike() - spot, 0) :
            Math.max(spot - series.strike(), 0);
        final long otmPpm = FixedPoint.mulDiv(outOfTheMoney, FixedPoint.PPM, spot, Rounding.DOWN);
        final long initialPpm = Math.max(MAX_SPOT_REQUIREMENT_PPM - otmPpm, MIN_SPOT_REQUIREMENT_PPM);
        final long spotInitial = FixedPoint.mulPpm(notional, initialPpm, Rounding.UP);
        out.initialValue = value;
        if (series.isCall())
        {
            out.initialRequirement = spotInitial;
            out.maintenanceRequirement = FixedPoint.mulPpm(notional, CALL_MAINTENANCE_SPOT_PPM, Rounding.UP);
            return true;
        }
        final long maintenance = Math.max(FixedPoint.mulPpm(notional, PUT_MAINTENANCE_SPOT_PPM, Rounding.UP),
            FixedPoint.mulPpm(liability, PUT_MAINTENANCE_MARK_PPM, Rounding.UP));
        final long offset = Math.subtractExact(FixedPoint.mulPpm(Math.addExact(maintenance, liability),
            PUT_MAINTENANCE_OFFSET_PPM, Rounding.UP), liability);
        out.maintenanceRequirement = maintenance;
        out.initialRequirement = Math.max(spotInitial, offset);
        return true;
    }

    /**
     * The Black-76 price and Greeks of one unit of the underlying (not one base quantum) in a series, at the index
     * (not the stale band) converted to USD, for reporting: doubles that never touch state.
     *
     * @param series the series.
     * @return price and Greeks per unit of underlying: price in USD, delta dimensionless, gamma per USD, vega in USD
     * per 1.00 of volatility, theta in USD per year; or null when the index or surface is missing or the series has
     * expired.
     */
    public OptionGreeks greeksUsd(final OptionSeries series)
    {
        final long spot = oracles.price(series.oracleId());
        final long now = oracles.time();
        final PublishedVolSurface surface = surfaces.surface(series.oracleId());
        if (spot == OracleBook.NO_PRICE || surface == null || now >= series.expiry())
        {
            return null;
        }
        final double volatility = surface.impliedVolatility(spot, series.strike(), series.expiry());
        if (!(volatility >= 0))
        {
            return null;
        }
        final double usdPerUnit = usdPerPriceUnit(oracles.priceExponent(series.oracleId()));
        return Black76.greeks(series.type(), spot * usdPerUnit, series.strike() * usdPerUnit,
            PublishedVolSurface.years(series.expiry(), now), 0.0, volatility);
    }

    /**
     * USD in one price unit.
     *
     * @param priceExponent the oracle's price exponent.
     * @return 10^priceExponent.
     */
    public static double usdPerPriceUnit(final int priceExponent)
    {
        return priceExponent >= 0 ? (double)FixedPoint.pow10(priceExponent) :
            1.0 / FixedPoint.pow10(-priceExponent);
    }
}
