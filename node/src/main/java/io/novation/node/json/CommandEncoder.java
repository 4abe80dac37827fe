package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.market.Asset;
import io.novation.core.market.Instrument;
import io.novation.core.pricing.OptionType;
import java.time.Instant;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;

import java.math.BigDecimal;

/**
 * The inverse of {@link CommandDecoder}: an engine command as a command of the JSON vocabulary, in human units
 * (decimal strings) with the asset, market and oracle definitions of a state, with every signature in hex; for
 * clients, tests and benchmarks that speak to a node.
 */
public final class CommandEncoder
{
    private final ClearingStateView state;

    /**
     * An encoder over the definitions of a state (the client's replica of the node's configuration).
     *
     * @param state the state holding the assets, markets and oracles the commands refer to.
     */
    public CommandEncoder(final ClearingStateView state)
    {
        this.state = state;
    }

    /** A withdrawal's asset and amount: by symbol, or by id in whole quantums when the id names no asset. */
    private void withdrawalAsset(final ObjectNode json, final int assetId, final long amount)
    {
        final Asset asset = state.markets().asset(assetId);
        if (asset == null)
        {
            json.put("asset", assetId).put("amount", Long.toString(amount));
            return;
        }
        json.put("asset", asset.symbol()).put("amount", FixedPoint.formatDecimal(amount, asset.decimals()));
    }

