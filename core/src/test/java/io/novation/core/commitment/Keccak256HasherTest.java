package io.novation.core.commitment;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Keccak256HasherTest
{
    private static byte[] reference(final byte[] message)
    {
        final KeccakDigest digest = new KeccakDigest(256);
        digest.update(message, 0, message.length);
        final byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    @Test
    void shouldHashTheEmptyMessageAndTheKnownVectors()
    {
        final Keccak256Hasher hasher = new Keccak256Hasher();
        assertThat(HexFormat.of().formatHex(hasher.hash(new byte[0], 0, 0)))
            .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        final byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexFormat.of().formatHex(hasher.hash(abc, 0, abc.length)))
            .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Property(tries = 3000)
    void shouldAgreeWithBouncyCastleForEveryLengthAndWayOfFeeding(
        @ForAll @Size(max = 700) final byte[] message,
        @ForAll @Size(max = 6) final List<@IntRange(min = 0, max = 300) Integer> cuts,
        @ForAll final boolean byteByByte)
    {
        final Keccak256Hasher hasher = new Keccak256Hasher();
        // A first message, to show the hasher resets after each digest.
        hasher.update((byte)7);
        hasher.digest(new byte[32], 0);
        int position = 0;
        if (byteByByte)
        {
            for (final byte value : message)
            {
                hasher.update(value);
            }
            position = message.length;
        }
        for (final int cut : cuts)
        {
            final int end = Math.min(message.length, position + cut);
            hasher.update(message, position, end - position);
            position = end;
        }
        hasher.update(message, position, message.length - position);
        final byte[] out = new byte[40];
        hasher.digest(out, 3);
        assertThat(java.util.Arrays.copyOfRange(out, 3, 35)).isEqualTo(reference(message));
    }
}
