package io.novation.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.KeccakDigest;

class Keccak256Test
{
    private static final String KAT_RESOURCE = "vectors/hash/keccak256_kat.txt";

    private record KnownAnswer(int lengthBits, byte[] message, byte[] digest)
    {
    }

    private static List<KnownAnswer> knownAnswers()
    {
        final List<KnownAnswer> answers = new ArrayList<>();
        Integer lengthBits = null;
        byte[] message = null;
        for (final String rawLine : TestVectors.readResource(KAT_RESOURCE).split("\n"))
        {
            final String line = rawLine.strip();
            if (line.startsWith("Len = "))
            {
                lengthBits = Integer.parseInt(line.substring("Len = ".length()));
            }
            else if (line.startsWith("Msg = "))
            {
                message = Hex.decode(line.substring("Msg = ".length()));
            }
            else if (line.startsWith("MD = "))
            {
                assertThat(lengthBits).isNotNull();
                assertThat(message).isNotNull();
                final byte[] messageBytes = lengthBits == 0 ? new byte[0] : message;
                answers.add(new KnownAnswer(lengthBits, messageBytes, Hex.decode(line.substring("MD = ".length()))));
                lengthBits = null;
                message = null;
            }
        }
        return answers;
    }

    @Test
    void shouldReadEveryVectorOfTheKnownAnswerFile()
    {
        final List<KnownAnswer> answers = knownAnswers();
        assertThat(answers).hasSize(255);
        for (final KnownAnswer answer : answers)
        {
            assertThat(answer.message()).hasSize(answer.lengthBits() / 8);
            assertThat(answer.digest()).hasSize(Keccak256.DIGEST_LENGTH);
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldMatchEveryKnownAnswerInOneShot()
    {
        return knownAnswers().stream().map(answer -> DynamicTest.dynamicTest(
            "Len = " + answer.lengthBits(),
            () -> assertThat(Keccak256.hash(answer.message())).isEqualTo(answer.digest())));
    }

    @Test
    void shouldMatchEveryKnownAnswerWithOneReusedHasherFedInPieces()
    {
        final Keccak256 hasher = new Keccak256();
        final byte[] out = new byte[Keccak256.DIGEST_LENGTH + 7];
        for (final KnownAnswer answer : knownAnswers())
        {
            final byte[] message = answer.message();
            final int half = message.length / 2;
            hasher.update(message, 0, half);
            for (int i = half; i < message.length; i++)
            {
                hasher.update(message[i]);
            }
            hasher.digest(out, 7);
            assertThat(Arrays.copyOfRange(out, 7, out.length))
                .as("Len = %d", answer.lengthBits())
                .isEqualTo(answer.digest());
        }
    }

    @Test
    void shouldHashARangeLikeTheSameBytesAlone()
    {
        final KnownAnswer answer = knownAnswers().get(100);
        final byte[] padded = new byte[answer.message().length + 5];
        System.arraycopy(answer.message(), 0, padded, 3, answer.message().length);
        assertThat(Keccak256.hash(padded, 3, answer.message().length)).isEqualTo(answer.digest());
    }

    @Test
    void shouldForgetAbsorbedBytesOnReset()
    {
        final byte[] cow = "cow".getBytes(StandardCharsets.UTF_8);
        final Keccak256 hasher = new Keccak256();
        hasher.update("noise".getBytes(StandardCharsets.UTF_8));
        hasher.reset();
        assertThat(hasher.update(cow).digest()).isEqualTo(Keccak256.hash(cow));
    }

    @Property(tries = 200)
    void shouldHashTheSameWhateverTheSplit(
        @ForAll final byte[] message, @ForAll @IntRange(min = 0, max = 1000) final int splitSeed)
    {
        final int split = message.length == 0 ? 0 : splitSeed % (message.length + 1);
        final Keccak256 hasher = new Keccak256();
        hasher.update(message, 0, split).update(message, split, message.length - split);
        assertThat(hasher.digest()).isEqualTo(Keccak256.hash(message));
    }

    @Property(tries = 500)
    void shouldMatchBouncyCastlesKeccakWhateverThePiecesAndTheReuse(
        @ForAll @Size(max = 700) final byte[] message, @ForAll @IntRange(min = 1, max = 150) final int piece,
        @ForAll @Size(max = 200) final byte[] before)
    {
        final KeccakDigest reference = new KeccakDigest(256);
        reference.update(message, 0, message.length);
        final byte[] expected = new byte[Keccak256.DIGEST_LENGTH];
        reference.doFinal(expected, 0);
        final Keccak256 hasher = new Keccak256();
        hasher.update(before).digest();
        for (int from = 0; from < message.length; from += piece)
        {
            final int length = Math.min(piece, message.length - from);
            if (length == 1)
            {
                hasher.update(message[from]);
            }
            else
            {
                hasher.update(message, from, length);
            }
        }
        final byte[] out = new byte[Keccak256.DIGEST_LENGTH + 3];
        hasher.digest(out, 3);

        assertThat(Arrays.copyOfRange(out, 3, out.length)).isEqualTo(expected);
    }
}
