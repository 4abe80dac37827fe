package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.market.Asset;
import io.novation.core.market.Markets;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.surface.VolSurfaceBook;
import io.novation.core.oracle.OracleBook;
import io.novation.core.commitment.Hasher;
import io.novation.core.commitment.Keccak256Hasher;
import io.novation.core.commitment.LeafEncoding;
import io.novation.core.commitment.SparseMerkleTree;

/**
 * Commits the engine state to a 32-byte root: a sparse Merkle tree whose leaves are the accounts (key
 * keccak256(owner)), the filled amounts of orders (key keccak256(0x66 || orderDigest)), and, only when there are any,
 * the session keys of an account that registered one (key keccak256(0x6B || owner)), the cancelled orders (key
 * keccak256(0x63 || owner || subaccount || orderDigest)) and the nonce floors (key keccak256(0x6E || owner ||
 * subaccount)), combined with a hash of
 * the global state (assets, markets with their funding state, oracles with their parameters, publishers, held rounds
 * and TWAP sums, option series, volatility surfaces, fee pool,
 * insurance fund, deposit and withdrawal totals) as
 * keccak256(treeRoot || globalHash). Only leaves changed since the last root are rehashed.
 */
public final class StateCommitment
{
    /** Domain byte that prefixes an order digest in the key of its fill leaf. */
    public static final byte FILL_KEY_PREFIX = 0x66;

    /** Marks the governance book in the global leaf encoding. */
    private static final int GOVERNANCE_TAG = 0x47;
    /** Domain byte that prefixes an owner in the key of its session-key leaf. */
    public static final byte SESSION_KEYS_KEY_PREFIX = 0x6B;
    /** Domain byte that prefixes (owner, subaccount, order digest) in the key of a cancel's leaf. */
    public static final byte CANCEL_KEY_PREFIX = 0x63;
    /** Domain byte that prefixes (owner, subaccount) in the key of a nonce floor's leaf. */
    public static final byte NONCE_FLOOR_KEY_PREFIX = 0x6E;
    /** The publisher committed for a surface restored from a snapshot older than version 5: 20 zero bytes. */

    private final ClearingState state;
    private final Hasher hasher;
    private final SparseMerkleTree tree;
    private final LeafEncoding encoding = new LeafEncoding();
    private final byte[] key = new byte[32];
    private final byte[] fillKeyPreimage = new byte[33];
    private final byte[] cancelKeyPreimage = new byte[1 + io.novation.core.clearing.OrderCancelBook.CANCEL_KEY_LENGTH];
    private final byte[] globalHash = new byte[32];
    private final byte[] combined = new byte[64];
    private final byte[] owner = new byte[20];
    private final byte[] sessionKeysKeyPreimage = new byte[21];
    private final java.util.function.Consumer<Account> accountCommitter = this::commitAccount;
    private final io.novation.core.clearing.OrderFillBook.FillConsumer fillCommitter = this::commitFill;
    private final io.novation.core.clearing.OrderCancelBook.EntryConsumer cancelCommitter = this::commitCancel;
    private boolean globalKnown;
    private final BinaryWriter governanceBytes = new BinaryWriter(256);

    /**
     * A commitment over a state, with Keccak-256.
     *
     * @param state the engine state.
     */
    public StateCommitment(final ClearingState state)
    {
        this(state, new Keccak256Hasher());
    }

    /**
     * A commitment over a state with a chosen hash function.
     *
     * @param state  the engine state.
     * @param hasher the hash function of the tree and the root.
     */
    public StateCommitment(final ClearingState state, final Hasher hasher)
    {
        this.state = state;
        this.hasher = hasher;
        this.tree = new SparseMerkleTree(hasher);
        fillKeyPreimage[0] = FILL_KEY_PREFIX;
    }

    /**
     * The current root, after committing every changed leaf.
     *
     * @return 32 bytes.
     */
    public byte[] root()
    {
        state.accounts().drainDirty(accountCommitter);
        state.fills().drainChanged(fillCommitter);
        state.cancels().drainChanged(cancelCommitter);
        if (!globalKnown || state.consumeGlobalChange())
        {
            encodeGlobal();
            hash(encoding.buffer(), 0, encoding.length(), globalHash);
            globalKnown = true;
        }
        tree.root(combined, 0);
        System.arraycopy(globalHash, 0, combined, 32, 32);
        final byte[] root = new byte[32];
        hash(combined, 0, 64, root);
        return root;
    }

    /**
     * The tree root of the last {@link #root()}.
     *
     * @return 32 bytes, a copy.
     */
    public byte[] lastTreeRoot()
    {
        return java.util.Arrays.copyOfRange(combined, 0, 32);
    }

    /**
     * The global-state hash of the last {@link #root()}.
     *
     * @return 32 bytes, a copy.
     */
    public byte[] lastGlobalHash()
    {
        return globalHash.clone();
    }

    /**
     * The tree of account and fill leaves, for proofs.
     *
     * @return the tree (committed up to the last {@link #root()}).
     */
    public SparseMerkleTree tree()
    {
        return tree;
    }

