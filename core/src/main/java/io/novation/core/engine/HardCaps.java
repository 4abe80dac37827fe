package io.novation.core.engine;

import io.novation.core.event.RejectReason;
import io.novation.core.market.PerpetualMarket;

/**
 * A perpetual market's hard caps on a fill: its open interest (the sum of long positions, base quantums) may not rise
 * above {@link PerpetualMarket#openInterestCap()}, and a party's absolute position may not grow above
 * {@link PerpetualMarket#positionLimit()}; a fill that does not raise open interest, or a party whose absolute
 * position does not grow, is always allowed. A cap of {@link PerpetualMarket#NO_CAP} is off.
 */
final class HardCaps
{
    private HardCaps()
    {
    }

    /**
     * Whether the fill fits the market's caps, or records why not.
     *
     * @param market            the perpetual.
     * @param openInterestDelta the fill's change of open interest, base quantums.
     * @param makerOld          the maker's signed size before, base quantums.
     * @param makerNew          after.
     * @param takerOld          the taker's signed size before.
     * @param takerNew          after.
     * @param rejection         receives the reason for a refusal.
     * @return true when allowed.
     */
    static boolean allow(final PerpetualMarket market, final long openInterestDelta, final long makerOld,
        final long makerNew, final long takerOld, final long takerNew, final Rejection rejection)
    {
        final long cap = market.openInterestCap();
        if (cap != PerpetualMarket.NO_CAP && openInterestDelta > 0 &&
            Math.addExact(market.openInterestBaseQuantums(), openInterestDelta) > cap)
        {
            return rejection.reject(RejectReason.OPEN_INTEREST_CAP, market.ticker() + "'s open interest would be " +
                (market.openInterestBaseQuantums() + openInterestDelta) + " base quantums, above its cap " + cap);
        }
        final long limit = market.positionLimit();
        if (limit != PerpetualMarket.NO_CAP && (exceeds(makerOld, makerNew, limit) || exceeds(takerOld, takerNew,
            limit)))
        {
            final long size = exceeds(makerOld, makerNew, limit) ? makerNew : takerNew;
            return rejection.reject(RejectReason.POSITION_LIMIT, "a position of " + size + " base quantums in " +
                market.ticker() + " is above its per-account limit " + limit);
        }
        return true;
    }

    private static boolean exceeds(final long oldSize, final long newSize, final long limit)
    {
        return Math.abs(newSize) > Math.abs(oldSize) && Math.abs(newSize) > limit;
    }
}
