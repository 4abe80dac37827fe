package io.novation.node.json;

import io.novation.core.account.Address;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.core.funding.FundingParameters;
import io.novation.core.market.Asset;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.PublisherSet;
import io.novation.core.oracle.VolSurfaceParameters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * An immutable snapshot of a venue's definitions (assets, perpetual markets, option series, oracles, by name and by
 * id) with what the JSON codecs need to convert human units into quantums: asset decimals, price exponents, atomic
 * resolutions, the current parameters that omitted fields keep, and the next ids of new definitions. Safe to read
 * from any thread; a host replaces it (copy-on-write) after the commands that change definitions.
 */
public final class Definitions
{
    /** The definitions of a venue with nothing configured (only the quote asset). */
    public static final Definitions EMPTY = of(new ClearingEngine(EngineConfig.defaults(), EventSink.NONE));

    private final List<Asset> assets;
    private final Map<String, Asset> assetsBySymbol;
    private final List<Market> perpetuals;
    private final Map<Integer, Market> options;
    private final Map<String, Market> instrumentsByTicker;
    private final List<Oracle> oracles;
    private final Map<String, Oracle> oraclesByName;
    private final int nextOptionId;
    private final long lastDepositId;
    private final long lastForcedRequestId;

    /**
     * A perpetual market or an option series as the codecs see it.
     *
     * @param id               instrument id (option series from {@link OptionSeries#FIRST_ID}).
     * @param ticker           e.g. "BTC-USD".
     * @param oracleId         the oracle of its price (the underlying's for an option series).
     * @param atomicResolution base-10 exponent of one base quantum (sizes have {@code -atomicResolution} decimals).
     * @param funding          a perpetual's funding parameters; null for an option series.
     */
    public record Market(int id, String ticker, int oracleId, int atomicResolution, FundingParameters funding)
    {
        /**
         * Whether this is a perpetual market.
         *
         * @return true for a perpetual, false for an option series.
         */
        public boolean isPerpetual()
        {
            return funding != null;
        }
    }

    /**
     * An oracle as the codecs see it.
     *
     * @param id                oracle id.
     * @param name              e.g. "BTC-USD".
     * @param priceExponent     base-10 exponent of one price unit (prices have {@code -priceExponent} decimals).
     * @param parameters        the feed's current parameters.
     * @param surfaceParameters the volatility surface parameters of the underlying.
     * @param publishers        the registered publishers in registration order.
     */
    public record Oracle(int id, String name, int priceExponent, OracleParameters parameters,
        VolSurfaceParameters surfaceParameters, List<Address> publishers)
    {
        /**
         * An oracle with an unmodifiable copy of its publishers.
         */
        public Oracle
        {
            publishers = List.copyOf(publishers);
        }
    }

    private Definitions(final ClearingStateView state)
    {
        final Markets markets = state.markets();
        final List<Asset> assetList = new ArrayList<>();
        final Map<String, Asset> symbols = new HashMap<>();
        for (int id = 0; id < markets.assetCount(); id++)
        {
            final Asset asset = markets.asset(id);
            assetList.add(asset);
            symbols.put(asset.symbol(), asset);
        }
        final Map<String, Market> tickers = new HashMap<>();
        final Map<Integer, Market> series = new TreeMap<>();
        for (int i = 0; i < markets.optionCount(); i++)
        {
            final OptionSeries option = markets.optionAt(i);
            final Market market = new Market(option.id(), option.ticker(), option.oracleId(),
                option.atomicResolution(), null);
            series.put(market.id(), market);
            tickers.put(market.ticker(), market);
        }
        final List<Market> perpetualList = new ArrayList<>();
        for (int id = 0; id < markets.perpetualCount(); id++)
        {
            final PerpetualMarket perpetual = markets.perpetual(id);
            final Market market = new Market(perpetual.id(), perpetual.ticker(), perpetual.oracleId(),
                perpetual.atomicResolution(), perpetual.funding().parameters());
            perpetualList.add(market);
            tickers.put(market.ticker(), market);
        }
        final OracleBook book = state.oracles();
        final List<Oracle> oracleList = new ArrayList<>();
        final Map<String, Oracle> names = new HashMap<>();
        for (int id = 0; id < book.count(); id++)
        {
            final PublisherSet set = book.feed(id).publishers();
            final List<Address> publishers = new ArrayList<>(set.count());
            for (int i = 0; i < set.count(); i++)
            {
                publishers.add(set.address(i));
            }
            final Oracle oracle = new Oracle(id, book.name(id), book.priceExponent(id), book.feed(id).parameters(),
                state.volSurfaces().parameters(id), publishers);
            oracleList.add(oracle);
            names.put(oracle.name(), oracle);
        }
        assets = Collections.unmodifiableList(assetList);
        assetsBySymbol = Collections.unmodifiableMap(symbols);
        perpetuals = Collections.unmodifiableList(perpetualList);
        options = Collections.unmodifiableMap(series);
        instrumentsByTicker = Collections.unmodifiableMap(tickers);
        oracles = Collections.unmodifiableList(oracleList);
        oraclesByName = Collections.unmodifiableMap(names);
        nextOptionId = markets.nextOptionId();
        lastDepositId = state.lastDepositId();
        lastForcedRequestId = state.lastForcedRequestId();
    }

