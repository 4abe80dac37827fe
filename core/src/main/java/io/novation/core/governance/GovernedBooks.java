package io.novation.core.governance;

import io.novation.core.market.Markets;
import io.novation.core.oracle.OracleBook;

/**
 * What a risk parameter change reads to validate itself and to tell whether it loosens risk: the markets and assets,
 * the oracles, and the keys rotated by governance.
 */
public interface GovernedBooks
{
    /**
     * Assets, perpetual markets and option series.
     *
     * @return the markets.
     */
    Markets markets();

    /**
     * The oracles.
     *
     * @return the oracle book.
     */
    OracleBook oracles();

    /**
     * The scheduled changes and the keys governance rotated.
     *
     * @return the governance book.
     */
    GovernanceBook governance();

    /**
     * A perpetual market's margin-controller bounds.
     *
     * @param marketId the market.
     * @return the bounds, or null while its controller is off.
     */
    io.novation.core.market.MarginControllerBounds marginControllerBounds(int marketId);

    /**
     * A perpetual market's depth-penalty bounds.
     *
     * @param marketId the market.
     * @return the bounds, or null while it liquidates with the static parameters.
     */
    io.novation.core.market.DepthPenaltyBounds depthPenaltyBounds(int marketId);

    /**
     * An underlying's volatility surface parameters (its own, or the defaults).
     *
     * @param oracleId the underlying's oracle.
     * @return the parameters.
     */
    io.novation.core.oracle.VolSurfaceParameters volSurfaceParameters(int oracleId);
}
