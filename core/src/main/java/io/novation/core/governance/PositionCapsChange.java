package io.novation.core.governance;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.market.PerpetualMarket;

/**
 * A perpetual market's hard caps, base quantums: the largest open interest (sum of long positions) a fill may raise
 * it to, and the largest absolute position a fill may grow one subaccount's to; {@link PerpetualMarket#NO_CAP} turns
 * a cap off. A change loosens when it raises a cap or turns one off.
 *
 * @param marketId        the perpetual market.
 * @param openInterestCap base quantums, or 0 for none.
 * @param positionLimit   base quantums, or 0 for none.
 */
public record PositionCapsChange(int marketId, long openInterestCap, long positionLimit) implements RiskParameterChange
{
    /** The binary tag (SETTLE's block, 20-23). */
    public static final int TAG = 20;
    /** The JSON kind. */
    public static final String KIND = "positionCaps";

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
        if (openInterestCap < 0 || positionLimit < 0)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.OUT_OF_RANGE, "caps are base quantums, 0 (none) or more");
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        final PerpetualMarket market = books.markets().perpetual(marketId);
        return loosens(market.openInterestCap(), openInterestCap) || loosens(market.positionLimit(), positionLimit);
    }

    /** A cap loosens when it is turned off or raised; turning one on from none tightens. */
    private static boolean loosens(final long current, final long next)
    {
        return current != PerpetualMarket.NO_CAP && (next == PerpetualMarket.NO_CAP || next > current);
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.hardCaps(marketId, openInterestCap, positionLimit);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        out.putInt(marketId).putLong(openInterestCap).putLong(positionLimit);
    }
}
