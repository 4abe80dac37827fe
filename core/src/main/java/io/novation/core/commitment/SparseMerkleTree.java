package io.novation.core.commitment;

import java.util.Arrays;
import java.util.Objects;

import org.agrona.collections.IntArrayList;

/**
 * A sparse Merkle tree over 256-bit keys in the compact form of the Fuel specification: a leaf is
 * {@code H(0x00 || key || H(data))}, an internal node {@code H(0x01 || left || right)}, an empty subtree the 32-byte
 * placeholder of zeros, and a subtree holding exactly one leaf is represented by that leaf. Path bits are read from
 * the most significant bit of key byte 0; 0 goes left.
 * <p>
 * The tree is held in memory as a path-compressed binary trie whose nodes live in primitive arrays: a branch exists
 * only where two non-empty subtrees meet, and the levels it skips (a subtree whose leaves all share the next bits) are
 * folded with the placeholder when hashed. Updates only mark the branches on their path stale; {@link #root()} and
 * {@link #proof(byte[])} rehash each stale branch once. A run of updates followed by one {@code root()} is therefore
 * a batch: the union of the touched paths is rehashed, shared upper levels only once.
 * <p>
 * Deterministic: the root depends only on the set of (key, data) pairs, never on the order of updates. Not
 * thread-safe; the tree uses its {@link Hasher} exclusively.
 */
public final class SparseMerkleTree
{
    /**
     * Length in bytes of a key.
     */
    public static final int KEY_LENGTH = KeyBits.KEY_LENGTH;

    /**
     * Length in bytes of a root, a node value and a data hash.
     */
    public static final int HASH_LENGTH = Hasher.HASH_LENGTH;

    private static final int EMPTY = 0;

    private static final int LEAF_KEY = 0;
    private static final int LEAF_DATA_HASH = LEAF_KEY + KEY_LENGTH;
    private static final int LEAF_HASH = LEAF_DATA_HASH + HASH_LENGTH;
    private static final int LEAF_RECORD_LENGTH = LEAF_HASH + HASH_LENGTH;

    private static final int LEFT = 0;
    private static final int RIGHT = 1;
    private static final int SPLIT = 2;
    private static final int REPRESENTATIVE_LEAF = 3;
    private static final int BRANCH_FIELDS = 4;
    private static final int STALE = 1 << 16;
    private static final int SPLIT_MASK = STALE - 1;
    private static final int INITIAL_BRANCH_CAPACITY = 64;

    private final Hasher hasher;
    private final PagedByteRecords leaves = new PagedByteRecords(LEAF_RECORD_LENGTH);
    private final PagedByteRecords branchValues = new PagedByteRecords(HASH_LENGTH);
    private final IntArrayList freeLeaves = new IntArrayList();
    private final IntArrayList freeBranches = new IntArrayList();
    private final int[] path = new int[KeyBits.KEY_BITS];
    private final byte[] dataHash = new byte[HASH_LENGTH];
    private int[] branches = new int[INITIAL_BRANCH_CAPACITY * BRANCH_FIELDS];
    private int leavesInUse;
    private int leafSlots;
    private int branchSlots;
    private int rootNode = EMPTY;

