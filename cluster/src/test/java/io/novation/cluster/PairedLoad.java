package io.novation.cluster;

import io.novation.core.command.Order;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The random load the service's property tests draw from: six participants in three pairs of signed orders (size
 * 1,000 steps), four deposits of 100 USDC, the genesis as the first log message, times from {@link #NOW} (epoch ms).
 */
final class PairedLoad
{
    static final long NOW = 1_700_000_000_000L;
    static final int PAIRS = 3;
    static final Participants PARTICIPANTS = new Participants(6);
    static final byte[] GENESIS = ServiceHarness.batch(List.of(ServiceHarness.submit(1, PARTICIPANTS.genesis(NOW))), 1);
    static final Order[][] ORDERS = new Order[PAIRS][];
    static final List<ClusterProtocol.Entry> DEPOSITS = new ArrayList<>();

    static
    {
        for (int p = 0; p < PAIRS; p++)
        {
            ORDERS[p] = PARTICIPANTS.orders(2 * p, 2 * p + 1, p % 2 == 0, 1_000, NOW);
        }
        for (int t = 0; t < 4; t++)
        {
            DEPOSITS.add(PARTICIPANTS.deposit(t, 100));
        }
    }

    private PairedLoad()
    {
    }

    /**
     * The genesis, then one command per operation, grouped as {@link ServiceHarness#messages} groups them.
     *
     * @param operations the operations, each turned into a command by {@code entry}.
     * @param grouping   the seed of the grouping into requests and messages.
     * @param entry      the command of an operation.
     * @return the log messages in order.
     */
    static List<byte[]> messages(final List<Integer> operations, final long grouping,
        final IntFunction<ClusterProtocol.Entry> entry)
    {
        return ServiceHarness.messages(GENESIS, operations, new Random(grouping), entry);
    }
}
