package io.novation.bench;

import io.novation.core.command.Deposit;
import io.novation.core.engine.ClearingEngine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Prints the heap a populated engine retains: by default 1,000,000 funded accounts holding two positions each, built
 * with deposits and fills in trusted signature mode, measured after full collections, first before and then after
 * the first state root (which builds the sparse Merkle tree of all account and order-fill leaves). Arguments:
 * accounts, positions per account, and {@code expired} to let the day pass after which every order of the build has
 * expired, so that the fill book forgets them before the root. When the tree does not fit in the heap, says so
 * instead of failing.
 */
public final class HeapFootprint
{
    private static final long MIB = 1L << 20;

    private HeapFootprint()
    {
    }

    /**
     * Builds the state and prints the heap in use.
     *
     * @param args optional: number of accounts (a multiple of 20), positions per account.
     */
    public static void main(final String[] args)
    {
        final int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int positions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final boolean pruned = args.length > 2 && "expired".equals(args[2]);
        final long baseline = usedHeapAfterGc();
        final long start = System.nanoTime();
        final ClearingScenario scenario = ClearingScenario.build(accounts, positions, 10_000, 1_000, 42);
        final long built = System.nanoTime();
        final long withoutRoot = usedHeapAfterGc();
        System.out.printf("built %,d accounts with %d positions each (%,d fills, %,d orders in the fill book) " +
            "in %.1f s%n", scenario.accounts(), positions, (long)accounts * positions / 2,
            scenario.engine().state().fills().size(), (built - start) / 1e9);
        System.out.printf("heap in use before the first state root: %,d MiB (%,d bytes per account; " +
            "empty JVM %,d MiB)%n", withoutRoot / MIB, (withoutRoot - baseline) / accounts, baseline / MIB);
        if (pruned)
        {
            // A day later every order of the build has expired: the first command of the next hour prunes them.
            final ClearingEngine engine = scenario.engine();
            final int before = engine.state().fills().size();
            scenario.require(new Deposit(ClearingScenario.ORDER_EXPIRY + 1, scenario.owner(0), 0, 0,
                ClearingScenario.USDC, engine.state().lastDepositId() + 1));
            final long afterPrune = usedHeapAfterGc();
            System.out.printf("after the orders expired: %,d of %,d fill records pruned; heap in use before the " +
                "first state root: %,d MiB%n", before - engine.state().fills().size(), before, afterPrune / MIB);
        }
        final long rootStart = System.nanoTime();
        try
        {
            scenario.engine().stateRoot();
        }
        catch (final OutOfMemoryError ex)
        {
            System.out.printf("the first state root does not fit in a heap of %,d MiB%n",
                Runtime.getRuntime().maxMemory() / MIB);
            return;
        }
        final long rootEnd = System.nanoTime();
        final long withRoot = usedHeapAfterGc();
        System.out.printf("heap in use after the first state root (%.1f s): %,d MiB (%,d bytes per account)%n",
            (rootEnd - rootStart) / 1e9, withRoot / MIB, (withRoot - baseline) / accounts);
        System.out.printf("max heap %,d MiB%n", Runtime.getRuntime().maxMemory() / MIB);
    }

    private static long usedHeapAfterGc()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++)
        {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
