package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.margin.PerpetualMath;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

import java.math.BigDecimal;

/**
 * What a keeper needs to know of a perpetual market, from {@code GET /v1/markets}: its id, ticker and oracle, and its
 * units: sizes in base quantums of 10^atomicResolution base units, prices in units of 10^priceExponent USD.
 *
 * @param id               market id.
 * @param ticker           e.g. {@code BTC-USD}.
 * @param oracleId         the oracle that prices it.
 * @param priceExponent    one price unit is 10^priceExponent USD per base unit.
 * @param atomicResolution one base quantum is 10^atomicResolution base units.
 * @param stepSize         the size grid, base quantums.
 */
public record MarketTerms(int id, String ticker, int oracleId, int priceExponent, int atomicResolution,
    long stepSize)
{
    /**
     * The terms of one entry of {@code GET /v1/markets}.
     *
     * @param market the entry.
     * @return the terms.
     */
    public static MarketTerms of(final JsonNode market)
    {
        final int atomicResolution = market.get("atomicResolution").asInt();
        return new MarketTerms(market.get("id").asInt(), market.get("ticker").asText(),
            market.get("oracleId").asInt(), market.get("priceExponent").asInt(), atomicResolution,
            new BigDecimal(market.get("stepSize").asText()).movePointLeft(atomicResolution).longValueExact());
    }

    /**
     * A size in human units (a decimal string of base units, possibly signed) as base quantums.
     *
     * @param decimal e.g. {@code "-0.25"}.
     * @return signed base quantums.
     */
    public long sizeQuantums(final String decimal)
    {
        return new BigDecimal(decimal).movePointLeft(atomicResolution).longValueExact();
    }

    /**
     * Base quantums as a decimal string of base units.
     *
     * @param quantums signed base quantums.
     * @return e.g. {@code "0.25"}.
     */
    public String sizeDecimal(final long quantums)
    {
        return BigDecimal.valueOf(quantums).movePointRight(atomicResolution).stripTrailingZeros().toPlainString();
    }

    /**
     * A price in human units (a decimal string of USD) as price units.
     *
     * @param decimal e.g. {@code "60000.5"}.
     * @return price units.
     */
    public long priceUnits(final String decimal)
    {
        return new BigDecimal(decimal).movePointLeft(priceExponent).longValueExact();
    }

    /**
     * The value of a signed size at a price, in quote quantums, rounded down: the figure the engine counts in net
     * collateral.
     *
     * @param quantums   signed base quantums.
     * @param priceUnits the price, in price units.
     * @return quote quantums (1e-6 USDC).
     */
    public long value(final long quantums, final long priceUnits)
    {
        return PerpetualMath.notionalQuoteQuantums(quantums, priceUnits, priceExponent, atomicResolution,
            Rounding.DOWN);
    }

    /**
     * The largest part of a position the engine lets one liquidation take when the position is large: the fraction,
     * rounded up to the step, as the engine computes it.
     *
     * @param positionQuantums the position's magnitude, base quantums.
     * @param fractionPpm      the partial fraction, parts per million.
     * @return base quantums.
     */
    public long part(final long positionQuantums, final long fractionPpm)
    {
        return FixedPoint.mulDiv(FixedPoint.mulPpm(positionQuantums, fractionPpm, Rounding.UP), 1, stepSize,
            Rounding.UP) * stepSize;
    }
}
