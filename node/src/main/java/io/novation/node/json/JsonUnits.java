package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.core.market.MarketStatus;
import io.novation.core.money.FixedPoint;

import java.math.BigDecimal;

/**
 * Writing quantums back as the JSON vocabulary's human units: decimal strings with a unit's decimals (a negative
 * count writes whole multiples of a power of ten), statuses and signatures.
 */
final class JsonUnits
{
    /** Parts-per-million fields (weights, fees, fractions) have six decimals. */
    static final int PPM = 6;
    /** Parts-per-billion fields (funding rates, SVI parameters) have nine decimals. */
    static final int PPB = 9;

    private JsonUnits()
    {
    }

    static String decimal(final long value, final int decimals)
    {
        return decimals >= 0 ? FixedPoint.formatDecimal(value, decimals) :
            BigDecimal.valueOf(value).movePointLeft(decimals).toPlainString();
    }

    /** A size in base quantums as base units of the instrument. */
    static String size(final Definitions.Market market, final long size)
    {
        return decimal(size, -market.atomicResolution());
    }

    /** A price in price units as the instrument's oracle's human units. */
    static String price(final Definitions definitions, final Definitions.Market market, final long price)
    {
        return decimal(price, -definitions.oracle(market.oracleId()).priceExponent());
    }

    static void signature(final ObjectNode json, final EcdsaSignature signature)
    {
        if (signature != null)
        {
            json.put("signature", Hex.encode(signature.toBytes65()));
        }
    }

    static String status(final MarketStatus status)
    {
        return switch (status)
        {
            case ACTIVE -> "active";
            case REDUCE_ONLY -> "reduceOnly";
            case HALTED -> "halted";
        };
    }
}
