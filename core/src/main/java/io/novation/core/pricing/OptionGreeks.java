package io.novation.core.pricing;

/**
 * The price of one European option and its first-order and gamma sensitivities, in strike currency per option.
 * <p>
 * Conventions: {@code delta} per 1 unit of the underlying (the spot for Black-Scholes-Merton, the forward for
 * Black-76); {@code gamma} per unit of the underlying, squared; {@code vega} per 1.00 of volatility (divide by 100
 * for one vol point); {@code theta} per year of calendar time passing, −∂V/∂T (divide by 365 for one day);
 * {@code rho} per 1.00 of the risk-free rate (divide by 100 for one percentage point), with the meaning given by
 * the model that produced it.
 *
 * @param price present value, strike currency.
 * @param delta ∂V/∂underlying, dimensionless.
 * @param gamma ∂²V/∂underlying², per unit of underlying.
 * @param vega  ∂V/∂σ, strike currency per 1.00 of volatility.
 * @param theta −∂V/∂T, strike currency per year.
 * @param rho   ∂V/∂r, strike currency per 1.00 of rate.
 */
public record OptionGreeks(double price, double delta, double gamma, double vega, double theta, double rho)
{
}