    /**
     * Encodes a command.
     *
     * @param command  the command.
     * @param withTime whether to include its time (epoch ms); without it the sequencer assigns one.
     * @return the JSON object.
     */
    public ObjectNode encode(final Command command, final boolean withTime)
    {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        if (command instanceof SettleTrade c)
        {
            final Instrument market = state.markets().instrument(c.marketId());
            json.put("type", "settleTrade").put("market", market.ticker());
            json.put("size", size(market, c.fillSize())).put("price", price(market, c.fillPrice()));
            json.set("maker", order(market, c.maker()));
            json.set("taker", order(market, c.taker()));
        }
        else if (command instanceof Deposit c)
        {
            final Asset asset = state.markets().asset(c.assetId());
            json.put("type", "deposit").put("account", c.account().toString()).put("subaccount", c.subaccount())
                .put("asset", asset.symbol()).put("amount", FixedPoint.formatDecimal(c.amount(), asset.decimals()))
                .put("depositId", c.depositId());
        }
        else if (command instanceof Withdraw c)
        {
            json.put("type", "withdraw").put("account", c.account().toString()).put("subaccount", c.subaccount());
            withdrawalAsset(json, c.assetId(), c.amount());
            json.put("nonce", c.nonce());
            signature(json, c.signature());
        }
        else if (command instanceof Transfer c)
        {
            final Asset asset = state.markets().asset(c.assetId());
            json.put("type", "transfer").put("account", c.account().toString()).put("from", c.fromSubaccount())
                .put("to", c.toSubaccount()).put("asset", asset.symbol())
                .put("amount", FixedPoint.formatDecimal(c.amount(), asset.decimals())).put("nonce", c.nonce());
            signature(json, c.signature());
        }
        else if (command instanceof OraclePrice c)
        {
            final int exponent = state.oracles().priceExponent(c.oracleId());
            json.put("type", "oraclePrice").put("oracle", state.oracles().name(c.oracleId()));
            final ArrayNode reports = json.putArray("reports");
            for (final PriceReport report : c.reports())
            {
                final ObjectNode entry = reports.addObject();
                entry.put("publisher", report.publisher().toString()).put("price", decimal(report.price(), -exponent))
                    .put("publishedAt", report.publishedAt());
                signature(entry, report.signature());
            }
        }
        else if (command instanceof CreateAsset c)
        {
            json.put("type", "createAsset").put("symbol", c.symbol()).put("decimals", c.decimals())
                .put("oracle", c.oracle()).put("priceExponent", c.priceExponent())
                .put("initialWeight", FixedPoint.formatDecimal(c.initialWeightPpm(), 6))
                .put("maintenanceWeight", FixedPoint.formatDecimal(c.maintenanceWeightPpm(), 6));
        }
        else if (command instanceof CreatePerpetual c)
        {
            final LiquidityTier tier = c.liquidityTier();
            json.put("type", "createPerpetual").put("ticker", c.ticker()).put("oracle", c.oracle())
                .put("priceExponent", c.priceExponent()).put("atomicResolution", c.atomicResolution())
                .put("tickSize", decimal(c.tickSize(), -c.priceExponent()))
                .put("stepSize", decimal(c.stepSize(), -c.atomicResolution()))
                .put("makerFee", FixedPoint.formatDecimal(c.makerFeePpm(), 6))
                .put("takerFee", FixedPoint.formatDecimal(c.takerFeePpm(), 6)).put("status", status(c.status()));
            json.putObject("liquidityTier").put("id", tier.id()).put("name", tier.name())
                .put("initialMargin", FixedPoint.formatDecimal(tier.initialMarginPpm(), 6))
                .put("maintenanceFraction", FixedPoint.formatDecimal(tier.maintenanceFractionPpm(), 6))
                .put("imfFactor", FixedPoint.formatDecimal(tier.imfFactorPpm(), 6))
                .put("openInterestLowerCap", FixedPoint.formatDecimal(tier.openInterestLowerCap(), 6))
                .put("openInterestUpperCap", FixedPoint.formatDecimal(tier.openInterestUpperCap(), 6));
        }
        else if (command instanceof SetMarketStatus c)
        {
            json.put("type", "setMarketStatus").put("market", state.markets().instrument(c.marketId()).ticker())
                .put("status", status(c.status()));
        }
        else if (command instanceof RegisterOraclePublisher c)
        {
            json.put("type", "registerOraclePublisher").put("oracle", state.oracles().name(c.oracleId()))
                .put("publisher", c.publisher().toString());
        }
        else if (command instanceof SetOracleParameters c)
        {
            final OracleParameters p = c.parameters();
            json.put("type", "setOracleParameters").put("oracle", state.oracles().name(c.oracleId()))
                .put("quorum", p.quorum()).put("freshnessWindowMs", p.freshnessWindowMs())
                .put("maxFutureSkewMs", p.maxFutureSkewMs()).put("heartbeatMs", p.heartbeatMs())
                .put("haltAfterMs", p.haltAfterMs())
                .put("deviationThreshold", FixedPoint.formatDecimal(p.deviationThresholdPpm(), 6))
                .put("jumpQuorum", p.jumpQuorum())
                .put("staleBandBase", FixedPoint.formatDecimal(p.staleBandBasePpm(), 6))
                .put("staleBandPerMinute", FixedPoint.formatDecimal(p.staleBandPpmPerMinute(), 6))
                .put("staleBandMax", FixedPoint.formatDecimal(p.staleBandMaxPpm(), 6));
        }
        else if (command instanceof SetVolSurfaceParameters c)
        {
            final VolSurfaceParameters p = c.parameters();
            json.put("type", "setVolSurfaceParameters").put("oracle", state.oracles().name(c.oracleId()))
                .put("heartbeatMs", p.heartbeatMs())
                .put("deviationThreshold", FixedPoint.formatDecimal(p.deviationThresholdPpm(), 6))
                .put("staleBandBase", FixedPoint.formatDecimal(p.staleBandBasePpm(), 6))
                .put("staleBandPerHour", FixedPoint.formatDecimal(p.staleBandPpmPerHour(), 6))
                .put("staleBandMax", FixedPoint.formatDecimal(p.staleBandMaxPpm(), 6));
        }
        else if (command instanceof FundingSample c)
        {
            final PerpetualMarket market = state.markets().perpetual(c.marketId());
            json.put("type", "fundingSample").put("market", market.ticker());
            if (c.impactBidPrice() != 0)
            {
                json.put("impactBid", price(market, c.impactBidPrice()));
            }
            if (c.impactAskPrice() != 0)
            {
                json.put("impactAsk", price(market, c.impactAskPrice()));
            }
        }
        else if (command instanceof FundingTick c)
        {
            json.put("type", "fundingTick").put("market", state.markets().perpetual(c.marketId()).ticker());
            if (c.rateReported())
            {
                json.put("rate", FixedPoint.formatDecimal(c.rate8hPpb(), 9));
            }
        }
        else if (command instanceof SetFundingParameters c)
        {
            final FundingParameters p = c.parameters();
            json.put("type", "setFundingParameters").put("market", state.markets().perpetual(c.marketId()).ticker())
                .put("mode", p.mode() == FundingMode.EXTERNAL_RATE ? "external" : "premium")
                .put("sampleIntervalMs", p.sampleIntervalMs()).put("tickIntervalMs", p.tickIntervalMs())
                .put("interestRate", FixedPoint.formatDecimal(p.interestRate8hPpb(), 9))
                .put("interestClamp", FixedPoint.formatDecimal(p.interestClampPpb(), 9))
                .put("rateClampFactor", FixedPoint.formatDecimal(p.rateClampFactorPpm(), 6))
                .put("premiumClampFactor", FixedPoint.formatDecimal(p.premiumClampFactorPpm(), 6));
        }
        else if (command instanceof Liquidate c)
        {
            final PerpetualMarket market = state.markets().perpetual(c.marketId());
            json.put("type", "liquidate").put("keeper", c.keeper().toString())
                .put("keeperSubaccount", c.keeperSubaccount()).put("target", c.target().toString())
                .put("targetSubaccount", c.targetSubaccount()).put("market", market.ticker())
                .put("size", size(market, c.size())).put("nonce", c.nonce());
            signature(json, c.signature());
        }
        else if (command instanceof CreateOptionSeries c)
        {
            final int decimals = -state.oracles().priceExponent(c.oracleId());
            json.put("type", "createOptionSeries").put("ticker", c.ticker())
                .put("oracle", state.oracles().name(c.oracleId())).put("strike", decimal(c.strike(), decimals))
                .put("expiry", Instant.ofEpochMilli(c.expiry()).toString())
                .put("optionType", c.optionType() == OptionType.CALL ? "call" : "put")
                .put("atomicResolution", c.atomicResolution()).put("tickSize", decimal(c.tickSize(), decimals))
                .put("stepSize", decimal(c.stepSize(), -c.atomicResolution()))
                .put("makerFee", FixedPoint.formatDecimal(c.makerFeePpm(), 6))
                .put("takerFee", FixedPoint.formatDecimal(c.takerFeePpm(), 6)).put("status", status(c.status()));
        }
        else if (command instanceof OracleVolSurface c)
        {
            json.put("type", "oracleVolSurface").put("oracle", state.oracles().name(c.oracleId()));
            if (c.publisher() != null)
            {
                json.put("publisher", c.publisher().toString());
            }
            json.put("publishedAt", c.publishedAt());
            final ArrayNode slices = json.putArray("slices");
            for (final OracleVolSurface.Slice slice : c.slices())
            {
                slices.addObject().put("expiry", Instant.ofEpochMilli(slice.expiry()).toString())
                    .put("a", FixedPoint.formatDecimal(slice.aNanos(), 9))
                    .put("b", FixedPoint.formatDecimal(slice.bNanos(), 9))
                    .put("rho", FixedPoint.formatDecimal(slice.rhoNanos(), 9))
                    .put("m", FixedPoint.formatDecimal(slice.mNanos(), 9))
                    .put("sigma", FixedPoint.formatDecimal(slice.sigmaNanos(), 9));
            }
            signature(json, c.signature());
        }
        else if (command instanceof io.novation.core.command.SetMarginMode c)
        {
            json.put("type", "setMarginMode").put("account", c.account().toString()).put("subaccount", c.subaccount())
                .put("mode", c.portfolio() ? "portfolio" : "standard").put("nonce", c.nonce());
            signature(json, c.signature());
        }
        else if (command instanceof SettleExpiry c)
        {
            json.put("type", "settleExpiry").put("series", state.markets().option(c.seriesId()).ticker());
        }
        else if (command instanceof io.novation.core.command.ForcedWithdraw c)
        {
            json.put("type", "forcedWithdraw").put("account", c.account().toString())
                .put("subaccount", c.subaccount());
            withdrawalAsset(json, c.assetId(), c.amount());
            json.put("requestId", c.requestId());
        }
        else if (command instanceof io.novation.core.command.SealBatch c)
        {
            json.put("type", "sealBatch");
            json.set("header", Json.MAPPER.valueToTree(c.header()));
        }
        else
        {
            throw new IllegalArgumentException("cannot encode " + command);
        }
        if (withTime)
        {
            json.put("time", command.time());
        }
        return json;
    }

