package io.novation.core.engine;

import io.novation.core.account.Address;
import io.novation.core.commitment.WithdrawalTree;
import io.novation.core.crypto.Keccak256;

import java.util.ArrayList;
import java.util.List;

/**
 * The withdrawals queued since the last sealed batch (id, owner, asset, quantums), in id order, and a running hash
 * that commits to them in the global state: {@code h = keccak256(h || leaf)} per withdrawal, from 32 zero bytes.
 */
public final class PendingWithdrawals implements PendingWithdrawalsView
{
    private final List<Entry> entries = new ArrayList<>();
    private final byte[] runningHash = new byte[32];
    private final byte[] pair = new byte[64];

    /**
     * One queued withdrawal.
     *
     * @param withdrawalId the engine's id.
     * @param owner        paid on the base chain.
     * @param assetId      asset.
     * @param amount       quantums.
     * @param leaf         its {@link WithdrawalTree#leaf leaf hash}.
     */
    public record Entry(long withdrawalId, Address owner, int assetId, long amount, byte[] leaf)
    {
    }

    void add(final long withdrawalId, final Address owner, final int assetId, final long amount)
    {
        final byte[] leaf = WithdrawalTree.leaf(withdrawalId, owner, assetId, amount);
        entries.add(new Entry(withdrawalId, owner, assetId, amount, leaf));
        System.arraycopy(runningHash, 0, pair, 0, 32);
        System.arraycopy(leaf, 0, pair, 32, 32);
        System.arraycopy(Keccak256.hash(pair), 0, runningHash, 0, 32);
    }

    void clear()
    {
        entries.clear();
        java.util.Arrays.fill(runningHash, (byte)0);
    }

    /**
     * Restores one entry of a snapshot; for {@link SnapshotRestore} only.
     *
     * @param withdrawalId id.
     * @param owner        owner.
     * @param assetId      asset.
     * @param amount       quantums.
     */
    void restore(final long withdrawalId, final Address owner, final int assetId, final long amount)
    {
        add(withdrawalId, owner, assetId, amount);
    }

    /**
     * The entries, in id order.
     *
     * @return an unmodifiable view.
     */
    public List<Entry> entries()
    {
        return java.util.Collections.unmodifiableList(entries);
    }

    /**
     * The leaf hashes, in id order.
     *
     * @return a new list.
     */
    public List<byte[]> leaves()
    {
        final List<byte[]> leaves = new ArrayList<>(entries.size());
        for (final Entry entry : entries)
        {
            leaves.add(entry.leaf());
        }
        return leaves;
    }

    /**
     * The running hash the global state commits to.
     *
     * @return 32 bytes; do not modify.
     */
    public byte[] runningHash()
    {
        return runningHash;
    }
}
