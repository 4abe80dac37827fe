package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.account.Account;
import io.novation.core.account.Address;
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
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.SignatureMode;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.market.Asset;
import io.novation.core.market.Instrument;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.PublisherSet;
import io.novation.core.oracle.VolSurfaceParameters;
import io.novation.core.pricing.OptionType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decodes commands of the JSON vocabulary (docs/protocol.md §5) into engine commands, converting decimal strings in
 * human units into quantums with the engine's current definitions of assets, markets and oracles. Where a scenario
 * declares an account's key, the decoder signs that account's orders, withdrawals and transfers, and a publisher's
 * price reports and volatility surfaces; otherwise the command must carry a "signature" (0x r||s||v).
 */
public final class CommandDecoder
{
    private static final long DEFAULT_ORDER_LIFETIME_MS = 24L * 60 * 60 * 1000;
    private static final Set<String> COMMON = Set.of("type", "time");
    private static final Set<String> ORDER_FIELDS = Set.of("account", "subaccount", "side", "size", "limitPrice",
        "nonce", "expiry", "reduceOnly", "signature");

    private final ClearingEngine engine;
    private final AccountDirectory directory;
    private final Map<Address, Long> nextOrderNonce = new HashMap<>();

    /**
     * A decoder for one engine.
     *
     * @param engine    the engine whose definitions convert units.
     * @param directory resolves account names and signs for declared keys.
     */
    public CommandDecoder(final ClearingEngine engine, final AccountDirectory directory)
    {
        this.engine = engine;
        this.directory = directory;
    }

    /**
     * Decodes one command.
     *
     * @param json        the command object.
     * @param defaultTime time to use when the command has no "time".
     * @return the engine command.
     * @throws CommandFormatException naming the field at fault.
     */
    public Command decode(final JsonNode json, final long defaultTime) throws CommandFormatException
    {
        final JsonFields fields = new JsonFields(json, "");
        final String type = fields.text("type");
        final long time = fields.has("time") ? fields.time("time") : defaultTime;
        switch (type)
        {
            case "createAsset":
                return createAsset(fields, time);
            case "createPerpetual":
                return createPerpetual(fields, time);
            case "setMarketStatus":
                fields.allowOnly(with("market", "status"));
                return new SetMarketStatus(time, instrument(fields, "market").id(), status(fields, "status"));
            case "createOptionSeries":
                return createOptionSeries(fields, time);
            case "oracleVolSurface":
                return oracleVolSurface(fields, time);
            case "setMarginMode":
                return setMarginMode(fields, time);
            case "settleExpiry":
                fields.allowOnly(with("series"));
                return new SettleExpiry(time, series(fields, "series").id());
            case "registerOraclePublisher":
                fields.allowOnly(with("oracle", "publisher"));
                return new RegisterOraclePublisher(time, oracle(fields), account(fields, "publisher"));
            case "setOracleParameters":
                return setOracleParameters(fields, time);
            case "setVolSurfaceParameters":
                return setVolSurfaceParameters(fields, time);
            case "oraclePrice":
                return oraclePrice(fields, time);
            case "deposit":
                return deposit(fields, time);
            case "withdraw":
                return withdraw(fields, time);
            case "transfer":
                return transfer(fields, time);
            case "settleTrade":
                return settleTrade(fields, time);
            case "liquidate":
                return liquidate(fields, time);
            case "fundingSample":
                return fundingSample(fields, time);
            case "fundingTick":
                fields.allowOnly(with("market", "rate"));
                return fields.has("rate") ?
                    FundingTick.withRate(time, market(fields, "market").id(), fields.decimal("rate", 9)) :
                    FundingTick.computed(time, market(fields, "market").id());
            case "setFundingParameters":
                return setFundingParameters(fields, time);
            case "forcedWithdraw":
                return forcedWithdraw(fields, time);
            default:
                throw new CommandFormatException("UNKNOWN_TYPE", "type", "unknown command type '" + type + "'");
        }
    }

    private static final Map<String, Set<String>> ALLOWED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Set<String> with(final String... names)
    {
        return ALLOWED.computeIfAbsent(String.join(",", names), key ->
        {
            final java.util.HashSet<String> all = new java.util.HashSet<>(COMMON);
            all.addAll(java.util.Arrays.asList(names));
            return Set.copyOf(all);
        });
    }

