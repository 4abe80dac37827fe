package io.novation.core.governance;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The governance book: the risk parameter changes scheduled and not yet applied or cancelled (by id), the ids
 * already used (applied or cancelled, never accepted again), and the governance and bridge keys once rotated
 * (before a rotation the genesis keys of the node's configuration apply). Empty at genesis, and then neither
 * committed nor snapshotted, so that states that never use governance keep their roots.
 */
public final class GovernanceBook
{
    private final TreeMap<Long, ScheduledChange> pending = new TreeMap<>();
    private final TreeSet<Long> used = new TreeSet<>();
    private Address governanceKey;
    private Address bridgeKey;

    /**
     * Whether the book holds nothing: no change pending or used, no key rotated.
     *
     * @return true at genesis.
     */
    public boolean isEmpty()
    {
        return pending.isEmpty() && used.isEmpty() && governanceKey == null && bridgeKey == null;
    }

    /**
     * Whether a change id was ever accepted (pending, applied or cancelled).
     *
     * @param changeId the id.
     * @return true when known.
     */
    public boolean known(final long changeId)
    {
        return pending.containsKey(changeId) || used.contains(changeId);
    }

    /**
     * A pending change.
     *
     * @param changeId the id.
     * @return the change, or null when not pending.
     */
    public ScheduledChange pending(final long changeId)
    {
        return pending.get(changeId);
    }

    /**
     * The pending changes in id order.
     *
     * @return an unmodifiable copy.
     */
    public List<ScheduledChange> pendingChanges()
    {
        return Collections.unmodifiableList(new ArrayList<>(pending.values()));
    }

    /**
     * The number of pending changes.
     *
     * @return a count.
     */
    public int pendingCount()
    {
        return pending.size();
    }

    /**
     * The pending change due first: the earliest effective time, the lowest id among equals.
     *
     * @return the change, or null when none is pending.
     */
    public ScheduledChange nextDue()
    {
        ScheduledChange next = null;
        for (final ScheduledChange change : pending.values())
        {
            if (next == null || change.effectiveTime() < next.effectiveTime())
            {
                next = change;
            }
        }
        return next;
    }

    /**
     * The effective time of the change due first.
     *
     * @return epoch ms, or {@link Long#MAX_VALUE} when none is pending.
     */
    public long nextDueTime()
    {
        final ScheduledChange next = nextDue();
        return next == null ? Long.MAX_VALUE : next.effectiveTime();
    }

    /**
     * Schedules a change whose id is not known.
     *
     * @param change the change.
     */
    public void schedule(final ScheduledChange change)
    {
        if (known(change.changeId()))
        {
            throw new IllegalStateException("change id " + change.changeId() + " is already used");
        }
        pending.put(change.changeId(), change);
    }

    /**
     * Ends a pending change (applied or cancelled): its id stays used.
     *
     * @param changeId the id.
     * @return the change ended.
     */
    public ScheduledChange end(final long changeId)
    {
        final ScheduledChange change = pending.remove(changeId);
        if (change == null)
        {
            throw new IllegalStateException("change " + changeId + " is not pending");
        }
        used.add(changeId);
        return change;
    }

    /**
     * The governance key once rotated.
     *
     * @return the address, or null while the genesis key applies.
     */
    public Address governanceKey()
    {
        return governanceKey;
    }

    /**
     * The bridge key once rotated.
     *
     * @return the address, or null while the genesis key applies.
     */
    public Address bridgeKey()
    {
        return bridgeKey;
    }

    /**
     * Rotates the governance key.
     *
     * @param key the new key's address.
     */
    public void governanceKey(final Address key)
    {
        governanceKey = key;
    }

    /**
     * Rotates the bridge key.
     *
     * @param key the new key's address.
     */
    public void bridgeKey(final Address key)
    {
        bridgeKey = key;
    }

    /**
     * Writes the book: the rotated keys (a presence byte each), the used ids, the pending changes in id order. The
     * state commitment hashes these bytes and the snapshot stores them.
     *
     * @param out the writer.
     */
    public void writeTo(final BinaryWriter out)
    {
        putKey(out, governanceKey);
        putKey(out, bridgeKey);
        out.putInt(used.size());
        for (final long id : used)
        {
            out.putLong(id);
        }
        out.putInt(pending.size());
        for (final ScheduledChange change : pending.values())
        {
            out.putLong(change.changeId()).putLong(change.scheduledAt()).putLong(change.effectiveTime());
            RiskParameterChanges.write(change.change(), out);
        }
    }

    /**
     * Restores the book written by {@link #writeTo}, replacing its content.
     *
     * @param in the reader.
     */
    public void readFrom(final BinaryReader in)
    {
        pending.clear();
        used.clear();
        governanceKey = getKey(in);
        bridgeKey = getKey(in);
        final int usedCount = in.getInt();
        for (int i = 0; i < usedCount; i++)
        {
            used.add(in.getLong());
        }
        final int pendingCount = in.getInt();
        for (int i = 0; i < pendingCount; i++)
        {
            final long id = in.getLong();
            final long scheduledAt = in.getLong();
            final long effectiveTime = in.getLong();
            pending.put(id, new ScheduledChange(id, scheduledAt, effectiveTime, RiskParameterChanges.read(in)));
        }
    }

    private static void putKey(final BinaryWriter out, final Address key)
    {
        out.putBoolean(key != null);
        if (key != null)
        {
            out.putAddress(key);
        }
    }

    private static Address getKey(final BinaryReader in)
    {
        return in.getBoolean() ? in.getAddress() : null;
    }
}
