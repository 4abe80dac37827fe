package io.novation.solvency.inclusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.solvency.poseidon.Fr;
import io.novation.solvency.poseidon.Poseidon;
import io.novation.solvency.tree.SolvencyException;
import io.novation.solvency.tree.SolvencyLeaf;
import io.novation.solvency.tree.SolvencyTree;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An account's proof of inclusion in a batch's solvency tree (docs/solvency.md): the batch number, the account key
 * k, its salt s, its equities e_0..e_3 (quantums of the assets of slots 0..3), its leaf index, the sibling hashes
 * from the leaf up and the root R. It carries nothing about any other account but sibling hashes, which are Poseidon
 * images of salted leaves. Checked offline by {@link #check}.
 *
 * @param batchNumber the sealed batch.
 * @param leaf        the account's leaf: k, s and the equities.
 * @param leafIndex   the leaf's position in the tree.
 * @param siblings    the sibling hashes, lowest level first.
 * @param root        the root R the proof claims.
 */
public record InclusionProof(long batchNumber, SolvencyLeaf leaf, int leafIndex, BigInteger[] siblings,
    BigInteger root)
{
    /** The {@code kind} of the JSON form. */
    public static final String KIND = "solvencyInclusion";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Copies the siblings.
     */
    public InclusionProof
    {
        siblings = siblings.clone();
    }

    /**
     * The proof of an account of a tree.
     *
     * @param tree       the batch's tree.
     * @param accountKey the account's key k.
     * @return the proof.
     * @throws SolvencyException {@code UNKNOWN_ACCOUNT} when the tree holds no such account.
     */
    public static InclusionProof of(final SolvencyTree tree, final BigInteger accountKey)
    {
        final int index = tree.indexOf(accountKey);
        if (index < 0)
        {
            throw new SolvencyException(SolvencyException.Reason.UNKNOWN_ACCOUNT, "batch " + tree.batchNumber() +
                " holds no account " + String.format("0x%040x", accountKey));
        }
        return new InclusionProof(tree.batchNumber(), tree.leaves().get(index), index, tree.siblings(index),
            tree.root());
    }

    /**
     * The leaf hash L = Poseidon([k, s, e_0, e_1, e_2, e_3]).
     *
     * @return the field element.
     */
    public BigInteger leafHash()
    {
        final BigInteger[] inputs = new BigInteger[2 + SolvencyTree.ASSETS];
        inputs[0] = leaf.accountKey();
        inputs[1] = leaf.salt();
        for (int slot = 0; slot < SolvencyTree.ASSETS; slot++)
        {
            inputs[2 + slot] = leaf.equity(slot);
        }
        return new Poseidon(inputs.length).hash(inputs);
    }

    /**
     * The root the leaf and siblings fold to: at each level the running hash is the left input when the leaf
     * index's bit of that level is 0, the right one when it is 1.
     *
     * @return the field element.
     */
    public BigInteger foldedRoot()
    {
        final Poseidon node = new Poseidon(2);
        BigInteger hash = leafHash();
        for (int level = 0; level < siblings.length; level++)
        {
            hash = ((leafIndex >>> level) & 1) == 0 ? node.hash(hash, siblings[level]) :
                node.hash(siblings[level], hash);
        }
        return hash;
    }

    /**
     * Checks the proof offline: the index fits the depth, every value is a field element, the leaf folds to the
     * proof's root and, when given, that root is the published one.
     *
     * @param publishedRoot the root the batch published (on chain or by the operator), or null to check only that
     *                      the proof is consistent.
     * @return null when it holds; else what fails.
     */
    public String check(final BigInteger publishedRoot)
    {
        if (siblings.length > 30 || leafIndex < 0 || leafIndex >= (1 << siblings.length))
        {
            return "leaf index " + leafIndex + " does not fit a tree of depth " + siblings.length;
        }
        for (final BigInteger sibling : siblings)
        {
            if (sibling.signum() < 0 || sibling.compareTo(Fr.MODULUS) >= 0)
            {
                return "a sibling is not a field element";
            }
        }
        if (root.signum() < 0 || root.compareTo(Fr.MODULUS) >= 0)
        {
            return "the root is not a field element";
        }
        if (publishedRoot != null && !publishedRoot.equals(root))
        {
            return "the proof is for root " + root + ", not the published root " + publishedRoot;
        }
        final BigInteger folded = foldedRoot();
        if (!folded.equals(root))
        {
            return "the leaf (account key, salt, equities) and siblings fold to " + folded + ", not to the root " +
                root;
        }
        return null;
    }

    /**
     * The JSON form: field elements and equities as decimal strings.
     *
     * @return the object.
     */
    public ObjectNode toJson()
    {
        final ObjectNode json = MAPPER.createObjectNode();
        json.put("kind", KIND);
        json.put("batchNumber", batchNumber);
        json.put("owner", String.format("0x%040x", leaf.accountKey()));
        json.put("accountKey", leaf.accountKey().toString());
        json.put("salt", leaf.salt().toString());
        final ArrayNode equities = json.putArray("equities");
        for (int slot = 0; slot < SolvencyTree.ASSETS; slot++)
        {
            equities.add(leaf.equity(slot).toString());
        }
        json.put("leafIndex", leafIndex);
        final ArrayNode list = json.putArray("siblings");
        for (final BigInteger sibling : siblings)
        {
            list.add(sibling.toString());
        }
        json.put("root", root.toString());
        return json;
    }

    /**
     * Reads the JSON of {@link #toJson()}.
     *
     * @param json the object.
     * @return the proof.
     * @throws SolvencyException {@code MALFORMED} when a field is missing or out of range.
     */
    public static InclusionProof fromJson(final JsonNode json)
    {
        try
        {
            if (!KIND.equals(text(json, "kind")))
            {
                throw new SolvencyException(SolvencyException.Reason.MALFORMED, "not a solvency inclusion proof");
            }
            final JsonNode list = field(json, "equities");
            if (list.size() != SolvencyTree.ASSETS)
            {
                throw new SolvencyException(SolvencyException.Reason.MALFORMED, "a proof lists " +
                    SolvencyTree.ASSETS + " equities");
            }
            final long[] equities = new long[SolvencyTree.ASSETS];
            for (int slot = 0; slot < SolvencyTree.ASSETS; slot++)
            {
                equities[slot] = Long.parseUnsignedLong(list.get(slot).asText());
            }
            final BigInteger key = new BigInteger(text(json, "accountKey"));
            if (json.has("owner") && !new BigInteger(text(json, "owner").substring(2), 16).equals(key))
            {
                throw new SolvencyException(SolvencyException.Reason.MALFORMED, "owner and accountKey differ");
            }
            final JsonNode siblingList = field(json, "siblings");
            final BigInteger[] siblings = new BigInteger[siblingList.size()];
            for (int i = 0; i < siblings.length; i++)
            {
                siblings[i] = new BigInteger(siblingList.get(i).asText());
            }
            return new InclusionProof(field(json, "batchNumber").asLong(),
                new SolvencyLeaf(key, new BigInteger(text(json, "salt")), equities),
                field(json, "leafIndex").asInt(), siblings, new BigInteger(text(json, "root")));
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ex)
        {
            throw new SolvencyException(SolvencyException.Reason.MALFORMED, "malformed number: " + ex.getMessage());
        }
    }

    private static JsonNode field(final JsonNode json, final String name)
    {
        final JsonNode value = json.get(name);
        if (value == null || value.isNull())
        {
            throw new SolvencyException(SolvencyException.Reason.MALFORMED, "missing " + name);
        }
        return value;
    }

    private static String text(final JsonNode json, final String name)
    {
        return field(json, name).asText();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof InclusionProof proof && batchNumber == proof.batchNumber &&
            leaf.equals(proof.leaf) && leafIndex == proof.leafIndex && Arrays.equals(siblings, proof.siblings) &&
            root.equals(proof.root);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(batchNumber) * 31 + root.hashCode();
    }

    @Override
    public String toString()
    {
        return "InclusionProof[batch=" + batchNumber + ", " + leaf + ", index=" + leafIndex + ", root=" + root + "]";
    }
}
