package io.novation.core.oracle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's oracle prices: per dense oracle id, the latest accepted index price as an integer at the oracle's
 * price exponent (one price unit is 10^priceExponent USD per base unit), with the sequencer time it was accepted.
 * Oracles are defined by the first asset or market that names them.
 */
public final class OracleBook
{
    /** Price value of an oracle that has never been updated. */
    public static final long NO_PRICE = 0L;

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> idsByName = new HashMap<>();
    private int[] exponents = new int[8];
    private long[] prices = new long[8];
    private long[] updatedAt = new long[8];

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
        return names.size();
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
            return exponents[existing] == priceExponent ? existing : -1;
        }
        final int id = names.size();
        if (id == prices.length)
        {
            exponents = java.util.Arrays.copyOf(exponents, id * 2);
            prices = java.util.Arrays.copyOf(prices, id * 2);
            updatedAt = java.util.Arrays.copyOf(updatedAt, id * 2);
        }
        names.add(name);
        idsByName.put(name, id);
        exponents[id] = priceExponent;
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
        return oracleId >= 0 && oracleId < names.size();
    }

    public String name(final int oracleId)
    {
        return names.get(oracleId);
    }

    public int priceExponent(final int oracleId)
    {
        return exponents[oracleId];
    }

    /**
     * The latest price, or {@link #NO_PRICE}.
     *
     * @param oracleId id.
     * @return price units.
     */
    public long price(final int oracleId)
    {
        return prices[oracleId];
    }

    /**
     * Sequencer time of the latest price, epoch milliseconds.
     *
     * @param oracleId id.
     * @return time.
     */
    public long updatedAt(final int oracleId)
    {
        return updatedAt[oracleId];
    }

    /**
     * Records an accepted price.
     *
     * @param oracleId id.
     * @param price    positive price units.
     * @param time     sequencer time, epoch milliseconds.
     */
    public void update(final int oracleId, final long price, final long time)
    {
        prices[oracleId] = price;
        updatedAt[oracleId] = time;
    }
}
