package io.novation.sim.demo;

import io.novation.core.account.Address;

/**
 * One bridge deposit as one 32-byte calldata word of {@code DepositBatch.depositPacked}: the amount in the asset's
 * quantums in the high 12 bytes (at most 2^64 - 1 fits the bridge's {@code uint64}), the account's 20-byte address in
 * the low 20: {@code amount << 160 | account}.
 */
final class DepositWords
{
    private static final int WORD = 32;
    private static final int ADDRESS = 20;

    private DepositWords()
    {
    }

    /**
     * The word of one deposit.
     *
     * @param account the account credited.
     * @param amount  quantums, positive.
     * @return 32 bytes, big-endian.
     * @throws IllegalArgumentException when the amount is not positive.
     */
    static byte[] word(final Address account, final long amount)
    {
        if (amount <= 0)
        {
            throw new IllegalArgumentException("a deposit is positive, not " + amount);
        }
        final byte[] word = new byte[WORD];
        final byte[] address = account.toBytes();
        System.arraycopy(address, 0, word, WORD - ADDRESS, ADDRESS);
        for (int i = 0; i < Long.BYTES; i++)
        {
            word[WORD - ADDRESS - 1 - i] = (byte)(amount >>> (8 * i));
        }
        return word;
    }
}
