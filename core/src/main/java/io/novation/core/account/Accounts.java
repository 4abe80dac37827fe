package io.novation.core.account;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every account, found by owner address, iterated only in creation order (never in hash order), with the set of
 * accounts changed since the last state commitment; and every subaccount by a dense id in creation order, with a
 * second, independent channel of subaccounts changed since the risk side (the health index) last read it.
 */
public final class Accounts
{
    /** Owner index, open addressing over one array: per slot the address's three words and 1 + the account's index. */
    private long[] owners = new long[1024 * OWNER_STRIDE];
    private int ownerCapacity = 1024;
    private static final int OWNER_STRIDE = 4;
    private final List<Account> inCreationOrder = new ArrayList<>();
    private final List<Account> dirty = new ArrayList<>();
    private Subaccount[] subaccountsById = new Subaccount[16];
    private int subaccountCount;
    private Subaccount[] changedSubaccounts = new Subaccount[16];
    private int changedSubaccountCount;
    private boolean changeChannelClaimed;

    /**
     * The account of an owner, or null.
     *
     * @param owner address.
     * @return account or null.
     */
    public Account find(final Address owner)
    {
        final int slot = slotOf(owner);
        return owners[slot * OWNER_STRIDE + 3] == 0 ? null :
            inCreationOrder.get((int)owners[slot * OWNER_STRIDE + 3] - 1);
    }

    /** The slot holding the owner, or the empty slot where it would go. */
    private int slotOf(final Address owner)
    {
        final long high = owner.high();
        final long middle = owner.middle();
        final long low = owner.low();
        final int mask = ownerCapacity - 1;
        int slot = owner.hashCode() & mask;
        int base;
        while (owners[(base = slot * OWNER_STRIDE) + 3] != 0)
        {
            if (owners[base] == high && owners[base + 1] == middle && owners[base + 2] == low)
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void growOwners()
    {
        final long[] old = owners;
        final int oldCapacity = ownerCapacity;
        ownerCapacity *= 2;
        owners = new long[ownerCapacity * OWNER_STRIDE];
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            final int base = slot * OWNER_STRIDE;
            if (old[base + 3] != 0)
            {
                final Address owner = inCreationOrder.get((int)old[base + 3] - 1).owner();
                final int target = slotOf(owner) * OWNER_STRIDE;
                System.arraycopy(old, base, owners, target, OWNER_STRIDE);
            }
        }
    }

    /**
     * The account of an owner, created empty when absent.
     *
     * @param owner address.
     * @return the account.
     */
    public Account findOrCreate(final Address owner)
    {
        Account account = find(owner);
        if (account == null)
        {
            if ((inCreationOrder.size() + 1) * 4L > ownerCapacity * 3L)
            {
                growOwners();
            }
            account = new Account(owner, inCreationOrder.size(), this);
            inCreationOrder.add(account);
            final int base = slotOf(owner) * OWNER_STRIDE;
            owners[base] = owner.high();
            owners[base + 1] = owner.middle();
            owners[base + 2] = owner.low();
            owners[base + 3] = inCreationOrder.size();
        }
        return account;
    }

    /**
     * Number of accounts.
     *
     * @return count.
     */
    public int count()
    {
        return inCreationOrder.size();
    }

    /**
     * Account by creation order.
     *
     * @param index from 0 to count - 1.
     * @return account.
     */
    public Account at(final int index)
    {
        return inCreationOrder.get(index);
    }

    /**
     * Number of accounts changed since the last {@link #drainDirty(Consumer)}.
     *
     * @return count.
     */
    public int dirtyCount()
    {
        return dirty.size();
    }

    /**
     * Hands each changed account to the consumer, in the order they first changed, and marks them clean.
     *
     * @param consumer receives each dirty account.
     */
    public void drainDirty(final Consumer<Account> consumer)
    {
        for (int i = 0, n = dirty.size(); i < n; i++)
        {
            final Account account = dirty.get(i);
            account.markClean();
            consumer.accept(account);
        }
        dirty.clear();
    }

    void onDirty(final Account account)
    {
        dirty.add(account);
    }

    /**
     * Number of subaccounts ever created; their ids are 0 to count - 1.
     *
     * @return count.
     */
    public int subaccountCount()
    {
        return subaccountCount;
    }

    /**
     * Subaccount by its dense id (creation order over all accounts).
     *
     * @param id from 0 to {@link #subaccountCount()} - 1.
     * @return the subaccount.
     */
    public Subaccount subaccountById(final int id)
    {
        return subaccountsById[id];
    }

    /**
     * Claims the channel of changed subaccounts for its one reader: a second reader would take changes the first
     * never sees.
     *
     * @throws IllegalStateException when the channel already has its reader.
     */
    public void claimChangedSubaccounts()
    {
        if (changeChannelClaimed)
        {
            throw new IllegalStateException("the changed-subaccount channel already has a reader");
        }
        changeChannelClaimed = true;
    }

    /**
     * Number of subaccounts whose balances or positions changed since the last {@link #clearChangedSubaccounts()}.
     * This channel is independent of the dirty accounts the state commitment drains.
     *
     * @return count.
     */
    public int changedSubaccountCount()
    {
        return changedSubaccountCount;
    }

    /**
     * A changed subaccount, in the order they first changed.
     *
     * @param index from 0 to {@link #changedSubaccountCount()} - 1.
     * @return the subaccount.
     */
    public Subaccount changedSubaccount(final int index)
    {
        return changedSubaccounts[index];
    }

    /**
     * Forgets the changed subaccounts (after the reader has taken them).
     */
    public void clearChangedSubaccounts()
    {
        for (int i = 0; i < changedSubaccountCount; i++)
        {
            changedSubaccounts[i].clearChanged();
            changedSubaccounts[i] = null;
        }
        changedSubaccountCount = 0;
    }

    int nextSubaccountId(final Subaccount subaccount)
    {
        if (subaccountCount == subaccountsById.length)
        {
            subaccountsById = Arrays.copyOf(subaccountsById, subaccountCount * 2);
        }
        subaccountsById[subaccountCount] = subaccount;
        return subaccountCount++;
    }

    void onSubaccountChanged(final Subaccount subaccount)
    {
        if (changedSubaccountCount == changedSubaccounts.length)
        {
            changedSubaccounts = Arrays.copyOf(changedSubaccounts, changedSubaccountCount * 2);
        }
        changedSubaccounts[changedSubaccountCount++] = subaccount;
    }
}
