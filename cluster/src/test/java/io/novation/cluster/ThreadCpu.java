package io.novation.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of each thread of a process on Linux, in ms, read from {@code /proc/<pid>/task/<tid>/stat} (user plus
 * system clock ticks of 10 ms), summed by thread name: what a benchmark takes before and after its measured window
 * to say which threads of which member used the CPU.
 */
final class ThreadCpu
{
    private static final long MS_PER_TICK = 10;

    private ThreadCpu()
    {
    }

    /**
     * CPU ms used so far by the threads of a process, by thread name (threads of one name summed).
     *
     * @param pid the process.
     * @return name to ms; empty when /proc cannot be read.
     */
    static Map<String, Long> sample(final long pid)
    {
        final Map<String, Long> byName = new TreeMap<>();
        final Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks))
        {
            return byName;
        }
        try (Stream<Path> threads = Files.list(tasks))
        {
            threads.forEach(task ->
            {
                try
                {
                    final String stat = Files.readString(task.resolve("stat"));
                    final int open = stat.indexOf('(');
                    final int close = stat.lastIndexOf(')');
                    final String name = stat.substring(open + 1, close).replaceAll("[0-9]+$", "#");
                    final String[] fields = stat.substring(close + 2).split(" ");
                    // After the name: state is field 0, utime field 11, stime field 12.
                    final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    byName.merge(name, ticks * MS_PER_TICK, Long::sum);
                }
                catch (final IOException | RuntimeException ex)
                {
                    // The thread ended between the listing and the read.
                }
            });
        }
        catch (final IOException ex)
        {
            return byName;
        }
        return byName;
    }

    /**
     * The CPU ms each thread name used between two samples.
     *
     * @param before the earlier sample.
     * @param after  the later sample.
     * @return name to ms, names that used none left out.
     */
    static Map<String, Long> between(final Map<String, Long> before, final Map<String, Long> after)
    {
        final Map<String, Long> used = new TreeMap<>();
        after.forEach((name, ms) ->
        {
            final long delta = ms - before.getOrDefault(name, 0L);
            if (delta > 0)
            {
                used.put(name, delta);
            }
        });
        return used;
    }

    /**
     * The sum of a sample's ms.
     *
     * @param used name to ms.
     * @return ms.
     */
    static long total(final Map<String, Long> used)
    {
        return used.values().stream().mapToLong(Long::longValue).sum();
    }
}
