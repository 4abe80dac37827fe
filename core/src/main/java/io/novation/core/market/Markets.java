package io.novation.core.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured collateral assets and perpetual markets, by dense id, with look-ups by symbol and ticker for the
 * decoding of human-readable commands.
 */
public final class Markets
{
    private final List<Asset> assets = new ArrayList<>();
    private final Map<String, Asset> assetsBySymbol = new HashMap<>();
    private final List<PerpetualMarket> perpetuals = new ArrayList<>();
    private final Map<String, PerpetualMarket> perpetualsByTicker = new HashMap<>();

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
     * Perpetual market by id, or null.
     *
     * @param id market id.
     * @return market or null.
     */
    public PerpetualMarket perpetual(final int id)
    {
        return id >= 0 && id < perpetuals.size() ? perpetuals.get(id) : null;
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
        return perpetuals.size();
    }

    /**
     * Adds a market whose id is the next dense id.
     *
     * @param market the market.
     */
    public void addPerpetual(final PerpetualMarket market)
    {
        if (market.id() != perpetuals.size() || perpetualsByTicker.containsKey(market.ticker()))
        {
            throw new IllegalArgumentException("market id must be next and ticker new");
        }
        perpetuals.add(market);
        perpetualsByTicker.put(market.ticker(), market);
    }
}
