package io.novation.core.commitment;

import io.novation.core.crypto.Hex;

import java.util.Arrays;

/**
 * What one sealed batch commits to, and what the bridge contract stores per batch: the batch number (from 1), the
 * state root of the previous batch (32 zero bytes before the first), the new state root with its two halves (the
 * sparse Merkle tree root of the account and fill leaves and the hash of the global state), the root of the
 * withdrawals the batch queued, the hash of the escape price table, the hash of the batch's journaled commands, and
 * the last deposit id and forced-withdrawal request id the batch processed. Hashes are 32 bytes each (Keccak-256).
 *
 * @param batchNumber         from 1.
 * @param previousRoot        state root of batch {@code batchNumber - 1}, or zeros for the first batch.
 * @param stateRoot           {@code keccak256(treeRoot || globalHash)} after the batch's last command.
 * @param treeRoot            root of the sparse Merkle tree of accounts and fills.
 * @param globalHash          hash of the global state encoding.
 * @param withdrawalsRoot     root of the {@link WithdrawalTree} of the withdrawals queued in the batch.
 * @param pricesHash          {@code keccak256} of the escape price table
 *                            ({@link io.novation.core.engine.EscapeValuation#priceTable}).
 * @param commandsHash        hash of the journal records of the batch's commands (computed by the node).
 * @param lastDepositId       the last base-chain deposit id credited, at the end of the batch.
 * @param lastForcedRequestId the last base-chain forced-withdrawal request answered, at the end of the batch.
 */
public record BatchHeader(
    long batchNumber,
    byte[] previousRoot,
    byte[] stateRoot,
    byte[] treeRoot,
    byte[] globalHash,
    byte[] withdrawalsRoot,
    byte[] pricesHash,
    byte[] commandsHash,
    long lastDepositId,
    long lastForcedRequestId)
{
    /** Bytes of the binary encoding: three longs and seven 32-byte hashes. */
    public static final int ENCODED_LENGTH = 3 * 8 + 7 * 32;

    /**
     * Validates and copies the hashes.
     */
    public BatchHeader
    {
        previousRoot = copy32("previousRoot", previousRoot);
        stateRoot = copy32("stateRoot", stateRoot);
        treeRoot = copy32("treeRoot", treeRoot);
        globalHash = copy32("globalHash", globalHash);
        withdrawalsRoot = copy32("withdrawalsRoot", withdrawalsRoot);
        pricesHash = copy32("pricesHash", pricesHash);
        commandsHash = copy32("commandsHash", commandsHash);
    }

    /**
     * The same header with another commands hash.
     *
     * @param hash 32 bytes.
     * @return a new header.
     */
    public BatchHeader withCommandsHash(final byte[] hash)
    {
        return new BatchHeader(batchNumber, previousRoot, stateRoot, treeRoot, globalHash, withdrawalsRoot,
            pricesHash, hash, lastDepositId, lastForcedRequestId);
    }

    /**
     * Whether every field but the commands hash is equal: what the engine can check by itself.
     *
     * @param other another header.
     * @return true when the state parts match.
     */
    public boolean matchesState(final BatchHeader other)
    {
        return batchNumber == other.batchNumber && lastDepositId == other.lastDepositId &&
            lastForcedRequestId == other.lastForcedRequestId && Arrays.equals(previousRoot, other.previousRoot) &&
            Arrays.equals(stateRoot, other.stateRoot) && Arrays.equals(treeRoot, other.treeRoot) &&
            Arrays.equals(globalHash, other.globalHash) && Arrays.equals(withdrawalsRoot, other.withdrawalsRoot) &&
            Arrays.equals(pricesHash, other.pricesHash);
    }

    /**
     * The first field that differs from another header, for messages.
     *
     * @param other another header.
     * @return a description such as {@code "stateRoot 0x.. != 0x.."}, or null when {@link #matchesState} holds.
     */
    public String firstStateDifference(final BatchHeader other)
    {
        if (batchNumber != other.batchNumber)
        {
            return "batchNumber " + batchNumber + " != " + other.batchNumber;
        }
        if (!Arrays.equals(previousRoot, other.previousRoot))
        {
            return "previousRoot " + Hex.encode(previousRoot) + " != " + Hex.encode(other.previousRoot);
        }
        if (!Arrays.equals(stateRoot, other.stateRoot))
        {
            return "stateRoot " + Hex.encode(stateRoot) + " != " + Hex.encode(other.stateRoot);
        }
        if (!Arrays.equals(treeRoot, other.treeRoot) || !Arrays.equals(globalHash, other.globalHash))
        {
            return "treeRoot/globalHash differ";
        }
        if (!Arrays.equals(withdrawalsRoot, other.withdrawalsRoot))
        {
            return "withdrawalsRoot " + Hex.encode(withdrawalsRoot) + " != " + Hex.encode(other.withdrawalsRoot);
        }
        if (!Arrays.equals(pricesHash, other.pricesHash))
        {
            return "pricesHash " + Hex.encode(pricesHash) + " != " + Hex.encode(other.pricesHash);
        }
        if (lastDepositId != other.lastDepositId)
        {
            return "lastDepositId " + lastDepositId + " != " + other.lastDepositId;
        }
        if (lastForcedRequestId != other.lastForcedRequestId)
        {
            return "lastForcedRequestId " + lastForcedRequestId + " != " + other.lastForcedRequestId;
        }
        return null;
    }

    @Override
    public byte[] previousRoot()
    {
        return previousRoot.clone();
    }

    @Override
    public byte[] stateRoot()
    {
        return stateRoot.clone();
    }

    @Override
    public byte[] treeRoot()
    {
        return treeRoot.clone();
    }

    @Override
    public byte[] globalHash()
    {
        return globalHash.clone();
    }

    @Override
    public byte[] withdrawalsRoot()
    {
        return withdrawalsRoot.clone();
    }

    @Override
    public byte[] pricesHash()
    {
        return pricesHash.clone();
    }

    @Override
    public byte[] commandsHash()
    {
        return commandsHash.clone();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof BatchHeader that && matchesState(that) &&
            Arrays.equals(commandsHash, that.commandsHash);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(batchNumber) * 31 + Arrays.hashCode(stateRoot);
    }

    @Override
    public String toString()
    {
        return "BatchHeader{batch=" + batchNumber + ", stateRoot=" + Hex.encode(stateRoot) + ", withdrawalsRoot=" +
            Hex.encode(withdrawalsRoot) + ", commandsHash=" + Hex.encode(commandsHash) + ", lastDepositId=" +
            lastDepositId + ", lastForcedRequestId=" + lastForcedRequestId + '}';
    }

    private static byte[] copy32(final String name, final byte[] value)
    {
        if (value == null || value.length != 32)
        {
            throw new IllegalArgumentException(name + " must be 32 bytes");
        }
        return value.clone();
    }
}
