package io.novation.core.market;

/**
 * A collateral asset: balances are held in quantums of 10^-decimals of one unit, valued at an oracle price and
 * weighted by an initial and a maintenance weight in parts per million (the haircut is 1,000,000 minus the weight).
 *
 * @param id                    dense asset id; 0 is the quote asset.
 * @param symbol                display symbol, e.g. "USDC", "ETH".
 * @param decimals              quantums per unit as a power of ten (USDC: 6).
 * @param oracleId              the oracle that prices one unit in USD, or -1 for the quote asset.
 * @param initialWeightPpm      weight for initial margin, in (0, 1,000,000].
 * @param maintenanceWeightPpm  weight for maintenance margin, in [initialWeightPpm, 1,000,000].
 */
public record Asset(int id, String symbol, int decimals, int oracleId, long initialWeightPpm, long maintenanceWeightPpm)
{
    /** The id of the quote asset, USDC. */
    public static final int QUOTE_ASSET_ID = 0;
    /** Decimals of the quote asset: one quote quantum is 1e-6 USDC. */
    public static final int QUOTE_DECIMALS = 6;
    /**
     * How many assets the base chain's commitments carry, ids 0 to 3: a batch commits its withdrawal totals and a
     * solvency leaf its equities in one slot per asset id (docs/protocol.md section 15), so {@code createAsset} makes
     * no asset beyond them.
     */
    public static final int MAX_BRIDGED_ASSETS = 4;

    /**
     * Validates the parameters.
     */
    public Asset
    {
        if (id < 0 || id > 255)
        {
            throw new IllegalArgumentException("asset id must be in [0, 255]");
        }
        if (symbol == null || symbol.isBlank())
        {
            throw new IllegalArgumentException("asset symbol is required");
        }
        if (decimals < 0 || decimals > 18)
        {
            throw new IllegalArgumentException("asset decimals must be in [0, 18]");
        }
        if (initialWeightPpm <= 0 || initialWeightPpm > 1_000_000L)
        {
            throw new IllegalArgumentException("initial weight must be in (0, 1000000] ppm");
        }
        if (maintenanceWeightPpm < initialWeightPpm || maintenanceWeightPpm > 1_000_000L)
        {
            throw new IllegalArgumentException("maintenance weight must be in [initial weight, 1000000] ppm");
        }
        if (id == QUOTE_ASSET_ID && (oracleId != -1 || decimals != QUOTE_DECIMALS))
        {
            throw new IllegalArgumentException("asset 0 is the quote asset: 6 decimals and no oracle");
        }
        if (id != QUOTE_ASSET_ID && oracleId < 0)
        {
            throw new IllegalArgumentException("a non-quote asset needs an oracle");
        }
    }

    /**
     * The quote asset, USDC with 6 decimals, weight one.
     *
     * @return the asset with id 0.
     */
    public static Asset usdc()
    {
        return new Asset(QUOTE_ASSET_ID, "USDC", QUOTE_DECIMALS, -1, 1_000_000L, 1_000_000L);
    }

    /**
     * Whether this is the quote asset.
     *
     * @return true for USDC.
     */
    public boolean isQuote()
    {
        return id == QUOTE_ASSET_ID;
    }
}
