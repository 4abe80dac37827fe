package io.novation.node.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.engine.Conservation;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.MarketFunding;
import io.novation.core.margin.LiquidationPriceSearch;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionMargin;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.margin.OracleLiquidationPrices;
import io.novation.core.pricing.OptionGreeks;
import io.novation.core.margin.PositionMargin;
import io.novation.core.market.Asset;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.market.MarketStatus;
import io.novation.node.json.AccountDirectory;
import io.novation.node.json.Json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine state as a person reads it: markets with prices and open interest; per subaccount the collateral,
 * positions (size, entry price, oracle price, notional, unrealized PnL, liquidation and bankruptcy prices), margin
 * figures (net collateral, IMR, MMR, free collateral, leverage) and the liquidation and bankruptcy prices of each
 * oracle that prices its holdings, on both sides ({@link LiquidationPriceSearch}), all in human units as decimal
 * strings; the fee pool, the insurance fund, conservation, and the state root.
 */
public final class StateReport
{
    private final ClearingEngine engine;
    private final AccountDirectory directory;

    /**
     * A report over an engine.
     *
     * @param engine    the engine.
     * @param directory names for known addresses.
     */
    public StateReport(final ClearingEngine engine, final AccountDirectory directory)
    {
        this.engine = engine;
        this.directory = directory;
    }

    /**
     * The report as a JSON object.
     *
     * @return the object.
     */
    public ObjectNode toJson()
    {
        final ClearingStateView state = engine.state();
        final ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("stateRoot", Hex.encode(engine.stateRoot()));
        root.put("sequence", state.sequence());
        root.put("time", Instant.ofEpochMilli(state.time()).toString());
        root.put("feePool", quote(state.feePool()));
        root.put("insuranceFund", quote(state.insuranceFund()));
        root.put("badDebt", quote(state.badDebt()));
        final ObjectNode conservation = root.putObject("conservation");
        conservation.put("holds", Conservation.holds(state));
        for (int assetId = 0; assetId < state.markets().assetCount(); assetId++)
        {
            final Asset asset = state.markets().asset(assetId);
            final ObjectNode entry = conservation.putObject(asset.symbol());
            entry.put("deposited", FixedPoint.formatDecimal(state.totalDeposited(assetId), asset.decimals()));
            entry.put("withdrawn", FixedPoint.formatDecimal(state.totalWithdrawn(assetId), asset.decimals()));
            entry.put("imbalance", Conservation.imbalance(state, assetId));
        }
        root.set("oracles", oracles(state));
        root.set("markets", markets(state));
        if (state.markets().optionCount() > 0)
        {
            root.set("optionSeries", optionSeries(state));
        }
        if (state.volSurfaces().count() > 0)
        {
            root.set("volSurfaces", volSurfaces(state));
        }
        root.set("accounts", accounts(state));
        return root;
    }

    /**
     * Every oracle: price, update time, status, TWAP, held round, publishers and quorum.
     *
     * @param state the engine state.
     * @return the array.
     */
    public ArrayNode oracles(final ClearingStateView state)
    {
        final ArrayNode array = Json.MAPPER.createArrayNode();
        final OracleBook oracles = state.oracles();
        for (int i = 0; i < oracles.count(); i++)
        {
            final OracleFeed feed = oracles.feed(i);
            final ObjectNode node = array.addObject();
            node.put("name", feed.name());
            node.put("price", price(oracles, i, feed.price()));
            if (feed.price() != OracleBook.NO_PRICE)
            {
                node.put("updatedAt", Instant.ofEpochMilli(feed.updatedAt()).toString());
            }
            node.put("status", oracles.status(i, state.time()).name());
            node.put("twap30m", price(oracles, i, oracles.twap(i, state.time())));
            if (feed.heldPrice() != OracleBook.NO_PRICE)
            {
                node.put("heldPrice", price(oracles, i, feed.heldPrice()));
            }
            node.put("publishers", feed.publishers().count());
            node.put("quorum", feed.parameters().quorum());
        }
        return array;
    }

