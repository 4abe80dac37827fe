package io.novation.solvency.inclusion;

import io.novation.core.engine.EscapeValuation;
import io.novation.solvency.tree.SolvencyException;
import io.novation.solvency.tree.SolvencyLeaf;
import io.novation.solvency.tree.SolvencyLeaves;
import io.novation.solvency.tree.SolvencyTree;

import java.math.BigInteger;

/**
 * Checks that an account's solvency leaf shows the balances its Keccak state proof shows (docs/solvency.md): the
 * equities are recomputed with the escape valuation from the state proof's account leaf and committed price table
 * (the proof itself checked first by the caller, with {@code novation verify-proof}'s rule), and the owner and batch
 * must be the same.
 */
public final class StateProofMatch
{
    private StateProofMatch()
    {
    }

    /**
     * Compares.
     *
     * @param proof       the solvency inclusion proof.
     * @param batchNumber the state proof's batch.
     * @param owner       the state proof's owner address bytes.
     * @param stateLeaf   the state proof's account leaf data.
     * @param priceTable  the state proof's price table (it hashes to the batch's prices hash).
     * @return null when both show the same account and balances; else what differs.
     */
    public static String check(final InclusionProof proof, final long batchNumber, final byte[] owner,
        final byte[] stateLeaf, final byte[] priceTable)
    {
        if (batchNumber != proof.batchNumber())
        {
            return "the state proof is of batch " + batchNumber + ", the solvency proof of batch " +
                proof.batchNumber();
        }
        final BigInteger key = SolvencyLeaves.accountKey(owner);
        if (!key.equals(proof.leaf().accountKey()))
        {
            return "the state proof is of another account";
        }
        if (EscapeValuation.isLegacy(priceTable))
        {
            return "the state proof's price table is of version 1, which values no assets but USDC";
        }
        final SolvencyLeaf recomputed;
        try
        {
            recomputed = SolvencyLeaves.leaf(key, stateLeaf, priceTable, proof.leaf().salt());
        }
        catch (final SolvencyException | IllegalArgumentException ex)
        {
            return "the state proof's leaf cannot be valued: " + ex.getMessage();
        }
        for (int slot = 0; slot < SolvencyTree.ASSETS; slot++)
        {
            if (!recomputed.equity(slot).equals(proof.leaf().equity(slot)))
            {
                return "asset " + slot + ": the solvency leaf shows " + proof.leaf().equity(slot) +
                    " quantums, the state proof's escape valuation " + recomputed.equity(slot);
            }
        }
        return null;
    }
}
