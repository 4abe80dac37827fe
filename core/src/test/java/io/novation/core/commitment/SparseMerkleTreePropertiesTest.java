package io.novation.core.commitment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

class SparseMerkleTreePropertiesTest
{
    @Property(tries = 300)
    void shouldMatchTheRootComputedFromTheDefinition(
        @ForAll final long seed,
        @ForAll @IntRange(max = 48) final int count,
        @ForAll("sharedPrefixBits") final int sharedPrefixBits,
        @ForAll("hashers") final Supplier<Hasher> hashers)
    {
        final NavigableMap<byte[], byte[]> leaves = TreeContents.of(seed, count, sharedPrefixBits);

        final SparseMerkleTree tree = TreeContents.treeOf(hashers.get(), leaves);

        assertThat(tree.root()).isEqualTo(ReferenceSparseMerkleRoot.of(hashers.get(), leaves));
        assertThat(tree.size()).isEqualTo(leaves.size());
    }

    @Property(tries = 300)
    void shouldGiveTheSameRootForEveryInsertionOrder(
        @ForAll final long seed,
        @ForAll @IntRange(max = 48) final int count,
        @ForAll("sharedPrefixBits") final int sharedPrefixBits,
        @ForAll final Random order)
    {
        final NavigableMap<byte[], byte[]> leaves = TreeContents.of(seed, count, sharedPrefixBits);
        final SparseMerkleTree sorted = TreeContents.treeOf(new Keccak256Hasher(), leaves);
        final List<Map.Entry<byte[], byte[]>> shuffled = TreeContents.entries(leaves);
        Collections.shuffle(shuffled, order);

        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());
        for (final Map.Entry<byte[], byte[]> leaf : shuffled)
        {
            tree.update(leaf.getKey(), leaf.getValue());
            if (order.nextBoolean())
            {
                tree.root();
            }
        }

