package io.novation.core.pricing;

import java.util.Arrays;

/**
 * The portfolio margin of one portfolio on one underlying, in the manner of Derive's PM2
 * ({@code PMRMLib_2.getMarginAndMarkToMarket}): perpetuals and options (grouped by expiry) are repriced in every
 * scenario of a {@link PortfolioMarginParameters} grid from per-series values ({@link ScenarioPricer}, computed once
 * per series and shared by every portfolio holding it); each expiry's shocked value is scaled by its static discount
 * (winning: 0.95·e^{−T(r + 0.08)}; losing: min(1/discount, 1.04·e^{T(r/2 + 0.08)})), its PnL against the unshocked
 * value is dampened, and in the skew scenarios taken as −|PnL|; the worst scenario PnL, or the basis contingency
 * (Σ min(up − mtm, down − mtm, 0)·(0.5 + 2T)) if worse, times the loss factor, less the contingencies (perpetuals:
 * 1.5 % of |q|·S, +0.5 % for IM; naked shorts netted per strike within an expiry: 0.3 % of amount·S, +0.2 % for IM),
 * plus the portfolio's mark-to-market and cash, is its margin: negative when the portfolio falls short.
 * <p>
 * Doubles in strike currency (USD), amounts in units of the underlying. A mutable, reusable calculator: {@link #reset},
 * add expiries, options and the perpetual, then {@link #compute}. Allocates only when a portfolio is larger than any
 * before it.
 */
public final class PortfolioRisk
{
    private final PortfolioMarginParameters parameters;
    private final int values;
    private final int scenarios;
    private double spot;
    private double cash;
    private double perpPosition;
    private double perpPrice;
    private double perpValue;
    private int expiryCount;
    private double[] expirySeconds = new double[8];
    private double[] expiryRate = new double[8];
    private double[] expiryDiscount = new double[8];
    private int optionCount;
    private int[] optionExpiry = new int[32];
    private double[] optionAmount = new double[32];
    private double[] optionStrike = new double[32];
    private double[][] optionValues = new double[32][];
    private double[] expiryShocked;
    private final double[] scenarioPnl;

    private double markToMarket;
    private double worstLoss;
    private int worstScenario;
    private double basisContingency;
    private double maintenanceContingency;
    private double initialContingency;
    private double maintenanceMargin;
    private double initialMargin;

    /**
     * A calculator for a grid.
     *
     * @param parameters the grid and factors.
     */
    public PortfolioRisk(final PortfolioMarginParameters parameters)
    {
        this.parameters = parameters;
        this.values = ScenarioPricer.valueCount(parameters);
        this.scenarios = parameters.scenarioCount();
        this.expiryShocked = new double[8 * values];
        this.scenarioPnl = new double[scenarios];
    }

    public PortfolioMarginParameters parameters()
    {
        return parameters;
    }

    /**
     * Starts a portfolio.
     *
     * @param spotPrice the index, USD per unit.
     * @param cashUsd   cash (and any value outside the scenarios), USD.
     * @return this.
     */
    public PortfolioRisk reset(final double spotPrice, final double cashUsd)
    {
        spot = spotPrice;
        cash = cashUsd;
        perpPosition = 0;
        perpPrice = 0;
        perpValue = 0;
        expiryCount = 0;
        optionCount = 0;
        return this;
    }

    /**
     * Sets the perpetual position on the underlying.
     *
     * @param position  signed units.
     * @param price     the perpetual's price the shocks apply to, USD.
     * @param valueUsd  its mark-to-market (unrealized PnL and funding), USD.
     * @return this.
     */
    public PortfolioRisk perpetual(final double position, final double price, final double valueUsd)
    {
        perpPosition = position;
        perpPrice = price;
        perpValue = valueUsd;
        return this;
    }

