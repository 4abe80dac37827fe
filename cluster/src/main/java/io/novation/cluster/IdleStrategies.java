package io.novation.cluster;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The idle strategies a member's threads may use when they find no work: {@code backoff} (the default: spins a
 * little, yields, then parks from 1 µs up to 1 ms, so a 2-core machine is not starved), {@code sleep} (parks 1 ms;
 * the least CPU, about a millisecond more latency per hop) and {@code busy} (spins: only with a core per thread).
 */
public final class IdleStrategies
{
    private IdleStrategies()
    {
    }

    /**
     * A supplier of fresh strategies (each agent needs its own).
     *
     * @param name backoff, sleep or busy.
     * @return the supplier.
     * @throws IllegalArgumentException for another name.
     */
    public static Supplier<IdleStrategy> supplier(final String name)
    {
        return switch (name)
        {
            case "backoff" -> () -> new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(1));
            case "sleep" -> () -> new SleepingMillisIdleStrategy(1);
            case "busy" -> BusySpinIdleStrategy::new;
            default -> throw new IllegalArgumentException("unknown idle strategy \"" + name +
                "\": backoff, sleep or busy");
        };
    }
}
