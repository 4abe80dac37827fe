package io.novation.core.account;

import java.util.Arrays;

/**
 * An account: an owner address, the last nonce it used for signed withdrawals and transfers, and its subaccounts
 * in number order.
 */
public final class Account
{
    private final Address owner;
    private final int index;
    private long lastNonce;
    private int subaccountCount;
    private Subaccount[] subaccounts = new Subaccount[1];
    private int[] numbers = new int[1];
    private final Accounts registry;

    Account(final Address owner, final int index, final Accounts registry)
    {
        this.owner = owner;
        this.index = index;
        this.registry = registry;
        markDirty();
    }

    public Address owner()
    {
        return owner;
    }

    /**
     * Position of this account in creation order.
     *
     * @return dense index.
     */
    public int index()
    {
        return index;
    }

    /**
     * The highest nonce used by a signed withdrawal or transfer (0 before the first).
     *
     * @return nonce.
     */
    public long lastNonce()
    {
        return lastNonce;
    }

    /**
     * Records a nonce as used.
     *
     * @param nonce greater than {@link #lastNonce()}.
     */
    public void useNonce(final long nonce)
    {
        lastNonce = nonce;
        markDirty();
    }

    public int subaccountCount()
    {
        return subaccountCount;
    }

    /**
     * Subaccount by position in number order.
     *
     * @param i index from 0 to count - 1.
     * @return the subaccount.
     */
    public Subaccount subaccountAt(final int i)
    {
        return subaccounts[i];
    }

    /**
     * Subaccount by number, or null.
     *
     * @param number subaccount number.
     * @return subaccount or null.
     */
    public Subaccount subaccount(final int number)
    {
        for (int i = 0; i < subaccountCount; i++)
        {
            if (numbers[i] == number)
            {
                return subaccounts[i];
            }
        }
        return null;
    }

    /**
     * Subaccount by number, created empty when absent.
     *
     * @param number subaccount number in [0, 255].
     * @return the subaccount.
     */
    public Subaccount subaccountOrCreate(final int number)
    {
        final Subaccount existing = subaccount(number);
        if (existing != null)
        {
            return existing;
        }
        if (subaccountCount == subaccounts.length)
        {
            subaccounts = Arrays.copyOf(subaccounts, subaccountCount * 2);
            numbers = Arrays.copyOf(numbers, subaccountCount * 2);
        }
        int at = 0;
        while (at < subaccountCount && numbers[at] < number)
        {
            at++;
        }
        System.arraycopy(subaccounts, at, subaccounts, at + 1, subaccountCount - at);
        System.arraycopy(numbers, at, numbers, at + 1, subaccountCount - at);
        final Subaccount created = new Subaccount(this, number);
        created.id(registry.nextSubaccountId(created));
        subaccounts[at] = created;
        numbers[at] = number;
        subaccountCount++;
        registry.indexSubaccount(created);
        markDirty();
        return created;
    }

    /**
     * Whether the account changed since its leaf was last committed.
     *
     * @return dirty flag.
     */
    public boolean isDirty()
    {
        return registry.isAccountDirty(index);
    }

    Accounts registry()
    {
        return registry;
    }

    void markDirty()
    {
        registry.markAccountDirty(index);
    }
}
