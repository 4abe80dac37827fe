package io.novation.core.commitment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparseMerkleTreeTest
{
    private static final byte[] DATA = "DATA".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLACEHOLDER = new byte[32];

    @Test
    void shouldHaveThePlaceholderAsRootOfAnEmptyKeccakTree()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());

        assertThat(tree.root()).isEqualTo(PLACEHOLDER);
        assertThat(tree.size()).isZero();
    }

    @Test
    void shouldReturnToThePlaceholderWhenTheLastKeccakLeafIsDeleted()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());
        tree.update(key(0x11), DATA);
        tree.update(key(0x22), DATA);
        tree.root();

        tree.delete(key(0x11));
        tree.delete(key(0x22));

        assertThat(tree.root()).isEqualTo(PLACEHOLDER);
    }

    @Test
    void shouldUseTheLeafItselfAsRootOfASingleLeafTree()
    {
        final Hasher hasher = new Keccak256Hasher();
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());
        final byte[] key = key(0x5A);

        tree.update(key, DATA);

        final byte[] leafPreimage = concat(new byte[]{ 0x00 }, key, hasher.hash(DATA, 0, DATA.length));
        assertThat(tree.root()).isEqualTo(hasher.hash(leafPreimage, 0, leafPreimage.length));
    }

    @Test
    void shouldTreatEmptyDataAsDelete()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());
        tree.update(key(0x01), DATA);
        final byte[] oneLeaf = tree.root();
        tree.update(key(0x02), DATA);

        tree.update(key(0x02), new byte[0]);

        assertThat(tree.root()).isEqualTo(oneLeaf);
        assertThat(tree.contains(key(0x02))).isFalse();
        assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    void shouldLeaveTheRootUnchangedWhenDeletingAnAbsentKey()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Sha256Hasher());
        tree.update(key(0x01), DATA);
        tree.update(key(0x80), DATA);
        final byte[] before = tree.root();

        tree.delete(key(0x40));

        assertThat(tree.root()).isEqualTo(before);
        assertThat(tree.size()).isEqualTo(2);
    }

    @Test
    void shouldReportWhichKeysItContains()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Sha256Hasher());
        tree.update(key(0x01), DATA);
        tree.update(key(0x03), DATA);

        assertThat(tree.contains(key(0x01))).isTrue();
        assertThat(tree.contains(key(0x03))).isTrue();
        assertThat(tree.contains(key(0x02))).isFalse();
        assertThat(tree.size()).isEqualTo(2);
    }

    @Test
    void shouldProveTwoLeavesThatDifferOnlyInTheLastBitAtDepth256()
    {
        final Hasher hasher = new Keccak256Hasher();
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());
        final byte[] even = lastByte(0x00);
        final byte[] odd = lastByte(0x01);
        tree.update(even, DATA);
        tree.update(odd, DATA);
        final byte[] root = tree.root();

        final SparseMerkleProof proof = tree.proof(odd);

        assertThat(proof.depth()).isEqualTo(256);
        assertThat(proof.siblingCount()).isEqualTo(1);
        assertThat(proof.isSiblingListed(0)).isTrue();
        assertThat(SparseMerkleTree.verifyInclusion(hasher, root, odd, DATA, proof)).isTrue();
        assertThat(root).isEqualTo(ReferenceSparseMerkleRoot.of(hasher, leaves(even, odd)));
    }

    @Test
    void shouldProveAbsenceOfAKeyThatLeavesTheSharedPrefixOfASubtree()
    {
        final Hasher hasher = new Sha256Hasher();
        final SparseMerkleTree tree = new SparseMerkleTree(new Sha256Hasher());
        final byte[] left = lastByte(0x00);
        final byte[] right = lastByte(0x01);
        final byte[] outsider = lastByte(0x00);
        outsider[6] ^= 0x02;
        tree.update(left, DATA);
        tree.update(right, DATA);
        final byte[] root = tree.root();

        final SparseMerkleProof proof = tree.proof(outsider);

        assertThat(proof.hasLeaf()).isFalse();
        assertThat(proof.depth()).isEqualTo(6 * 8 + 6 + 1);
        assertThat(proof.siblingCount()).isEqualTo(1);
        assertThat(SparseMerkleTree.verifyExclusion(hasher, root, outsider, proof)).isTrue();
        assertThat(SparseMerkleTree.verifyInclusion(hasher, root, outsider, DATA, proof)).isFalse();
    }

    @Test
    void shouldProveAbsenceByTheOtherLeafOnTheKeyPath()
    {
        final Hasher hasher = new Keccak256Hasher();
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());
        final byte[] present = key(0x80);
        final byte[] absent = key(0xC0);
        tree.update(key(0x00), DATA);
        tree.update(present, DATA);
        final byte[] root = tree.root();

        final SparseMerkleProof proof = tree.proof(absent);

        assertThat(proof.hasLeaf()).isTrue();
        assertThat(proof.leafKey()).isEqualTo(present);
        assertThat(proof.depth()).isEqualTo(1);
        assertThat(SparseMerkleTree.verifyExclusion(hasher, root, absent, proof)).isTrue();
        assertThat(SparseMerkleTree.verifyExclusion(hasher, root, present, proof)).isFalse();
    }

    @Test
    void shouldProveAbsenceInAnEmptyTree()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());

        final SparseMerkleProof proof = tree.proof(key(0x42));

        assertThat(proof.depth()).isZero();
        assertThat(proof.hasLeaf()).isFalse();
        assertThat(SparseMerkleTree.verifyExclusion(new Keccak256Hasher(), tree.root(), key(0x42), proof)).isTrue();
    }

    @Test
    void shouldNeverVerifyInclusionOfEmptyData()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());
        tree.update(key(0x42), DATA);
        final SparseMerkleProof proof = tree.proof(key(0x42));

        assertThat(SparseMerkleTree.verifyInclusion(
            new Keccak256Hasher(), tree.root(), key(0x42), new byte[0], proof)).isFalse();
    }

    @Test
    void shouldNotVerifyAProofAgainstAnotherRoot()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());
        tree.update(key(0x42), DATA);
        tree.update(key(0x43), DATA);
        final SparseMerkleProof proof = tree.proof(key(0x42));
        final byte[] otherRoot = tree.root();
        otherRoot[31] ^= 1;

        assertThat(SparseMerkleTree.verifyInclusion(new Keccak256Hasher(), otherRoot, key(0x42), DATA, proof))
            .isFalse();
    }

    @Test
    void shouldRejectKeysThatAreNot32Bytes()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Keccak256Hasher());

        assertThatThrownBy(() -> tree.update(new byte[31], DATA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.delete(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.contains(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.proof(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepItsStateWhenTheCallerReusesTheKeyArray()
    {
        final SparseMerkleTree tree = new SparseMerkleTree(new Sha256Hasher());
        final byte[] reused = key(0x10);
        tree.update(reused, DATA);
        final byte[] root = tree.root();

        reused[0] = 0x20;

        assertThat(tree.contains(key(0x10))).isTrue();
        assertThat(tree.contains(reused)).isFalse();
        assertThat(tree.root()).isEqualTo(root);
    }

    private static byte[] key(final int firstByte)
    {
        final byte[] key = new byte[32];
        key[0] = (byte)firstByte;
        return key;
    }

    private static byte[] lastByte(final int lastByte)
    {
        final byte[] key = new byte[32];
        Arrays.fill(key, (byte)0x5C);
        key[31] = (byte)lastByte;
        return key;
    }

    private static NavigableMap<byte[], byte[]> leaves(final byte[]... keys)
    {
        final NavigableMap<byte[], byte[]> leaves = new TreeMap<>(Arrays::compareUnsigned);
        for (final byte[] key : keys)
        {
            leaves.put(key, DATA);
        }
        return leaves;
    }

    private static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] joined = new byte[length];
        int offset = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, joined, offset, part.length);
            offset += part.length;
        }
        return joined;
    }
}
