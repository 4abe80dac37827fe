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
}
