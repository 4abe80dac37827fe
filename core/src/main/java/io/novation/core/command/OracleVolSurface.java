package io.novation.core.command;

import java.util.List;

/**
 * Oracle: the implied volatility surface of one underlying, as raw SVI parameters per expiry (Gatheral 2004),
 * replacing the last one. Parameters are fixed-point integers in billionths (1e-9): a and b in total variance,
 * rho dimensionless, m and sigma in log-moneyness.
 *
 * @param time     sequencer time, epoch ms.
 * @param oracleId the underlying's oracle.
 * @param slices   one per expiry, expiries strictly increasing and after the command's time.
 */
public record OracleVolSurface(long time, int oracleId, List<Slice> slices) implements Command
{
    /**
     * One expiry of the surface.
     *
     * @param expiry    epoch ms.
     * @param aNanos    SVI a, 1e-9.
     * @param bNanos    SVI b, 1e-9.
     * @param rhoNanos  SVI rho, 1e-9.
     * @param mNanos    SVI m, 1e-9.
     * @param sigmaNanos SVI sigma, 1e-9.
     */
    public record Slice(long expiry, long aNanos, long bNanos, long rhoNanos, long mNanos, long sigmaNanos)
    {
    }
}
