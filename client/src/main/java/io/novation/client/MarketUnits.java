package io.novation.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The units of one market as orders need them: its id (what an order signs), its ticker (what the JSON names), and
 * the decimals of its size (base units, {@code -atomicResolution}) and of its oracle's price.
 *
 * @param id            the market's id.
 * @param ticker        e.g. {@code BTC-USD}.
 * @param sizeDecimals  decimals of one base quantum, e.g. 10 for BTC in dYdX v4's units.
 * @param priceDecimals decimals of one price unit, e.g. 5.
 */
public record MarketUnits(int id, String ticker, int sizeDecimals, int priceDecimals)
{
    /**
     * The units of a market as {@code GET /v1/markets} describes it.
     *
     * @param market one element of the markets array.
     * @return its units.
     */
    public static MarketUnits of(final JsonNode market)
    {
        return new MarketUnits(market.path("id").asInt(), market.path("ticker").asText(),
            -market.path("atomicResolution").asInt(), -market.path("priceExponent").asInt());
    }

    /**
     * The units of the market with a ticker, read from the node.
     *
     * @param client the node's client.
     * @param ticker e.g. {@code BTC-USD}.
     * @return its units.
     * @throws java.io.IOException when the node cannot be reached or has no such market.
     */
    public static MarketUnits read(final NovationClient client, final String ticker) throws java.io.IOException
    {
        for (final JsonNode market : client.markets())
        {
            if (ticker.equals(market.path("ticker").asText()))
            {
                return of(market);
            }
        }
        throw new NovationApiException("GET /v1/markets", 404, "UNKNOWN_MARKET", ticker);
    }
}
