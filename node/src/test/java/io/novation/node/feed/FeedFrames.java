package io.novation.node.feed;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Deposit;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.feed.sbe.EncodedCommandEncoder;
import io.novation.node.feed.sbe.MessageHeaderEncoder;
import io.novation.node.feed.sbe.SettleTradeEncoder;
import io.novation.node.feed.sbe.SignedOrderEncoder;
import io.novation.testkit.Testnet;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/** Feed frames for the reader's tests, written with the node's own generated encoders. */
final class FeedFrames
{
    private static final byte[] DOMAIN = new byte[32];

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final List<Integer> boundaries = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private int length;

    static SettleTrade fill(final long seed)
    {
        final Order maker = order("alice", true, seed);
        final Order taker = order("bob", false, seed + 1);
        return new SettleTrade(seed % 3 == 0 ? 0 : 1_700_000_000_000L + seed, 0, maker, taker, 1_000 + seed,
            60_000_000_000L + seed);
    }

    static Deposit deposit(final long seed)
    {
        return new Deposit(1_700_000_000_000L + seed, Testnet.address("carol"), (int)(seed % 4), 0, 5_000_000 + seed,
            seed + 1);
    }

    private static Order order(final String owner, final boolean buy, final long nonce)
    {
        final Order unsigned = Order.of(Testnet.address(owner), 0, 0, buy, 10_000, 61_000_000_000L, nonce,
            1_800_000_000_000L, nonce % 2 == 0, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(DOMAIN), Testnet.key(owner)));
    }

    FeedFrames trade(final long correlationId, final SettleTrade fill)
    {
        final SettleTradeEncoder trade = new SettleTradeEncoder().wrapAndApplyHeader(buffer, length,
            new MessageHeaderEncoder());
        trade.correlationId(correlationId).time(fill.time()).marketId(fill.marketId()).fillSize(fill.fillSize())
            .fillPrice(fill.fillPrice());
        order(trade.maker(), fill.maker());
        order(trade.taker(), fill.taker());
        return added(fill, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
    }

    FeedFrames encoded(final long correlationId, final Command command, final long nonce,
        final EcdsaSignature envelope)
    {
        final byte[] bytes = CommandCodec.encode(command);
        final EncodedCommandEncoder encoded = new EncodedCommandEncoder().wrapAndApplyHeader(buffer, length,
            new MessageHeaderEncoder());
        encoded.correlationId(correlationId).explicitTime((short)1).authorityNonce(nonce)
            .putAuthoritySignature(envelope == null ? new byte[65] : envelope.toBytes65(), 0, 65)
            .putCommand(bytes, 0, bytes.length);
        return added(command, MessageHeaderEncoder.ENCODED_LENGTH + encoded.encodedLength());
    }

    private static void order(final SignedOrderEncoder out, final Order order)
    {
        out.putAccount(order.account().toBytes(), 0, Address.LENGTH).subaccount(order.subaccount())
            .market(order.market()).isBuy((short)(order.isBuy() ? 1 : 0)).size(order.size())
            .limitPrice(order.limitPrice()).nonce(order.nonce()).expiry(order.expiry())
            .reduceOnly((short)(order.reduceOnly() ? 1 : 0)).putSignature(order.signature().toBytes65(), 0, 65);
    }

    private FeedFrames added(final Command command, final int bytes)
    {
        boundaries.add(length);
        commands.add(command);
        length += bytes;
        return this;
    }

    /** Where each message starts in the frame. */
    List<Integer> boundaries()
    {
        return boundaries;
    }

    List<Command> commands()
    {
        return commands;
    }

    byte[] toBytes()
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
