package io.novation.core.governance;

import io.novation.core.account.Address;
import io.novation.core.market.LiquidationTerms;
import io.novation.core.market.LiquidityTier;
import io.novation.core.oracle.OracleParameters;

/**
 * The mutations a due risk parameter change applies, implemented by the engine (which keeps the state's change
 * tracking and health index current). Every method is called only with a change already checked valid.
 */
public interface GovernedState extends GovernedBooks
{
    /**
     * Replaces a perpetual market's liquidity tier.
     *
     * @param marketId the market.
     * @param tier     the new tier.
     */
    void liquidityTier(int marketId, LiquidityTier tier);

    /**
     * Replaces a perpetual market's maker and taker fees.
     *
     * @param marketId    the market.
     * @param makerFeePpm maker fee, ppm of notional (negative: a rebate).
     * @param takerFeePpm taker fee, ppm of notional.
     */
    void fees(int marketId, long makerFeePpm, long takerFeePpm);

    /**
     * Replaces a perpetual market's hard caps.
     *
     * @param marketId        the market.
     * @param openInterestCap base quantums, or 0 for none.
     * @param positionLimit   base quantums, or 0 for none.
     */
    void hardCaps(int marketId, long openInterestCap, long positionLimit);

    /**
     * Replaces a perpetual market's liquidation terms.
     *
     * @param marketId the market.
     * @param terms    the new terms.
     */
    void liquidationTerms(int marketId, LiquidationTerms terms);

    /**
     * Replaces an asset's collateral weights.
     *
     * @param assetId              the asset.
     * @param initialWeightPpm     weight for initial margin, ppm.
     * @param maintenanceWeightPpm weight for maintenance margin, ppm.
     */
    void assetWeights(int assetId, long initialWeightPpm, long maintenanceWeightPpm);

    /**
     * Replaces an oracle's parameters.
     *
     * @param oracleId   the oracle.
     * @param parameters the new parameters.
     */
    void oracleParameters(int oracleId, OracleParameters parameters);

    /**
     * Adds a publisher to an oracle.
     *
     * @param oracleId  the oracle.
     * @param publisher the publisher's address.
     */
    void addPublisher(int oracleId, Address publisher);

    /**
     * Removes a publisher from an oracle.
     *
     * @param oracleId  the oracle.
     * @param publisher the publisher's address.
     */
    void removePublisher(int oracleId, Address publisher);

    /**
     * Rotates the governance key.
     *
     * @param key the new key's address.
     */
    void governanceKey(Address key);

    /**
     * Rotates the bridge key.
     *
     * @param key the new key's address.
     */
    void bridgeKey(Address key);

    /**
     * Sets or (null) clears a perpetual market's margin-controller bounds.
     *
     * @param marketId the market.
     * @param bounds   the bounds or null.
     */
    void marginControllerBounds(int marketId, io.novation.core.market.MarginControllerBounds bounds);

    /**
     * Sets or (null) clears a perpetual market's depth-penalty bounds.
     *
     * @param marketId the market.
     * @param bounds   the bounds or null.
     */
    void depthPenaltyBounds(int marketId, io.novation.core.market.DepthPenaltyBounds bounds);

    /**
     * Replaces a perpetual market's funding parameters (the samples taken so far stay).
     *
     * @param marketId   the market.
     * @param parameters the parameters.
     */
    void fundingParameters(int marketId, io.novation.core.funding.FundingParameters parameters);

    /**
     * Replaces an underlying's volatility surface parameters.
     *
     * @param oracleId   the underlying's oracle.
     * @param parameters the parameters.
     */
    void volSurfaceParameters(int oracleId, io.novation.core.oracle.VolSurfaceParameters parameters);
}
