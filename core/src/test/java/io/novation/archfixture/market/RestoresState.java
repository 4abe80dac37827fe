package io.novation.archfixture.market;

import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.SnapshotRestore;

/**
 * Planted violation: a class outside the snapshot codec that restores engine state.
 */
public final class RestoresState
{
    private RestoresState()
    {
    }

    /**
     * Overwrites the bad debt.
     *
     * @param engine an engine.
     */
    public static void forgive(final ClearingEngine engine)
    {
        new SnapshotRestore(engine).badDebt(1);
    }
}
