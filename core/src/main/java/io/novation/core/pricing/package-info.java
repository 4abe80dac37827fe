/**
 * Option pricing in doubles, computed with {@link java.lang.StrictMath} so that every replica gets the same bits:
 * Black-76 on a forward and the generalized Black-Scholes-Merton model with a cost of carry, their Greeks, implied
 * volatility, and SVI volatility surfaces with their arbitrage checks.
 * <p>
 * Units: prices in the currency of the strike; times in years (ACT/365 or whatever day count the caller uses,
 * consistently); rates, carries and volatilities as annual decimal fractions (0.05 is 5 %, continuously
 * compounded). Vega is per 1.00 of volatility, theta per year, rho per 1.00 of rate. Results are doubles that the
 * engine converts to fixed-point with conservative rounding before they touch state (docs/protocol.md §1, rounding;
 * §9, same input, same root). See {@code docs/pricing.md} for the formulas and their sources.
 */
package io.novation.core.pricing;
