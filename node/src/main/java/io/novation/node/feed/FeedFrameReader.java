package io.novation.node.feed;

import io.novation.core.account.Address;
import io.novation.core.codec.CodecException;
import io.novation.core.command.Command;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.node.feed.sbe.EncodedCommandDecoder;
import io.novation.node.feed.sbe.MessageHeaderDecoder;
import io.novation.node.feed.sbe.SettleTradeDecoder;
import io.novation.node.feed.sbe.SignedOrderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one client frame of the binary feed: command messages back to back, each an SBE message header (schema
 * {@value #SCHEMA_ID}, version {@value #SCHEMA_VERSION}) and a {@code SettleTrade} or {@code EncodedCommand} body.
 * The whole frame is read before anything is submitted, so a fault anywhere refuses all of it; the fault names its
 * byte offset within the frame. Not thread-safe: one reader per connection.
 */
public final class FeedFrameReader
{
    /** The schema id of the feed's messages. */
    public static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    /** The only schema version this node reads. */
    public static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int SIGNATURE_BYTES = EcdsaSignature.ENCODED_LENGTH;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SettleTradeDecoder trade = new SettleTradeDecoder();
    private final EncodedCommandDecoder encoded = new EncodedCommandDecoder();
    private final int maxBytes;
    private final int maxCommands;

    /**
     * A reader within a node's limits.
     *
     * @param maxBytes    bytes a frame may hold at most (the JSON routes' body limit).
     * @param maxCommands commands a frame may hold at most (the JSON batch limit).
     */
    public FeedFrameReader(final int maxBytes, final int maxCommands)
    {
        this.maxBytes = maxBytes;
        this.maxCommands = maxCommands;
    }

    /**
     * Reads a frame.
     *
     * @param data   the frame's bytes.
     * @param offset where the frame starts in {@code data}.
     * @param length the frame's length in bytes.
     * @return its commands, in order.
     * @throws FeedFormatException {@code FRAME_TOO_LARGE}, {@code BATCH_TOO_LARGE}, {@code TRUNCATED},
     *     {@code UNKNOWN_SCHEMA}, {@code UNKNOWN_VERSION}, {@code UNKNOWN_TEMPLATE}, {@code INVALID_BLOCK_LENGTH},
     *     {@code INVALID_FIELD} or {@code MALFORMED_COMMAND}, with the offset of the fault.
     */
    public List<FeedCommand> read(final byte[] data, final int offset, final int length) throws FeedFormatException
    {
        if (length > maxBytes)
        {
            throw new FeedFormatException(maxBytes, "FRAME_TOO_LARGE", "a frame holds at most " + maxBytes +
                " bytes, this one " + length);
        }
        if (length == 0)
        {
            throw new FeedFormatException(0, "TRUNCATED", "an empty frame holds no message");
        }
        buffer.wrap(data, offset, length);
        final List<FeedCommand> commands = new ArrayList<>();
        int at = 0;
        while (at < length)
        {
            if (commands.size() == maxCommands)
            {
                throw new FeedFormatException(at, "BATCH_TOO_LARGE", "a frame holds at most " + maxCommands +
                    " commands");
            }
            if (length - at < HEADER)
            {
                throw new FeedFormatException(at, "TRUNCATED", "a message header is " + HEADER + " bytes, " +
                    (length - at) + " remain");
            }
            header.wrap(buffer, at);
            if (header.schemaId() != SCHEMA_ID)
            {
                throw new FeedFormatException(at + MessageHeaderDecoder.schemaIdEncodingOffset(), "UNKNOWN_SCHEMA",
                    "schema " + header.schemaId() + ", the feed's is " + SCHEMA_ID);
            }
            if (header.version() != SCHEMA_VERSION)
            {
                throw new FeedFormatException(at + MessageHeaderDecoder.versionEncodingOffset(), "UNKNOWN_VERSION",
                    "schema version " + header.version() + ", this node reads " + SCHEMA_VERSION);
            }
            final int template = header.templateId();
            if (template == SettleTradeDecoder.TEMPLATE_ID)
            {
                at = readTrade(at, length, commands);
            }
            else if (template == EncodedCommandDecoder.TEMPLATE_ID)
            {
                at = readEncoded(at, length, commands);
            }
            else
            {
                throw new FeedFormatException(at + MessageHeaderDecoder.templateIdEncodingOffset(),
                    "UNKNOWN_TEMPLATE", "template " + template + " is not a command message");
            }
        }
        return commands;
    }

    private int body(final int at, final int length, final int blockLength) throws FeedFormatException
    {
        if (header.blockLength() != blockLength)
        {
            throw new FeedFormatException(at + MessageHeaderDecoder.blockLengthEncodingOffset(),
                "INVALID_BLOCK_LENGTH", "template " + header.templateId() + " has a block of " + blockLength +
                " bytes in version " + SCHEMA_VERSION + ", not " + header.blockLength());
        }
        final int start = at + HEADER;
        if (length - start < blockLength)
        {
            throw new FeedFormatException(start, "TRUNCATED", "template " + header.templateId() + " needs " +
                blockLength + " bytes, " + (length - start) + " remain");
        }
        return start;
    }

    private int readTrade(final int at, final int length, final List<FeedCommand> commands)
        throws FeedFormatException
    {
        final int start = body(at, length, SettleTradeDecoder.BLOCK_LENGTH);
        trade.wrap(buffer, start, SettleTradeDecoder.BLOCK_LENGTH, SCHEMA_VERSION);
        final Order maker = order(trade.maker(), start + SettleTradeDecoder.makerEncodingOffset());
        final Order taker = order(trade.taker(), start + SettleTradeDecoder.takerEncodingOffset());
        final long time = trade.time();
        final SettleTrade command = new SettleTrade(time, trade.marketId(), maker, taker, trade.fillSize(),
            trade.fillPrice());
        commands.add(new FeedCommand(trade.correlationId(), command, time != 0, 0, null));
        return start + SettleTradeDecoder.BLOCK_LENGTH;
    }

    private Order order(final SignedOrderDecoder order, final int at) throws FeedFormatException
    {
        final byte[] account = new byte[SignedOrderDecoder.accountLength()];
        order.getAccount(account, 0, account.length);
        final byte[] signature = new byte[SIGNATURE_BYTES];
        order.getSignature(signature, 0, signature.length);
        return Order.of(Address.of(account), order.subaccount(), order.market(),
            flag(order.isBuy(), at + SignedOrderDecoder.isBuyEncodingOffset(), "isBuy"), order.size(),
            order.limitPrice(), order.nonce(), order.expiry(),
            flag(order.reduceOnly(), at + SignedOrderDecoder.reduceOnlyEncodingOffset(), "reduceOnly"),
            signature(signature));
    }

    private int readEncoded(final int at, final int length, final List<FeedCommand> commands)
        throws FeedFormatException
    {
        final int start = body(at, length, EncodedCommandDecoder.BLOCK_LENGTH);
        final int lengthAt = start + EncodedCommandDecoder.BLOCK_LENGTH;
        final int headerLength = EncodedCommandDecoder.commandHeaderLength();
        if (length - lengthAt < headerLength)
        {
            throw new FeedFormatException(lengthAt, "TRUNCATED", "the command's length needs " + headerLength +
                " bytes, " + (length - lengthAt) + " remain");
        }
        final long commandLength = buffer.getInt(lengthAt, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        final int dataAt = lengthAt + headerLength;
        if (commandLength > length - dataAt)
        {
            throw new FeedFormatException(lengthAt, "TRUNCATED", "the command is " + commandLength + " bytes, " +
                (length - dataAt) + " remain");
        }
        encoded.wrap(buffer, start, EncodedCommandDecoder.BLOCK_LENGTH, SCHEMA_VERSION);
        final boolean explicitTime = flag(encoded.explicitTime(),
            start + EncodedCommandDecoder.explicitTimeEncodingOffset(), "explicitTime");
        final long nonce = encoded.authorityNonce();
        final byte[] envelope = new byte[SIGNATURE_BYTES];
        encoded.getAuthoritySignature(envelope, 0, envelope.length);
        final byte[] bytes = new byte[(int)commandLength];
        buffer.getBytes(dataAt, bytes);
        final Command command;
        try
        {
            command = CommandCodec.decode(bytes);
        }
        catch (final CodecException | IllegalArgumentException ex)
        {
            throw new FeedFormatException(dataAt, "MALFORMED_COMMAND", "the command's encoding: " + ex.getMessage());
        }
        commands.add(new FeedCommand(encoded.correlationId(), command, explicitTime, nonce, signature(envelope)));
        return dataAt + (int)commandLength;
    }

    private static boolean flag(final short value, final int at, final String name) throws FeedFormatException
    {
        if (value != 0 && value != 1)
        {
            throw new FeedFormatException(at, "INVALID_FIELD", name + " is 0 or 1, not " + value);
        }
        return value == 1;
    }

    /** A signature, or null when all 65 bytes are zero (absent). */
    private static EcdsaSignature signature(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (b != 0)
            {
                return EcdsaSignature.fromBytes65(bytes);
            }
        }
        return null;
    }
}
