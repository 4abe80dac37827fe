package io.novation.node.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.engine.Conservation;
import io.novation.core.margin.LiquidationPriceSearch;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.market.Asset;
import io.novation.core.money.FixedPoint;
import io.novation.node.json.AccountDirectory;
import io.novation.node.json.Json;

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
        return OracleReport.oracles(state);
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
        return MarketReport.markets(state);
    }

    /**
     * Every option series: terms, effective status, open interest, and the settlement price once fixed.
     *
     * @param state the engine state.
     * @return the array.
     */
    public ArrayNode optionSeries(final ClearingStateView state)
    {
        return MarketReport.optionSeries(state);
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
        return OracleReport.volSurfaces(state);
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
        return SubaccountReport.subaccount(state, calculator, subaccount);
    }

    /**
     * Quote quantums as a USDC decimal string.
     *
     * @param quoteQuantums amount.
     * @return e.g. "12.5".
     */
    public static String quote(final long quoteQuantums)
    {
        return ReportUnits.quote(quoteQuantums);
    }
}
