package io.novation.core.account;

import java.util.Arrays;

/**
 * A trading key an account's owner delegated: its address, the scope it may sign (a bit set of {@link #TRADE},
 * {@link #CANCEL} and {@link #TRANSFER}), the subaccounts it may act for (none listed: all), its expiry in epoch
 * milliseconds, and whether the owner revoked it. Immutable.
 */
public final class SessionKey
{
    /** Scope bit: sign orders that settle as the owner's. */
    public static final int TRADE = 1;
    /** Scope bit: cancel orders and raise nonce floors. */
    public static final int CANCEL = 2;
    /** Scope bit: transfer collateral between the owner's own subaccounts. */
    public static final int TRANSFER = 4;
    /** Every bit a session key may hold; withdrawals and key management are never delegated. */
    public static final int GRANTABLE = TRADE | CANCEL | TRANSFER;
    /** Most subaccounts a key may list (an empty list means every subaccount). */
    public static final int MAX_SUBACCOUNTS = 16;
    /**
     * Most a command signed by a session key may raise its account's nonce (which the owner's withdrawals and key
     * management share), so that a key cannot use up the owner's nonces and lock it out of its account.
     */
    public static final long MAX_NONCE_STEP = 1L << 20;
    /**
     * Highest order nonce floor a session key may set, so that the owner keeps order nonces above it to trade with.
     */
    public static final long MAX_KEY_NONCE_FLOOR = 1L << 62;

    private final Address key;
    private final int scope;
    private final int[] subaccounts;
    private final long expiry;
    private final boolean revoked;

    /**
     * A key.
     *
     * @param key         the key's address.
     * @param scope       bits of {@link #GRANTABLE}.
     * @param subaccounts subaccount numbers in strictly increasing order, or empty for all.
     * @param expiry      epoch ms from which the key no longer signs.
     * @param revoked     whether the owner revoked it.
     */
    public SessionKey(final Address key, final int scope, final int[] subaccounts, final long expiry,
        final boolean revoked)
    {
        this.key = key;
        this.scope = scope;
        this.subaccounts = subaccounts.clone();
        this.expiry = expiry;
        this.revoked = revoked;
    }

    public Address key()
    {
        return key;
    }

    public int scope()
    {
        return scope;
    }

    /**
     * The subaccounts the key acts for.
     *
     * @return a copy, increasing; empty for all.
     */
    public int[] subaccounts()
    {
        return subaccounts.clone();
    }

    public int subaccountCount()
    {
        return subaccounts.length;
    }

    public int subaccountAt(final int i)
    {
        return subaccounts[i];
    }

    public long expiry()
    {
        return expiry;
    }

    public boolean isRevoked()
    {
        return revoked;
    }

    /**
     * Whether the key still signs at a time: neither revoked nor expired.
     *
     * @param time epoch ms.
     * @return true when live.
     */
    public boolean isLive(final long time)
    {
        return !revoked && time < expiry;
    }

    /**
     * Whether the key's scope holds every bit asked.
     *
     * @param bits scope bits; 0 (an action no key may sign) is never allowed.
     * @return true when allowed.
     */
    public boolean allows(final int bits)
    {
        return bits != 0 && (scope & bits) == bits;
    }

    /**
     * Whether the key acts for a subaccount.
     *
     * @param number subaccount number.
     * @return true when listed, or when the key lists none.
     */
    public boolean covers(final int number)
    {
        return subaccounts.length == 0 || Arrays.binarySearch(subaccounts, number) >= 0;
    }

    /**
     * The same key, revoked.
     *
     * @return a new key.
     */
    public SessionKey revoke()
    {
        return new SessionKey(key, scope, subaccounts, expiry, true);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof SessionKey other && key.equals(other.key) && scope == other.scope &&
            Arrays.equals(subaccounts, other.subaccounts) && expiry == other.expiry && revoked == other.revoked;
    }

    @Override
    public int hashCode()
    {
        return key.hashCode() * 31 + Long.hashCode(expiry);
    }

    @Override
    public String toString()
    {
        return "SessionKey{" + key + " scope=" + scope + " subaccounts=" + Arrays.toString(subaccounts) +
            " expiry=" + expiry + (revoked ? " revoked" : "") + "}";
    }
}
