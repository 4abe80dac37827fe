package io.novation.core.account;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every account, found by owner address, iterated only in creation order (never in hash order), with the set of
 * accounts changed since the last state commitment.
 */
public final class Accounts
{
    private final Map<Address, Account> byOwner = new HashMap<>();
    private final List<Account> inCreationOrder = new ArrayList<>();
    private final List<Account> dirty = new ArrayList<>();

    /**
     * The account of an owner, or null.
     *
     * @param owner address.
     * @return account or null.
     */
    public Account find(final Address owner)
    {
        return byOwner.get(owner);
    }

    /**
     * The account of an owner, created empty when absent.
     *
     * @param owner address.
     * @return the account.
     */
    public Account findOrCreate(final Address owner)
    {
        Account account = byOwner.get(owner);
        if (account == null)
        {
            account = new Account(owner, inCreationOrder.size(), this);
            byOwner.put(owner, account);
            inCreationOrder.add(account);
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
}
