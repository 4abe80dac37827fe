package io.novation.sim.keeper;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The subaccounts (keys {@code address/number}) a keeper leaves alone for now: those cooling down after a partial
 * liquidation until a time (the keeper's clock, epoch ms), and those whose liquidation was refused for a reason that
 * only news can change, held until the next triggering event. Used by the keeper's own thread only.
 */
final class HeldSubaccounts
{
    private final Map<String, Long> coolingUntil = new LinkedHashMap<>();
    private final Set<String> heldUntilEvent = new HashSet<>();

    /** Leaves the subaccount alone until {@code until}, epoch ms. */
    void coolDown(final String key, final long until)
    {
        coolingUntil.put(key, until);
    }

    /** Leaves the subaccount alone until the next triggering event. */
    void holdUntilEvent(final String key)
    {
        heldUntilEvent.add(key);
    }

    /** Whether the subaccount is cooling down. */
    boolean isCooling(final String key)
    {
        return coolingUntil.containsKey(key);
    }

    /** Whether the subaccount is cooling down or held until an event. */
    boolean isHeld(final String key)
    {
        return coolingUntil.containsKey(key) || heldUntilEvent.contains(key);
    }

    /** Ends the cooldowns that are over at {@code now} and, after a triggering event, every hold until one. */
    void release(final long now, final boolean afterEvent)
    {
        coolingUntil.values().removeIf(until -> until <= now);
        if (afterEvent)
        {
            heldUntilEvent.clear();
        }
    }

    /** Milliseconds from {@code now} until the first cooldown ends (at least 1), or Long.MAX_VALUE when none. */
    long untilCooldownEnds(final long now)
    {
        long soonest = Long.MAX_VALUE;
        for (final long until : coolingUntil.values())
        {
            soonest = Math.min(soonest, Math.max(1, until - now));
        }
        return soonest;
    }
}
