package io.novation.core.commitment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparseMerkleProofTest
{
    @Test
    void shouldRejectADepthOutsideTheKeyLength()
    {
        assertThatThrownBy(() -> new SparseMerkleProof(257, new byte[32], new byte[0], new byte[0], new byte[0]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SparseMerkleProof(-1, new byte[32], new byte[0], new byte[0], new byte[0]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAListedSiblingAtOrBelowTheDepth()
    {
        final byte[] bitmap = new byte[32];
        SparseMerkleProof.setBit(bitmap, 3);

        assertThatThrownBy(() -> new SparseMerkleProof(3, bitmap, new byte[32], new byte[0], new byte[0]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectSiblingsThatDoNotMatchTheBitmap()
    {
        final byte[] bitmap = new byte[32];
        SparseMerkleProof.setBit(bitmap, 0);
        SparseMerkleProof.setBit(bitmap, 2);

        assertThatThrownBy(() -> new SparseMerkleProof(4, bitmap, new byte[32], new byte[0], new byte[0]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectALeafKeyWithoutItsDataHash()
    {
        assertThatThrownBy(() -> new SparseMerkleProof(0, new byte[32], new byte[0], new byte[32], new byte[0]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SparseMerkleProof(0, new byte[32], new byte[0], new byte[31], new byte[31]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPlaceHeightZeroInTheLowestBitOfTheLastByte()
    {
        final byte[] bitmap = new byte[32];
        SparseMerkleProof.setBit(bitmap, 0);
        SparseMerkleProof.setBit(bitmap, 9);

        final SparseMerkleProof proof = new SparseMerkleProof(10, bitmap, new byte[64], new byte[0], new byte[0]);

        assertThat(proof.siblingBitmap()[31]).isEqualTo((byte)0x01);
        assertThat(proof.siblingBitmap()[30]).isEqualTo((byte)0x02);
        assertThat(proof.isSiblingListed(0)).isTrue();
        assertThat(proof.isSiblingListed(9)).isTrue();
        assertThat(proof.isSiblingListed(1)).isFalse();
        assertThat(proof.siblingCount()).isEqualTo(2);
    }

    @Test
    void shouldBeUnaffectedByChangesToTheArraysItWasBuiltFromOrReturned()
    {
        final byte[] bitmap = new byte[32];
        SparseMerkleProof.setBit(bitmap, 0);
        final byte[] siblings = new byte[32];
        siblings[0] = 7;
        final byte[] leafKey = new byte[32];
        final SparseMerkleProof proof = new SparseMerkleProof(1, bitmap, siblings, leafKey, new byte[32]);
        final SparseMerkleProof copy = new SparseMerkleProof(1, bitmap, siblings, leafKey, new byte[32]);

        siblings[0] = 8;
        leafKey[0] = 1;
        proof.siblings()[0] = 9;

        assertThat(proof.siblings()[0]).isEqualTo((byte)7);
        assertThat(proof.leafKey()[0]).isZero();
        assertThat(proof).isEqualTo(copy).hasSameHashCodeAs(copy);
    }
}
