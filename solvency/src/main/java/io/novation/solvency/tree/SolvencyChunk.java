package io.novation.solvency.tree;

import java.math.BigInteger;
import java.util.List;

/**
 * One chunk of {@link SolvencyTree#CHUNK_SIZE} consecutive leaves of a solvency tree, the unit the chunk circuit
 * proves: its accounts' leaves, how many padding leaves complete it, its sub-root and its per-asset sums (quantums).
 *
 * @param index     the chunk, from 0.
 * @param firstLeaf the position of its first leaf in the tree.
 * @param leaves    its accounts' leaves, in tree order (fewer than the chunk size in the last chunks).
 * @param padding   padding leaves after them.
 * @param subRoot   the root of the chunk's subtree.
 * @param sums      per asset slot, the sum of its leaves' equities.
 */
public record SolvencyChunk(int index, int firstLeaf, List<SolvencyLeaf> leaves, int padding, BigInteger subRoot,
    BigInteger[] sums)
{
}
