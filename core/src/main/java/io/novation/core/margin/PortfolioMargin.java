package io.novation.core.margin;

import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;
import io.novation.core.pricing.PortfolioMarginParameters;
import io.novation.core.pricing.PortfolioRisk;
import io.novation.core.pricing.ScenarioPricer;
import io.novation.core.surface.VolSurfaceBook;

/**
 * The requirements of a portfolio-margin subaccount, in quote quantums: per underlying oracle, its perpetuals and
 * options go through Derive's PM2 scenarios ({@link PortfolioRisk}, {@link PortfolioMarginParameters#derive()}) at the
 * index (forward = index, r = 0, each series at its surface volatility), and
 * <pre>
 * IMR(underlying) = ceil((max(0, −worst loss)·1.0 + IM contingency + MM contingency) · 1e6 · (1 + 1e-9))
 * MMR(underlying) = ceil((max(0, −worst loss)·0.8 + MM contingency) · 1e6 · (1 + 1e-9))
 * </pre>
 * USD doubles converted once, rounded up and widened by 1e-9 relative (far above the doubles' error). Mark-to-market
 * is not part of the requirement: the subaccount's net collateral already carries every position at its value, so
 * NC − IMR is Derive's margin. A gain in every scenario earns no credit (the max with 0). While an underlying's
 * surface is uncertain (stale, or a newer one held: {@link VolSurfaceBook#viewCount}) its requirements are the
 * largest over the surface's views. Positions are recorded by
 * the {@link MarginCalculator}, then {@link #compute} groups them by underlying; nothing is allocated once warm.
 */
public final class PortfolioMargin
{
    private static final double QUANTUMS_PER_USD = 1e6;
    private static final double WIDENING = 1.0 + 1e-9;

    private final Markets markets;
    private final OracleBook oracles;
    private final VolSurfaceBook surfaces;
    private final PortfolioMarginParameters parameters = PortfolioMarginParameters.derive();
    private final PortfolioRisk risk = new PortfolioRisk(parameters);
    private int count;
    private int[] ids = new int[16];
    private long[] sizes = new long[16];
    private boolean[] grouped = new boolean[16];
    private double[][] values = new double[16][];
    private long[] expiries = new long[16];
    private int[] expiryIndices = new int[16];
    private long initialRequirement;
    private long maintenanceRequirement;

    /**
     * Portfolio margin over the engine's registries.
     *
     * @param markets  perpetuals and option series.
     * @param oracles  prices, with the time of the command being applied.
     * @param surfaces volatility surfaces.
     */
    public PortfolioMargin(final Markets markets, final OracleBook oracles, final VolSurfaceBook surfaces)
    {
        this.markets = markets;
        this.oracles = oracles;
        this.surfaces = surfaces;
    }

    /**
     * Starts a subaccount.
     */
    public void reset()
    {
        count = 0;
    }

    /**
     * Records a position.
     *
     * @param id   perpetual or series id.
     * @param size signed base quantums, not zero.
     */
    public void add(final int id, final long size)
    {
        if (count == ids.length)
        {
            ids = java.util.Arrays.copyOf(ids, count * 2);
            sizes = java.util.Arrays.copyOf(sizes, count * 2);
            grouped = java.util.Arrays.copyOf(grouped, count * 2);
            values = java.util.Arrays.copyOf(values, count * 2);
            expiries = java.util.Arrays.copyOf(expiries, count * 2);
            expiryIndices = java.util.Arrays.copyOf(expiryIndices, count * 2);
        }
        ids[count] = id;
        sizes[count] = size;
        grouped[count] = false;
        count++;
    }

    /**
     * Computes the requirements of the recorded positions.
     *
     * @return true, or false when an index or a volatility surface is missing.
     * @throws ArithmeticException when a requirement does not fit 64 bits.
     */
    public boolean compute()
    {
        initialRequirement = 0;
        maintenanceRequirement = 0;
        for (int i = 0; i < count; i++)
        {
            if (grouped[i])
            {
                continue;
            }
            final int oracleId = markets.instrument(ids[i]).oracleId();
            if (!underlying(oracleId, i))
            {
                return false;
            }
        }
        return true;
    }

