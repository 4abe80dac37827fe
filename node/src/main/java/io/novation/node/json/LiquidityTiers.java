package io.novation.node.json;

import io.novation.core.market.LiquidityTier;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The named liquidity tiers a JSON command may refer to instead of spelling out the fractions: dYdX v4's published
 * tiers (see docs/sources-margin.md).
 */
final class LiquidityTiers
{
    private static final Map<String, Supplier<LiquidityTier>> TIERS = new LinkedHashMap<>();

    static
    {
        TIERS.put("largeCap", LiquidityTier::largeCap);
        TIERS.put("midCap", LiquidityTier::midCap);
        TIERS.put("smallCap", LiquidityTier::smallCap);
        TIERS.put("longTail", LiquidityTier::longTail);
        TIERS.put("safety", LiquidityTier::safety);
        TIERS.put("isolated", LiquidityTier::isolated);
        TIERS.put("fx", LiquidityTier::fx);
    }

    private LiquidityTiers()
    {
    }

    static LiquidityTier byName(final String name)
    {
        final Supplier<LiquidityTier> tier = TIERS.get(name);
        return tier == null ? null : tier.get();
    }

    static String names()
    {
        return String.join(", ", TIERS.keySet());
    }
}
