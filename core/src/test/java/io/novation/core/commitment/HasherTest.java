package io.novation.core.commitment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HasherTest
{
    private record KnownAnswer(byte[] message, byte[] digest)
    {
    }

    @Test
    void shouldMatchEthereumKeccak256KnownAnswers() throws IOException
    {
        final List<KnownAnswer> answers = load("/vectors/hash/keccak256_kat.txt");

        assertThat(answers).hasSize(255);
        assertMatches(Keccak256Hasher.FACTORY, answers);
    }

    @Test
    void shouldMatchSha256KnownAnswers() throws IOException
    {
        final List<KnownAnswer> answers = load("/vectors/hash/sha256_kat.txt");

        assertThat(answers).hasSize(255);
        assertMatches(Sha256Hasher.FACTORY, answers);
    }

    @Test
    void shouldHashAConcatenationLikeTheWholeMessage() throws IOException
    {
        for (final Supplier<Hasher> factory : List.of(Keccak256Hasher.FACTORY, Sha256Hasher.FACTORY))
        {
            final Hasher hasher = factory.get();
            for (final KnownAnswer answer : load("/vectors/hash/keccak256_kat.txt"))
            {
                final byte[] message = answer.message();
                final int cut = message.length / 3;
                final byte[] padded = new byte[message.length + 8];
                System.arraycopy(message, 0, padded, 5, message.length);
                final byte[] out = new byte[40];

                hasher.hash(padded, 5, cut, padded, 5 + cut, message.length - cut, out, 4);

                assertThat(Arrays.copyOfRange(out, 4, 36)).isEqualTo(hasher.hash(message, 0, message.length));
            }
        }
    }

    @Test
    void shouldStartAfreshAfterADigestOrAReset() throws IOException
    {
        final KnownAnswer answer = load("/vectors/hash/sha256_kat.txt").get(100);
        final Hasher hasher = new Sha256Hasher();
        final byte[] out = new byte[32];
        hasher.update((byte)0x33);
        hasher.reset();

        for (final byte value : answer.message())
        {
            hasher.update(value);
        }
        hasher.digest(out, 0);

        assertThat(out).isEqualTo(answer.digest());
        assertThat(hasher.hash(answer.message(), 0, answer.message().length)).isEqualTo(answer.digest());
    }

    @Test
    void shouldGiveIndependentInstancesFromItsFactory()
    {
        final Hasher first = Keccak256Hasher.FACTORY.get();
        final Hasher second = Keccak256Hasher.FACTORY.get();
        first.update((byte)1);

        assertThat(second).isNotSameAs(first);
        assertThat(second.hash(new byte[0], 0, 0)).isEqualTo(Keccak256Hasher.FACTORY.get().hash(new byte[0], 0, 0));
    }

    private static void assertMatches(final Supplier<Hasher> factory, final List<KnownAnswer> answers)
    {
        final Hasher hasher = factory.get();
        for (final KnownAnswer answer : answers)
        {
            assertThat(hasher.hash(answer.message(), 0, answer.message().length))
                .as("%d-byte message", answer.message().length)
                .isEqualTo(answer.digest());
        }
    }

    private static List<KnownAnswer> load(final String resource) throws IOException
    {
        final List<KnownAnswer> answers = new ArrayList<>();
        try (InputStream in = HasherTest.class.getResourceAsStream(resource);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)))
        {
            int lengthInBits = -1;
            byte[] message = null;
            String line;
            while (null != (line = reader.readLine()))
            {
                if (line.startsWith("Len = "))
                {
                    lengthInBits = Integer.parseInt(line.substring(6).strip());
                }
                else if (line.startsWith("Msg = "))
                {
                    message = Arrays.copyOf(HexFormat.of().parseHex(line.substring(6).strip()), lengthInBits / 8);
                }
                else if (line.startsWith("MD = "))
                {
                    answers.add(new KnownAnswer(message, HexFormat.of().parseHex(line.substring(5).strip())));
                }
            }
        }
        return answers;
    }
}
