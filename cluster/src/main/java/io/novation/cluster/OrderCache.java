package io.novation.cluster;

import io.novation.core.command.Command;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;

import java.util.Objects;

/**
 * The signed orders a {@link ClearingService} decoded lately (4,096 slots, direct-mapped), so that the fills of one
 * order share one decoded {@link Order}, which computes its EIP-712 digest once and keeps it, instead of hashing both
 * orders again for every fill. An order is shared only when every field and its signature are equal, so the digest
 * is the one the order would have computed itself: the cache changes which instance the engine reads, never what it
 * computes, and it is not part of the replicated state.
 */
final class OrderCache
{
    private static final int SLOTS = 4_096;

    private final Order[] slots = new Order[SLOTS];
    private long hits;

    /**
     * A command with its orders replaced by equal ones seen before; the command itself when it has no orders or
     * none was seen.
     *
     * @param command a decoded command.
     * @return the same command, or an equal one reading shared orders.
     */
    Command share(final Command command)
    {
        if (command instanceof SettleTrade trade)
        {
            final Order maker = share(trade.maker());
            final Order taker = share(trade.taker());
            return maker == trade.maker() && taker == trade.taker() ? trade :
                new SettleTrade(trade.time(), trade.marketId(), maker, taker, trade.fillSize(), trade.fillPrice());
        }
        return command;
    }

    /**
     * The equal order seen before, or this one, remembered in its slot.
     *
     * @param order a decoded order.
     * @return an order equal to it.
     */
    Order share(final Order order)
    {
        if (order == null)
        {
            return null;
        }
        final int slot = hash(order) & (SLOTS - 1);
        final Order seen = slots[slot];
        if (seen != null && same(seen, order))
        {
            hits++;
            return seen;
        }
        slots[slot] = order;
        return order;
    }

    /**
     * Orders shared so far.
     *
     * @return count.
     */
    long hits()
    {
        return hits;
    }

    private static int hash(final Order order)
    {
        long h = order.nonce() * 0x9E3779B97F4A7C15L;
        h ^= order.account().hashCode();
        h = h * 31 + order.expiry();
        h = h * 31 + order.market();
        h = h * 31 + order.subaccount();
        return (int)(h ^ (h >>> 32));
    }

    private static boolean same(final Order a, final Order b)
    {
        return a.nonce() == b.nonce() && a.size() == b.size() && a.limitPrice() == b.limitPrice() &&
            a.expiry() == b.expiry() && a.market() == b.market() && a.subaccount() == b.subaccount() &&
            a.isBuy() == b.isBuy() && a.reduceOnly() == b.reduceOnly() && a.account().equals(b.account()) &&
            Objects.equals(a.signature(), b.signature());
    }
}