    /**
     * Adds an expiry.
     *
     * @param secondsToExpiry T, seconds.
     * @param rate            the expiry's rate per year (static discounts).
     * @param discount        its discount factor e^{−rT}.
     * @return the expiry's index.
     */
    public int expiry(final double secondsToExpiry, final double rate, final double discount)
    {
        if (expiryCount == expirySeconds.length)
        {
            final int grown = expiryCount * 2;
            expirySeconds = Arrays.copyOf(expirySeconds, grown);
            expiryRate = Arrays.copyOf(expiryRate, grown);
            expiryDiscount = Arrays.copyOf(expiryDiscount, grown);
            expiryShocked = new double[grown * values];
        }
        expirySeconds[expiryCount] = secondsToExpiry;
        expiryRate[expiryCount] = rate;
        expiryDiscount[expiryCount] = discount;
        return expiryCount++;
    }

    /**
     * Adds an option holding.
     *
     * @param expiry      the expiry's index.
     * @param amount      signed units of the underlying.
     * @param strike      strike, USD (for netting naked shorts).
     * @param unitValues  the series' values from {@link ScenarioPricer#price}, not copied.
     * @return this.
     */
    public PortfolioRisk option(final int expiry, final double amount, final double strike, final double[] unitValues)
    {
        if (optionCount == optionExpiry.length)
        {
            final int grown = optionCount * 2;
            optionExpiry = Arrays.copyOf(optionExpiry, grown);
            optionAmount = Arrays.copyOf(optionAmount, grown);
            optionStrike = Arrays.copyOf(optionStrike, grown);
            optionValues = Arrays.copyOf(optionValues, grown);
        }
        optionExpiry[optionCount] = expiry;
        optionAmount[optionCount] = amount;
        optionStrike[optionCount] = strike;
        optionValues[optionCount] = unitValues;
        optionCount++;
        return this;
    }

    /**
     * Computes the margins of the portfolio.
     *
     * @return this, with the results.
     */
    public PortfolioRisk compute()
    {
        Arrays.fill(expiryShocked, 0, expiryCount * values, 0.0);
        for (int o = 0; o < optionCount; o++)
        {
            final double amount = optionAmount[o];
            final double[] unit = optionValues[o];
            final int base = optionExpiry[o] * values;
            for (int v = 0; v < values; v++)
            {
                expiryShocked[base + v] += amount * unit[v];
            }
        }
        final int unshocked = ScenarioPricer.unshockedIndex(parameters);
        final int basisUp = ScenarioPricer.basisUpIndex(parameters);
        markToMarket = perpValue;
        basisContingency = 0;
        Arrays.fill(scenarioPnl, 0.0);
        for (int s = 0; s < scenarios; s++)
        {
            if (perpPosition != 0)
            {
                scenarioPnl[s] = perpPosition * ((parameters.spotShocks()[s] - 1.0) * perpPrice) *
                    parameters.dampening()[s];
            }
        }
        for (int e = 0; e < expiryCount; e++)
        {
            final int base = e * values;
            final double mtm = expiryShocked[base + unshocked];
            markToMarket += mtm;
            final double years = expirySeconds[e] / ScenarioPricer.YEAR_SECONDS;
            final double basisLoss = Math.min(Math.min(expiryShocked[base + basisUp] - mtm,
                expiryShocked[base + basisUp + 1] - mtm), 0.0);
            basisContingency += basisLoss * (parameters.basisAddFactor() + parameters.basisMultFactor() * years);
            final double rate = expiryRate[e];
            final double discountPositive = parameters.longBaseStaticDiscount() *
                StrictMath.exp(-(years * (rate * parameters.longRateMultScale() + parameters.longRateAddScale())));
            final double discountNegative = Math.min(1.0 / expiryDiscount[e], parameters.shortBaseStaticDiscount() /
                StrictMath.exp(-(years * (rate * parameters.shortRateMultScale() + parameters.shortRateAddScale()))));
            for (int s = 0; s < scenarios; s++)
            {
                final double shocked = expiryShocked[base + s];
                final double discounted = shocked * (shocked >= 0 ? discountPositive : discountNegative);
                final double pnl = (discounted - mtm) * parameters.dampening()[s];
                final int direction = parameters.volShocks()[s];
                final boolean skew = direction == PortfolioMarginParameters.LINEAR ||
                    direction == PortfolioMarginParameters.ABS;
                scenarioPnl[s] += skew && pnl > 0 ? -pnl : pnl;
            }
        }
        worstLoss = basisContingency;
        worstScenario = scenarios;
        for (int s = 0; s < scenarios; s++)
        {
            if (scenarioPnl[s] < worstLoss)
            {
                worstLoss = scenarioPnl[s];
                worstScenario = s;
            }
        }
        contingencies();
        maintenanceMargin = worstLoss * parameters.maintenanceLossFactor() - maintenanceContingency + markToMarket +
            cash;
        initialMargin = worstLoss * parameters.initialLossFactor() - initialContingency - maintenanceContingency +
            markToMarket + cash;
        return this;
    }

