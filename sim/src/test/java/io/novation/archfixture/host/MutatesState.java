package io.novation.archfixture.host;

import io.novation.core.engine.ClearingEngine;
import io.novation.core.market.Asset;

/**
 * Planted violation: a host (it stands in for node, cluster or sim) that changes the state behind the engine's back.
 */
public final class MutatesState
{
    private MutatesState()
    {
    }

    /**
     * Lists an asset without a command.
     *
     * @param engine an engine.
     * @param asset  the asset.
     */
    public static void list(final ClearingEngine engine, final Asset asset)
    {
        engine.state().markets().addAsset(asset);
    }
}
