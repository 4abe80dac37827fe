package io.novation.core.oracle;

import io.novation.core.account.Address;

import java.util.Arrays;

/**
 * The publishers registered for one oracle, in registration order, each with the publication time (epoch ms) of its
 * last report used in a round: a later round must carry a strictly newer report from it.
 */
public final class PublisherSet
{
    private Address[] addresses = new Address[4];
    private long[] lastPublishedAt = new long[4];
    private int count;

    public int count()
    {
        return count;
    }

    /**
     * The index of a publisher, or -1.
     *
     * @param publisher address.
     * @return index in registration order, or -1 when not registered.
     */
    public int indexOf(final Address publisher)
    {
        for (int i = 0; i < count; i++)
        {
            if (addresses[i].equals(publisher))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Removes a publisher, keeping the others in order (a governance change applied at its effective time).
     *
     * @param publisher a registered publisher.
     */
    public void remove(final Address publisher)
    {
        final int index = indexOf(publisher);
        if (index < 0)
        {
            throw new IllegalArgumentException("not a publisher: " + publisher);
        }
        System.arraycopy(addresses, index + 1, addresses, index, count - index - 1);
        System.arraycopy(lastPublishedAt, index + 1, lastPublishedAt, index, count - index - 1);
        count--;
        addresses[count] = null;
    }

    /**
     * Registers a publisher that is not yet registered.
     *
     * @param publisher address.
     */
    public void add(final Address publisher)
    {
        if (count == addresses.length)
        {
            addresses = Arrays.copyOf(addresses, count * 2);
            lastPublishedAt = Arrays.copyOf(lastPublishedAt, count * 2);
        }
        addresses[count] = publisher;
        lastPublishedAt[count] = Long.MIN_VALUE;
        count++;
    }

    public Address address(final int index)
    {
        return addresses[index];
    }

    /**
     * Publication time of the publisher's last report used in a round.
     *
     * @param index publisher index.
     * @return epoch ms, or {@link Long#MIN_VALUE} before its first.
     */
    public long lastPublishedAt(final int index)
    {
        return lastPublishedAt[index];
    }

    void lastPublishedAt(final int index, final long publishedAt)
    {
        lastPublishedAt[index] = publishedAt;
    }
}