    /**
     * An empty tree, whose root is the placeholder.
     *
     * @param hasher the hash function, used by this tree only.
     */
    public SparseMerkleTree(final Hasher hasher)
    {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /**
     * Set the data of a key: insert it, or replace its data. Empty data deletes the key, as in Fuel.
     *
     * @param key  32-byte key.
     * @param data the leaf data, hashed into the leaf; empty to delete.
     */
    public void update(final byte[] key, final byte[] data)
    {
        requireKey(key);
        Objects.requireNonNull(data, "data");
        if (0 == data.length)
        {
            delete(key);
            return;
        }
        SparseMerkleHashing.dataHash(hasher, data, 0, data.length, dataHash, 0);

        if (EMPTY == rootNode)
        {
            rootNode = leafNode(newLeaf(key));
            return;
        }

        final int depthCount = descend(key);
        final int reachedLeaf = leafIndex(leafAtEndOfPath(key, depthCount));
        final int difference = KeyBits.firstDifference(
            leaves.page(reachedLeaf), leaves.offset(reachedLeaf) + LEAF_KEY, key, 0);
        if (KeyBits.NO_DIFFERENCE == difference)
        {
            replaceData(reachedLeaf, depthCount);
        }
        else
        {
            insertBeside(key, reachedLeaf, difference, depthCount);
        }
    }

    /**
     * Remove a key; nothing changes when it is absent.
     *
     * @param key 32-byte key.
     */
    public void delete(final byte[] key)
    {
        requireKey(key);
        if (EMPTY == rootNode)
        {
            return;
        }
        final int depthCount = descend(key);
        final int reachedLeaf = leafIndex(leafAtEndOfPath(key, depthCount));
        if (KeyBits.NO_DIFFERENCE !=
            KeyBits.firstDifference(leaves.page(reachedLeaf), leaves.offset(reachedLeaf) + LEAF_KEY, key, 0))
        {
            return;
        }
        freeLeaf(reachedLeaf);
        if (0 == depthCount)
        {
            rootNode = EMPTY;
            return;
        }
        final int parent = path[depthCount - 1];
        final int base = parent * BRANCH_FIELDS;
        final int sibling = 0 == KeyBits.bit(key, 0, split(parent)) ? branches[base + RIGHT] : branches[base + LEFT];
        replaceChild(key, depthCount - 1, sibling);
        freeBranch(parent);
        markStaleIfBranch(sibling);
        markStale(depthCount - 1);
    }

    /**
     * Whether a key has a leaf.
     *
     * @param key 32-byte key.
     * @return true when the key was updated with non-empty data and not deleted since.
     */
    public boolean contains(final byte[] key)
    {
        requireKey(key);
        if (EMPTY == rootNode)
        {
            return false;
        }
        final int leaf = leafIndex(leafAtEndOfPath(key, descend(key)));
        return KeyBits.NO_DIFFERENCE == KeyBits.firstDifference(leaves.page(leaf), leaves.offset(leaf), key, 0);
    }

    /**
     * Number of keys with a leaf.
     *
     * @return the number of leaves.
     */
    public int size()
    {
        return leavesInUse;
    }

    /**
     * The root, rehashing the branches made stale since the last call.
     *
     * @return a new 32-byte array; 32 zero bytes for the empty tree.
     */
    public byte[] root()
    {
        final byte[] root = new byte[HASH_LENGTH];
        root(root, 0);
        return root;
    }

    /**
     * Write the root, rehashing the branches made stale since the last call.
     *
     * @param destination where the 32-byte root is written.
     * @param offset      first byte written.
     */
    public void root(final byte[] destination, final int offset)
    {
        if (EMPTY == rootNode)
        {
            Arrays.fill(destination, offset, offset + HASH_LENGTH, (byte)0);
            return;
        }
        refresh(rootNode, 0);
        System.arraycopy(valuePage(rootNode), valueOffset(rootNode), destination, offset, HASH_LENGTH);
    }

    /**
     * A proof of the key's leaf (inclusion) or of its absence (exclusion) against the current {@link #root()}.
     *
     * @param key 32-byte key.
     * @return the compact path of the key, ending at its leaf, at another key's leaf or in an empty subtree.
     */
    public SparseMerkleProof proof(final byte[] key)
    {
        requireKey(key);
        refresh(rootNode, 0);
        final byte[] siblingsByDepth = new byte[KeyBits.KEY_BITS * HASH_LENGTH];
        final boolean[] listedByDepth = new boolean[KeyBits.KEY_BITS];
        int node = rootNode;
        int depth = 0;
        int endDepth = -1;
        while (isBranch(node))
        {
            final int branch = branchIndex(node);
            final int split = split(branch);
            final int representative = branches[branch * BRANCH_FIELDS + REPRESENTATIVE_LEAF];
            final int difference = KeyBits.firstDifference(
                leaves.page(representative), leaves.offset(representative) + LEAF_KEY, key, 0);
            if (KeyBits.NO_DIFFERENCE != difference && difference < split)
            {
                writeBranchValue(branch, difference + 1, siblingsByDepth, difference * HASH_LENGTH);
                listedByDepth[difference] = true;
                endDepth = difference + 1;
                node = EMPTY;
                break;
            }
            final int base = branch * BRANCH_FIELDS;
            final boolean keyGoesLeft = 0 == KeyBits.bit(key, 0, split);
            final int sibling = keyGoesLeft ? branches[base + RIGHT] : branches[base + LEFT];
            System.arraycopy(
                valuePage(sibling), valueOffset(sibling), siblingsByDepth, split * HASH_LENGTH, HASH_LENGTH);
            listedByDepth[split] = true;
            node = keyGoesLeft ? branches[base + LEFT] : branches[base + RIGHT];
            depth = split + 1;
        }
        if (endDepth < 0)
        {
            endDepth = depth;
        }

        final byte[] bitmap = new byte[SparseMerkleProof.BITMAP_LENGTH];
        int listed = 0;
        for (int height = 0; height < endDepth; height++)
        {
            if (listedByDepth[endDepth - 1 - height])
            {
                SparseMerkleProof.setBit(bitmap, height);
                listed++;
            }
        }
        final byte[] siblings = new byte[listed * HASH_LENGTH];
        int written = 0;
        for (int height = 0; height < endDepth; height++)
        {
            final int siblingDepth = endDepth - 1 - height;
            if (listedByDepth[siblingDepth])
            {
                System.arraycopy(
                    siblingsByDepth, siblingDepth * HASH_LENGTH, siblings, written * HASH_LENGTH, HASH_LENGTH);
                written++;
            }
        }

        if (isLeaf(node))
        {
            final int leaf = leafIndex(node);
            final byte[] page = leaves.page(leaf);
            final int offset = leaves.offset(leaf);
            return new SparseMerkleProof(
                endDepth,
                bitmap,
                siblings,
                Arrays.copyOfRange(page, offset + LEAF_KEY, offset + LEAF_KEY + KEY_LENGTH),
                Arrays.copyOfRange(page, offset + LEAF_DATA_HASH, offset + LEAF_DATA_HASH + HASH_LENGTH));
        }
        return new SparseMerkleProof(endDepth, bitmap, siblings, new byte[0], new byte[0]);
    }

    /**
     * Check offline that a root commits to a key holding exactly this data.
     *
     * @param hasher the tree's hash function.
     * @param root   32-byte root.
     * @param key    32-byte key.
     * @param data   the leaf data; empty data is never included, as it means deletion.
     * @param proof  an inclusion proof, whose leaf must be this key with the hash of this data.
     * @return true when the proof recomputes the root from {@code H(0x00 || key || H(data))}.
     */
    public static boolean verifyInclusion(
        final Hasher hasher, final byte[] root, final byte[] key, final byte[] data, final SparseMerkleProof proof)
    {
        return SparseMerkleVerification.verifyInclusion(hasher, root, key, data, proof);
    }

    /**
     * Check offline that a root holds no leaf for a key.
     *
     * @param hasher the tree's hash function.
     * @param root   32-byte root.
     * @param key    32-byte key.
     * @param proof  an exclusion proof: the key's path ends in an empty subtree or at another key's leaf.
     * @return true when the proof recomputes the root and its path cannot hold the key.
     */
    public static boolean verifyExclusion(
        final Hasher hasher, final byte[] root, final byte[] key, final SparseMerkleProof proof)
    {
        return SparseMerkleVerification.verifyExclusion(hasher, root, key, proof);
    }

    /**
     * Give an existing leaf the data hash in {@code dataHash}; its path becomes stale only if the data changed.
     */
    private void replaceData(final int leaf, final int depthCount)
    {
        final byte[] page = leaves.page(leaf);
        final int offset = leaves.offset(leaf);
        if (Arrays.equals(
            page, offset + LEAF_DATA_HASH, offset + LEAF_DATA_HASH + HASH_LENGTH, dataHash, 0, HASH_LENGTH))
        {
            return;
        }
        System.arraycopy(dataHash, 0, page, offset + LEAF_DATA_HASH, HASH_LENGTH);
        SparseMerkleHashing.leaf(
            hasher, page, offset + LEAF_KEY, page, offset + LEAF_DATA_HASH, page, offset + LEAF_HASH);
        markStale(depthCount);
    }

    /**
     * Insert a new leaf for a key whose path first leaves the reached leaf's key at depth {@code difference}: a new
     * branch splitting there takes the place of the subtree that hangs across that depth on the path.
     */
    private void insertBeside(final byte[] key, final int reachedLeaf, final int difference, final int depthCount)
    {
        int position = 0;
        while (position < depthCount && split(path[position]) < difference)
        {
            position++;
        }
        final int displaced = position < depthCount ? branchNode(path[position]) : leafNode(reachedLeaf);
        final int insertedLeaf = newLeaf(key);
        final int branch = 0 == KeyBits.bit(key, 0, difference) ?
            newBranch(difference, leafNode(insertedLeaf), displaced, insertedLeaf) :
            newBranch(difference, displaced, leafNode(insertedLeaf), insertedLeaf);
        markStaleIfBranch(displaced);
        replaceChild(key, position, branchNode(branch));
        markStale(position);
    }

    private int descend(final byte[] key)
    {
        int depthCount = 0;
        int node = rootNode;
        while (isBranch(node))
        {
            final int branch = branchIndex(node);
            path[depthCount++] = branch;
            node = branches[branch * BRANCH_FIELDS + (0 == KeyBits.bit(key, 0, split(branch)) ? LEFT : RIGHT)];
        }
        return depthCount;
    }

    private int leafAtEndOfPath(final byte[] key, final int depthCount)
    {
        if (0 == depthCount)
        {
            return rootNode;
        }
        final int last = path[depthCount - 1];
        return branches[last * BRANCH_FIELDS + (0 == KeyBits.bit(key, 0, split(last)) ? LEFT : RIGHT)];
    }

    private void replaceChild(final byte[] key, final int pathPosition, final int child)
    {
        if (0 == pathPosition)
        {
            rootNode = child;
            return;
        }
        final int parent = path[pathPosition - 1];
        branches[parent * BRANCH_FIELDS + (0 == KeyBits.bit(key, 0, split(parent)) ? LEFT : RIGHT)] = child;
    }

    private void markStale(final int depthCount)
    {
        for (int i = 0; i < depthCount; i++)
        {
            branches[path[i] * BRANCH_FIELDS + SPLIT] |= STALE;
        }
    }

    private void markStaleIfBranch(final int node)
    {
        if (isBranch(node))
        {
            branches[branchIndex(node) * BRANCH_FIELDS + SPLIT] |= STALE;
        }
    }

    /**
     * Rehash a stale branch hanging at a depth, its stale descendants first, and remember a leaf under it whose key
     * gives the path bits of the levels it skips.
     */
    private void refresh(final int node, final int hangDepth)
    {
        if (!isBranch(node))
        {
            return;
        }
        final int branch = branchIndex(node);
        final int base = branch * BRANCH_FIELDS;
        final int meta = branches[base + SPLIT];
        if (0 == (meta & STALE))
        {
            return;
        }
        final int split = meta & SPLIT_MASK;
        final int left = branches[base + LEFT];
        final int right = branches[base + RIGHT];
        refresh(left, split + 1);
        refresh(right, split + 1);
        branches[base + REPRESENTATIVE_LEAF] = isLeaf(left) ?
            leafIndex(left) : branches[branchIndex(left) * BRANCH_FIELDS + REPRESENTATIVE_LEAF];
        writeBranchValue(branch, hangDepth, branchValues.page(branch), branchValues.offset(branch));
        branches[base + SPLIT] = split;
    }

    /**
     * Value of a fresh branch's subtree seen from a depth at or above its split: its node, then one parent with the
     * placeholder per skipped level.
     */
    private void writeBranchValue(final int branch, final int depth, final byte[] out, final int outOffset)
    {
        final int base = branch * BRANCH_FIELDS;
        final int split = branches[base + SPLIT] & SPLIT_MASK;
        final int left = branches[base + LEFT];
        final int right = branches[base + RIGHT];
        SparseMerkleHashing.node(
            hasher, valuePage(left), valueOffset(left), valuePage(right), valueOffset(right), out, outOffset);
        final int representative = branches[base + REPRESENTATIVE_LEAF];
        final byte[] keyPage = leaves.page(representative);
        final int keyOffset = leaves.offset(representative) + LEAF_KEY;
        for (int level = split - 1; level >= depth; level--)
        {
            SparseMerkleHashing.parentWithPlaceholder(hasher, KeyBits.bit(keyPage, keyOffset, level), out, outOffset);
        }
    }

    private byte[] valuePage(final int node)
    {
        return isLeaf(node) ? leaves.page(leafIndex(node)) : branchValues.page(branchIndex(node));
    }

    private int valueOffset(final int node)
    {
        return isLeaf(node) ? leaves.offset(leafIndex(node)) + LEAF_HASH : branchValues.offset(branchIndex(node));
    }

    private int newLeaf(final byte[] key)
    {
        final int leaf = freeLeaves.isEmpty() ? leafSlots++ : freeLeaves.popInt();
        leaves.ensure(leaf);
        final byte[] page = leaves.page(leaf);
        final int offset = leaves.offset(leaf);
        System.arraycopy(key, 0, page, offset + LEAF_KEY, KEY_LENGTH);
        System.arraycopy(dataHash, 0, page, offset + LEAF_DATA_HASH, HASH_LENGTH);
        SparseMerkleHashing.leaf(
            hasher, page, offset + LEAF_KEY, page, offset + LEAF_DATA_HASH, page, offset + LEAF_HASH);
        leavesInUse++;
        return leaf;
    }

    private void freeLeaf(final int leaf)
    {
        freeLeaves.pushInt(leaf);
        leavesInUse--;
    }

    private int newBranch(final int split, final int left, final int right, final int representativeLeaf)
    {
        final int branch = freeBranches.isEmpty() ? branchSlots++ : freeBranches.popInt();
        if ((branch + 1) * BRANCH_FIELDS > branches.length)
        {
            branches = Arrays.copyOf(branches, branches.length << 1);
        }
        branchValues.ensure(branch);
        final int base = branch * BRANCH_FIELDS;
        branches[base + LEFT] = left;
        branches[base + RIGHT] = right;
        branches[base + SPLIT] = split | STALE;
        branches[base + REPRESENTATIVE_LEAF] = representativeLeaf;
        return branch;
    }

    private void freeBranch(final int branch)
    {
        freeBranches.pushInt(branch);
    }

    private int split(final int branch)
    {
        return branches[branch * BRANCH_FIELDS + SPLIT] & SPLIT_MASK;
    }

    private static int leafNode(final int leaf)
    {
        return -(leaf + 1);
    }

    private static int branchNode(final int branch)
    {
        return branch + 1;
    }

    private static boolean isLeaf(final int node)
    {
        return node < 0;
    }

    private static boolean isBranch(final int node)
    {
        return node > 0;
    }

    private static int leafIndex(final int node)
    {
        return -node - 1;
    }

    private static int branchIndex(final int node)
    {
        return node - 1;
    }

    static void requireKey(final byte[] key)
    {
        Objects.requireNonNull(key, "key");
        if (KEY_LENGTH != key.length)
        {
            throw new IllegalArgumentException("key must be 32 bytes: " + key.length);
        }
    }

    static void requireHash(final byte[] hash)
    {
        Objects.requireNonNull(hash, "root");
        if (HASH_LENGTH != hash.length)
        {
            throw new IllegalArgumentException("root must be 32 bytes: " + hash.length);
        }
    }
}
