package io.novation.sim.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time, in nanoseconds, of the JVM's own threads that {@code ThreadMXBean} does not list (the JIT compilers, the
 * garbage collector's threads, the VM thread), read per group from the kernel's per-thread accounting of this
 * process ({@code /proc/self/task}, Linux only; in clock ticks, so with a resolution of 10 ms per thread); empty
 * where the kernel does not tell it.
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
     * The CPU time of each group so far, ns (threads of no group are left out: the Java threads are counted by
     * their names elsewhere).
     *
     * @return nanoseconds by group; empty when the kernel's accounting cannot be read.
     */
    static Map<String, Long> nanosByGroup()
    {
        final Map<String, Long> nanos = new HashMap<>();
        if (!Files.isDirectory(TASKS))
        {
            return nanos;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS))
        {
            for (final Path task : tasks)
            {
                readTask(task, nanos);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return new HashMap<>();
        }
        return nanos;
    }

    private static void readTask(final Path task, final Map<String, Long> nanos)
    {
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
        nanos.merge(group, ticks * NANOS_PER_TICK, Long::sum);
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
