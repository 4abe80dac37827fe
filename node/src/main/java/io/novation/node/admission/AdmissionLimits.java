package io.novation.node.admission;

/**
 * The limits a node admits requests within, in request-weight units (see {@link RequestWeights}) and commands: each
 * client IP and each signing account has a token bucket of {@code burst} weight refilled at {@code perSecond}; at
 * most {@code maxVerifying} commands wait for or undergo signature verification at once.
 *
 * @param ipBurst           weight an IP may spend at once.
 * @param ipPerSecond       weight an IP regains per second.
 * @param accountBurst      weight an account may spend at once.
 * @param accountPerSecond  weight an account regains per second.
 * @param maxVerifying      commands admitted to signature verification and not yet verified, at most.
 * @param maxTrackedClients buckets kept per kind before idle (full) ones are forgotten.
 */
public record AdmissionLimits(long ipBurst, long ipPerSecond, long accountBurst, long accountPerSecond,
    int maxVerifying, int maxTrackedClients)
{
    /**
     * Checks the limits are positive.
     */
    public AdmissionLimits
    {
        if (ipBurst <= 0 || ipPerSecond <= 0 || accountBurst <= 0 || accountPerSecond <= 0 || maxVerifying <= 0 ||
            maxTrackedClients <= 0)
        {
            throw new IllegalArgumentException("admission limits must be positive");
        }
    }

    /**
     * The defaults: per IP 250,000 weight at once and 100,000 per second; per account 50,000 at once and 20,000 per
     * second; 100,000 commands in verification; 100,000 buckets of each kind.
     *
     * @return the limits.
     */
    public static AdmissionLimits defaults()
    {
        return new AdmissionLimits(250_000, 100_000, 50_000, 20_000, 100_000, 100_000);
    }

    /**
     * Limits no single client reaches, for benchmarks of the node's own capacity: a trillion weight per second per
     * IP and per account, and a billion commands in verification.
     *
     * @return the limits.
     */
    public static AdmissionLimits unmetered()
    {
        return new AdmissionLimits(1_000_000_000_000L, 1_000_000_000_000L, 1_000_000_000_000L, 1_000_000_000_000L,
            1_000_000_000, 100_000);
    }
}
