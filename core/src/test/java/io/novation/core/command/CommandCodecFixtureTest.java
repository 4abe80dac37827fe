package io.novation.core.command;

import io.novation.core.command.Command;
import io.novation.core.command.CommandType;
import io.novation.core.command.CommandTypes;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.crypto.Hex;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands encoded by the codec before the command registry (the fixture {@code commands-v1.hex}) decode to the same
 * commands and encode again to the same bytes, so that journals written before it replay unchanged.
 */
class CommandCodecFixtureTest
{
    private static final int LEGACY_UNSIGNED_SURFACE = 16;

    @Test
    void shouldReEncodeEveryCommandOfTheOldFixtureToTheSameBytes()
    {
        for (final String[] line : fixture())
        {
            final byte[] bytes = Hex.decode(line[1]);
            if (bytes[1] == LEGACY_UNSIGNED_SURFACE)
            {
                continue;
            }
            final Command decoded = CommandCodec.decode(bytes);
            assertThat(decoded.type().jsonName()).isEqualTo(line[0]);
            assertThat(CommandCodec.encode(decoded)).as(line[0]).isEqualTo(bytes);
        }
    }

    @Test
    void shouldEncodeTheSampleCommandsToTheOldFixtureBytes()
    {
        final List<String[]> fixture = fixture();
        final List<Command> samples = CommandSamples.all();
        for (int i = 0; i < samples.size(); i++)
        {
            assertThat(Hex.encode(CommandCodec.encode(samples.get(i)))).as(fixture.get(i)[0])
                .isEqualTo(fixture.get(i)[1]);
            assertThat(CommandCodec.decode(Hex.decode(fixture.get(i)[1]))).usingRecursiveComparison()
                .isEqualTo(samples.get(i));
        }
    }

    @Test
    void shouldCoverEveryTypeIdTheOldCodecKnew()
    {
        final Set<Integer> ids = new TreeSet<>();
        for (final String[] line : fixture())
        {
            ids.add(Hex.decode(line[1])[1] & 0xFF);
        }
        final Set<Integer> expected = new TreeSet<>();
        for (int id = 1; id <= 22; id++)
        {
            expected.add(id);
        }
        assertThat(ids).isEqualTo(expected);
        for (final int id : ids)
        {
            final CommandType<?> type = CommandTypes.byId(id);
            assertThat(type).as("type id %d", id).isNotNull();
        }
    }

    @Test
    void shouldDecodeTheLegacyUnsignedSurfaceWithItsTimeAsPublicationAndReEncodeItAsTheSignedType()
    {
        final byte[] legacy = fixture().stream().map(line -> Hex.decode(line[1]))
            .filter(bytes -> bytes[1] == LEGACY_UNSIGNED_SURFACE).findFirst().orElseThrow();
        final OracleVolSurface surface = (OracleVolSurface)CommandCodec.decode(legacy);
        assertThat(surface.publishedAt()).isEqualTo(surface.time());
        assertThat(surface.publisher()).isNull();
        assertThat(surface.signature()).isNull();
        assertThat(surface.slices()).hasSize(1);
        final byte[] again = CommandCodec.encode(surface);
        assertThat(again[1]).isEqualTo((byte)OracleVolSurface.TYPE.id());
        assertThat(CommandCodec.decode(again)).usingRecursiveComparison().isEqualTo(surface);
    }

    private static List<String[]> fixture()
    {
        try (InputStream in = CommandCodecFixtureTest.class.getResourceAsStream("commands-v1.hex"))
        {
            assertThat(in).as("fixture commands-v1.hex").isNotNull();
            final List<String[]> lines = new ArrayList<>();
            for (final String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n"))
            {
                if (!line.isBlank() && !line.startsWith("#"))
                {
                    lines.add(line.trim().split(" "));
                }
            }
            return lines;
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
