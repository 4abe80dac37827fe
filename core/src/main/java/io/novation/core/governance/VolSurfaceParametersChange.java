package io.novation.core.governance;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.oracle.VolSurfaceParameters;

/**
 * An underlying's volatility surface parameters (docs/protocol.md §14.2): heartbeat (ms), deviation threshold and stale
 * band (ppm, its widening ppm per hour). It loosens risk when it trusts a surface longer or more easily: a longer
 * heartbeat, a wider deviation threshold, or a narrower stale band (base, widening or maximum).
 *
 * @param oracleId   the underlying's oracle.
 * @param parameters the new parameters (valid by construction).
 */
public record VolSurfaceParametersChange(int oracleId, VolSurfaceParameters parameters) implements RiskParameterChange
{
    /**
     * A change; its parameters are required.
     */
    public VolSurfaceParametersChange
    {
        java.util.Objects.requireNonNull(parameters, "parameters");
    }

    /** The binary tag. */
    public static final int TAG = 25;
    /** The JSON kind. */
    public static final String KIND = "volSurfaceParameters";

    @Override
    public int tag()
    {
        return TAG;
    }

    @Override
    public String kind()
    {
        return KIND;
    }

    @Override
    public ChangeCheck check(final GovernedBooks books)
    {
        if (!books.oracles().exists(oracleId))
        {
            return ChangeCheck.fail(ChangeCheck.Problem.UNKNOWN_ORACLE, "no oracle " + oracleId);
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        final VolSurfaceParameters c = books.volSurfaceParameters(oracleId);
        final VolSurfaceParameters p = parameters;
        return p.heartbeatMs() > c.heartbeatMs() || p.deviationThresholdPpm() > c.deviationThresholdPpm() ||
            p.staleBandBasePpm() < c.staleBandBasePpm() || p.staleBandPpmPerHour() < c.staleBandPpmPerHour() ||
            p.staleBandMaxPpm() < c.staleBandMaxPpm();
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.volSurfaceParameters(oracleId, parameters);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        final VolSurfaceParameters p = parameters;
        out.putInt(oracleId).putLong(p.heartbeatMs()).putLong(p.deviationThresholdPpm()).putLong(p.staleBandBasePpm())
            .putLong(p.staleBandPpmPerHour()).putLong(p.staleBandMaxPpm());
    }
}