    /**
     * Every perpetual market: id, ticker, oracle (name and id), units (price exponent, atomic resolution, step and
     * tick sizes), effective status, oracle price, open interest, initial margin and fees.
     *
     * @param state the engine state.
     * @return the array.
     */
    public ArrayNode markets(final ClearingStateView state)
    {
        final ArrayNode markets = Json.MAPPER.createArrayNode();
        final OracleBook oracles = state.oracles();
        for (int i = 0; i < state.markets().perpetualCount(); i++)
        {
            final PerpetualMarket market = state.markets().perpetual(i);
            final ObjectNode node = markets.addObject();
            node.put("id", market.id());
            node.put("ticker", market.ticker());
            node.put("oracle", oracles.name(market.oracleId()));
            node.put("oracleId", market.oracleId());
            node.put("priceExponent", oracles.priceExponent(market.oracleId()));
            node.put("atomicResolution", market.atomicResolution());
            node.put("stepSize", FixedPoint.formatDecimal(market.stepSize(), -market.atomicResolution()));
            node.put("tickSize", price(oracles, market.oracleId(), market.tickSize()));
            final MarketStatus oracleStatus = oracles.status(market.oracleId(), state.time());
            node.put("status", (oracleStatus.ordinal() > market.status().ordinal() ? oracleStatus :
                market.status()).name());
            node.put("oraclePrice", price(oracles, market.oracleId(), oracles.price(market.oracleId())));
            node.put("openInterest", FixedPoint.formatDecimal(market.openInterestBaseQuantums(),
                -market.atomicResolution()));
            node.put("initialMargin", FixedPoint.formatDecimal(market.liquidityTier().initialMarginPpm(), 6));
            node.put("makerFee", FixedPoint.formatDecimal(market.makerFeePpm(), 6));
            node.put("takerFee", FixedPoint.formatDecimal(market.takerFeePpm(), 6));
            final MarketFunding funding = market.funding();
            final ObjectNode fundingNode = node.putObject("funding");
            fundingNode.put("mode", funding.parameters().mode() == FundingMode.EXTERNAL_RATE ? "external" : "premium");
            fundingNode.put("lastRate8h", FixedPoint.formatDecimal(funding.lastRate8hPpb(), 9));
            fundingNode.put("lastTick", Instant.ofEpochMilli(funding.lastTickTime()).toString());
            fundingNode.put("cumulativeIndex", funding.cumulativeIndex());
            fundingNode.put("samplesSinceTick", funding.premiumSamples());
            fundingNode.put("ledger", quote(funding.ledger()));
            node.put("isolatedInsuranceFund", quote(market.isolatedInsuranceFund()));
        }
        return markets;
    }

    /**
     * Every option series: terms, effective status, open interest, and the settlement price once fixed.
     *
     * @param state the engine state.
     * @return the array.
     */
    public ArrayNode optionSeries(final ClearingStateView state)
    {
        final ArrayNode array = Json.MAPPER.createArrayNode();
        final OracleBook oracles = state.oracles();
        for (int i = 0; i < state.markets().optionCount(); i++)
        {
            final OptionSeries series = state.markets().optionAt(i);
            final ObjectNode node = array.addObject();
            node.put("id", series.id());
            node.put("ticker", series.ticker());
            node.put("underlying", oracles.name(series.oracleId()));
            node.put("oracleId", series.oracleId());
            node.put("priceExponent", oracles.priceExponent(series.oracleId()));
            node.put("atomicResolution", series.atomicResolution());
            node.put("stepSize", FixedPoint.formatDecimal(series.stepSize(), -series.atomicResolution()));
            node.put("optionType", series.isCall() ? "call" : "put");
            node.put("strike", price(oracles, series.oracleId(), series.strike()));
            node.put("expiry", Instant.ofEpochMilli(series.expiry()).toString());
            final MarketStatus oracleStatus = oracles.status(series.oracleId(), state.time());
            node.put("status", series.isSettled() ? "SETTLED" : state.time() >= series.expiry() ? "EXPIRED" :
                (oracleStatus.ordinal() > series.status().ordinal() ? oracleStatus : series.status()).name());
            node.put("openInterest", FixedPoint.formatDecimal(series.openInterestBaseQuantums(),
                -series.atomicResolution()));
            node.put("makerFee", FixedPoint.formatDecimal(series.makerFeePpm(), 6));
            node.put("takerFee", FixedPoint.formatDecimal(series.takerFeePpm(), 6));
            if (series.settlementPrice() != OracleBook.NO_PRICE)
            {
                node.put("settlementPrice", price(oracles, series.oracleId(), series.settlementPrice()));
            }
        }
        return array;
    }

