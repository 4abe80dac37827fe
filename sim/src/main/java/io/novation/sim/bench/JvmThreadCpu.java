package io.novation.sim.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time, in nanoseconds, of the JVM's own threads that {@code ThreadMXBean} does not list (the JIT compilers, the
 * garbage collector's threads, the VM thread), read per group from the kernel's per-thread accounting of this
 * process ({@code /proc/self/task}, Linux only; in clock ticks, so with a resolution of 10 ms per thread); empty
 * where the kernel does not tell it. Read per thread, so that a thread that ends between two readings (the JVM
 * removes idle compiler threads) is left out of the difference and counted as ended, never subtracted.
 */
final class JvmThreadCpu
{
    /** Group of the JIT compiler threads ({@code C1 CompilerThre}, {@code C2 CompilerThre}). */
    static final String JIT = "(jit-compiler)";
    /** Group of the garbage collector's threads (G1's and the parallel and serial collectors'). */
    static final String GC = "(gc)";
    /** Group of the VM thread (safepoints, including those of the collector). */
    static final String VM = "(vm-thread)";

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** Fields of /proc/PID/task/TID/stat after the command name: state is field 3, utime 14 and stime 15. */
    private static final int UTIME_AFTER_NAME = 11;

    private JvmThreadCpu()
    {
    }

    /**
     * One JVM thread's reading.
     *
     * @param group the thread's group ({@link #JIT}, {@link #GC} or {@link #VM}).
     * @param nanos its CPU time so far, ns.
     */
    record Sample(String group, long nanos)
    {
    }

    /**
     * What the JVM's threads spent between two readings.
     *
     * @param nanosByGroup CPU time of each group between the readings, ns, never negative: threads alive at both
     *                     readings count their difference, threads started in between their whole time, threads
     *                     that ended in between nothing (their CPU after the first reading is unknown).
     * @param endedByGroup number of threads of each group that ended between the readings (absent when none).
     */
    record Spent(Map<String, Long> nanosByGroup, Map<String, Integer> endedByGroup)
    {
    }

    /**
     * The CPU time of each JVM thread so far, by kernel thread id (threads of no group are left out: the Java
     * threads are counted by their names elsewhere).
     *
     * @return samples by thread id; empty when the kernel's accounting cannot be read.
     */
    static Map<Long, Sample> read()
    {
        final Map<Long, Sample> samples = new HashMap<>();
        if (!Files.isDirectory(TASKS))
        {
            return samples;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS))
        {
            for (final Path task : tasks)
            {
                readTask(task, samples);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return new HashMap<>();
        }
        return samples;
    }

    /**
     * The CPU time of each group so far, ns.
     *
     * @return nanoseconds by group; empty when the kernel's accounting cannot be read.
     */
    static Map<String, Long> nanosByGroup()
    {
        final Map<String, Long> nanos = new HashMap<>();
        read().values().forEach(sample -> nanos.merge(sample.group(), sample.nanos(), Long::sum));
        return nanos;
    }

    /**
     * What each group spent between two readings of {@link #read()}; a thread id found in both with another group
     * or less time is a thread that ended and a new one that reused its id.
     *
     * @param before the earlier reading.
     * @param after  the later reading.
     * @return nanoseconds by group (never negative) and the threads that ended, by group.
     */
    static Spent spent(final Map<Long, Sample> before, final Map<Long, Sample> after)
    {
        final Map<String, Long> nanos = new TreeMap<>();
        final Map<String, Integer> ended = new TreeMap<>();
        for (final Map.Entry<Long, Sample> each : after.entrySet())
        {
            final Sample now = each.getValue();
            final Sample then = before.get(each.getKey());
            final boolean same = then != null && then.group().equals(now.group()) && then.nanos() <= now.nanos();
            nanos.merge(now.group(), same ? now.nanos() - then.nanos() : now.nanos(), Long::sum);
            if (then != null && !same)
            {
                ended.merge(then.group(), 1, Integer::sum);
            }
        }
        for (final Map.Entry<Long, Sample> each : before.entrySet())
        {
            if (!after.containsKey(each.getKey()))
            {
                nanos.putIfAbsent(each.getValue().group(), 0L);
                ended.merge(each.getValue().group(), 1, Integer::sum);
            }
        }
        return new Spent(nanos, ended);
    }

    private static void readTask(final Path task, final Map<Long, Sample> samples)
    {
        final long tid;
        try
        {
            tid = Long.parseLong(task.getFileName().toString());
        }
        catch (final NumberFormatException ex)
        {
            return;
        }
        final String stat;
        try
        {
            stat = Files.readString(task.resolve("stat"));
        }
        catch (final IOException ex)
        {
            return; // the thread ended since the directory was listed
        }
        final int open = stat.indexOf('(');
        final int close = stat.lastIndexOf(')');
        if (open < 0 || close < open)
        {
            return;
        }
        final String group = group(stat.substring(open + 1, close));
        if (group == null)
        {
            return;
        }
        final String[] fields = stat.substring(close + 2).split(" ");
        if (fields.length <= UTIME_AFTER_NAME + 1)
        {
            return;
        }
        final long ticks = Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[UTIME_AFTER_NAME + 1]);
        samples.put(tid, new Sample(group, ticks * NANOS_PER_TICK));
    }

    /**
     * The group of a thread by its kernel name (at most 15 characters of the JVM's name).
     *
     * @param name the kernel's name of the thread.
     * @return the group, or null for a thread of none.
     */
    static String group(final String name)
    {
        if (name.contains("CompilerThre"))
        {
            return JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 "))
        {
            return GC;
        }
        if (name.equals("VM Thread"))
        {
            return VM;
        }
        return null;
    }
}
