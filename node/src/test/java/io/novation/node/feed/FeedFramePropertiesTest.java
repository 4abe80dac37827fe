package io.novation.node.feed;

import io.novation.core.command.CommandCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Properties of the feed's frame reader over frames of random fills and encoded commands: a frame reads back to its
 * commands, and every cut of it either ends on a message boundary (and reads back to the commands before the cut)
 * or is refused as truncated at an offset within the cut, never with another exception.
 */
class FeedFramePropertiesTest
{
    private final FeedFrameReader reader = new FeedFrameReader(1 << 20, 1_000);

    @Property(tries = 60)
    void shouldReadEveryFrameBackToItsCommands(@ForAll("kinds") @Size(min = 1, max = 6) final List<Integer> kinds)
        throws FeedFormatException
    {
        final FeedFrames frames = frames(kinds);
        final byte[] frame = frames.toBytes();

        final List<FeedCommand> read = reader.read(frame, 0, frame.length);

        assertThat(read).hasSameSizeAs(kinds);
        for (int i = 0; i < read.size(); i++)
        {
            assertThat(read.get(i).correlationId()).isEqualTo(100L + i);
            assertThat(CommandCodec.encode(read.get(i).command()))
                .isEqualTo(CommandCodec.encode(frames.commands().get(i)));
        }
    }

    @Property(tries = 200)
    void shouldReadACutFrameToItsWholeMessagesOrRefuseItAsTruncatedWithinTheCut(
        @ForAll("kinds") @Size(min = 1, max = 4) final List<Integer> kinds,
        @ForAll @IntRange(min = 0, max = 10_000) final int cutSeed)
        throws FeedFormatException
    {
        final FeedFrames frames = frames(kinds);
        final byte[] frame = frames.toBytes();
        final int cut = cutSeed % frame.length;

        final int whole = frames.boundaries().indexOf(cut);
        if (whole > 0)
        {
            assertThat(reader.read(frame, 0, cut)).hasSize(whole);
        }
        else
        {
            assertThatThrownBy(() -> reader.read(frame, 0, cut)).isInstanceOfSatisfying(FeedFormatException.class,
                fault ->
                {
                    assertThat(fault.code()).isEqualTo("TRUNCATED");
                    assertThat(fault.offset()).isBetween(0, cut);
                });
        }
    }

    @Provide
    Arbitrary<List<Integer>> kinds()
    {
        return Arbitraries.integers().between(0, 1_000).list();
    }

    private static FeedFrames frames(final List<Integer> kinds)
    {
        final FeedFrames frames = new FeedFrames();
        for (int i = 0; i < kinds.size(); i++)
        {
            final int seed = kinds.get(i);
            if (seed % 2 == 0)
            {
                frames.trade(100 + i, FeedFrames.fill(seed));
            }
            else
            {
                frames.encoded(100 + i, FeedFrames.deposit(seed), 0, null);
            }
        }
        return frames;
    }
}
