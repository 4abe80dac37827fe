package io.novation.solvency.tree;

import java.math.BigInteger;

/**
 * What a batch publishes of its solvency tree: the batch number, the root R (a BN254 field element), the totals T_i
 * per asset slot (quantums of each asset) and the number of accounts.
 *
 * @param batchNumber the sealed batch.
 * @param root        the root R.
 * @param totals      per asset slot, the sum of the equities.
 * @param leafCount   number of accounts.
 */
public record SolvencyCommitment(long batchNumber, BigInteger root, BigInteger[] totals, int leafCount)
{
}
