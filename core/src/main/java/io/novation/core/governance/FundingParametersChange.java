package io.novation.core.governance;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.funding.FundingParameters;

/**
 * A perpetual market's funding parameters (docs/protocol.md §11): mode, sample and tick intervals (ms), interest rate
 * and clamp (ppb per 8 hours), rate and premium clamp factors (ppm). Any change of who pays whom how fast counts as a
 * loosening and waits the long delay; an identical change tightens.
 *
 * @param marketId   the perpetual market.
 * @param parameters the new parameters (valid by construction).
 */
public record FundingParametersChange(int marketId, FundingParameters parameters) implements RiskParameterChange
{
    /**
     * A change; its parameters are required.
     */
    public FundingParametersChange
    {
        java.util.Objects.requireNonNull(parameters, "parameters");
    }

    /** The binary tag. */
    public static final int TAG = 24;
    /** The JSON kind. */
    public static final String KIND = "fundingParameters";

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
        if (books.markets().perpetual(marketId) == null)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.UNKNOWN_MARKET, "no perpetual market " + marketId);
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        return !parameters.equals(books.markets().perpetual(marketId).funding().parameters());
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.fundingParameters(marketId, parameters);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        final FundingParameters p = parameters;
        out.putInt(marketId).putByte(p.mode().ordinal()).putLong(p.sampleIntervalMs()).putLong(p.tickIntervalMs())
            .putLong(p.interestRate8hPpb()).putLong(p.interestClampPpb()).putLong(p.rateClampFactorPpm())
            .putLong(p.premiumClampFactorPpm());
    }
}
