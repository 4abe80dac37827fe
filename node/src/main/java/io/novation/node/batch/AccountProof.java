package io.novation.node.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.engine.EscapeValuation;
import io.novation.core.commitment.Keccak256Hasher;
import io.novation.core.commitment.LeafEncoding;
import io.novation.core.commitment.SparseMerkleProof;
import io.novation.core.commitment.SparseMerkleTree;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.ClearingEngine;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Refusal;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The proof of an account's leaf in a sealed batch, as served by {@code GET /v1/proofs/accounts/{owner}} and checked
 * offline by {@code novation verify-proof}: the batch's roots, the leaf preimage, the compact sparse Merkle path
 * (depth, sibling bitmap, siblings), the escape price table, the escape value in quote quantums, the escape claims
 * per asset id and the collateral seized to cover deficits per asset id (quantums of each asset, §15).
 */
public final class AccountProof
{
    private AccountProof()
    {
    }

    /**
     * The proof of an account against an engine whose tree is the batch's.
     *
     * @param engine an engine in the state the batch sealed (its tree root is the batch's).
     * @param batch  the batch.
     * @param owner  the account.
     * @return the JSON proof.
     * @throws Refusal 404 when the batch holds no such account.
     */
    public static ObjectNode of(final ClearingEngine engine, final SealedBatch batch, final Address owner)
        throws Refusal
    {
        final Account account = engine.state().accounts().find(owner);
        if (account == null)
        {
            throw new Refusal(404, "UNKNOWN_ACCOUNT", "batch " + batch.header().batchNumber() + " holds no account " +
                owner);
        }
        final byte[] key = new byte[32];
        engine.commitment().accountKey(account, key);
        final SparseMerkleProof proof = engine.commitment().tree().proof(key);
        final byte[] leaf = new LeafEncoding().putAccount(account).toBytes();
        final byte[] priceTable = EscapeValuation.priceTable(engine.state());
        final BatchHeader header = batch.header();
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("kind", "account");
        json.put("batchNumber", header.batchNumber());
        json.put("stateRoot", Hex.encode(header.stateRoot()));
        json.put("treeRoot", Hex.encode(header.treeRoot()));
        json.put("globalHash", Hex.encode(header.globalHash()));
        json.put("pricesHash", Hex.encode(header.pricesHash()));
        json.put("owner", owner.toString());
        json.put("key", Hex.encode(key));
        json.put("leaf", Hex.encode(leaf));
        json.put("depth", proof.depth());
        json.put("siblingBitmap", Hex.encode(proof.siblingBitmap()));
        final ArrayNode siblings = json.putArray("siblings");
        final byte[] all = proof.siblings();
        for (int i = 0; i < proof.siblingCount(); i++)
        {
            siblings.add(Hex.encode(all, i * 32, 32));
        }
        json.put("priceTable", Hex.encode(priceTable));
        json.put("escapeValue", EscapeValuation.accountValue(leaf, priceTable).toString());
        final ArrayNode claims = json.putArray("escapeClaims");
        for (final BigInteger claim : EscapeValuation.accountClaims(leaf, priceTable))
        {
            claims.add(claim.toString());
        }
        final ArrayNode seized = json.putArray("escapeSeized");
        for (final BigInteger quantums : EscapeValuation.accountSeized(leaf, priceTable))
        {
            seized.add(quantums.toString());
        }
        return json;
    }

    /**
     * Checks a proof offline: the state root is {@code keccak256(treeRoot || globalHash)}, the leaf belongs to the
     * owner and its key, the path folds to the tree root, and the price table hashes to the prices hash.
     *
     * @param json the proof.
     * @return null when it holds; else what fails.
     */
    public static String check(final JsonNode json)
    {
        final byte[] stateRoot = hex(json, "stateRoot");
        final byte[] treeRoot = hex(json, "treeRoot");
        final byte[] globalHash = hex(json, "globalHash");
        final byte[] both = new byte[64];
        System.arraycopy(treeRoot, 0, both, 0, 32);
        System.arraycopy(globalHash, 0, both, 32, 32);
        if (!Arrays.equals(Keccak256.hash(both), stateRoot))
        {
            return "stateRoot is not keccak256(treeRoot || globalHash)";
        }
        final Address owner = Address.parse(json.get("owner").asText());
        final byte[] leaf = hex(json, "leaf");
        if (leaf.length < 20 || !owner.matches(Arrays.copyOf(leaf, 20)))
        {
            return "the leaf does not belong to " + owner;
        }
        final byte[] key = Keccak256.hash(owner.toBytes());
        final byte[] siblings = new byte[json.get("siblings").size() * 32];
        for (int i = 0; i < json.get("siblings").size(); i++)
        {
            System.arraycopy(Hex.decode(json.get("siblings").get(i).asText()), 0, siblings, i * 32, 32);
        }
        final SparseMerkleProof proof;
        try
        {
            proof = new SparseMerkleProof(json.get("depth").asInt(), hex(json, "siblingBitmap"), siblings, key,
                new Keccak256Hasher().hash(leaf, 0, leaf.length));
        }
        catch (final IllegalArgumentException ex)
        {
            return "malformed proof: " + ex.getMessage();
        }
        if (!SparseMerkleTree.verifyInclusion(new Keccak256Hasher(), treeRoot, key, leaf, proof))
        {
            return "the path does not fold to the tree root";
        }
        if (json.has("priceTable"))
        {
            final byte[] table = hex(json, "priceTable");
            if (!Arrays.equals(Keccak256.hash(table), hex(json, "pricesHash")))
            {
                return "the price table does not hash to pricesHash";
            }
            final BigInteger value = EscapeValuation.accountValue(leaf, table);
            if (json.has("escapeValue") && !value.toString().equals(json.get("escapeValue").asText()))
            {
                return "escapeValue " + json.get("escapeValue").asText() + " != " + value + " recomputed";
            }
            if (!EscapeValuation.isLegacy(table))
            {
                final String claims = mismatch(json, "escapeClaims", EscapeValuation.accountClaims(leaf, table));
                if (claims != null)
                {
                    return claims;
                }
                final String seized = mismatch(json, "escapeSeized", EscapeValuation.accountSeized(leaf, table));
                if (seized != null)
                {
                    return seized;
                }
            }
        }
        return null;
    }

    /** Null when the proof lists no such field or lists exactly the recomputed amounts per asset; else what differs. */
    private static String mismatch(final JsonNode json, final String field, final BigInteger[] recomputed)
    {
        if (!json.has(field))
        {
            return null;
        }
        final JsonNode listed = json.get(field);
        for (int asset = 0; asset < Math.max(recomputed.length, listed.size()); asset++)
        {
            final String claimed = asset < listed.size() ? listed.get(asset).asText() : "none";
            final String expected = asset < recomputed.length ? recomputed[asset].toString() : "none";
            if (!claimed.equals(expected))
            {
                return field + "[" + asset + "] " + claimed + " != " + expected + " recomputed";
            }
        }
        return null;
    }

    private static byte[] hex(final JsonNode json, final String field)
    {
        if (!json.has(field))
        {
            throw new IllegalArgumentException("missing " + field);
        }
        return Hex.decode(json.get(field).asText());
    }
}
