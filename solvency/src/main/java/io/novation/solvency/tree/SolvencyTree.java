package io.novation.solvency.tree;

import io.novation.solvency.poseidon.Fr;
import io.novation.solvency.poseidon.Poseidon;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The solvency tree of one sealed batch (docs/solvency.md): the accounts' leaves in ascending key order, padded with
 * padding leaves Poseidon([0, 0, 0, 0, 0, 0]) to a power of two of at least one chunk, folded pairwise by
 * Poseidon([left, right]) into the root R; with the per-asset totals T_i (sums of the equities, quantums of each
 * asset) and views of each chunk of {@link #CHUNK_SIZE} leaves. Immutable once built.
 */
public final class SolvencyTree
{
    /** Asset slots of a leaf. */
    public static final int ASSETS = 4;
    /** Leaves per chunk, the unit the chunk circuit proves. */
    public static final int CHUNK_SIZE = 8;
    private static final int L = Fr.LIMBS;

    private final long batchNumber;
    private final List<SolvencyLeaf> leaves;
    private final int depth;
    /** levels[0] holds the padded leaf hashes, levels[depth] the root, in Montgomery form. */
    private final long[][] levels;
    private final BigInteger[] totals;

    private SolvencyTree(final long batchNumber, final List<SolvencyLeaf> leaves, final int depth,
        final long[][] levels, final BigInteger[] totals)
    {
        this.batchNumber = batchNumber;
        this.leaves = leaves;
        this.depth = depth;
        this.levels = levels;
        this.totals = totals;
    }

    /**
     * Builds the tree of a batch's leaves.
     *
     * @param batchNumber the sealed batch.
     * @param accounts    the leaves, in any order, keys distinct.
     * @return the tree.
     * @throws SolvencyException {@code MALFORMED} on a repeated key.
     */
    public static SolvencyTree build(final long batchNumber, final List<SolvencyLeaf> accounts)
    {
        return build(batchNumber, accounts, ParallelRanges.LEAF_SLICE, ParallelRanges.NODE_SLICE);
    }

    /**
     * Builds the tree hashing leaves and each level's nodes in slices on the common fork-join pool: the same tree
     * whatever the slices (each writes its own nodes).
     *
     * @param batchNumber the sealed batch.
     * @param accounts    the leaves, in any order, keys distinct.
     * @param leafSlice   leaves hashed per task.
     * @param nodeSlice   inner nodes hashed per task.
     * @return the tree.
     */
    static SolvencyTree build(final long batchNumber, final List<SolvencyLeaf> accounts, final int leafSlice,
        final int nodeSlice)
    {
        final SolvencyLeaf[] ordered = accounts.toArray(new SolvencyLeaf[0]);
        Arrays.parallelSort(ordered, Comparator.comparing(SolvencyLeaf::accountKey));
        final List<SolvencyLeaf> sorted = Arrays.asList(ordered);
        final BigInteger[] totals = new BigInteger[ASSETS];
        Arrays.fill(totals, BigInteger.ZERO);
        for (int i = 0; i < sorted.size(); i++)
        {
            if (i > 0 && sorted.get(i).accountKey().equals(sorted.get(i - 1).accountKey()))
            {
                throw new SolvencyException(SolvencyException.Reason.MALFORMED, "account key " +
                    sorted.get(i).accountKey() + " appears twice");
            }
            for (int slot = 0; slot < ASSETS; slot++)
            {
                totals[slot] = totals[slot].add(sorted.get(i).equity(slot));
            }
        }
        final int depth = depthFor(sorted.size());
        final int width = 1 << depth;
        final long[][] levels = new long[depth + 1][];
        final long[] leafHashes = new long[width * L];
        levels[0] = leafHashes;
        ParallelRanges.run(sorted.size(), leafSlice, (from, to) ->
        {
            final Poseidon leafHash = new Poseidon(2 + ASSETS);
            final long[] inputs = new long[(2 + ASSETS) * L];
            for (int i = from; i < to; i++)
            {
                ordered[i].writeInputs(inputs, 0);
                leafHash.hash(inputs, 0, leafHashes, i * L);
            }
        });
        if (sorted.size() < width)
        {
            new Poseidon(2 + ASSETS).hash(new long[(2 + ASSETS) * L], 0, leafHashes, sorted.size() * L);
            for (int i = sorted.size() + 1; i < width; i++)
            {
                System.arraycopy(leafHashes, sorted.size() * L, leafHashes, i * L, L);
            }
        }
        for (int level = 1; level <= depth; level++)
        {
            final long[] below = levels[level - 1];
            final long[] nodes = new long[below.length / 2];
            ParallelRanges.run(nodes.length / L, nodeSlice, (from, to) ->
            {
                final Poseidon nodeHash = new Poseidon(2);
                for (int i = from; i < to; i++)
                {
                    nodeHash.hash(below, 2 * i * L, nodes, i * L);
                }
            });
            levels[level] = nodes;
        }
        return new SolvencyTree(batchNumber, List.copyOf(sorted), depth, levels, totals);
    }

    /**
     * The depth of the tree of a number of leaves: padded to a power of two of at least one chunk.
     *
     * @param leafCount the accounts.
     * @return log2 of the padded leaf count.
     */
    public static int depthFor(final int leafCount)
    {
        int depth = Integer.numberOfTrailingZeros(CHUNK_SIZE);
        while ((1L << depth) < leafCount)
        {
            depth++;
        }
        return depth;
    }

    /**
     * The padding leaf's hash, Poseidon([0, 0, 0, 0, 0, 0]).
     *
     * @return the field element.
     */
    public static BigInteger paddingLeaf()
    {
        return new Poseidon(2 + ASSETS).hash(zeros(2 + ASSETS));
    }

    private static BigInteger[] zeros(final int count)
    {
        final BigInteger[] values = new BigInteger[count];
        Arrays.fill(values, BigInteger.ZERO);
        return values;
    }

    /**
     * The batch this tree commits.
     *
     * @return the batch number.
     */
    public long batchNumber()
    {
        return batchNumber;
    }

    /**
     * The root R.
     *
     * @return the field element.
     */
    public BigInteger root()
    {
        return Fr.toBigInteger(levels[depth], 0);
    }

    /**
     * Depth: the number of siblings of an inclusion proof.
     *
     * @return log2 of the padded leaf count.
     */
    public int depth()
    {
        return depth;
    }

    /**
     * Number of accounts (leaves without the padding).
     *
     * @return the count.
     */
    public int leafCount()
    {
        return leaves.size();
    }

    /**
     * Number of leaves with the padding: a power of two, at least {@link #CHUNK_SIZE}.
     *
     * @return the count.
     */
    public int paddedLeafCount()
    {
        return 1 << depth;
    }

    /**
     * The totals T_i: per asset slot, the sum of the accounts' equities, quantums of that asset.
     *
     * @return a new array of {@link #ASSETS}.
     */
    public BigInteger[] totals()
    {
        return totals.clone();
    }

    /**
     * The accounts' leaves in tree order (ascending key).
     *
     * @return an unmodifiable list.
     */
    public List<SolvencyLeaf> leaves()
    {
        return leaves;
    }

    /**
     * The position of an account's leaf.
     *
     * @param accountKey the key k.
     * @return the index, or -1 when no leaf has that key.
     */
    public int indexOf(final BigInteger accountKey)
    {
        int low = 0;
        int high = leaves.size() - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final int c = leaves.get(mid).accountKey().compareTo(accountKey);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return -1;
    }

    /**
     * A node's hash.
     *
     * @param level 0 for leaves, {@link #depth()} for the root.
     * @param index its position in the level.
     * @return the field element.
     */
    public BigInteger node(final int level, final int index)
    {
        if (level < 0 || level > depth || index < 0 || index >= (1 << (depth - level)))
        {
            throw new IndexOutOfBoundsException("no node " + index + " at level " + level);
        }
        return Fr.toBigInteger(levels[level], index * L);
    }

    /**
     * The sibling hashes from a leaf up to the root, lowest first.
     *
     * @param leafIndex the leaf's position (padding leaves included).
     * @return {@link #depth()} field elements.
     */
    public BigInteger[] siblings(final int leafIndex)
    {
        if (leafIndex < 0 || leafIndex >= paddedLeafCount())
        {
            throw new IndexOutOfBoundsException("no leaf " + leafIndex);
        }
        final BigInteger[] siblings = new BigInteger[depth];
        int index = leafIndex;
        for (int level = 0; level < depth; level++)
        {
            siblings[level] = node(level, index ^ 1);
            index >>= 1;
        }
        return siblings;
    }

    /**
     * Number of chunks.
     *
     * @return padded leaf count / {@link #CHUNK_SIZE}.
     */
    public int chunkCount()
    {
        return paddedLeafCount() / CHUNK_SIZE;
    }

    /**
     * One chunk: its {@link #CHUNK_SIZE} consecutive leaves, its sub-root and its per-asset sums.
     *
     * @param index the chunk, from 0.
     * @return the view.
     */
    public SolvencyChunk chunk(final int index)
    {
        if (index < 0 || index >= chunkCount())
        {
            throw new IndexOutOfBoundsException("no chunk " + index);
        }
        final int from = index * CHUNK_SIZE;
        final List<SolvencyLeaf> inChunk = leaves.subList(Math.min(from, leaves.size()),
            Math.min(from + CHUNK_SIZE, leaves.size()));
        final BigInteger[] sums = new BigInteger[ASSETS];
        Arrays.fill(sums, BigInteger.ZERO);
        for (final SolvencyLeaf leaf : inChunk)
        {
            for (int slot = 0; slot < ASSETS; slot++)
            {
                sums[slot] = sums[slot].add(leaf.equity(slot));
            }
        }
        final int chunkLevel = Integer.numberOfTrailingZeros(CHUNK_SIZE);
        return new SolvencyChunk(index, from, List.copyOf(inChunk), CHUNK_SIZE - inChunk.size(),
            node(chunkLevel, index), sums);
    }

    /**
     * What the batch publishes: root, totals, batch number and leaf count.
     *
     * @return the commitment.
     */
    public SolvencyCommitment commitment()
    {
        return new SolvencyCommitment(batchNumber, root(), totals(), leafCount());
    }
}
