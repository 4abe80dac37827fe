package io.novation.node.verification;

import io.novation.core.account.Address;
import io.novation.core.command.Order;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.node.sequencer.Refusal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * The structural checks a signed order passes before any signature work, so that junk costs little: the order and
 * its signature present and of recoverable shape (v, r and s in range, low s), size, limit price and nonce in range,
 * the order for the fill's market and that market known, the order not expired at the engine's time, its nonce not
 * below its subaccount's nonce floor. Each refusal is one the engine would make at the command's turn anyway (the
 * sequencer's time never goes back, markets are never removed, nonce floors only rise), named with the engine's code.
 * Times are epoch ms. Thread-safe: the engine's view is read through volatile sources and the floors kept from
 * durable events on the engine thread.
 */
public final class OrderAdmission
{

    private final IntPredicate knownMarket;
    private final LongSupplier engineTime;
    private final ConcurrentHashMap<Floor, Long> floors = new ConcurrentHashMap<>();

    private record Floor(Address owner, int subaccount)
    {
    }

    /**
     * An admission over the engine's published view.
     *
     * @param knownMarket whether a market or option series id is defined.
     * @param engineTime  the engine's time at its last durable publication, epoch ms.
     */
    public OrderAdmission(final IntPredicate knownMarket, final LongSupplier engineTime)
    {
        this.knownMarket = knownMarket;
        this.engineTime = engineTime;
    }

    /**
     * An admission that checks only an order's shape: every market is taken as known, no time or floor as set.
     *
     * @return a new admission.
     */
    public static OrderAdmission shapeOnly()
    {
        return new OrderAdmission(market -> true, () -> Long.MIN_VALUE);
    }

    /**
     * Checks one order of a fill.
     *
     * @param order    the order, may be null.
     * @param marketId the fill's market.
     * @param side     "maker" or "taker", for messages.
     * @throws Refusal when the engine would refuse the order whatever its signature.
     */
    public void check(final Order order, final int marketId, final String side) throws Refusal
    {
        if (order == null)
        {
            throw new Refusal(400, "INVALID_COMMAND", side + " order is required");
        }
        if (order.signature() == null)
        {
            throw new Refusal(403, "BAD_SIGNATURE", "the " + side + " order is not signed");
        }
        if (!Secp256k1.isRecoverable(order.signature()))
        {
            throw new Refusal(403, "BAD_SIGNATURE", "the " + side + " order's signature is malformed: v must be " +
                "27 or 28, r in [1, n - 1] and s in [1, n / 2]");
        }
        if (order.account() == null || order.size() <= 0 || order.limitPrice() <= 0 || order.nonce() < 0)
        {
            throw new Refusal(400, "INVALID_COMMAND", side + " order account, size, limit price and nonce must " +
                "be set and positive");
        }
        if (order.market() != marketId)
        {
            throw new Refusal(400, "ORDER_MISMATCH", "both orders must be for market " + marketId);
        }
        if (!knownMarket.test(marketId))
        {
            throw new Refusal(404, "UNKNOWN_MARKET", "no market " + marketId);
        }
        final long time = engineTime.getAsLong();
        if (order.expiry() <= time)
        {
            throw new Refusal(409, "ORDER_EXPIRED", side + " order expired at " + order.expiry() +
                ", before the engine's time " + time);
        }
        if (!floors.isEmpty())
        {
            final Long floor = floors.get(new Floor(order.account(), order.subaccount()));
            if (floor != null && order.nonce() < floor)
            {
                throw new Refusal(409, "ORDER_CANCELLED", side + " order " + order.nonce() + " of " +
                    order.account() + "/" + order.subaccount() + " is below its nonce floor " + floor);
            }
        }
    }

    /**
     * Follows a durable group of events: a raised nonce floor is kept; on the engine thread.
     *
     * @param events the group.
     */
    public void onDurable(final List<Event> events)
    {
        for (int i = 0; i < events.size(); i++)
        {
            if (events.get(i) instanceof Event.NonceFloorRaised raised)
            {
                floors.merge(new Floor(raised.owner(), raised.subaccount()), raised.floor(), Math::max);
            }
        }
    }
}