    /** A snapshot that shares another's definitions, with other request ids. */
    private Definitions(final Definitions from, final long lastDepositId, final long lastForcedRequestId)
    {
        assets = from.assets;
        assetsBySymbol = from.assetsBySymbol;
        perpetuals = from.perpetuals;
        options = from.options;
        instrumentsByTicker = from.instrumentsByTicker;
        oracles = from.oracles;
        oraclesByName = from.oraclesByName;
        nextOptionId = from.nextOptionId;
        this.lastDepositId = lastDepositId;
        this.lastForcedRequestId = lastForcedRequestId;
    }

    /**
     * This snapshot's definitions with an engine's request ids (last deposit id, last forced-withdrawal request id),
     * for a host whose commands since the snapshot changed only those (deposits): the definitions are shared, not
     * taken again. To be called on the engine's thread.
     *
     * @param engine the engine.
     * @return this when the ids are the same, else a snapshot equal to {@link #of} of an engine with these
     *         definitions.
     */
    public Definitions withRequestIdsOf(final ClearingEngine engine)
    {
        final long deposit = engine.state().lastDepositId();
        final long forced = engine.state().lastForcedRequestId();
        return deposit == lastDepositId && forced == lastForcedRequestId ? this :
            new Definitions(this, deposit, forced);
    }

    /**
     * The definitions of an engine's state, to be taken on the engine's thread.
     *
     * @param engine the engine.
     * @return the snapshot.
     */
    public static Definitions of(final ClearingEngine engine)
    {
        return of(engine.state());
    }

    /**
     * The definitions of a state, to be taken by the state's owner thread.
     *
     * @param state the state.
     * @return the snapshot.
     */
    public static Definitions of(final ClearingStateView state)
    {
        return new Definitions(state);
    }

    /**
     * The definitions of a state as a supplier that takes the snapshot again only when the state has sequenced a
     * command since the last one (definitions change only through commands); for the state's owner thread only.
     *
     * @param state the state.
     * @return the supplier.
     */
    public static Supplier<Definitions> following(final ClearingStateView state)
    {
        return new Supplier<>()
        {
            private long sequence = -1;
            private Definitions definitions;

            @Override
            public Definitions get()
            {
                if (definitions == null || sequence != state.sequence())
                {
                    sequence = state.sequence();
                    definitions = of(state);
                }
                return definitions;
            }
        };
    }

    /**
     * The asset with this id, or null.
     *
     * @param id asset id.
     * @return the asset or null.
     */
    public Asset asset(final int id)
    {
        return id >= 0 && id < assets.size() ? assets.get(id) : null;
    }

    /**
     * The asset with this symbol, or null.
     *
     * @param symbol e.g. "USDC".
     * @return the asset or null.
     */
    public Asset assetBySymbol(final String symbol)
    {
        return assetsBySymbol.get(symbol);
    }

    /**
     * The id the next asset created gets.
     *
     * @return the number of assets.
     */
    public int nextAssetId()
    {
        return assets.size();
    }

    /**
     * The perpetual market with this id, or null.
     *
     * @param id market id.
     * @return the market or null.
     */
    public Market perpetual(final int id)
    {
        return id >= 0 && id < perpetuals.size() ? perpetuals.get(id) : null;
    }

    /**
     * The perpetual market with this ticker, or null.
     *
     * @param ticker e.g. "BTC-USD".
     * @return the market or null.
     */
    public Market perpetualByTicker(final String ticker)
    {
        final Market market = instrumentsByTicker.get(ticker);
        return market != null && market.isPerpetual() ? market : null;
    }

    /**
     * The id the next perpetual market created gets.
     *
     * @return the number of perpetual markets.
     */
    public int nextPerpetualId()
    {
        return perpetuals.size();
    }

    /**
     * The option series with this id, or null.
     *
     * @param id series id.
     * @return the series or null.
     */
    public Market option(final int id)
    {
        return options.get(id);
    }

    /**
     * The option series with this ticker, or null.
     *
     * @param ticker e.g. "BTC-USD-20260227-110000-C".
     * @return the series or null.
     */
    public Market optionByTicker(final String ticker)
    {
        final Market market = instrumentsByTicker.get(ticker);
        return market != null && !market.isPerpetual() ? market : null;
    }

    /**
     * The id the next option series created gets.
     *
     * @return the id.
     */
    public int nextOptionId()
    {
        return nextOptionId;
    }

    /**
     * A perpetual market or an option series by id, or null.
     *
     * @param id instrument id.
     * @return the instrument or null.
     */
    public Market instrument(final int id)
    {
        return Markets.isOptionId(id) ? option(id) : perpetual(id);
    }

    /**
     * A perpetual market (looked up first) or an option series by ticker, or null.
     *
     * @param ticker the ticker.
     * @return the instrument or null.
     */
    public Market instrumentByTicker(final String ticker)
    {
        return instrumentsByTicker.get(ticker);
    }

    /**
     * The oracle with this id, or null.
     *
     * @param id oracle id.
     * @return the oracle or null.
     */
    public Oracle oracle(final int id)
    {
        return id >= 0 && id < oracles.size() ? oracles.get(id) : null;
    }

    /**
     * The oracle with this name, or null.
     *
     * @param name e.g. "BTC-USD".
     * @return the oracle or null.
     */
    public Oracle oracleByName(final String name)
    {
        return oraclesByName.get(name);
    }

    /**
     * The last deposit id the venue applied, as of this snapshot (a deposit without an id takes the next one).
     *
     * @return the id.
     */
    public long lastDepositId()
    {
        return lastDepositId;
    }

    /**
     * The last forced-withdrawal request id the venue applied, as of this snapshot.
     *
     * @return the id.
     */
    public long lastForcedRequestId()
    {
        return lastForcedRequestId;
    }
}
