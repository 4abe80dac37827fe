package io.novation.core.account;

import java.util.Arrays;

/**
 * An account: an owner address, the last nonce it used for signed withdrawals and transfers, its subaccounts
 * in number order, and the session keys its owner registered (in address order).
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
    private SessionKey[] sessionKeys = new SessionKey[0];
    private boolean sessionKeysUsed;

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

    /**
     * Whether the owner ever registered a session key: from then on the account's leaf and snapshot carry its key
     * list (possibly empty), and a signature that is not the owner's is checked against it.
     *
     * @return true once a key was registered.
     */
    public boolean usesSessionKeys()
    {
        return sessionKeysUsed;
    }

    /**
     * Number of session keys held (live, expired or revoked, until pruned).
     *
     * @return count.
     */
    public int sessionKeyCount()
    {
        return sessionKeys.length;
    }

    /**
     * Session key by position in address order.
     *
     * @param i index from 0 to count - 1.
     * @return the key.
     */
    public SessionKey sessionKeyAt(final int i)
    {
        return sessionKeys[i];
    }

    /**
     * The session key of an address, or null.
     *
     * @param key the key's address.
     * @return the key or null.
     */
    public SessionKey sessionKey(final Address key)
    {
        for (final SessionKey sessionKey : sessionKeys)
        {
            if (sessionKey.key().equals(key))
            {
                return sessionKey;
            }
        }
        return null;
    }

    /**
     * Number of keys live at a time.
     *
     * @param time epoch ms.
     * @return count.
     */
    public int liveSessionKeyCount(final long time)
    {
        int live = 0;
        for (final SessionKey sessionKey : sessionKeys)
        {
            live += sessionKey.isLive(time) ? 1 : 0;
        }
        return live;
    }

    /**
     * Adds a session key, or replaces the key of the same address.
     *
     * @param key the key.
     */
    public void putSessionKey(final SessionKey key)
    {
        int at = 0;
        while (at < sessionKeys.length && sessionKeys[at].key().compareTo(key.key()) < 0)
        {
            at++;
        }
        if (at < sessionKeys.length && sessionKeys[at].key().equals(key.key()))
        {
            sessionKeys[at] = key;
        }
        else
        {
            final SessionKey[] grown = new SessionKey[sessionKeys.length + 1];
            System.arraycopy(sessionKeys, 0, grown, 0, at);
            grown[at] = key;
            System.arraycopy(sessionKeys, at, grown, at + 1, sessionKeys.length - at);
            sessionKeys = grown;
        }
        markSessionKeysUsed();
        markDirty();
    }

    /** Sets the flag here and on every subaccount, which mirror it so that a fill need not read the account. */
    private void markSessionKeysUsed()
    {
        sessionKeysUsed = true;
        for (int i = 0; i < subaccountCount; i++)
        {
            subaccounts[i].ownerUsesSessionKeys();
        }
    }

    /**
     * Forgets the keys that no longer sign at a time (expired or revoked).
     *
     * @param time epoch ms.
     * @return the number forgotten.
     */
    public int pruneSessionKeys(final long time)
    {
        int kept = 0;
        for (final SessionKey sessionKey : sessionKeys)
        {
            kept += sessionKey.isLive(time) ? 1 : 0;
        }
        if (kept == sessionKeys.length)
        {
            return 0;
        }
        final SessionKey[] live = new SessionKey[kept];
        int at = 0;
        for (final SessionKey sessionKey : sessionKeys)
        {
            if (sessionKey.isLive(time))
            {
                live[at++] = sessionKey;
            }
        }
        final int pruned = sessionKeys.length - kept;
        sessionKeys = live;
        markDirty();
        return pruned;
    }

    /**
     * Marks the account as one that uses session keys, with none held; for restoring a snapshot.
     */
    public void useSessionKeys()
    {
        markSessionKeysUsed();
        markDirty();
    }
}
