package io.novation.node.warning;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Subaccount ids filed at band edges (oracle prices, in the oracle's price units), visited in ascending price and, at
 * one price, in the order they were filed: what a {@code TreeMap<Long, LinkedHashSet<Integer>>} gives, in primitive
 * arrays reused for the life of the edges (a treap over a pool of nodes), so that filing and removing allocate nothing
 * once the pool has grown. Each filing is named by the ticket {@link #add} returns. One thread at a time.
 */
final class BandEdges
{
    /** Node 0 is the empty tree. */
    private static final int NIL = 0;

    private long[] prices = new long[16];
    private long[] tickets = new long[16];
    private int[] ids = new int[16];
    private int[] left = new int[16];
    private int[] right = new int[16];
    private int[] priorities = new int[16];
    private int root = NIL;
    private int used = 1;
    private int free = NIL;
    private int size;
    private long lastTicket;
    private int seed = 0x2545F491;
    private int splitLess;
    private int splitRest;

    /**
     * Files an id at a price, after every id filed there before.
     *
     * @param price the edge.
     * @param id    the subaccount id.
     * @return the ticket that names this filing for {@link #remove}.
     */
    long add(final long price, final int id)
    {
        final int node = allocate();
        final long ticket = ++lastTicket;
        prices[node] = price;
        tickets[node] = ticket;
        ids[node] = id;
        left[node] = NIL;
        right[node] = NIL;
        split(root, price, ticket);
        final int less = splitLess;
        final int rest = splitRest;
        root = merge(merge(less, node), rest);
        size++;
        return ticket;
    }

    /**
     * Removes a filing; nothing when it is not filed.
     *
     * @param price  its price.
     * @param ticket its ticket.
     */
    void remove(final long price, final long ticket)
    {
        split(root, price, ticket);
        final int less = splitLess;
        split(splitRest, price, ticket + 1);
        final int found = splitLess;
        final int more = splitRest;
        if (found != NIL)
        {
            left[found] = free;
            free = found;
            size--;
        }
        root = merge(less, more);
    }

    /**
     * The filings.
     *
     * @return count.
     */
    int size()
    {
        return size;
    }

    /**
     * Hands over the ids filed at a price at or above a bound, in ascending price and filing order.
     *
     * @param price the bound.
     * @param sink  receives each id.
     */
    void forEachAtLeast(final long price, final IntConsumer sink)
    {
        atLeast(root, price, sink);
    }

    /**
     * Hands over the ids filed at a price at or below a bound, in ascending price and filing order.
     *
     * @param price the bound.
     * @param sink  receives each id.
     */
    void forEachAtMost(final long price, final IntConsumer sink)
    {
        atMost(root, price, sink);
    }

    private void atLeast(final int node, final long price, final IntConsumer sink)
    {
        if (node == NIL)
        {
            return;
        }
        if (prices[node] >= price)
        {
            atLeast(left[node], price, sink);
            sink.accept(ids[node]);
        }
        atLeast(right[node], price, sink);
    }

    private void atMost(final int node, final long price, final IntConsumer sink)
    {
        if (node == NIL)
        {
            return;
        }
        atMost(left[node], price, sink);
        if (prices[node] <= price)
        {
            sink.accept(ids[node]);
            atMost(right[node], price, sink);
        }
    }

    /** Splits a tree into the nodes before (price, ticket), in {@link #splitLess}, and the rest, in splitRest. */
    private void split(final int node, final long price, final long ticket)
    {
        if (node == NIL)
        {
            splitLess = NIL;
            splitRest = NIL;
            return;
        }
        if (prices[node] < price || prices[node] == price && tickets[node] < ticket)
        {
            split(right[node], price, ticket);
            right[node] = splitLess;
            splitLess = node;
        }
        else
        {
            split(left[node], price, ticket);
            left[node] = splitRest;
            splitRest = node;
        }
    }

    /** Joins two trees, every node of the first before every node of the second. */
    private int merge(final int first, final int second)
    {
        if (first == NIL)
        {
            return second;
        }
        if (second == NIL)
        {
            return first;
        }
        if (priorities[first] > priorities[second])
        {
            right[first] = merge(right[first], second);
            return first;
        }
        left[second] = merge(first, left[second]);
        return second;
    }

    private int allocate()
    {
        final int node;
        if (free != NIL)
        {
            node = free;
            free = left[node];
        }
        else
        {
            if (used == prices.length)
            {
                final int grown = 2 * used;
                prices = Arrays.copyOf(prices, grown);
                tickets = Arrays.copyOf(tickets, grown);
                ids = Arrays.copyOf(ids, grown);
                left = Arrays.copyOf(left, grown);
                right = Arrays.copyOf(right, grown);
                priorities = Arrays.copyOf(priorities, grown);
            }
            node = used++;
        }
        // xorshift: a fixed sequence of priorities, so the tree's shape is the same on every run.
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        priorities[node] = seed;
        return node;
    }
}
