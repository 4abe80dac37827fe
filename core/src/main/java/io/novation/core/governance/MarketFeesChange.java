package io.novation.core.governance;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.market.PerpetualMarket;

/**
 * A perpetual market's maker and taker fees, ppm of notional (a negative maker fee is a rebate). Fees feed the fee
 * pool and, through it, the venue's loss absorption, so a change loosens when either fee falls.
 *
 * @param marketId    the perpetual market.
 * @param makerFeePpm maker fee, ppm, in [-taker, 100,000].
 * @param takerFeePpm taker fee, ppm, in [0, 100,000].
 */
public record MarketFeesChange(int marketId, long makerFeePpm, long takerFeePpm) implements RiskParameterChange
{
    /** The binary tag. */
    public static final int TAG = 2;
    /** The JSON kind. */
    public static final String KIND = "marketFees";
    /** The largest fee, ppm (10 %). */
    public static final long MAX_FEE_PPM = 100_000;

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
        if (takerFeePpm < 0 || takerFeePpm > MAX_FEE_PPM || makerFeePpm > MAX_FEE_PPM || makerFeePpm < -takerFeePpm)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.OUT_OF_RANGE, "fees: taker in [0, 10%], maker in " +
                "[-taker, 10%]");
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        final PerpetualMarket market = books.markets().perpetual(marketId);
        return makerFeePpm < market.makerFeePpm() || takerFeePpm < market.takerFeePpm();
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.fees(marketId, makerFeePpm, takerFeePpm);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        out.putInt(marketId).putLong(makerFeePpm).putLong(takerFeePpm);
    }
}