    /** Derive's contingencies: perpetual notional, and naked shorts netted per strike within each expiry. */
    private void contingencies()
    {
        final double perpNotional = Math.abs(perpPosition) * spot;
        maintenanceContingency = perpNotional * parameters.maintenancePerpPercent();
        initialContingency = perpNotional * parameters.initialPerpPercent();
        double nakedShorts = 0;
        for (int e = 0; e < expiryCount; e++)
        {
            for (int o = 0; o < optionCount; o++)
            {
                if (optionExpiry[o] != e || !firstAtStrike(o))
                {
                    continue;
                }
                double net = 0;
                for (int p = o; p < optionCount; p++)
                {
                    if (optionExpiry[p] == e && optionStrike[p] == optionStrike[o])
                    {
                        net += optionAmount[p];
                    }
                }
                // Shorts not covered by longs at the same strike (call or put) of the same expiry.
                nakedShorts += Math.max(-net, 0);
            }
        }
        maintenanceContingency += nakedShorts * spot * parameters.maintenanceOptionPercent();
        initialContingency += nakedShorts * spot * parameters.initialOptionPercent();
    }

    private boolean firstAtStrike(final int option)
    {
        for (int p = 0; p < option; p++)
        {
            if (optionExpiry[p] == optionExpiry[option] && optionStrike[p] == optionStrike[option])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Mark-to-market of the scenario positions: options at the unshocked values plus the perpetual's value.
     *
     * @return USD.
     */
    public double markToMarket()
    {
        return markToMarket;
    }

    /**
     * The worst scenario PnL or the basis contingency, whichever is lower, before the loss factor.
     *
     * @return USD, ≤ 0 unless every scenario gains.
     */
    public double worstLoss()
    {
        return worstLoss;
    }

    /**
     * The index of the worst scenario in the grid, or the grid's size when the basis contingency is worst.
     *
     * @return index.
     */
    public int worstScenario()
    {
        return worstScenario;
    }

    /**
     * The PnL of one scenario.
     *
     * @param scenario index in the grid.
     * @return USD.
     */
    public double scenarioPnl(final int scenario)
    {
        return scenarioPnl[scenario];
    }

    public double basisContingency()
    {
        return basisContingency;
    }

    public double maintenanceContingency()
    {
        return maintenanceContingency;
    }

    /**
     * The contingency added for initial margin only (on top of the maintenance one).
     *
     * @return USD.
     */
    public double initialContingency()
    {
        return initialContingency;
    }

    /**
     * Maintenance margin: worst loss × 0.8 − contingency + mark-to-market + cash; negative when short of margin.
     *
     * @return USD.
     */
    public double maintenanceMargin()
    {
        return maintenanceMargin;
    }

    /**
     * Initial margin: worst loss × 1.0 − contingencies + mark-to-market + cash; negative when short of margin.
     *
     * @return USD.
     */
    public double initialMargin()
    {
        return initialMargin;
    }
}
