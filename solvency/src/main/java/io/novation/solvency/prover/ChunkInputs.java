package io.novation.solvency.prover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.solvency.poseidon.Poseidon;
import io.novation.solvency.tree.SolvencyChunk;
import io.novation.solvency.tree.SolvencyLeaf;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;

import java.math.BigInteger;

/**
 * The witness inputs of every chunk of a batch's solvency tree, as the chunk circuit names its signals (field
 * elements as decimal strings): the public root, batch number, chunk index, depth above a chunk, isLast, commitIn,
 * commitOut and totals, and the private leaves, path siblings, previous running sums and blindings. A chunk's
 * running-sum commitment is Poseidon([batchNumber, chunkIndex, sums[4], blinding]) with blinding the salt of the key
 * 2^160 + chunkIndex (no account has it), so only the seed's holder can open it.
 */
public final class ChunkInputs
{
    /** Levels the circuit can climb from a chunk's sub-root to the root. */
    public static final int MAX_UP = 20;
    /** Public signals of the circuit. */
    public static final int PUBLIC_SIGNALS = 11;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger BLINDING_KEYS = BigInteger.ONE.shiftLeft(160);

    private ChunkInputs()
    {
    }

    /**
     * Levels from a chunk's sub-root to the root.
     *
     * @param tree the tree.
     * @return depth of the tree less the chunk's own levels.
     */
    public static int depthAboveChunk(final SolvencyTree tree)
    {
        return tree.depth() - Integer.numberOfTrailingZeros(SolvencyTree.CHUNK_SIZE);
    }

    /**
     * The inputs file of a batch: {batchNumber, root, depth, leafCount, totals, inputs: [one object per chunk]}.
     *
     * @param tree the batch's tree.
     * @param seed the operator's seed (the salts and blindings).
     * @return the JSON.
     */
    public static ObjectNode of(final SolvencyTree tree, final SolvencySeed seed)
    {
        final int depth = depthAboveChunk(tree);
        if (depth > MAX_UP)
        {
            throw new IllegalArgumentException("a tree of " + tree.paddedLeafCount() + " leaves is above the circuit's "
                + "limit of " + (SolvencyTree.CHUNK_SIZE << MAX_UP));
        }
        final Poseidon commitment = new Poseidon(3 + SolvencyTree.ASSETS);
        final BigInteger batch = BigInteger.valueOf(tree.batchNumber());
        final ObjectNode file = JSON.createObjectNode();
        file.put("batchNumber", Long.toString(tree.batchNumber()));
        file.put("root", tree.root().toString());
        file.put("depth", depth);
        file.put("leafCount", tree.paddedLeafCount());
        final ArrayNode totals = file.putArray("totals");
        for (final BigInteger total : tree.totals())
        {
            totals.add(total.toString());
        }
        final ArrayNode inputs = file.putArray("inputs");
        BigInteger[] sums = zeros();
        BigInteger commitIn = BigInteger.ZERO;
        BigInteger blindIn = BigInteger.ZERO;
        final int chunkLevels = Integer.numberOfTrailingZeros(SolvencyTree.CHUNK_SIZE);
        for (int c = 0; c < tree.chunkCount(); c++)
        {
            final SolvencyChunk chunk = tree.chunk(c);
            final BigInteger[] sumsOut = new BigInteger[SolvencyTree.ASSETS];
            for (int a = 0; a < SolvencyTree.ASSETS; a++)
            {
                sumsOut[a] = sums[a].add(chunk.sums()[a]);
            }
            final BigInteger blindOut = seed.salt(tree.batchNumber(), BLINDING_KEYS.add(BigInteger.valueOf(c)));
            final BigInteger[] preimage = new BigInteger[3 + SolvencyTree.ASSETS];
            preimage[0] = batch;
            preimage[1] = BigInteger.valueOf(c);
            System.arraycopy(sumsOut, 0, preimage, 2, SolvencyTree.ASSETS);
            preimage[2 + SolvencyTree.ASSETS] = blindOut;
            final BigInteger commitOut = commitment.hash(preimage);
            final boolean last = c == tree.chunkCount() - 1;

            final ObjectNode input = inputs.addObject();
            input.put("root", tree.root().toString());
            input.put("batchNumber", batch.toString());
            input.put("chunkIndex", Integer.toString(c));
            input.put("depth", Integer.toString(depth));
            input.put("isLast", last ? "1" : "0");
            input.put("commitIn", commitIn.toString());
            input.put("commitOut", commitOut.toString());
            final ArrayNode chunkTotals = input.putArray("totals");
            for (final BigInteger sum : sumsOut)
            {
                chunkTotals.add(last ? sum.toString() : "0");
            }
            final ArrayNode keys = input.putArray("keys");
            final ArrayNode salts = input.putArray("salts");
            final ArrayNode equities = input.putArray("equities");
            for (int i = 0; i < SolvencyTree.CHUNK_SIZE; i++)
            {
                final SolvencyLeaf leaf = i < chunk.leaves().size() ? chunk.leaves().get(i) : null;
                keys.add(leaf == null ? "0" : leaf.accountKey().toString());
                salts.add(leaf == null ? "0" : leaf.salt().toString());
                final ArrayNode row = equities.addArray();
                for (int a = 0; a < SolvencyTree.ASSETS; a++)
                {
                    row.add(leaf == null ? "0" : leaf.equity(a).toString());
                }
            }
            final ArrayNode siblings = input.putArray("siblings");
            final BigInteger[] path = depth == 0 ? new BigInteger[0] : tree.siblings(c * SolvencyTree.CHUNK_SIZE);
            for (int j = 0; j < MAX_UP; j++)
            {
                siblings.add(j < depth ? path[chunkLevels + j].toString() : "0");
            }
            final ArrayNode sumsIn = input.putArray("sumsIn");
            for (final BigInteger sum : sums)
            {
                sumsIn.add(sum.toString());
            }
            input.put("blindIn", blindIn.toString());
            input.put("blindOut", blindOut.toString());
            sums = sumsOut;
            commitIn = commitOut;
            blindIn = blindOut;
        }
        return file;
    }

    private static BigInteger[] zeros()
    {
        final BigInteger[] zeros = new BigInteger[SolvencyTree.ASSETS];
        java.util.Arrays.fill(zeros, BigInteger.ZERO);
        return zeros;
    }
}
