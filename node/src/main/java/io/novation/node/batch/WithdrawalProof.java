package io.novation.node.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.account.Address;
import io.novation.core.commitment.WithdrawalTree;
import io.novation.core.crypto.Hex;

/**
 * Offline check of a withdrawal proof ({@code GET /v1/proofs/withdrawals/{id}}): the leaf of (withdrawal id, owner,
 * asset, quantums) folds through the siblings at its index to the batch's withdrawals root.
 */
public final class WithdrawalProof
{
    private WithdrawalProof()
    {
    }

    /**
     * Checks a proof.
     *
     * @param json the proof.
     * @return null when it holds; else what fails.
     */
    public static String check(final JsonNode json)
    {
        final byte[] leaf = WithdrawalTree.leaf(json.get("withdrawalId").asLong(),
            Address.parse(json.get("owner").asText()), json.get("assetId").asInt(), json.get("amount").asLong());
        final byte[][] siblings = new byte[json.get("siblings").size()][];
        for (int i = 0; i < siblings.length; i++)
        {
            siblings[i] = Hex.decode(json.get("siblings").get(i).asText());
        }
        return WithdrawalTree.verify(Hex.decode(json.get("withdrawalsRoot").asText()), leaf,
            json.get("index").asLong(), siblings) ? null : "the withdrawal does not fold to the withdrawals root";
    }
}
