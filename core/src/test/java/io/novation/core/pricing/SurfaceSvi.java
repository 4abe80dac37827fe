package io.novation.core.pricing;

/**
 * Gatheral and Jacquier's surface SVI (SSVI, 2014, §4) for tests: w(k, θ) = θ/2·(1 + ρφk + √((φk + ρ)² + 1 − ρ²))
 * with the power law φ(θ) = η/√θ, and its raw SVI form at one θ (their §4): a = θ(1 − ρ²)/2, b = θφ/2,
 * m = −ρ/φ, σ = √(1 − ρ²)/φ. Their Theorem 4.1 makes such a surface free of calendar arbitrage for θ increasing in
 * T, and Theorem 4.2 frees each slice of butterfly arbitrage when θφ(1 + |ρ|) &lt; 4 and θφ²(1 + |ρ|) ≤ 4, that is
 * η√θ(1 + |ρ|) &lt; 4 and η²(1 + |ρ|) ≤ 4.
 */
final class SurfaceSvi
{
    private SurfaceSvi()
    {
    }

    static double totalVariance(final double k, final double theta, final double rho, final double eta)
    {
        final double phi = eta / Math.sqrt(theta);
        final double shifted = phi * k + rho;
        return 0.5 * theta * (1.0 + rho * phi * k + Math.sqrt(shifted * shifted + 1.0 - rho * rho));
    }

    static SviParameters rawSvi(final double theta, final double rho, final double eta)
    {
        final double phi = eta / Math.sqrt(theta);
        return SviParameters.of(
            0.5 * theta * (1.0 - rho * rho), 0.5 * theta * phi, rho, -rho / phi, Math.sqrt(1.0 - rho * rho) / phi);
    }
}