    private Command createAsset(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("symbol", "decimals", "oracle", "priceExponent", "initialWeight", "maintenanceWeight"));
        final long initialWeight = fields.decimal("initialWeight", 6);
        return new CreateAsset(time, engine.state().markets().assetCount(), fields.text("symbol"),
            fields.smallInteger("decimals", 0, 18), fields.text("oracle"),
            fields.smallInteger("priceExponent", -18, 18), initialWeight,
            fields.decimal("maintenanceWeight", 6, initialWeight));
    }

    private Command createPerpetual(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("ticker", "oracle", "priceExponent", "atomicResolution", "tickSize", "stepSize",
            "liquidityTier", "makerFee", "takerFee", "status"));
        final int priceExponent = fields.smallInteger("priceExponent", -18, 18);
        final int atomicResolution = fields.smallInteger("atomicResolution", -18, 0);
        final String ticker = fields.text("ticker");
        return new CreatePerpetual(time, engine.state().markets().perpetualCount(), ticker,
            fields.text("oracle", ticker), priceExponent, atomicResolution,
            fields.decimal("tickSize", -priceExponent), fields.decimal("stepSize", -atomicResolution),
            liquidityTier(fields), fields.decimal("makerFee", 6, 0), fields.decimal("takerFee", 6, 0),
            fields.has("status") ? status(fields, "status") : MarketStatus.ACTIVE);
    }

    /**
     * An option series: the underlying's oracle, strike (its price units), expiry, "call" or "put", the contract
     * size as an atomic resolution, premium tick and size step, fees on the premium; the ticker defaults to
     * ORACLE-yyyyMMdd-STRIKE-C|P.
     */
    private Command createOptionSeries(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("ticker", "oracle", "strike", "expiry", "optionType", "atomicResolution", "tickSize",
            "stepSize", "makerFee", "takerFee", "status"));
        final int oracleId = oracle(fields);
        final int priceDecimals = -engine.state().oracles().priceExponent(oracleId);
        final int atomicResolution = fields.smallInteger("atomicResolution", -18, 0);
        final long strike = fields.decimal("strike", priceDecimals);
        final long expiry = fields.time("expiry");
        final OptionType type = switch (fields.text("optionType").toLowerCase(Locale.ROOT))
        {
            case "call" -> OptionType.CALL;
            case "put" -> OptionType.PUT;
            default -> throw new CommandFormatException(fields.name("optionType"), "must be \"call\" or \"put\"");
        };
        final String ticker = fields.has("ticker") ? fields.text("ticker") : engine.state().oracles().name(oracleId) +
            "-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd").withZone(java.time.ZoneOffset.UTC)
            .format(java.time.Instant.ofEpochMilli(expiry)) + "-" + fields.text("strike") + "-" +
            (type == OptionType.CALL ? "C" : "P");
        return new CreateOptionSeries(time, engine.state().markets().nextOptionId(), ticker, oracleId, strike, expiry,
            type, atomicResolution, fields.decimal("tickSize", priceDecimals),
            fields.decimal("stepSize", -atomicResolution), fields.decimal("makerFee", 6, 0),
            fields.decimal("takerFee", 6, 0), fields.has("status") ? status(fields, "status") : MarketStatus.ACTIVE);
    }

    /**
     * A volatility surface signed by a registered publisher of the underlying's oracle: {publisher, publishedAt
     * (default: the command's time), slices (per expiry the raw SVI parameters a, b, rho, m, sigma as decimals, 9
     * places), signature (default: signed with the publisher's declared key)}.
     */
    private Command oracleVolSurface(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("oracle", "publisher", "publishedAt", "slices", "signature"));
        final int oracleId = oracle(fields);
        final Address publisher = account(fields, "publisher");
        final JsonNode array = fields.raw("slices");
        if (array == null || !array.isArray())
        {
            throw new CommandFormatException(fields.name("slices"), "must be an array of {expiry, a, b, rho, m, sigma}");
        }
        final List<OracleVolSurface.Slice> slices = new ArrayList<>();
        for (int i = 0; i < array.size(); i++)
        {
            final JsonFields slice = new JsonFields(array.get(i), fields.name("slices") + "[" + i + "]");
            slice.allowOnly(Set.of("expiry", "a", "b", "rho", "m", "sigma"));
            slices.add(new OracleVolSurface.Slice(slice.time("expiry"), slice.decimal("a", 9), slice.decimal("b", 9),
                slice.decimal("rho", 9), slice.decimal("m", 9), slice.decimal("sigma", 9)));
        }
        final OracleVolSurface unsigned = new OracleVolSurface(time, oracleId,
            fields.has("publishedAt") ? fields.time("publishedAt") : time, slices, publisher, null);
        return unsigned.withSignature(signature(fields, publisher, () -> unsigned.digest(engine.domainSeparator())));
    }

    private static LiquidityTier liquidityTier(final JsonFields fields) throws CommandFormatException
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
                throw new CommandFormatException(fields.name("liquidityTier"), "unknown tier '" + raw.asText() +
                    "'; known: " + LiquidityTiers.names());
            }
            return tier;
        }
        final JsonFields tier = fields.object("liquidityTier");
        tier.allowOnly(Set.of("id", "name", "initialMargin", "maintenanceFraction", "imfFactor",
            "openInterestLowerCap", "openInterestUpperCap"));
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

    private int oracle(final JsonFields fields) throws CommandFormatException
    {
        final String name = fields.text("oracle");
        final int oracleId = engine.state().oracles().idOf(name);
        if (oracleId < 0)
        {
            throw new CommandFormatException(fields.name("oracle"), "unknown oracle '" + name + "'");
        }
        return oracleId;
    }

    private Command setOracleParameters(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("oracle", "quorum", "freshnessWindowMs", "maxFutureSkewMs", "heartbeatMs",
            "haltAfterMs", "deviationThreshold", "jumpQuorum", "staleBandBase", "staleBandPerMinute",
            "staleBandMax"));
        final int oracleId = oracle(fields);
        final OracleParameters current = engine.state().oracles().feed(oracleId).parameters();
        try
        {
            return new SetOracleParameters(time, oracleId, new OracleParameters(
                fields.smallInteger("quorum", 1, OracleParameters.MAX_PUBLISHERS, current.quorum()),
                fields.integer("freshnessWindowMs", current.freshnessWindowMs()),
                fields.integer("maxFutureSkewMs", current.maxFutureSkewMs()),
                fields.integer("heartbeatMs", current.heartbeatMs()),
                fields.integer("haltAfterMs", current.haltAfterMs()),
                fields.decimal("deviationThreshold", 6, current.deviationThresholdPpm()),
                fields.smallInteger("jumpQuorum", 1, OracleParameters.MAX_PUBLISHERS, current.jumpQuorum()),
                fields.decimal("staleBandBase", 6, current.staleBandBasePpm()),
                fields.decimal("staleBandPerMinute", 6, current.staleBandPpmPerMinute()),
                fields.decimal("staleBandMax", 6, current.staleBandMaxPpm())));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name("oracle"), ex.getMessage());
        }
    }

    private Command setVolSurfaceParameters(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("oracle", "heartbeatMs", "deviationThreshold", "staleBandBase", "staleBandPerHour",
            "staleBandMax"));
        final int oracleId = oracle(fields);
        final VolSurfaceParameters current = engine.state().volSurfaces().parameters(oracleId);
        try
        {
            return new SetVolSurfaceParameters(time, oracleId, new VolSurfaceParameters(
                fields.integer("heartbeatMs", current.heartbeatMs()),
                fields.decimal("deviationThreshold", 6, current.deviationThresholdPpm()),
                fields.decimal("staleBandBase", 6, current.staleBandBasePpm()),
                fields.decimal("staleBandPerHour", 6, current.staleBandPpmPerHour()),
                fields.decimal("staleBandMax", 6, current.staleBandMaxPpm())));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name("oracle"), ex.getMessage());
        }
    }

    /**
     * A round of reports: each {publisher, price, publishedAt (default: the command's time), signature (default:
     * signed with the publisher's declared key)}; or, as a convenience, one "price" reported by every registered
     * publisher of the oracle whose key the scenario declares.
     */
    private Command oraclePrice(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("oracle", "price", "reports"));
        final OracleBook oracles = engine.state().oracles();
        final int oracleId = oracle(fields);
        final int decimals = -oracles.priceExponent(oracleId);
        final List<PriceReport> reports = new ArrayList<>();
        if (fields.has("price") == fields.has("reports"))
        {
            throw new CommandFormatException(fields.name("reports"), "give either \"reports\" or one \"price\"");
        }
        if (fields.has("price"))
        {
            final long price = fields.decimal("price", decimals);
            final PublisherSet publishers = oracles.feed(oracleId).publishers();
            final boolean trusted = engine.config().signatureMode() == SignatureMode.TRUSTED;
            for (int i = 0; i < publishers.count(); i++)
            {
                final PriceReport unsigned = new PriceReport(oracleId, price, time, publishers.address(i), null);
                final EcdsaSignature signature = directory.sign(unsigned.publisher(),
                    unsigned.digest(engine.domainSeparator()));
                if (signature != null || trusted)
                {
                    reports.add(unsigned.withSignature(signature));
                }
            }
            return new OraclePrice(time, oracleId, reports);
        }
        final JsonNode array = fields.raw("reports");
        if (!array.isArray())
        {
            throw new CommandFormatException(fields.name("reports"), "must be an array of reports");
        }
        for (int i = 0; i < array.size(); i++)
        {
            final JsonFields report = new JsonFields(array.get(i), fields.name("reports") + "[" + i + "]");
            report.allowOnly(Set.of("publisher", "price", "publishedAt", "signature"));
            final Address publisher = account(report, "publisher");
            final PriceReport unsigned = new PriceReport(oracleId, report.decimal("price", decimals),
                report.has("publishedAt") ? report.time("publishedAt") : time, publisher, null);
            reports.add(unsigned.withSignature(signature(report, publisher,
                () -> unsigned.digest(engine.domainSeparator()))));
        }
        return new OraclePrice(time, oracleId, reports);
    }

    private Command deposit(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("account", "subaccount", "asset", "amount", "depositId"));
        final Asset asset = asset(fields, "asset");
        return new Deposit(time, account(fields, "account"), fields.smallInteger("subaccount", 0, 255, 0),
            asset.id(), fields.decimal("amount", asset.decimals()),
            fields.integer("depositId", engine.state().lastDepositId() + 1));
    }

    private Command forcedWithdraw(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("account", "subaccount", "asset", "amount", "requestId"));
        final int assetId = withdrawalAsset(fields);
        return new io.novation.core.command.ForcedWithdraw(time, account(fields, "account"),
            fields.smallInteger("subaccount", 0, 255, 0), assetId, fields.decimal("amount", decimals(assetId)),
            fields.integer("requestId", engine.state().lastForcedRequestId() + 1));
    }

    private Command withdraw(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("account", "subaccount", "asset", "amount", "nonce", "signature"));
        final int assetId = withdrawalAsset(fields);
        final Address owner = account(fields, "account");
        final Withdraw unsigned = new Withdraw(time, owner, fields.smallInteger("subaccount", 0, 255, 0), assetId,
            fields.decimal("amount", decimals(assetId)), fields.integer("nonce", nextAccountNonce(owner)), null);
        final EcdsaSignature signature = signature(fields, owner, () -> unsigned.digest(engine.domainSeparator()));
        return new Withdraw(unsigned.time(), owner, unsigned.subaccount(), unsigned.assetId(), unsigned.amount(),
            unsigned.nonce(), signature);
    }

    private Command transfer(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("account", "from", "to", "asset", "amount", "nonce", "signature"));
        final Asset asset = asset(fields, "asset");
        final Address owner = account(fields, "account");
        final Transfer unsigned = new Transfer(time, owner, fields.smallInteger("from", 0, 255),
            fields.smallInteger("to", 0, 255), asset.id(), fields.decimal("amount", asset.decimals()),
            fields.integer("nonce", nextAccountNonce(owner)), null);
        final EcdsaSignature signature = signature(fields, owner, () -> unsigned.digest(engine.domainSeparator()));
        return new Transfer(unsigned.time(), owner, unsigned.fromSubaccount(), unsigned.toSubaccount(),
            unsigned.assetId(), unsigned.amount(), unsigned.nonce(), signature);
    }

    /** An owner's switch between "standard" and "portfolio" margin for a cross subaccount. */
    private Command setMarginMode(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("account", "subaccount", "mode", "nonce", "signature"));
        final Address owner = account(fields, "account");
        final String mode = fields.text("mode");
        if (!mode.equals("portfolio") && !mode.equals("standard"))
        {
            throw new CommandFormatException(fields.name("mode"), "must be \"standard\" or \"portfolio\"");
        }
        final SetMarginMode unsigned = new SetMarginMode(time, owner, fields.smallInteger("subaccount", 0, 255, 0),
            mode.equals("portfolio"), fields.integer("nonce", nextAccountNonce(owner)), null);
        return unsigned.withSignature(signature(fields, owner, () -> unsigned.digest(engine.domainSeparator())));
    }

    private Command settleTrade(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("market", "size", "price", "maker", "taker"));
        final Instrument market = instrument(fields, "market");
        final int priceDecimals = -engine.state().oracles().priceExponent(market.oracleId());
        final int sizeDecimals = -market.atomicResolution();
        return new SettleTrade(time, market.id(),
            order(fields.object("maker"), market, priceDecimals, sizeDecimals, time),
            order(fields.object("taker"), market, priceDecimals, sizeDecimals, time),
            fields.decimal("size", sizeDecimals), fields.decimal("price", priceDecimals));
    }

    /** A keeper's request: take over {@code size} of the target subaccount's position in the market. */
    private Command liquidate(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("keeper", "keeperSubaccount", "target", "targetSubaccount", "market", "size", "nonce",
            "signature"));
        final Instrument market = instrument(fields, "market");
        final Address keeper = account(fields, "keeper");
        final Liquidate unsigned = new Liquidate(time, keeper, fields.smallInteger("keeperSubaccount", 0, 255, 0),
            account(fields, "target"), fields.smallInteger("targetSubaccount", 0, 255, 0), market.id(),
            fields.decimal("size", -market.atomicResolution()), fields.integer("nonce", nextAccountNonce(keeper)),
            null);
        return unsigned.withSignature(signature(fields, keeper, () -> unsigned.digest(engine.domainSeparator())));
    }

    /** A premium sample: the book's impact bid and ask in the market's price units, either or both left out. */
    private Command fundingSample(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("market", "impactBid", "impactAsk"));
        final PerpetualMarket market = market(fields, "market");
        final int priceDecimals = -engine.state().oracles().priceExponent(market.oracleId());
        return new FundingSample(time, market.id(), fields.decimal("impactBid", priceDecimals, 0),
            fields.decimal("impactAsk", priceDecimals, 0));
    }

    /** Funding settings; rates and clamps as decimal fractions ("0.0001" is 0.01 %), omitted ones unchanged. */
    private Command setFundingParameters(final JsonFields fields, final long time) throws CommandFormatException
    {
        fields.allowOnly(with("market", "mode", "sampleIntervalMs", "tickIntervalMs", "interestRate",
            "interestClamp", "rateClampFactor", "premiumClampFactor"));
        final PerpetualMarket market = market(fields, "market");
        final FundingParameters current = market.funding().parameters();
        final FundingMode mode;
        final String modeName = fields.text("mode", "");
        switch (modeName)
        {
            case "":
                mode = current.mode();
                break;
            case "premium":
                mode = FundingMode.PREMIUM_SAMPLES;
                break;
            case "external":
                mode = FundingMode.EXTERNAL_RATE;
                break;
            default:
                throw new CommandFormatException(fields.name("mode"), "must be \"premium\" or \"external\"");
        }
        try
        {
            return new SetFundingParameters(time, market.id(), new FundingParameters(mode,
                fields.integer("sampleIntervalMs", current.sampleIntervalMs()),
                fields.integer("tickIntervalMs", current.tickIntervalMs()),
                fields.decimal("interestRate", 9, current.interestRate8hPpb()),
                fields.decimal("interestClamp", 9, current.interestClampPpb()),
                fields.decimal("rateClampFactor", 6, current.rateClampFactorPpm()),
                fields.decimal("premiumClampFactor", 6, current.premiumClampFactorPpm())));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name("market"), ex.getMessage());
        }
    }

    private Order order(final JsonFields fields, final Instrument market, final int priceDecimals,
        final int sizeDecimals, final long time) throws CommandFormatException
    {
        fields.allowOnly(ORDER_FIELDS);
        final Address owner = account(fields, "account");
        final String side = fields.text("side").toLowerCase(Locale.ROOT);
        if (!side.equals("buy") && !side.equals("sell"))
        {
            throw new CommandFormatException(fields.name("side"), "must be \"buy\" or \"sell\"");
        }
        final long nonce;
        if (fields.has("nonce"))
        {
            nonce = fields.integer("nonce");
        }
        else
        {
            nonce = nextOrderNonce.getOrDefault(owner, 1L);
        }
        nextOrderNonce.put(owner, Math.max(nextOrderNonce.getOrDefault(owner, 1L), nonce + 1));
        final Order unsigned = Order.of(owner, fields.smallInteger("subaccount", 0, 255, 0), market.id(),
            side.equals("buy"), fields.decimal("size", sizeDecimals), fields.decimal("limitPrice", priceDecimals),
            nonce, fields.has("expiry") ? fields.time("expiry") : time + DEFAULT_ORDER_LIFETIME_MS,
            fields.bool("reduceOnly", false), null);
        return unsigned.withSignature(signature(fields, owner, () -> unsigned.digest(engine.domainSeparator())));
    }

    private EcdsaSignature signature(final JsonFields fields, final Address owner,
        final java.util.function.Supplier<byte[]> digest) throws CommandFormatException
    {
        if (fields.has("signature"))
        {
            try
            {
                return EcdsaSignature.fromBytes65(io.novation.core.crypto.Hex.decode(fields.text("signature")));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandFormatException(fields.name("signature"), "must be 65 bytes r||s||v in hex");
            }
        }
        return directory.sign(owner, digest.get());
    }

    private long nextAccountNonce(final Address owner)
    {
        final Account account = engine.state().accounts().find(owner);
        return account == null ? 1 : account.lastNonce() + 1;
    }

    private Address account(final JsonFields fields, final String field) throws CommandFormatException
    {
        try
        {
            return directory.resolve(fields.text(field));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFormatException(fields.name(field), ex.getMessage());
        }
    }

    /**
     * The asset of a withdrawal: a symbol, or an asset id as a JSON integer, which may name no asset (the engine then
     * refuses the withdrawal with {@code ASSET_NOT_WITHDRAWABLE}).
     */
    private int withdrawalAsset(final JsonFields fields) throws CommandFormatException
    {
        final JsonNode raw = fields.raw("asset");
        return raw != null && raw.isIntegralNumber() ? fields.smallInteger("asset", 0, 65_535) :
            asset(fields, "asset").id();
    }

    /** Decimals of an asset id's amounts: those of the asset, or 0 (whole quantums) for an id with no asset. */
    private int decimals(final int assetId)
    {
        final Asset asset = engine.state().markets().asset(assetId);
        return asset == null ? 0 : asset.decimals();
    }

    private Asset asset(final JsonFields fields, final String field) throws CommandFormatException
    {
        final String symbol = fields.text(field, "USDC");
        final Asset asset = engine.state().markets().assetBySymbol(symbol);
        if (asset == null)
        {
            throw new CommandFormatException(fields.name(field), "unknown asset '" + symbol + "'");
        }
        return asset;
    }

    private PerpetualMarket market(final JsonFields fields, final String field) throws CommandFormatException
    {
        final String ticker = fields.text(field);
        final PerpetualMarket market = engine.state().markets().perpetualByTicker(ticker);
        if (market == null)
        {
            throw new CommandFormatException(fields.name(field), "unknown market '" + ticker + "'");
        }
        return market;
    }

    /** A perpetual market or an option series by ticker. */
    private Instrument instrument(final JsonFields fields, final String field) throws CommandFormatException
    {
        final String ticker = fields.text(field);
        final Instrument instrument = engine.state().markets().perpetualByTicker(ticker) != null ?
            engine.state().markets().perpetualByTicker(ticker) : engine.state().markets().optionByTicker(ticker);
        if (instrument == null)
        {
            throw new CommandFormatException(fields.name(field), "unknown market '" + ticker + "'");
        }
        return instrument;
    }

    private OptionSeries series(final JsonFields fields, final String field) throws CommandFormatException
    {
        final String ticker = fields.text(field);
        final OptionSeries series = engine.state().markets().optionByTicker(ticker);
        if (series == null)
        {
            throw new CommandFormatException(fields.name(field), "unknown option series '" + ticker + "'");
        }
        return series;
    }

    private static MarketStatus status(final JsonFields fields, final String field) throws CommandFormatException
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
}
