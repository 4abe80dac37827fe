package io.novation.core.liquidation;

import io.novation.core.account.Subaccount;
import io.novation.core.market.Markets;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The subaccounts the {@link HealthIndex} checks in full at every refresh, by id: option holders and portfolio-margin
 * subaccounts, whose requirement (quote quantums) no price band bounds, since an option's mark moves with its
 * underlying's price, its volatility surface and time itself.
 */
final class OptionHolders
{
    private final BitSet members = new BitSet();
    private int[] holders = new int[16];
    private int count;

    /**
     * Whether a subaccount holds an option position.
     */
    static boolean holdsOptions(final Subaccount subaccount)
    {
        // Positions are kept in id order and option series ids come after every perpetual's.
        final int positions = subaccount.positionCount();
        return positions > 0 && Markets.isOptionId(subaccount.positionMarket(positions - 1));
    }

    void add(final int id)
    {
        if (!members.get(id))
        {
            members.set(id);
            if (count == holders.length)
            {
                holders = Arrays.copyOf(holders, count * 2);
            }
            holders[count++] = id;
        }
    }

    void remove(final int id)
    {
        members.clear(id);
    }

    /**
     * Schedules every current member for a full check, dropping those that left since the last refresh.
     */
    void scheduleAll(final HealthTable table)
    {
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            final int id = holders[i];
            if (members.get(id))
            {
                holders[kept++] = id;
                table.schedule(id);
            }
        }
        count = kept;
    }
}
