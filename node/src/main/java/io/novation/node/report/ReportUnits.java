package io.novation.node.report;

import io.novation.core.market.Asset;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.OracleBook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How the state report writes numbers: quote quantums as USDC decimal strings, price units as decimal prices in USD
 * per base unit (the oracle's price exponent), entry prices from cost bases, and doubles to six decimals.
 */
final class ReportUnits
{
    private ReportUnits()
    {
    }

    /** A double to at most six decimals, half-even. */
    static String decimal(final double value)
    {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /**
     * The average entry price of a position in USD per base unit (two more decimals than a price unit).
     */
    static String entryPrice(final OracleBook oracles, final int oracleId, final int atomicResolution,
        final long size, final long costBasis)
    {
        // costBasis quote quantums = size · entry · 10^(e) with e = priceExponent + atomicResolution + 6.
        final int e = oracles.priceExponent(oracleId) + atomicResolution + 6;
        final BigDecimal entryUnits = new BigDecimal(costBasis).divide(new BigDecimal(size), MathContext.DECIMAL128)
            .movePointLeft(e);
        return entryUnits.movePointRight(oracles.priceExponent(oracleId))
            .setScale(Math.max(0, -oracles.priceExponent(oracleId)) + 2, RoundingMode.HALF_EVEN)
            .stripTrailingZeros().toPlainString();
    }

    /** Price units of an oracle as a decimal price, or null for no price. */
    static String price(final OracleBook oracles, final int oracleId, final long units)
    {
        if (units == OracleBook.NO_PRICE)
        {
            return null;
        }
        final int exponent = oracles.priceExponent(oracleId);
        return exponent <= 0 ? FixedPoint.formatDecimal(units, -exponent) :
            BigDecimal.valueOf(units).movePointRight(exponent).toPlainString();
    }

    /**
     * Quote quantums as a USDC decimal string.
     *
     * @param quoteQuantums amount.
     * @return e.g. "12.5".
     */
    static String quote(final long quoteQuantums)
    {
        return FixedPoint.formatDecimal(quoteQuantums, Asset.QUOTE_DECIMALS);
    }
}
