package io.novation.solvency.inclusion;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Account;
import io.novation.core.commitment.LeafEncoding;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EscapeValuation;
import io.novation.solvency.tree.SolvencyException;
import io.novation.solvency.tree.SolvencyLeaf;
import io.novation.solvency.tree.SolvencyLeaves;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;
import io.novation.solvency.tree.TestVenues;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An account's inclusion proof: it holds against its root, and a changed salt, equity, sibling, index or root, or a
 * root other than the published one, is refused; its equities agree with the Keccak state proof's leaf, and a
 * difference is caught.
 */
class InclusionProofTest
{
    private static final SolvencySeed SEED = SolvencySeed.of(BigInteger.valueOf(5));

    @Test
    void shouldRefuseAProofWhoseSaltEquityOrSiblingWasChanged()
    {
        final SolvencyTree tree = tree();
        final InclusionProof proof = InclusionProof.of(tree, alice());
        assertThat(proof.check(tree.root())).isNull();
        assertThat(proof.check(null)).isNull();

        final ObjectNode salt = proof.toJson();
        salt.put("salt", proof.leaf().salt().add(BigInteger.ONE).toString());
        assertThat(InclusionProof.fromJson(salt).check(null)).contains("fold");

        final ObjectNode equity = proof.toJson();
        ((ArrayNode)equity.get("equities")).set(0, equity.textNode(proof.leaf().equity(0).add(BigInteger.ONE)
            .toString()));
        assertThat(InclusionProof.fromJson(equity).check(null)).contains("fold");

        final ObjectNode sibling = proof.toJson();
        ((ArrayNode)sibling.get("siblings")).set(1, sibling.textNode("12345"));
        assertThat(InclusionProof.fromJson(sibling).check(null)).contains("fold");

        final ObjectNode index = proof.toJson();
        index.put("leafIndex", proof.leafIndex() ^ 1);
        assertThat(InclusionProof.fromJson(index).check(null)).contains("fold");
        index.put("leafIndex", 1 << tree.depth());
        assertThat(InclusionProof.fromJson(index).check(null)).contains("does not fit");
    }

    @Test
    void shouldRefuseAProofForAnotherRootOrAnotherSeed()
    {
        final SolvencyTree tree = tree();
        final InclusionProof proof = InclusionProof.of(tree, alice());
        final SolvencyTree otherBatch = SolvencyTree.build(4, SolvencyLeaves.of(engine().state(), 4, null, SEED));

        assertThat(proof.check(otherBatch.root())).contains("not the published root");
        final SolvencyTree otherSeed = SolvencyTree.build(3, SolvencyLeaves.of(engine().state(), 3, null,
            SolvencySeed.of(BigInteger.valueOf(6))));
        assertThat(otherSeed.root()).isNotEqualTo(tree.root());
        assertThat(InclusionProof.of(otherSeed, alice()).check(tree.root())).contains("not the published root");

        final ObjectNode forged = InclusionProof.of(otherSeed, alice()).toJson();
        forged.put("root", tree.root().toString());
        assertThat(InclusionProof.fromJson(forged).check(tree.root())).contains("fold");
    }

    @Test
    void shouldRefuseMalformedJson()
    {
        final ObjectNode json = InclusionProof.of(tree(), alice()).toJson();
        json.remove("salt");
        assertThatThrownBy(() -> InclusionProof.fromJson(json)).isInstanceOf(SolvencyException.class)
            .hasMessageContaining("salt");
        final ObjectNode kind = InclusionProof.of(tree(), alice()).toJson();
        kind.put("kind", "account");
        assertThatThrownBy(() -> InclusionProof.fromJson(kind)).isInstanceOf(SolvencyException.class);
    }

    @Test
    void shouldMatchTheStateProofsEscapeValuationAndCatchADifference()
    {
        final ClearingEngine engine = engine();
        final Account account = engine.state().accounts().find(Testnet.address("alice"));
        final byte[] stateLeaf = new LeafEncoding().putAccount(account).toBytes();
        final byte[] table = EscapeValuation.priceTable(engine.state());
        final byte[] owner = Testnet.address("alice").toBytes();
        final InclusionProof proof = InclusionProof.of(tree(), alice());

        assertThat(StateProofMatch.check(proof, 3, owner, stateLeaf, table)).isNull();

        final long[] inflated = proof.leaf().equities().clone();
        inflated[0] += 1;
        final InclusionProof lying = new InclusionProof(3, new SolvencyLeaf(alice(), proof.leaf().salt(), inflated),
            proof.leafIndex(), proof.siblings(), proof.root());
        assertThat(StateProofMatch.check(lying, 3, owner, stateLeaf, table)).contains("asset 0");
        assertThat(StateProofMatch.check(proof, 2, owner, stateLeaf, table)).contains("batch");
        assertThat(StateProofMatch.check(proof, 3, Testnet.address("bob").toBytes(), stateLeaf, table))
            .contains("another account");
    }

    private static BigInteger alice()
    {
        return SolvencyLeaves.accountKey(Testnet.address("alice").toBytes());
    }

    private static ClearingEngine engine()
    {
        return TestVenues.traded(60_000).replica();
    }

    private static SolvencyTree tree()
    {
        return SolvencyTree.build(3, SolvencyLeaves.of(engine().state(), 3, null, SEED));
    }
}
