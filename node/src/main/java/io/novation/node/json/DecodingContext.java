package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.core.market.Asset;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;

import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What the per-type JSON codecs decode against: a definitions snapshot (names to ids, units) and the account names
 * resolver; every lookup failure names the JSON field at fault.
 */
final class DecodingContext
{
    private final Definitions definitions;
    private final AccountNames names;

    DecodingContext(final Definitions definitions, final AccountNames names)
    {
        this.definitions = definitions;
        this.names = names;
    }

    Definitions definitions()
    {
        return definitions;
    }

    Address account(final JsonFields fields, final String field) throws CommandFormatException
    {
        try
        {
            return names.resolve(fields.text(field));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name(field), ex.getMessage());
        }
    }

    Definitions.Oracle oracle(final JsonFields fields) throws CommandFormatException
    {
        final String name = fields.text("oracle");
        final Definitions.Oracle oracle = definitions.oracleByName(name);
        if (oracle == null)
        {
            throw new CommandFormatException(fields.name("oracle"), "unknown oracle '" + name + "'");
        }
        return oracle;
    }

    /** Decimals of prices in an oracle's price units. */
    int priceDecimals(final int oracleId)
    {
        return -definitions.oracle(oracleId).priceExponent();
    }

    Asset asset(final JsonFields fields, final String field) throws CommandFormatException
    {
        final String symbol = fields.text(field, "USDC");
        final Asset asset = definitions.assetBySymbol(symbol);
        if (asset == null)
        {
            throw new CommandFormatException(fields.name(field), "unknown asset '" + symbol + "'");
        }
        return asset;
    }

    /**
     * The asset of a withdrawal: a symbol, or an asset id as a JSON integer, which may name no asset (the engine then
     * refuses the withdrawal with {@code ASSET_NOT_WITHDRAWABLE}).
     */
    int withdrawalAsset(final JsonFields fields) throws CommandFormatException
    {
        final JsonNode raw = fields.raw("asset");
        return raw != null && raw.isIntegralNumber() ? fields.smallInteger("asset", 0, 65_535) :
            asset(fields, "asset").id();
    }

    /** Decimals of an asset id's amounts: those of the asset, or 0 (whole quantums) for an id with no asset. */
    int decimals(final int assetId)
    {
        final Asset asset = definitions.asset(assetId);
        return asset == null ? 0 : asset.decimals();
    }

    Definitions.Market perpetual(final JsonFields fields, final String field) throws CommandFormatException
    {
        return market(fields, field, definitions::perpetualByTicker, "market");
    }

    /** A perpetual market or an option series by ticker. */
    Definitions.Market instrument(final JsonFields fields, final String field) throws CommandFormatException
    {
        return market(fields, field, definitions::instrumentByTicker, "market");
    }

    Definitions.Market series(final JsonFields fields, final String field) throws CommandFormatException
    {
        return market(fields, field, definitions::optionByTicker, "option series");
    }

    private static Definitions.Market market(final JsonFields fields, final String field,
        final Function<String, Definitions.Market> byTicker, final String kind)
        throws CommandFormatException
    {
        final String ticker = fields.text(field);
        final Definitions.Market market = byTicker.apply(ticker);
        if (market == null)
        {
            throw new CommandFormatException(fields.name(field), "unknown " + kind + " '" + ticker + "'");
        }
        return market;
    }

    static MarketStatus status(final JsonFields fields, final String field) throws CommandFormatException
    {
        final String text = fields.text(field);
        switch (text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""))
        {
            case "active":
                return MarketStatus.ACTIVE;
            case "reduceonly":
                return MarketStatus.REDUCE_ONLY;
            case "halted":
                return MarketStatus.HALTED;
            default:
                throw new CommandFormatException(fields.name(field), "must be active, reduceOnly or halted");
        }
    }

    /** The command's own "signature", or null when it has none (the command is then unsigned). */
    static EcdsaSignature signature(final JsonFields fields) throws CommandFormatException
    {
        if (!fields.has("signature"))
        {
            return null;
        }
        try
        {
            return EcdsaSignature.fromBytes65(Hex.decode(fields.text("signature")));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name("signature"), "must be 65 bytes r||s||v in hex");
        }
    }

    static LiquidityTier liquidityTier(final JsonFields fields, final Set<String> objectFields)
        throws CommandFormatException
    {
        final JsonNode raw = fields.raw("liquidityTier");
        if (raw == null || raw.isNull())
        {
            throw new CommandFormatException(fields.name("liquidityTier"), "is required");
        }
        if (raw.isTextual())
        {
            final LiquidityTier tier = LiquidityTiers.byName(raw.asText());
            if (tier == null)
            {
                throw new CommandFormatException(fields.name("liquidityTier"), "unknown tier '" +
                    JsonFields.quote(raw.asText()) +
                    "'; known: " + LiquidityTiers.names());
            }
            return tier;
        }
        final JsonFields tier = fields.object("liquidityTier");
        tier.allowOnly(objectFields);
        try
        {
            return new LiquidityTier(tier.smallInteger("id", 0, 65_535, 0), tier.text("name", "custom"),
                tier.decimal("initialMargin", 6), tier.decimal("maintenanceFraction", 6),
                tier.decimal("imfFactor", 6, 0), tier.decimal("openInterestLowerCap", 6, 0),
                tier.decimal("openInterestUpperCap", 6, 0));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name("liquidityTier"), ex.getMessage());
        }
    }
}
