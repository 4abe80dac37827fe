package io.novation.core.governance;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.oracle.OracleParameters;

/**
 * An oracle's parameters (docs/protocol.md §6): quorum, freshness, skew, heartbeat, halt delay, jump threshold and
 * quorum, stale band; ms, ppm and publisher counts. It loosens risk when it accepts prices more easily or treats a
 * stale price more gently: a lower quorum or jump quorum, a longer freshness window, skew, heartbeat or halt delay, a
 * wider jump threshold, or a narrower stale band. The quorum may not exceed the oracle's publishers.
 *
 * @param oracleId   the oracle.
 * @param parameters the new parameters (valid by construction).
 */
public record OracleParametersChange(int oracleId, OracleParameters parameters) implements RiskParameterChange
{
    /**
     * A change; its parameters are required.
     */
    public OracleParametersChange
    {
        java.util.Objects.requireNonNull(parameters, "parameters");
    }

    /** The binary tag. */
    public static final int TAG = 5;
    /** The JSON kind. */
    public static final String KIND = "oracleParameters";

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
        if (parameters == null)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.OUT_OF_RANGE, "oracle parameters are required");
        }
        final int publishers = books.oracles().feed(oracleId).publishers().count();
        if (parameters.quorum() > publishers)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.BELOW_QUORUM, "a quorum of " + parameters.quorum() +
                " exceeds the oracle's " + publishers + " publishers");
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        final OracleParameters c = books.oracles().feed(oracleId).parameters();
        final OracleParameters p = parameters;
        return p.quorum() < c.quorum() || p.jumpQuorum() < c.jumpQuorum() ||
            p.freshnessWindowMs() > c.freshnessWindowMs() || p.maxFutureSkewMs() > c.maxFutureSkewMs() ||
            p.heartbeatMs() > c.heartbeatMs() || p.haltAfterMs() > c.haltAfterMs() ||
            p.deviationThresholdPpm() > c.deviationThresholdPpm() || p.staleBandBasePpm() < c.staleBandBasePpm() ||
            p.staleBandPpmPerMinute() < c.staleBandPpmPerMinute() || p.staleBandMaxPpm() < c.staleBandMaxPpm();
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.oracleParameters(oracleId, parameters);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        final OracleParameters p = parameters;
        out.putInt(oracleId).putInt(p.quorum()).putLong(p.freshnessWindowMs()).putLong(p.maxFutureSkewMs())
            .putLong(p.heartbeatMs()).putLong(p.haltAfterMs()).putLong(p.deviationThresholdPpm())
            .putInt(p.jumpQuorum()).putLong(p.staleBandBasePpm()).putLong(p.staleBandPpmPerMinute())
            .putLong(p.staleBandMaxPpm());
    }
}
