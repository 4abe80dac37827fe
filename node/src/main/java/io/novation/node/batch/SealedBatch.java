package io.novation.node.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.commitment.WithdrawalTree;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.node.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * One sealed batch: the sequence of its {@code sealBatch} command, its header and the withdrawals it queued (id, owner,
 * asset, quantums) in the order of its withdrawals tree.
 *
 * @param sequence    sequence of the sealing command.
 * @param header      the header committed to the bridge.
 * @param withdrawals the withdrawals of the batch, in id order.
 */
public record SealedBatch(long sequence, BatchHeader header, List<PendingWithdrawals.Entry> withdrawals)
{
    /**
     * Copies the list.
     */
    public SealedBatch
    {
        withdrawals = List.copyOf(withdrawals);
    }

    /**
     * The leaf hashes of the withdrawals tree.
     *
     * @return a new list.
     */
    public List<byte[]> leaves()
    {
        final List<byte[]> leaves = new ArrayList<>(withdrawals.size());
        for (final PendingWithdrawals.Entry entry : withdrawals)
        {
            leaves.add(entry.leaf());
        }
        return leaves;
    }

    /**
     * The position of a withdrawal in this batch.
     *
     * @param withdrawalId the id.
     * @return the index, or -1.
     */
    public int indexOf(final long withdrawalId)
    {
        for (int i = 0; i < withdrawals.size(); i++)
        {
            if (withdrawals.get(i).withdrawalId() == withdrawalId)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The proof of one withdrawal as JSON: batch number, withdrawal fields, index, siblings and the root.
     *
     * @param index the withdrawal's position.
     * @return the JSON object.
     */
    public ObjectNode withdrawalProof(final int index)
    {
        final PendingWithdrawals.Entry entry = withdrawals.get(index);
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("batchNumber", header.batchNumber()).put("withdrawalId", entry.withdrawalId())
            .put("owner", entry.owner().toString()).put("assetId", entry.assetId()).put("amount", entry.amount())
            .put("index", index).put("withdrawalsRoot", Hex.encode(header.withdrawalsRoot()));
        final ArrayNode siblings = json.putArray("siblings");
        for (final byte[] sibling : WithdrawalTree.proof(leaves(), index))
        {
            siblings.add(Hex.encode(sibling));
        }
        return json;
    }

    /**
     * This batch as JSON.
     *
     * @return sequence, header and withdrawals.
     */
    public ObjectNode toJson()
    {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("sequence", sequence);
        json.set("header", Json.batchHeader(header));
        final ArrayNode list = json.putArray("withdrawals");
        for (final PendingWithdrawals.Entry entry : withdrawals)
        {
            list.addObject().put("withdrawalId", entry.withdrawalId()).put("owner", entry.owner().toString())
                .put("assetId", entry.assetId()).put("amount", entry.amount());
        }
        return json;
    }

    /**
     * Reads the JSON of {@link #toJson()}.
     *
     * @param json the object.
     * @return the batch.
     */
    public static SealedBatch fromJson(final JsonNode json)
    {
        final List<PendingWithdrawals.Entry> withdrawals = new ArrayList<>();
        for (final JsonNode w : json.get("withdrawals"))
        {
            final long id = w.get("withdrawalId").asLong();
            final Address owner = Address.parse(w.get("owner").asText());
            final int asset = w.get("assetId").asInt();
            final long amount = w.get("amount").asLong();
            withdrawals.add(new PendingWithdrawals.Entry(id, owner, asset, amount,
                WithdrawalTree.leaf(id, owner, asset, amount)));
        }
        return new SealedBatch(json.get("sequence").asLong(), header(json.get("header")), withdrawals);
    }

    /**
     * Reads a header from its JSON ({@link Json#batchHeader}).
     *
     * @param h the object.
     * @return the header.
     */
    public static BatchHeader header(final JsonNode h)
    {
        return new BatchHeader(h.get("batchNumber").asLong(), hex(h, "previousRoot"), hex(h, "stateRoot"),
            hex(h, "treeRoot"), hex(h, "globalHash"), hex(h, "withdrawalsRoot"), hex(h, "pricesHash"),
            hex(h, "commandsHash"), h.get("lastDepositId").asLong(), h.get("lastForcedRequestId").asLong());
    }

    private static byte[] hex(final JsonNode node, final String field)
    {
        return Hex.decode(node.get(field).asText());
    }
}
