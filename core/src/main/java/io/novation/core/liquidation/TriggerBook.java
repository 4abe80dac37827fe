package io.novation.core.liquidation;

/**
 * The recheck triggers on one value the health of subaccounts depends on: an oracle's index price (price units) or a
 * market's cumulative funding index (billionths of a quote quantum per base quantum). The lower ladder holds entries
 * that trigger when the value falls below their threshold, the upper ladder those that trigger when it rises above
 * theirs; every live entry's band contains the value the book was last synced to.
 */
final class TriggerBook
{
    final TriggerLadder lower = new TriggerLadder();
    final TriggerLadder upper = new TriggerLadder();
    private long synced;

    /**
     * The value the book was last synced to.
     *
     * @return the value.
     */
    long synced()
    {
        return synced;
    }

    /**
     * Moves the book to a new value, handing every entry whose band no longer contains it to the sink.
     *
     * @param value the new value.
     * @param sink  receives the triggered entries.
     */
    void moveTo(final long value, final TriggerSink sink)
    {
        final long from = synced;
        synced = value;
        if (value < from)
        {
            lower.drainAbove(from, value, sink, this, true);
        }
        else if (value > from)
        {
            upper.drainBelow(from, value, sink, this, false);
        }
    }

    /**
     * Removes every stale entry from both ladders.
     *
     * @param sink tells live entries from stale ones.
     * @return number removed.
     */
    int compact(final TriggerSink sink)
    {
        return lower.compact(sink) + upper.compact(sink);
    }

    /**
     * Removes every entry (all stale), keeping the value.
     */
    void clear()
    {
        lower.clear();
        upper.clear();
    }

    int entries()
    {
        return lower.entries() + upper.entries();
    }
}