    /**
     * Adds the governance or bridge envelope to an encoded command.
     *
     * @param json      the encoded command.
     * @param nonce     the envelope's nonce.
     * @param signature the envelope's signature.
     * @return the same object.
     */
    public static ObjectNode withAuthority(final ObjectNode json, final long nonce, final EcdsaSignature signature)
    {
        json.putObject("authority").put("nonce", nonce).put("signature", Hex.encode(signature.toBytes65()));
        return json;
    }

    private ObjectNode order(final Instrument market, final Order order)
    {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("account", order.account().toString()).put("subaccount", order.subaccount())
            .put("side", order.isBuy() ? "buy" : "sell").put("size", size(market, order.size()))
            .put("limitPrice", price(market, order.limitPrice())).put("nonce", order.nonce())
            .put("expiry", order.expiry()).put("reduceOnly", order.reduceOnly());
        signature(json, order.signature());
        return json;
    }

    private String size(final Instrument market, final long size)
    {
        return decimal(size, -market.atomicResolution());
    }

    private String price(final Instrument market, final long price)
    {
        return decimal(price, -state.oracles().priceExponent(market.oracleId()));
    }

    private static String decimal(final long value, final int decimals)
    {
        return decimals >= 0 ? FixedPoint.formatDecimal(value, decimals) :
            BigDecimal.valueOf(value).movePointLeft(decimals).toPlainString();
    }

    private static void signature(final ObjectNode json, final EcdsaSignature signature)
    {
        if (signature != null)
        {
            json.put("signature", Hex.encode(signature.toBytes65()));
        }
    }

    private static String status(final MarketStatus status)
    {
        return switch (status)
        {
            case ACTIVE -> "active";
            case REDUCE_ONLY -> "reduceOnly";
            case HALTED -> "halted";
        };
    }
}