    /**
     * Every volatility surface in effect: underlying, publication time, first publisher, whether it is stale and its
     * stale band (a fraction of volatility), the publication time of a surface held by the deviation guard, the number
     * of surfaces pending a quorum, and raw SVI parameters per expiry.
     *
     * @param state the engine state.
     * @return the array.
     */
    public ArrayNode volSurfaces(final ClearingStateView state)
    {
        final ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = 0; i < state.volSurfaces().slots(); i++)
        {
            final PublishedVolSurface surface = state.volSurfaces().surface(i);
            if (surface == null)
            {
                continue;
            }
            final ObjectNode node = array.addObject();
            node.put("underlying", state.oracles().name(surface.oracleId()));
            node.put("publishedAt", Instant.ofEpochMilli(surface.publishedAt()).toString());
            if (surface.publisher() != null)
            {
                node.put("publisher", surface.publisher().toString());
            }
            final long now = state.oracles().time();
            node.put("stale", state.volSurfaces().isStale(i, now));
            node.put("staleBand", FixedPoint.formatDecimal(state.volSurfaces().staleBandPpm(i, now), 6));
            final var feed = state.volSurfaces().feed(i);
            if (feed.held() != null)
            {
                node.put("heldPublishedAt", Instant.ofEpochMilli(feed.held().publishedAt()).toString());
            }
            node.put("pendingCandidates", feed.candidates().size());
            final ArrayNode slices = node.putArray("slices");
            for (final OracleVolSurface.Slice slice : surface.slices())
            {
                slices.addObject().put("expiry", Instant.ofEpochMilli(slice.expiry()).toString())
                    .put("a", FixedPoint.formatDecimal(slice.aNanos(), 9))
                    .put("b", FixedPoint.formatDecimal(slice.bNanos(), 9))
                    .put("rho", FixedPoint.formatDecimal(slice.rhoNanos(), 9))
                    .put("m", FixedPoint.formatDecimal(slice.mNanos(), 9))
                    .put("sigma", FixedPoint.formatDecimal(slice.sigmaNanos(), 9));
            }
        }
        return array;
    }

    private ArrayNode accounts(final ClearingStateView state)
    {
        final List<Account> sorted = new ArrayList<>();
        for (int i = 0; i < state.accounts().count(); i++)
        {
            sorted.add(state.accounts().at(i));
        }
        sorted.sort((a, b) -> a.owner().compareTo(b.owner()));
        final ArrayNode accounts = Json.MAPPER.createArrayNode();
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        for (final Account account : sorted)
        {
            final ObjectNode node = accounts.addObject();
            node.put("owner", account.owner().toString());
            final String name = directory.nameOf(account.owner());
            if (name != null)
            {
                node.put("name", name);
            }
            node.put("lastNonce", account.lastNonce());
            final ArrayNode subaccounts = node.putArray("subaccounts");
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                try
                {
                    subaccounts.add(subaccount(state, calculator, account.subaccountAt(s)));
                }
                catch (final ArithmeticException ex)
                {
                    final ObjectNode unavailable = subaccounts.addObject();
                    unavailable.put("number", account.subaccountAt(s).number());
                    unavailable.put("margin", "unavailable: a value does not fit 64 bits (" + ex.getMessage() + ")");
                }
            }
        }
        return accounts;
    }

    /**
     * One account with every subaccount, its collateral, positions and margin figures.
     *
     * @param state   the engine state.
     * @param account the account.
     * @return the object.
     */
    public ObjectNode account(final ClearingStateView state, final Account account)
    {
        final ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("owner", account.owner().toString());
        node.put("lastNonce", account.lastNonce());
        final ArrayNode subaccounts = node.putArray("subaccounts");
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        for (int s = 0; s < account.subaccountCount(); s++)
        {
            subaccounts.add(subaccount(state, calculator, account.subaccountAt(s)));
        }
        return node;
    }

    /**
     * One subaccount: collateral, positions (size, entry, oracle and liquidation prices, notional, unrealized PnL,
     * requirements) and margin figures.
     *
     * @param state      the engine state.
     * @param calculator a margin calculator over the state.
     * @param subaccount the subaccount.
     * @return the object.
     */
    public ObjectNode subaccount(final ClearingStateView state, final MarginCalculator calculator,
        final Subaccount subaccount)
    {
        try
        {
            return subaccountFigures(state, calculator, subaccount);
        }
        catch (final ArithmeticException ex)
        {
            final ObjectNode unavailable = Json.MAPPER.createObjectNode();
            unavailable.put("number", subaccount.number());
            unavailable.put("margin", "unavailable: a value does not fit 64 bits (" + ex.getMessage() + ")");
            return unavailable;
        }
    }

    private ObjectNode subaccountFigures(final ClearingStateView state, final MarginCalculator calculator,
        final Subaccount subaccount)
    {
        final ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("number", subaccount.number());
        node.put("marginMode", subaccount.isIsolated() ? "isolated" : "cross");
        node.put("marginModel", subaccount.isPortfolioMargin() ? "portfolio" : "standard");
        final ObjectNode collateral = node.putObject("collateral");
        for (int assetId = 0; assetId < subaccount.balanceSlots(); assetId++)
        {
            if (subaccount.balance(assetId) != 0)
            {
                final Asset asset = state.markets().asset(assetId);
                collateral.put(asset.symbol(), FixedPoint.formatDecimal(subaccount.balance(assetId), asset.decimals()));
            }
        }
        final MarginFigures figures = new MarginFigures();
        final PositionMargin positionMargin = new PositionMargin();
        final boolean priced = calculator.compute(subaccount, figures);
        final ArrayNode positions = node.putArray("positions");
        final OracleBook oracles = state.oracles();
        List<OracleLiquidationPrices> liquidationPrices = null;
        String liquidationPricesUnavailable = "unavailable: a price is missing";
        try
        {
            liquidationPrices = priced ? new LiquidationPriceSearch(state.markets(), oracles, state.volSurfaces())
                .of(subaccount) : null;
        }
        catch (final ArithmeticException ex)
        {
            liquidationPricesUnavailable = "unavailable: a value does not fit 64 bits (" + ex.getMessage() + ")";
        }
        final Greeks greeks = new Greeks();
        for (int p = 0; p < subaccount.positionCount(); p++)
        {
            if (subaccount.positionMarket(p) >= OptionSeries.FIRST_ID)
            {
                final ObjectNode option = positions.addObject();
                optionPosition(state, calculator, subaccount, p, option, greeks);
                if (liquidationPrices != null)
                {
                    liquidationPrice(oracles, state.markets().option(subaccount.positionMarket(p)).oracleId(),
                        liquidationPrices, option);
                }
                continue;
            }
            final PerpetualMarket market = state.markets().perpetual(subaccount.positionMarket(p));
            final long size = subaccount.positionSize(p);
            greeks.addPerpetual(oracles, market, size);
            final ObjectNode position = positions.addObject();
            position.put("market", market.ticker());
            position.put("size", FixedPoint.formatDecimal(size, -market.atomicResolution()));
            position.put("entryPrice", entryPrice(oracles, market, size, subaccount.positionCostBasis(p)));
            position.put("accruedFunding", quote(market.funding().accrued(size, subaccount.positionFundingIndex(p))));
            final long oraclePrice = oracles.price(market.oracleId());
            position.put("oraclePrice", price(oracles, market.oracleId(), oraclePrice));
            if (calculator.position(market, size, 0, positionMargin))
            {
                position.put("notional", quote(positionMargin.value()));
                position.put("unrealizedPnl", quote(positionMargin.value() - subaccount.positionCostBasis(p)));
                position.put("initialMarginRequirement", quote(positionMargin.initialRequirement()));
                position.put("maintenanceMarginRequirement", quote(positionMargin.maintenanceRequirement()));
            }
            if (liquidationPrices != null)
            {
                liquidationPrice(oracles, market.oracleId(), liquidationPrices, position);
            }
        }
        node.put("realizedPnl", quote(subaccount.realizedPnl()));
        if (greeks.any)
        {
            node.set("greeks", greeks.toJson());
        }
        if (priced)
        {
            node.put("netCollateral", quote(figures.netCollateralInitial()));
            node.put("netCollateralMaintenance", quote(figures.netCollateralMaintenance()));
            node.put("initialMarginRequirement", quote(figures.initialMarginRequirement()));
            node.put("maintenanceMarginRequirement", quote(figures.maintenanceMarginRequirement()));
            node.put("freeCollateral", quote(figures.freeCollateral()));
            node.put("leverage", figures.netCollateralMaintenance() <= 0 ? null :
                new BigDecimal(figures.absoluteNotional())
                    .divide(new BigDecimal(figures.netCollateralMaintenance()), 4, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString());
            node.put("liquidatable", figures.isBelowMaintenance());
            if (liquidationPrices != null)
            {
                final ArrayNode array = node.putArray("liquidationPrices");
                for (final OracleLiquidationPrices prices : liquidationPrices)
                {
                    final ObjectNode entry = array.addObject();
                    entry.put("oracle", oracles.name(prices.oracleId()));
                    entry.put("oraclePrice", price(oracles, prices.oracleId(), prices.price()));
                    side(oracles, prices.oracleId(), prices.below(), entry.putObject("below"));
                    side(oracles, prices.oracleId(), prices.above(), entry.putObject("above"));
                }
            }
            else
            {
                node.put("liquidationPrices", liquidationPricesUnavailable);
            }
        }
        else
        {
            node.put("margin", "unavailable: a price is missing");
        }
        return node;
    }

    /**
     * A position's liquidation and bankruptcy prices: its oracle's nearer liquidation price (below on a tie) with its
     * side and the bankruptcy price on that side; or, when no price of the oracle makes the subaccount liquidatable,
     * the nearer bankruptcy price; nulls with {@code false} flags where there is none.
     */
    private static void liquidationPrice(final OracleBook oracles, final int oracleId,
        final List<OracleLiquidationPrices> all, final ObjectNode position)
    {
        OracleLiquidationPrices.Side side = null;
        for (final OracleLiquidationPrices prices : all)
        {
            if (prices.oracleId() == oracleId)
            {
                side = prices.nearest();
                if (side == null && (prices.below().hasBankruptcyPrice() || prices.above().hasBankruptcyPrice()))
                {
                    side = !prices.above().hasBankruptcyPrice() || prices.below().hasBankruptcyPrice() &&
                        prices.price() - prices.below().bankruptcyPrice() <=
                        prices.above().bankruptcyPrice() - prices.price() ? prices.below() : prices.above();
                }
            }
        }
        if (side == null)
        {
            position.putNull("liquidationPrice");
            position.put("liquidationPriceExists", false);
            position.putNull("bankruptcyPrice");
            position.put("bankruptcyPriceExists", false);
            position.putNull("liquidationSide");
            return;
        }
        prices(oracles, oracleId, side, position);
        position.put("liquidationSide", side.direction() < 0 ? "below" : "above");
    }

    /**
     * One side of an oracle's prices: the two prices with their flags, and where one of them is none, the end of the
     * range searched for it.
     */
    private static void side(final OracleBook oracles, final int oracleId, final OracleLiquidationPrices.Side side,
        final ObjectNode node)
    {
        prices(oracles, oracleId, side, node);
        if (!side.hasLiquidationPrice() || !side.hasBankruptcyPrice())
        {
            node.put("searchedTo", price(oracles, oracleId, side.searchedTo()));
        }
    }

    private static void prices(final OracleBook oracles, final int oracleId, final OracleLiquidationPrices.Side side,
        final ObjectNode node)
    {
        node.put("liquidationPrice", side.hasLiquidationPrice() ?
            price(oracles, oracleId, side.liquidationPrice()) : null);
        node.put("liquidationPriceExists", side.hasLiquidationPrice());
        node.put("bankruptcyPrice", side.hasBankruptcyPrice() ? price(oracles, oracleId, side.bankruptcyPrice()) :
            null);
        node.put("bankruptcyPriceExists", side.hasBankruptcyPrice());
    }

    /**
     * One option position: size, entry premium, mark and volatility, value, requirements and Greeks in USD.
     */
    private void optionPosition(final ClearingStateView state, final MarginCalculator calculator,
        final Subaccount subaccount, final int p, final ObjectNode position, final Greeks greeks)
    {
        final OracleBook oracles = state.oracles();
        final OptionSeries series = state.markets().option(subaccount.positionMarket(p));
        final long size = subaccount.positionSize(p);
        position.put("market", series.ticker());
        position.put("optionType", series.isCall() ? "call" : "put");
        position.put("strike", price(oracles, series.oracleId(), series.strike()));
        position.put("expiry", Instant.ofEpochMilli(series.expiry()).toString());
        position.put("size", FixedPoint.formatDecimal(size, -series.atomicResolution()));
        position.put("entryPrice", entryPrice(oracles, series.oracleId(), series.atomicResolution(), size,
            subaccount.positionCostBasis(p)));
        position.put("oraclePrice", price(oracles, series.oracleId(), oracles.price(series.oracleId())));
        final OptionPositionMargin margin = new OptionPositionMargin();
        if (calculator.options().position(series, size, margin))
        {
            final int exponent = oracles.priceExponent(series.oracleId());
            position.put("markPrice", new BigDecimal(margin.markMicros()).movePointLeft(OptionMargin.MARK_DIGITS)
                .movePointRight(exponent).stripTrailingZeros().toPlainString());
            position.put("volatility", BigDecimal.valueOf(margin.volatility()).setScale(6, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString());
            position.put("value", quote(margin.value()));
            position.put("underlyingNotional", quote(margin.magnitude()));
            position.put("unrealizedPnl", quote(margin.value() - subaccount.positionCostBasis(p)));
            position.put("initialMarginRequirement", quote(margin.initialRequirement()));
            position.put("maintenanceMarginRequirement", quote(margin.maintenanceRequirement()));
        }
        final OptionGreeks unit = calculator.options().greeksUsd(series);
        if (unit != null)
        {
            final double units = size * OptionMargin.usdPerPriceUnit(series.atomicResolution());
            final double spotUsd = oracles.price(series.oracleId()) *
                OptionMargin.usdPerPriceUnit(oracles.priceExponent(series.oracleId()));
            final ObjectNode node = position.putObject("greeks");
            node.put("delta", decimal(units * unit.delta()));
            node.put("deltaUsd", decimal(units * unit.delta() * spotUsd));
            node.put("gammaUsd", decimal(units * unit.gamma() * spotUsd * spotUsd / 100));
            node.put("vegaUsd", decimal(units * unit.vega() / 100));
            node.put("thetaUsd", decimal(units * unit.theta() / 365));
            greeks.add(units * unit.delta() * spotUsd,
                units * unit.gamma() * spotUsd * spotUsd / 100, units * unit.vega() / 100, units * unit.theta() / 365);
        }
    }

    /**
     * A subaccount's Greeks in USD: delta (USD per 100 % move of each underlying, perpetuals included), gamma (change
     * of that delta for a 1 % move), vega (per volatility point), theta (per day).
     */
    private static final class Greeks
    {
        private boolean any;
        private double deltaUsd;
        private double gammaUsd;
        private double vegaUsd;
        private double thetaUsd;

        void addPerpetual(final OracleBook oracles, final PerpetualMarket market, final long size)
        {
            final long price = oracles.price(market.oracleId());
            if (price == OracleBook.NO_PRICE)
            {
                return;
            }
            add(size * OptionMargin.usdPerPriceUnit(market.atomicResolution()) * price *
                OptionMargin.usdPerPriceUnit(oracles.priceExponent(market.oracleId())), 0, 0, 0);
        }

        void add(final double delta, final double gamma, final double vega, final double theta)
        {
            any = true;
            deltaUsd += delta;
            gammaUsd += gamma;
            vegaUsd += vega;
            thetaUsd += theta;
        }

        ObjectNode toJson()
        {
            final ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("deltaUsd", decimal(deltaUsd));
            node.put("gammaUsd", decimal(gammaUsd));
            node.put("vegaUsd", decimal(vegaUsd));
            node.put("thetaUsd", decimal(thetaUsd));
            return node;
        }
    }

    private static String decimal(final double value)
    {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static String entryPrice(final OracleBook oracles, final int oracleId, final int atomicResolution,
        final long size, final long costBasis)
    {
        final int e = oracles.priceExponent(oracleId) + atomicResolution + 6;
        final BigDecimal entryUnits = new BigDecimal(costBasis).divide(new BigDecimal(size), MathContext.DECIMAL128)
            .movePointLeft(e);
        return entryUnits.movePointRight(oracles.priceExponent(oracleId))
            .setScale(Math.max(0, -oracles.priceExponent(oracleId)) + 2, RoundingMode.HALF_EVEN)
            .stripTrailingZeros().toPlainString();
    }

    private static String entryPrice(final OracleBook oracles, final PerpetualMarket market, final long size,
        final long costBasis)
    {
        // costBasis quote quantums = size · entry · 10^(e) with e = priceExponent + atomicResolution + 6.
        final int e = oracles.priceExponent(market.oracleId()) + market.atomicResolution() + 6;
        final BigDecimal entryUnits = new BigDecimal(costBasis).divide(new BigDecimal(size), MathContext.DECIMAL128)
            .movePointLeft(e);
        return entryUnits.movePointRight(oracles.priceExponent(market.oracleId()))
            .setScale(Math.max(0, -oracles.priceExponent(market.oracleId())) + 2, RoundingMode.HALF_EVEN)
            .stripTrailingZeros().toPlainString();
    }

    private static String price(final OracleBook oracles, final int oracleId, final long units)
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
    public static String quote(final long quoteQuantums)
    {
        return FixedPoint.formatDecimal(quoteQuantums, Asset.QUOTE_DECIMALS);
    }
}
