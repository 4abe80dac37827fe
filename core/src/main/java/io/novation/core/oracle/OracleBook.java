package io.novation.core.oracle;

import io.novation.core.market.MarketStatus;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's oracles: per dense oracle id, a feed whose index price is an integer at the oracle's price exponent
 * (one price unit is 10^priceExponent USD per base unit), accepted from signed rounds of registered publishers. Oracles
 * are defined by the first asset or market that names them. The book also carries the sequencer time of the command
 * being applied (epoch ms), so that margin can value holdings conservatively on a stale price.
 */
public final class OracleBook
{
    /** Price value of an oracle that has never been updated. */
    public static final long NO_PRICE = 0L;

    /** Feeds by oracle id, in an array rather than a list: the margin path reads it for every position. */
    private OracleFeed[] feeds = new OracleFeed[16];
    private int feedCount;
    private final Map<String, Integer> idsByName = new HashMap<>();
    private long now;

    /**
     * The id of the oracle with this name, or -1.
     *
     * @param name e.g. "BTC-USD".
     * @return id or -1.
     */
    public int idOf(final String name)
    {
        final Integer id = idsByName.get(name);
        return id == null ? -1 : id;
    }

    /**
     * Number of defined oracles; ids are 0 to count - 1.
     *
     * @return the count.
     */
    public int count()
    {
        return feedCount;
    }

    /**
     * Defines an oracle with its exponent, or checks that an existing one has the same exponent.
     *
     * @param name          oracle name.
     * @param priceExponent exponent of its prices.
     * @return the id, or -1 when an oracle of that name exists with another exponent.
     */
    public int define(final String name, final int priceExponent)
    {
        final int existing = idOf(name);
        if (existing >= 0)
        {
            return feedAt(existing).priceExponent() == priceExponent ? existing : -1;
        }
        final int id = feedCount;
        if (feedCount == feeds.length)
        {
            feeds = Arrays.copyOf(feeds, feedCount * 2);
        }
        feeds[feedCount++] = new OracleFeed(name, priceExponent);
        idsByName.put(name, id);
        return id;
    }

    /**
     * Whether the id names a defined oracle.
     *
     * @param oracleId id.
     * @return true when defined.
     */
    public boolean exists(final int oracleId)
    {
        return oracleId >= 0 && oracleId < feedCount;
    }

    /**
     * The feed of an oracle.
     *
     * @param oracleId a defined id.
     * @return the feed.
     */
    public OracleFeed feed(final int oracleId)
    {
        return feedAt(oracleId);
    }

    public String name(final int oracleId)
    {
        return feedAt(oracleId).name();
    }

    public int priceExponent(final int oracleId)
    {
        return feedAt(oracleId).priceExponent();
    }

    /**
     * The latest accepted price, or {@link #NO_PRICE}.
     *
     * @param oracleId id.
     * @return price units.
     */
    public long price(final int oracleId)
    {
        return feedAt(oracleId).price();
    }

    /**
     * Sequencer time of the latest price, epoch milliseconds.
     *
     * @param oracleId id.
     * @return time.
     */
    public long updatedAt(final int oracleId)
    {
        return feedAt(oracleId).updatedAt();
    }

    /**
     * Sets the sequencer time of the command being applied.
     *
     * @param time epoch ms.
     */
    public void time(final long time)
    {
        now = time;
    }

    /**
     * The sequencer time of the command being applied.
     *
     * @return epoch ms.
     */
    public long time()
    {
        return now;
    }

    /**
     * Whether an oracle's price is older than its heartbeat at a time. The liquidation command must refuse to
     * liquidate on a stale price.
     *
     * @param oracleId id.
     * @param time     sequencer time, epoch ms.
     * @return true when stale.
     */
    public boolean isStale(final int oracleId, final long time)
    {
        return feedAt(oracleId).isStale(time);
    }

    /**
     * What an oracle lets its markets do at a time.
     *
     * @param oracleId id.
     * @param time     sequencer time, epoch ms.
     * @return active, reduce-only (stale) or halted (stale beyond the halt delay).
     */
    public MarketStatus status(final int oracleId, final long time)
    {
        return feedAt(oracleId).status(time);
    }

    /**
     * The price margin values a holding at, at the current command's time: the index price while fresh, the worst
     * edge of the stale band for the holding's sign once stale.
     *
     * @param oracleId    id.
     * @param holdingSign positive for a long or collateral, negative for a short.
     * @return price units, or {@link #NO_PRICE}.
     */
    public long marginPrice(final int oracleId, final long holdingSign)
    {
        return feedAt(oracleId).marginPrice(now, holdingSign);
    }

    /**
     * The 30-minute time-weighted average index price ending at the last whole minute of a time.
     *
     * @param oracleId id.
     * @param time     sequencer time, epoch ms, not before the last accepted round.
     * @return price units, or {@link #NO_PRICE} before a whole minute of history.
     */
    public long twap(final int oracleId, final long time)
    {
        return feedAt(oracleId).twap().average(time);
    }

    private OracleFeed feedAt(final int oracleId)
    {
        return feeds[Objects.checkIndex(oracleId, feedCount)];
    }
}