    /**
     * The key of an account's leaf: keccak256 of its 20-byte owner address.
     *
     * @param account the account.
     * @param out     32 bytes receiving the key.
     */
    public void accountKey(final Account account, final byte[] out)
    {
        account.owner().putBytes(owner, 0);
        hash(owner, 0, 20, out);
    }

    private void commitAccount(final Account account)
    {
        accountKey(account, key);
        encoding.reset().putAccount(account);
        tree.update(key, encoding.toBytes());
        if (account.usesSessionKeys())
        {
            // A leaf of its own, so that the account leaf the bridge's escape reads keeps its layout (§15).
            sessionKeysKeyPreimage[0] = SESSION_KEYS_KEY_PREFIX;
            account.owner().putBytes(sessionKeysKeyPreimage, 1);
            hash(sessionKeysKeyPreimage, 0, 21, key);
            tree.update(key, encoding.reset().putSessionKeys(account).toBytes());
        }
    }

    private void commitFill(final byte[] digests, final int offset, final long filled, final long expiry)
    {
        System.arraycopy(digests, offset, fillKeyPreimage, 1, 32);
        hash(fillKeyPreimage, 0, 33, key);
        if (filled == 0)
        {
            tree.delete(key);
            return;
        }
        tree.update(key, encoding.reset().putLong(filled).putLong(expiry).toBytes());
    }

    /**
     * A cancel's leaf (key keccak256(0x63 || owner || subaccount || digest), value the order's expiry) or a nonce
     * floor's (key keccak256(0x6E || owner || subaccount), value the floor); deleted when the entry is gone.
     */
    private void commitCancel(final byte[] entryKey, final long value)
    {
        cancelKeyPreimage[0] = entryKey.length == io.novation.core.clearing.OrderCancelBook.CANCEL_KEY_LENGTH ?
            CANCEL_KEY_PREFIX : NONCE_FLOOR_KEY_PREFIX;
        System.arraycopy(entryKey, 0, cancelKeyPreimage, 1, entryKey.length);
        hash(cancelKeyPreimage, 0, 1 + entryKey.length, key);
        if (value == 0)
        {
            tree.delete(key);
            return;
        }
        tree.update(key, encoding.reset().putLong(value).toBytes());
    }

    private void hash(final byte[] data, final int offset, final int length, final byte[] out)
    {
        hasher.reset();
        hasher.update(data, offset, length);
        hasher.digest(out, 0);
    }

    private void encodeGlobal()
    {
        final Markets markets = state.markets();
        encoding.reset().putShort(markets.assetCount());
        for (int i = 0; i < markets.assetCount(); i++)
        {
            final Asset asset = markets.asset(i);
            encoding.putShort(asset.id()).putString(asset.symbol()).putByte(asset.decimals()).putInt(asset.oracleId())
                .putLong(asset.initialWeightPpm()).putLong(asset.maintenanceWeightPpm())
                .putLong(state.totalDeposited(i)).putLong(state.totalWithdrawn(i));
        }
        encoding.putShort(markets.perpetualCount());
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            markets.perpetual(i).commitTo(encoding);
        }
        final OracleBook oracles = state.oracles();
        encoding.putShort(oracles.count());
        for (int i = 0; i < oracles.count(); i++)
        {
            oracles.feed(i).commitTo(encoding);
        }
        encoding.putInt(markets.optionCount());
        for (int i = 0; i < markets.optionCount(); i++)
        {
            markets.optionAt(i).commitTo(encoding);
        }
        final VolSurfaceBook surfaces = state.volSurfaces();
        encoding.putShort(surfaces.count());
        for (int i = 0; i < surfaces.slots(); i++)
        {
            final PublishedVolSurface surface = surfaces.surface(i);
            if (surface == null)
            {
                continue;
            }
            surface.commitTo(encoding);
        }
        encoding.putLong(state.feePool()).putLong(state.insuranceFund()).putLong(state.lastDepositId())
            .putLong(state.withdrawalCount()).putLong(state.time());
        encoding.putLong(state.lastForcedRequestId()).putLong(state.batchCount())
            .putBytes(state.lastBatchRoot(), 0, 32)
            .putBytes(state.pendingWithdrawals().runningHash(), 0, 32);
        surfaces.commitRoundsTo(encoding);
        if (state.badDebt() != 0)
        {
            // Appended only once there is any, so that the roots of states without it are unchanged.
            encoding.putLong(state.badDebt());
        }
        if (!state.governance().isEmpty())
        {
            // Appended only once governance scheduled a change or rotated a key, so that other roots are unchanged.
            governanceBytes.reset();
            state.governance().writeTo(governanceBytes);
            encoding.putByte(GOVERNANCE_TAG).putInt(governanceBytes.length())
                .putBytes(governanceBytes.buffer(), 0, governanceBytes.length());
        }
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            // Delisting and hard caps: appended per market only when set, so that other roots are unchanged.
            if (markets.perpetual(i).hasLifecycleState())
            {
                markets.perpetual(i).commitLifecycleTo(encoding);
            }
        }
        // Tagged and appended only when a market holds risk state: the roots of states without it are unchanged.
        state.risk().commitTo(encoding, markets);
    }
}