    private boolean underlying(final int oracleId, final int first)
    {
        final long price = oracles.price(oracleId);
        if (price == OracleBook.NO_PRICE)
        {
            return false;
        }
        final long now = oracles.time();
        // The requirement is the largest over the surface's views (one while it is fresh and nothing is held).
        final int views = Math.max(1, surfaces.viewCount(oracleId, now));
        long initial = 0;
        long maintenance = 0;
        for (int view = 0; view < views; view++)
        {
            if (!scenarios(oracleId, first, price, now, view))
            {
                return false;
            }
            final double loss = Math.max(0.0, -risk.worstLoss());
            initial = Math.max(initial, quantums(loss * parameters.initialLossFactor() +
                risk.initialContingency() + risk.maintenanceContingency()));
            maintenance = Math.max(maintenance, quantums(loss * parameters.maintenanceLossFactor() +
                risk.maintenanceContingency()));
        }
        initialRequirement = Math.addExact(initialRequirement, initial);
        maintenanceRequirement = Math.addExact(maintenanceRequirement, maintenance);
        return true;
    }

    /** Runs the scenarios of one underlying's positions with each series at its volatility in one surface view. */
    private boolean scenarios(final int oracleId, final int first, final long price, final long now, final int view)
    {
        final double usdPerUnit = OptionMargin.usdPerPriceUnit(oracles.priceExponent(oracleId));
        final double spot = price * usdPerUnit;
        risk.reset(spot, 0.0);
        double perpetual = 0;
        int expiryCount = 0;
        for (int i = first; i < count; i++)
        {
            if (markets.instrument(ids[i]).oracleId() != oracleId)
            {
                continue;
            }
            grouped[i] = true;
            if (!Markets.isOptionId(ids[i]))
            {
                final PerpetualMarket market = markets.perpetual(ids[i]);
                perpetual += sizes[i] * OptionMargin.usdPerPriceUnit(market.atomicResolution());
                continue;
            }
            final OptionSeries series = markets.option(ids[i]);
            final double seconds = Math.max(series.expiry() - now, 0) / 1000.0;
            double volatility = 0;
            if (series.expiry() > now)
            {
                if (surfaces.viewCount(oracleId, now) == 0)
                {
                    return false;
                }
                volatility = surfaces.volatility(oracleId, now, view, price, series.strike(), series.expiry());
                if (!(volatility >= 0))
                {
                    return false;
                }
            }
            if (values[i] == null)
            {
                values[i] = new double[ScenarioPricer.valueCount(parameters)];
            }
            final double strike = series.strike() * usdPerUnit;
            ScenarioPricer.price(parameters, seconds, spot, 0.0, series.type(), strike, volatility, values[i]);
            int expiry = -1;
            for (int e = 0; e < expiryCount; e++)
            {
                if (expiries[e] == series.expiry())
                {
                    expiry = expiryIndices[e];
                }
            }
            if (expiry < 0)
            {
                expiry = risk.expiry(seconds, 0.0, 1.0);
                expiries[expiryCount] = series.expiry();
                expiryIndices[expiryCount++] = expiry;
            }
            risk.option(expiry, sizes[i] * OptionMargin.usdPerPriceUnit(series.atomicResolution()), strike,
                values[i]);
        }
        risk.perpetual(perpetual, spot, 0.0).compute();
        return true;
    }

    private static long quantums(final double usd)
    {
        final double scaled = Math.ceil(usd * QUANTUMS_PER_USD * WIDENING);
        if (!(scaled < 9.0e18))
        {
            throw new ArithmeticException("portfolio requirement of " + usd + " USD does not fit");
        }
        return (long)scaled;
    }

    /**
     * The initial requirement of the last {@link #compute}.
     *
     * @return quote quantums.
     */
    public long initialRequirement()
    {
        return initialRequirement;
    }

    /**
     * The maintenance requirement of the last {@link #compute}.
     *
     * @return quote quantums.
     */
    public long maintenanceRequirement()
    {
        return maintenanceRequirement;
    }

    /**
     * The calculator of the last underlying computed, for reporting.
     *
     * @return the calculator.
     */
    public PortfolioRisk lastRisk()
    {
        return risk;
    }
}
