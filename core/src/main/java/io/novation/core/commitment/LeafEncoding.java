package io.novation.core.commitment;

import io.novation.core.account.Account;
import io.novation.core.account.SessionKey;
import io.novation.core.account.Subaccount;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte writer for the canonical encodings that the state root commits to (documented byte
 * for byte in docs/protocol.md). Reused across leaves, so that encoding allocates only when it grows.
 */
public final class LeafEncoding
{
    private byte[] buffer = new byte[256];
    private int length;

    /**
     * Starts a new encoding.
     *
     * @return this.
     */
    public LeafEncoding reset()
    {
        length = 0;
        return this;
    }

    /**
     * Bytes written so far.
     *
     * @return the buffer (valid up to {@link #length()}).
     */
    public byte[] buffer()
    {
        return buffer;
    }

    public int length()
    {
        return length;
    }

    /**
     * A copy of the bytes written.
     *
     * @return fresh array.
     */
    public byte[] toBytes()
    {
        return Arrays.copyOf(buffer, length);
    }

    private void ensure(final int extra)
    {
        if (length + extra > buffer.length)
        {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }

    public LeafEncoding putByte(final int value)
    {
        ensure(1);
        buffer[length++] = (byte)value;
        return this;
    }

    public LeafEncoding putShort(final int value)
    {
        ensure(2);
        buffer[length++] = (byte)(value >>> 8);
        buffer[length++] = (byte)value;
        return this;
    }

    public LeafEncoding putInt(final int value)
    {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            buffer[length++] = (byte)(value >>> shift);
        }
        return this;
    }

    public LeafEncoding putLong(final long value)
    {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            buffer[length++] = (byte)(value >>> shift);
        }
        return this;
    }

    public LeafEncoding putBytes(final byte[] bytes, final int offset, final int count)
    {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        return this;
    }

    /**
     * A string as a 2-byte length and its UTF-8 bytes.
     *
     * @param text the string.
     * @return this.
     */
    public LeafEncoding putString(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        putShort(bytes.length);
        return putBytes(bytes, 0, bytes.length);
    }

    /**
     * The canonical encoding of an account leaf: owner (20), last nonce (8), subaccount count (2), then per
     * subaccount in number order: number (2), realized PnL (8), last liquidated at (8), margin mode (1: 0 standard,
     * 1 portfolio), count of non-zero balances (2)
     * each as asset id (2)
     * and quantums (8), position count (2) each as market id (4), size (8), cost basis (8), funding index (8).
     *
     * @param account the account.
     * @return this.
     */
    public LeafEncoding putAccount(final Account account)
    {
        ensure(20);
        account.owner().putBytes(buffer, length);
        length += 20;
        putLong(account.lastNonce());
        putShort(account.subaccountCount());
        for (int i = 0; i < account.subaccountCount(); i++)
        {
            final Subaccount subaccount = account.subaccountAt(i);
            putShort(subaccount.number());
            putLong(subaccount.realizedPnl()).putLong(subaccount.lastLiquidatedAt())
                .putByte(subaccount.isPortfolioMargin() ? 1 : 0);
            int balances = 0;
            for (int asset = 0; asset < subaccount.balanceSlots(); asset++)
            {
                balances += subaccount.balance(asset) != 0 ? 1 : 0;
            }
            putShort(balances);
            for (int asset = 0; asset < subaccount.balanceSlots(); asset++)
            {
                if (subaccount.balance(asset) != 0)
                {
                    putShort(asset).putLong(subaccount.balance(asset));
                }
            }
            putShort(subaccount.positionCount());
            for (int p = 0; p < subaccount.positionCount(); p++)
            {
                putInt(subaccount.positionMarket(p)).putLong(subaccount.positionSize(p))
                    .putLong(subaccount.positionCostBasis(p)).putLong(subaccount.positionFundingIndex(p));
            }
        }
        return this;
    }

    /**
     * The canonical encoding of an account's session-key leaf, committed beside its account leaf once the owner
     * registered a key: the key count (1) and per key in address order: address (20), scope (1), subaccount count
     * (1) each as number (2), expiry (8), revoked (1).
     *
     * @param account the account.
     * @return this.
     */
    public LeafEncoding putSessionKeys(final Account account)
    {
        putByte(account.sessionKeyCount());
        for (int k = 0; k < account.sessionKeyCount(); k++)
        {
            final SessionKey key = account.sessionKeyAt(k);
            ensure(20);
            key.key().putBytes(buffer, length);
            length += 20;
            putByte(key.scope()).putByte(key.subaccountCount());
            for (int s = 0; s < key.subaccountCount(); s++)
            {
                putShort(key.subaccountAt(s));
            }
            putLong(key.expiry()).putByte(key.isRevoked() ? 1 : 0);
        }
        return this;
    }
}