        assertThat(tree.root()).isEqualTo(sorted.root());
    }

    @Property(tries = 300)
    void shouldRestoreThePreviousRootWhenAnInsertedKeyIsDeleted(
        @ForAll final long seed,
        @ForAll @IntRange(max = 48) final int count,
        @ForAll("sharedPrefixBits") final int sharedPrefixBits,
        @ForAll final boolean readRootInBetween)
    {
        final NavigableMap<byte[], byte[]> all = TreeContents.of(seed, count + 1, sharedPrefixBits);
        final Map.Entry<byte[], byte[]> extra = all.pollLastEntry();
        final SparseMerkleTree tree = TreeContents.treeOf(new Keccak256Hasher(), all);
        final byte[] before = tree.root();

        tree.update(extra.getKey(), extra.getValue());
        if (readRootInBetween)
        {
            assertThat(tree.root()).isNotEqualTo(before);
        }
        tree.delete(extra.getKey());

        assertThat(tree.root()).isEqualTo(before);
        assertThat(tree.contains(extra.getKey())).isFalse();
    }

    @Property(tries = 300)
    void shouldMatchTheDefinitionAfterDeletingAnySubset(
        @ForAll final long seed,
        @ForAll @IntRange(max = 48) final int count,
        @ForAll("sharedPrefixBits") final int sharedPrefixBits,
        @ForAll final Random choice)
    {
        final NavigableMap<byte[], byte[]> leaves = TreeContents.of(seed, count, sharedPrefixBits);
        final SparseMerkleTree tree = TreeContents.treeOf(new Sha256Hasher(), leaves);
        tree.root();

        for (final byte[] key : new ArrayList<>(leaves.keySet()))
        {
            if (choice.nextBoolean())
            {
                tree.delete(key);
                leaves.remove(key);
            }
        }

        assertThat(tree.root()).isEqualTo(ReferenceSparseMerkleRoot.of(new Sha256Hasher(), leaves));
        assertThat(tree.size()).isEqualTo(leaves.size());
    }

    @Property(tries = 200)
    void shouldProveInclusionOfEveryLeaf(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 40) final int count,
        @ForAll("sharedPrefixBits") final int sharedPrefixBits,
        @ForAll("hashers") final Supplier<Hasher> hashers)
    {
        final NavigableMap<byte[], byte[]> leaves = TreeContents.of(seed, count, sharedPrefixBits);
        final SparseMerkleTree tree = TreeContents.treeOf(hashers.get(), leaves);
        final byte[] root = tree.root();
        final Hasher verifier = hashers.get();

        for (final Map.Entry<byte[], byte[]> leaf : leaves.entrySet())
        {
            final SparseMerkleProof proof = tree.proof(leaf.getKey());
            final byte[] otherData = leaf.getValue().clone();
            otherData[0] ^= 1;

            assertThat(proof.leafKey()).isEqualTo(leaf.getKey());
            assertThat(SparseMerkleTree.verifyInclusion(verifier, root, leaf.getKey(), leaf.getValue(), proof))
                .isTrue();
            assertThat(SparseMerkleTree.verifyInclusion(verifier, root, leaf.getKey(), otherData, proof)).isFalse();
            assertThat(SparseMerkleTree.verifyExclusion(verifier, root, leaf.getKey(), proof)).isFalse();
        }
    }

    @Property(tries = 200)
    void shouldProveExclusionOfAbsentKeys(
        @ForAll final long seed,
        @ForAll @IntRange(max = 40) final int count,
        @ForAll("sharedPrefixBits") final int sharedPrefixBits,
        @ForAll("hashers") final Supplier<Hasher> hashers)
    {
        final NavigableMap<byte[], byte[]> withAbsent = TreeContents.of(seed, count + 8, sharedPrefixBits);
        final List<Map.Entry<byte[], byte[]>> absent = new ArrayList<>();
        final SplittableRandom split = new SplittableRandom(seed);
        while (absent.size() < 8 && !withAbsent.isEmpty())
        {
            final byte[] key = split.nextBoolean() ? withAbsent.firstKey() : withAbsent.lastKey();
            absent.add(Map.entry(key, withAbsent.remove(key)));
        }
        final SparseMerkleTree tree = TreeContents.treeOf(hashers.get(), withAbsent);
        final byte[] root = tree.root();
        final Hasher verifier = hashers.get();

        for (final Map.Entry<byte[], byte[]> missing : absent)
        {
            final SparseMerkleProof proof = tree.proof(missing.getKey());

            assertThat(tree.contains(missing.getKey())).isFalse();
            assertThat(SparseMerkleTree.verifyExclusion(verifier, root, missing.getKey(), proof)).isTrue();
            assertThat(SparseMerkleTree.verifyInclusion(
                verifier, root, missing.getKey(), missing.getValue(), proof)).isFalse();
        }
    }

    @Property(tries = 200)
    void shouldRejectAProofWithAnyTamperedSibling(
        @ForAll final long seed,
        @ForAll @IntRange(min = 2, max = 40) final int count,
        @ForAll("sharedPrefixBits") final int sharedPrefixBits,
        @ForAll final Random choice)
    {
        final NavigableMap<byte[], byte[]> leaves = TreeContents.of(seed, count, sharedPrefixBits);
        final SparseMerkleTree tree = TreeContents.treeOf(new Keccak256Hasher(), leaves);
        final byte[] root = tree.root();
        final List<Map.Entry<byte[], byte[]>> entries = TreeContents.entries(leaves);
        final Map.Entry<byte[], byte[]> leaf = entries.get(choice.nextInt(entries.size()));
        final SparseMerkleProof proof = tree.proof(leaf.getKey());
        final byte[] siblings = proof.siblings();
        siblings[choice.nextInt(siblings.length)] ^= (byte)(1 << choice.nextInt(8));

        final SparseMerkleProof tampered = new SparseMerkleProof(
            proof.depth(), proof.siblingBitmap(), siblings, proof.leafKey(), proof.leafDataHash());

        assertThat(SparseMerkleTree.verifyInclusion(
            new Keccak256Hasher(), root, leaf.getKey(), leaf.getValue(), tampered)).isFalse();
    }

    @Property(tries = 200)
    void shouldGiveTheSameRootWhetherReadAfterEveryChangeOrOnceAfterABatch(
        @ForAll final long seed,
        @ForAll @IntRange(max = 48) final int count,
        @ForAll("sharedPrefixBits") final int sharedPrefixBits,
        @ForAll final Random changes)
    {
        final NavigableMap<byte[], byte[]> leaves = TreeContents.of(seed, count, sharedPrefixBits);
        final SparseMerkleTree incremental = TreeContents.treeOf(new Sha256Hasher(), leaves);
        final SparseMerkleTree batched = TreeContents.treeOf(new Sha256Hasher(), leaves);
        incremental.root();
        batched.root();
        final NavigableMap<byte[], byte[]> more = TreeContents.of(seed + 1, count, sharedPrefixBits);
        final List<Map.Entry<byte[], byte[]>> touched = TreeContents.entries(leaves);
        touched.addAll(more.entrySet());
        Collections.shuffle(touched, changes);

        for (final Map.Entry<byte[], byte[]> change : touched)
        {
            final byte[] data = changes.nextInt(3) == 0 ? new byte[0] : TreeContents.randomBytes(
                new SplittableRandom(changes.nextLong()), 1 + changes.nextInt(8));
            incremental.update(change.getKey(), data);
            incremental.root();
            batched.update(change.getKey(), data);
        }

        assertThat(batched.root()).isEqualTo(incremental.root());
    }

    @Provide
    Arbitrary<Integer> sharedPrefixBits()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(0)),
            Tuple.of(2, Arbitraries.integers().between(1, 64)),
            Tuple.of(1, Arbitraries.integers().between(200, 255)));
    }

    @Provide
    Arbitrary<Supplier<Hasher>> hashers()
    {
        return Arbitraries.of(Keccak256Hasher.FACTORY, Sha256Hasher.FACTORY);
    }
}
