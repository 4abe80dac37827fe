package io.novation.archfixture.market;

import io.novation.core.engine.ClearingEngine;

/**
 * Planted violation: a model class (it stands in for {@code io.novation.core.market}) that reaches up to the engine.
 */
public final class MarketReadsEngine
{
    private MarketReadsEngine()
    {
    }

    /**
     * Reads the engine's sequence.
     *
     * @param engine an engine.
     * @return the sequence.
     */
    public static long sequence(final ClearingEngine engine)
    {
        return engine.state().sequence();
    }
}
