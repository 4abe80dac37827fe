package io.novation.client.feed;

import io.novation.client.feed.sbe.EncodedCommandEncoder;
import io.novation.client.feed.sbe.MessageHeaderEncoder;
import io.novation.client.feed.sbe.SettleTradeEncoder;
import io.novation.client.feed.sbe.SignedOrderEncoder;
import io.novation.core.command.Command;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One frame of the binary feed being built: SBE command messages back to back, each with the client's correlation
 * id; a {@code settleTrade} as a {@code SettleTrade} message with its two signed orders, any other command as an
 * {@code EncodedCommand} carrying the command's journal encoding. Times are epoch ms; amounts in the engine's units.
 * Not thread-safe.
 */
public final class FeedBatch
{
    private static final byte[] NO_SIGNATURE = new byte[EcdsaSignature.ENCODED_LENGTH];

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SettleTradeEncoder trade = new SettleTradeEncoder();
    private final EncodedCommandEncoder encoded = new EncodedCommandEncoder();
    private final List<Long> correlationIds = new ArrayList<>();
    private int length;

    /**
     * Adds a fill; its time is kept when not 0, else the sequencer's.
     *
     * @param correlationId the client's number for it, echoed in its acknowledgement.
     * @param fill          the fill with its two signed orders.
     * @return this batch.
     */
    public FeedBatch settleTrade(final long correlationId, final SettleTrade fill)
    {
        trade.wrapAndApplyHeader(buffer, length, header).correlationId(correlationId).time(fill.time())
            .marketId(fill.marketId()).fillSize(fill.fillSize()).fillPrice(fill.fillPrice());
        order(trade.maker(), fill.maker());
        order(trade.taker(), fill.taker());
        return added(correlationId, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
    }

    /**
     * Adds any command in its journal encoding, without a governance envelope.
     *
     * @param correlationId the client's number for it.
     * @param command       the command, signed where its type needs an owner's signature.
     * @param explicitTime  whether the sequencer keeps the command's time.
     * @return this batch.
     */
    public FeedBatch command(final long correlationId, final Command command, final boolean explicitTime)
    {
        return governed(correlationId, command, explicitTime, 0, null);
    }

    /**
     * Adds a command with its governance (or bridge) envelope.
     *
     * @param correlationId the client's number for it.
     * @param command       the command.
     * @param explicitTime  whether the sequencer keeps the command's time.
     * @param nonce         the envelope's nonce.
     * @param signature     the envelope's signature, or null for none.
     * @return this batch.
     */
    public FeedBatch governed(final long correlationId, final Command command, final boolean explicitTime,
        final long nonce, final EcdsaSignature signature)
    {
        final byte[] bytes = CommandCodec.encode(command);
        encoded.wrapAndApplyHeader(buffer, length, header).correlationId(correlationId)
            .explicitTime((short)(explicitTime ? 1 : 0)).authorityNonce(nonce)
            .putAuthoritySignature(signature == null ? NO_SIGNATURE : signature.toBytes65(), 0,
                EcdsaSignature.ENCODED_LENGTH)
            .putCommand(bytes, 0, bytes.length);
        return added(correlationId, MessageHeaderEncoder.ENCODED_LENGTH + encoded.encodedLength());
    }

    private static void order(final SignedOrderEncoder out, final Order order)
    {
        out.putAccount(order.account().toBytes(), 0, SignedOrderEncoder.accountLength()).subaccount(order.subaccount())
            .market(order.market()).isBuy((short)(order.isBuy() ? 1 : 0)).size(order.size())
            .limitPrice(order.limitPrice()).nonce(order.nonce()).expiry(order.expiry())
            .reduceOnly((short)(order.reduceOnly() ? 1 : 0))
            .putSignature(order.signature() == null ? NO_SIGNATURE : order.signature().toBytes65(), 0,
                EcdsaSignature.ENCODED_LENGTH);
    }

    private FeedBatch added(final long correlationId, final int bytes)
    {
        correlationIds.add(correlationId);
        length += bytes;
        return this;
    }

    /**
     * How many commands the batch holds.
     *
     * @return commands.
     */
    public int size()
    {
        return correlationIds.size();
    }

    /**
     * The correlation ids, in order.
     *
     * @return ids.
     */
    public List<Long> correlationIds()
    {
        return Collections.unmodifiableList(correlationIds);
    }

    /**
     * The frame.
     *
     * @return a new array of the frame's bytes.
     */
    public byte[] toBytes()
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
