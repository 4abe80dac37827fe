package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.client.NovationClient;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The markets and option series a keeper knows, by id and by ticker, read from the node's {@code /v1/markets} and
 * {@code /v1/options} and read again when an unknown one shows up; and the last oracle price it has seen per oracle,
 * in price units. Read by the keeper's and the stream's threads.
 */
final class KeeperMarkets
{
    private final NovationClient client;
    private final Consumer<String> log;
    private final Map<Integer, MarketTerms> marketsById = new ConcurrentHashMap<>();
    private final Map<String, MarketTerms> marketsByTicker = new ConcurrentHashMap<>();
    private final Map<Integer, Long> oraclePrices = new ConcurrentHashMap<>();

    KeeperMarkets(final NovationClient client, final Consumer<String> log)
    {
        this.client = client;
        this.log = log;
    }

    /** The market or series with this id, or null when the node does not list it either. */
    MarketTerms market(final int id)
    {
        MarketTerms market = marketsById.get(id);
        if (market == null)
        {
            refreshQuietly();
            market = marketsById.get(id);
        }
        return market;
    }

    /** The market or series with this ticker, or null when the node does not list it either. */
    MarketTerms market(final String ticker)
    {
        MarketTerms market = marketsByTicker.get(ticker);
        if (market == null)
        {
            refreshQuietly();
            market = marketsByTicker.get(ticker);
        }
        return market;
    }

    /** Records an oracle's price from the event stream, price units. */
    void oraclePrice(final int oracleId, final long price)
    {
        oraclePrices.put(oracleId, price);
    }

    /** The last price seen of an oracle, price units, 0 before any. */
    long oraclePrice(final int oracleId)
    {
        return oraclePrices.getOrDefault(oracleId, 0L);
    }

    private void refreshQuietly()
    {
        try
        {
            refresh();
        }
        catch (final IOException ex)
        {
            log.accept("keeper: cannot read the markets: " + ex.getMessage());
        }
    }

    /** Reads every market and option series from the node; an oracle's price only where none was seen yet. */
    synchronized void refresh() throws IOException
    {
        for (final JsonNode entry : client.read("/v1/markets"))
        {
            final MarketTerms market = MarketTerms.of(entry);
            marketsById.put(market.id(), market);
            marketsByTicker.put(market.ticker(), market);
            if (entry.hasNonNull("oraclePrice"))
            {
                oraclePrices.putIfAbsent(market.oracleId(), market.priceUnits(entry.get("oraclePrice").asText()));
            }
        }
        // Option series are liquidated the same way; their terms come from their own list.
        for (final JsonNode entry : client.read("/v1/options"))
        {
            final MarketTerms series = MarketTerms.of(entry);
            marketsById.put(series.id(), series);
            marketsByTicker.put(series.ticker(), series);
        }
    }
}
