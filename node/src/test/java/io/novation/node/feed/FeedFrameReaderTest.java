package io.novation.node.feed;

import io.novation.core.command.CommandCodec;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.feed.sbe.EncodedCommandDecoder;
import io.novation.node.feed.sbe.SettleTradeDecoder;
import io.novation.node.feed.sbe.SignedOrderDecoder;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The feed's frame reader: commands read back as they were encoded, with their correlation ids and envelopes, and
 * every fault refused with its code and the byte offset of the fault.
 */
class FeedFrameReaderTest
{
    private final FeedFrameReader reader = new FeedFrameReader(64 * 1024, 4);

    @Test
    void shouldReadFillsAndEncodedCommandsBackAsTheyWereWritten() throws FeedFormatException
    {
        final byte[] envelopeKey = Testnet.key("bridge");
        final FeedFrames frames = new FeedFrames().trade(11, FeedFrames.fill(3)).trade(12, FeedFrames.fill(4))
            .encoded(13, FeedFrames.deposit(5), 9, Secp256k1.sign(new byte[32], envelopeKey));
        final byte[] frame = frames.toBytes();

        final List<FeedCommand> read = reader.read(frame, 0, frame.length);

        assertThat(read).extracting(FeedCommand::correlationId).containsExactly(11L, 12L, 13L);
        for (int i = 0; i < read.size(); i++)
        {
            assertThat(CommandCodec.encode(read.get(i).command()))
                .isEqualTo(CommandCodec.encode(frames.commands().get(i)));
        }
        assertThat(read.get(0).explicitTime()).as("time 0 is the sequencer's").isFalse();
        assertThat(read.get(1).explicitTime()).isTrue();
        assertThat(read.get(0).signature()).isNull();
        assertThat(read.get(2).nonce()).isEqualTo(9);
        assertThat(read.get(2).signature()).isEqualTo(Secp256k1.sign(new byte[32], envelopeKey));
    }

    @Test
    void shouldReadAFrameAtAnOffsetInItsArray() throws FeedFormatException
    {
        final byte[] frame = new FeedFrames().trade(1, FeedFrames.fill(1)).toBytes();
        final byte[] padded = new byte[frame.length + 10];
        System.arraycopy(frame, 0, padded, 7, frame.length);

        assertThat(reader.read(padded, 7, frame.length)).hasSize(1);
    }

    @Test
    void shouldRefuseAFrameOverTheSizeLimitAtTheLimit()
    {
        final FeedFrameReader small = new FeedFrameReader(100, 4);
        final byte[] frame = new FeedFrames().trade(1, FeedFrames.fill(1)).toBytes();

        assertFault(small, frame, "FRAME_TOO_LARGE", 100);
    }

    @Test
    void shouldRefuseAnEmptyFrameAsTruncated()
    {
        assertFault(reader, new byte[0], "TRUNCATED", 0);
    }

    @Test
    void shouldRefuseMoreCommandsThanABatchHoldsAtTheFirstOneOver()
    {
        final FeedFrames frames = new FeedFrames();
        for (int i = 0; i < 5; i++)
        {
            frames.trade(i, FeedFrames.fill(i));
        }

        assertFault(reader, frames.toBytes(), "BATCH_TOO_LARGE", frames.boundaries().get(4));
    }

    @Test
    void shouldRefuseAnUnknownSchemaTemplateOrVersionAtItsHeaderField()
    {
        final FeedFrames frames = new FeedFrames().trade(1, FeedFrames.fill(1)).trade(2, FeedFrames.fill(2));
        final int second = frames.boundaries().get(1);

        assertFault(reader, patchShort(frames.toBytes(), second + 4, 7), "UNKNOWN_SCHEMA", second + 4);
        assertFault(reader, patchShort(frames.toBytes(), second + 2, 3), "UNKNOWN_TEMPLATE", second + 2);
        assertFault(reader, patchShort(frames.toBytes(), second + 2, 10), "UNKNOWN_TEMPLATE", second + 2);
        assertFault(reader, patchShort(frames.toBytes(), second + 6, 2), "UNKNOWN_VERSION", second + 6);
        assertFault(reader, patchShort(frames.toBytes(), second, 10), "INVALID_BLOCK_LENGTH", second);
    }

    @Test
    void shouldRefuseAFlagThatIsNeitherZeroNorOneAtItsOffset()
    {
        final byte[] frame = new FeedFrames().trade(1, FeedFrames.fill(1)).toBytes();
        final int isBuy = 8 + SettleTradeDecoder.takerEncodingOffset() + SignedOrderDecoder.isBuyEncodingOffset();
        frame[isBuy] = 2;

        assertFault(reader, frame, "INVALID_FIELD", isBuy);
    }

    @Test
    void shouldRefuseAnEncodedCommandTheJournalCodecCannotReadAtItsFirstByte()
    {
        final FeedFrames frames = new FeedFrames().trade(1, FeedFrames.fill(1)).encoded(2, FeedFrames.deposit(1), 0,
            null);
        final byte[] frame = frames.toBytes();
        final int data = frames.boundaries().get(1) + 8 + EncodedCommandDecoder.BLOCK_LENGTH + 4;
        frame[data + 1] = (byte)250;

        assertFault(reader, frame, "MALFORMED_COMMAND", data);
    }

    @Test
    void shouldRefuseACommandLongerThanWhatRemainsAtItsLength()
    {
        final FeedFrames frames = new FeedFrames().encoded(2, FeedFrames.deposit(1), 0, null);
        final byte[] frame = frames.toBytes();
        final int lengthAt = 8 + EncodedCommandDecoder.BLOCK_LENGTH;
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(lengthAt, Integer.MAX_VALUE);

        assertFault(reader, frame, "TRUNCATED", lengthAt);
    }

    private static byte[] patchShort(final byte[] frame, final int at, final int value)
    {
        final byte[] copy = Arrays.copyOf(frame, frame.length);
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short)value);
        return copy;
    }

    private static void assertFault(final FeedFrameReader reader, final byte[] frame, final String code,
        final int offset)
    {
        assertThatThrownBy(() -> reader.read(frame, 0, frame.length)).isInstanceOfSatisfying(
            FeedFormatException.class, fault ->
            {
                assertThat(fault.code()).as(fault.getMessage()).isEqualTo(code);
                assertThat(fault.offset()).as(fault.getMessage()).isEqualTo(offset);
            });
    }
}
