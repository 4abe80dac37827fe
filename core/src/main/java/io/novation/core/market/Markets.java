package io.novation.core.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured collateral assets, perpetual markets (dense ids from 0) and option series (dense ids from
 * {@link OptionSeries#FIRST_ID}), with look-ups by symbol and ticker (perpetuals and option series share one ticker
 * namespace) for the decoding of human-readable commands.
 */
public final class Markets
{
    private final List<Asset> assets = new ArrayList<>();
    private final Map<String, Asset> assetsBySymbol = new HashMap<>();
    /** Perpetuals by id, in an array rather than a list: the margin path reads it for every position. */
    private PerpetualMarket[] perpetuals = new PerpetualMarket[16];
    private int perpetualCount;
    private final Map<String, PerpetualMarket> perpetualsByTicker = new HashMap<>();
    private final List<OptionSeries> options = new ArrayList<>();
    private final Map<String, OptionSeries> optionsByTicker = new HashMap<>();
    private long nextUnfixedExpiry = Long.MAX_VALUE;

    /**
     * Registries holding only the quote asset.
     */
    public Markets()
    {
        addAsset(Asset.usdc());
    }

    /**
     * Asset by id, or null.
     *
     * @param id asset id.
     * @return asset or null.
     */
    public Asset asset(final int id)
    {
        return id >= 0 && id < assets.size() ? assets.get(id) : null;
    }

    /**
     * Asset by symbol, or null.
     *
     * @param symbol e.g. "ETH".
     * @return asset or null.
     */
    public Asset assetBySymbol(final String symbol)
    {
        return assetsBySymbol.get(symbol);
    }

    public int assetCount()
    {
        return assets.size();
    }

    /**
     * Adds an asset whose id is the next dense id.
     *
     * @param asset the asset.
     */
    public void addAsset(final Asset asset)
    {
        if (asset.id() != assets.size() || assetsBySymbol.containsKey(asset.symbol()))
        {
            throw new IllegalArgumentException("asset id must be next and symbol new");
        }
        assets.add(asset);
        assetsBySymbol.put(asset.symbol(), asset);
    }

    /**
     * Replaces an asset's collateral weights (a governance change applied at its effective time).
     *
     * @param id                   an existing asset's id.
     * @param initialWeightPpm     weight for initial margin, ppm.
     * @param maintenanceWeightPpm weight for maintenance margin, ppm.
     */
    public void assetWeights(final int id, final long initialWeightPpm, final long maintenanceWeightPpm)
    {
        final Asset current = assets.get(id);
        final Asset updated = new Asset(current.id(), current.symbol(), current.decimals(), current.oracleId(),
            initialWeightPpm, maintenanceWeightPpm);
        assets.set(id, updated);
        assetsBySymbol.put(updated.symbol(), updated);
    }

    /**
     * Perpetual market by id, or null.
     *
     * @param id market id.
     * @return market or null.
     */
    public PerpetualMarket perpetual(final int id)
    {
        return id >= 0 && id < perpetualCount ? perpetuals[id] : null;
    }

    /**
     * Perpetual market by ticker, or null.
     *
     * @param ticker e.g. "BTC-USD".
     * @return market or null.
     */
    public PerpetualMarket perpetualByTicker(final String ticker)
    {
        return perpetualsByTicker.get(ticker);
    }

    public int perpetualCount()
    {
        return perpetualCount;
    }

    /**
     * Adds a market whose id is the next dense id.
     *
     * @param market the market.
     */
    public void addPerpetual(final PerpetualMarket market)
    {
        if (market.id() != perpetualCount || perpetualsByTicker.containsKey(market.ticker()) ||
            optionsByTicker.containsKey(market.ticker()))
        {
            throw new IllegalArgumentException("market id must be next and ticker new");
        }
        if (perpetualCount == perpetuals.length)
        {
            perpetuals = Arrays.copyOf(perpetuals, perpetualCount * 2);
        }
        perpetuals[perpetualCount++] = market;
        perpetualsByTicker.put(market.ticker(), market);
    }

    /**
     * Whether an id in a subaccount's positions denotes an option series rather than a perpetual.
     *
     * @param id market or series id.
     * @return true for ids from {@link OptionSeries#FIRST_ID}.
     */
    public static boolean isOptionId(final int id)
    {
        return id >= OptionSeries.FIRST_ID;
    }

    /**
     * Option series by id, or null.
     *
     * @param id series id, from {@link OptionSeries#FIRST_ID}.
     * @return series or null.
     */
    public OptionSeries option(final int id)
    {
        final int index = id - OptionSeries.FIRST_ID;
        return id >= OptionSeries.FIRST_ID && index < options.size() ? options.get(index) : null;
    }

    /**
     * Option series by ticker, or null.
     *
     * @param ticker e.g. "BTC-20251226-100000-C".
     * @return series or null.
     */
    public OptionSeries optionByTicker(final String ticker)
    {
        return optionsByTicker.get(ticker);
    }

    public int optionCount()
    {
        return options.size();
    }

    /**
     * The id the next option series gets.
     *
     * @return {@link OptionSeries#FIRST_ID} plus the number of series.
     */
    public int nextOptionId()
    {
        return OptionSeries.FIRST_ID + options.size();
    }

    /**
     * Option series by its dense index.
     *
     * @param index from 0 to {@link #optionCount()} - 1.
     * @return the series.
     */
    public OptionSeries optionAt(final int index)
    {
        return options.get(index);
    }

    /**
     * Adds an option series whose id is the next one.
     *
     * @param series the series.
     */
    public void addOption(final OptionSeries series)
    {
        if (series.id() != nextOptionId() || optionsByTicker.containsKey(series.ticker()) ||
            perpetualsByTicker.containsKey(series.ticker()))
        {
            throw new IllegalArgumentException("option series id must be next and ticker new");
        }
        options.add(series);
        optionsByTicker.put(series.ticker(), series);
        if (series.settlementPrice() == OptionSeries.UNSETTLED)
        {
            nextUnfixedExpiry = Math.min(nextUnfixedExpiry, series.expiry());
        }
    }

    /**
     * The perpetual market or option series of an id, or null.
     *
     * @param id market or series id.
     * @return the instrument or null.
     */
    public Instrument instrument(final int id)
    {
        return isOptionId(id) ? option(id) : perpetual(id);
    }

    /**
     * Whether a ticker is taken by a perpetual or an option series.
     *
     * @param ticker the ticker.
     * @return true when taken.
     */
    public boolean tickerExists(final String ticker)
    {
        return perpetualsByTicker.containsKey(ticker) || optionsByTicker.containsKey(ticker);
    }

    /**
     * The earliest expiry of a series whose settlement price is not fixed yet, so that the oracle rounds that pass
     * it can fix it at no cost per round until then.
     *
     * @return epoch ms, or {@link Long#MAX_VALUE}.
     */
    public long nextUnfixedExpiry()
    {
        return nextUnfixedExpiry;
    }

    /**
     * Recomputes {@link #nextUnfixedExpiry()} after series were added or fixed.
     */
    public void refreshNextUnfixedExpiry()
    {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < options.size(); i++)
        {
            final OptionSeries series = options.get(i);
            if (series.settlementPrice() == OptionSeries.UNSETTLED)
            {
                next = Math.min(next, series.expiry());
            }
        }
        nextUnfixedExpiry = next;
    }
}
