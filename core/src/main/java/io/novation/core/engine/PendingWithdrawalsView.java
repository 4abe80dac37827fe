package io.novation.core.engine;

import java.util.List;

/**
 * A read-only view of the withdrawals queued since the last batch seal (amounts in asset quantums), in id order.
 */
public interface PendingWithdrawalsView
{
    /**
     * The queued withdrawals.
     *
     * @return an unmodifiable list, in id order.
     */
    List<PendingWithdrawals.Entry> entries();

    /**
     * The withdrawal-tree leaves of the queued withdrawals.
     *
     * @return a new list, one 32-byte leaf per entry, in id order.
     */
    List<byte[]> leaves();

    /**
     * The running hash of the queued withdrawals.
     *
     * @return 32 bytes; do not modify.
     */
    byte[] runningHash();
}
