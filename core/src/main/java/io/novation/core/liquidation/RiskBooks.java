package io.novation.core.liquidation;

import io.novation.core.account.Accounts;
import io.novation.core.market.Markets;
import io.novation.core.oracle.OracleBook;
import io.novation.core.surface.VolSurfaceBook;

/**
 * The books a {@link HealthIndex} follows: subaccounts, markets, oracle index prices and volatility surfaces (each in
 * its own units: quote quantums, base quantums, price values). The engine's state implements it, so the index reads
 * the state without depending on the engine that owns it.
 */
public interface RiskBooks
{
    /**
     * The subaccounts whose health is indexed.
     *
     * @return the accounts book.
     */
    Accounts accounts();

    /**
     * The markets, option series and assets the subaccounts hold.
     *
     * @return the markets book.
     */
    Markets markets();

    /**
     * The oracle index prices positions are valued at.
     *
     * @return the oracle book.
     */
    OracleBook oracles();

    /**
     * The volatility surfaces option positions are valued with.
     *
     * @return the surface book.
     */
    VolSurfaceBook volSurfaces();
}
