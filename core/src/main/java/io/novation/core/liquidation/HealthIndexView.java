package io.novation.core.liquidation;

import io.novation.core.account.Subaccount;

/**
 * A read-only view of the {@link HealthIndex}: which subaccounts are below maintenance margin (health in quote
 * quantums below zero) at the current index prices, and what the last refresh cost. Reading brings the index up to
 * date first, so a read always answers for the current state.
 */
public interface HealthIndexView
{
    /**
     * Number of subaccounts below maintenance.
     *
     * @return count.
     */
    int liquidatableCount();

    /**
     * Whether a subaccount is below maintenance at the current index prices.
     *
     * @param subaccount a subaccount of the state.
     * @return true when liquidatable.
     */
    boolean isLiquidatable(Subaccount subaccount);

    /**
     * A subaccount below maintenance, in account creation order, then subaccount number.
     *
     * @param index from 0 to {@link #liquidatableCount()} - 1.
     * @return the subaccount.
     */
    Subaccount liquidatable(int index);

    /**
     * Subaccounts checked in full by the last refresh that had work to do.
     *
     * @return count.
     */
    int rechecksInLastRefresh();

    /**
     * Triggers visited by the last refresh that had work to do, live or stale.
     *
     * @return count.
     */
    int triggersInLastRefresh();

    /**
     * Subaccounts whose state a trigger changed alone, without a full check, in the last refresh that had work to do.
     *
     * @return count.
     */
    int flipsInLastRefresh();
}
