package io.novation.core.margin;

import io.novation.core.account.Subaccount;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;

import java.math.BigInteger;

/**
 * The oracle price at which one position would make its subaccount liquidatable, all else held fixed: the price p
 * where net collateral equals the maintenance requirement, NC_other + s·p·10^e = MMR_other + |s|·p·10^e·MMF, with
 * e = priceExponent + atomicResolution + 6. Long positions: p = (MMR_other − NC_other) / (s·10^e·(1 − MMF)),
 * rounded up; shorts: p = (NC_other − MMR_other) / (|s|·10^e·(1 + MMF)), rounded down (both round toward the
 * side that warns earlier). A reporting figure, computed exactly with big integers off the hot path.
 */
public final class LiquidationPrice
{
    /** Returned when no positive price makes the subaccount liquidatable. */
    public static final long NONE = -1L;

    private LiquidationPrice()
    {
    }

    /**
     * The liquidation price of a subaccount's position in a market.
     *
     * @param calculator the margin calculator.
     * @param subaccount the subaccount.
     * @param market     the market of the position.
     * @param oracles    the oracle prices.
     * @param figures    the subaccount's current margin figures.
     * @return price units at the oracle's exponent, 0 when liquidatable at any price, or {@link #NONE}.
     */
    public static long of(final MarginCalculator calculator, final Subaccount subaccount,
        final PerpetualMarket market, final OracleBook oracles, final MarginFigures figures)
    {
        final long size = subaccount.positionSizeIn(market.id());
        if (size == 0)
        {
            return NONE;
        }
        final PositionMargin position = new PositionMargin();
        if (!calculator.position(market, size, 0, position))
        {
            return NONE;
        }
        final int priceExponent = oracles.priceExponent(market.oracleId());
        final long notional = position.value();
        final long mmf = position.maintenanceFractionPpm();
        final long ownRequirement = position.maintenanceRequirement();
        final BigInteger otherCollateral = BigInteger.valueOf(figures.netCollateralMaintenance())
            .subtract(BigInteger.valueOf(notional));
        final BigInteger otherRequirement = BigInteger.valueOf(figures.maintenanceMarginRequirement())
            .subtract(BigInteger.valueOf(ownRequirement));

        // p·|s|·10^e·(1e6 ∓ mmf)/1e6 = ±(MMR_other − NC_other); move 10^e to the side where it is an integer.
        final int e = priceExponent + market.atomicResolution() + 6;
        BigInteger numerator = (size > 0 ? otherRequirement.subtract(otherCollateral) :
            otherCollateral.subtract(otherRequirement)).multiply(BigInteger.valueOf(1_000_000L));
        BigInteger denominator = BigInteger.valueOf(Math.abs(size))
            .multiply(BigInteger.valueOf(size > 0 ? 1_000_000L - mmf : 1_000_000L + mmf));
        if (e >= 0)
        {
            denominator = denominator.multiply(BigInteger.TEN.pow(e));
        }
        else
        {
            numerator = numerator.multiply(BigInteger.TEN.pow(-e));
        }
        if (denominator.signum() <= 0)
        {
            return size > 0 ? NONE : 0L;
        }
        if (numerator.signum() <= 0)
        {
            return size > 0 ? NONE : 0L;
        }
        final BigInteger[] qr = numerator.divideAndRemainder(denominator);
        BigInteger result = qr[0];
        if (size > 0 && qr[1].signum() != 0)
        {
            result = result.add(BigInteger.ONE);
        }
        return result.bitLength() < 63 ? result.longValue() : NONE;
    }
}
