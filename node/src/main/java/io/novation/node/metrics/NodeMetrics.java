package io.novation.node.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The node's metrics: commands sequenced (applied, rejected by reason code), commands refused before sequencing (by
 * reason code), end-to-end and fsync latencies, journal lag and the sequencer's queue; written at {@code /metrics} in
 * the Prometheus text format. Counters are in commands, latencies in seconds.
 */
public final class NodeMetrics
{
    private final LongAdder applied = new LongAdder();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> admissionRefused = new ConcurrentHashMap<>();
    private final LongAdder commits = new LongAdder();
    private final LongAdder snapshots = new LongAdder();
    private final LatencyHistogram commandLatency = new LatencyHistogram("novation_command_latency_seconds",
        "Time from the arrival of a request to the acknowledgement of its durable commands.");
    private final LatencyHistogram fsyncLatency = new LatencyHistogram("novation_journal_fsync_seconds",
        "Time to write and force one group of journal records.");
    private final LatencyHistogram batchApply = new LatencyHistogram("novation_engine_group_seconds",
        "Time the engine thread spends applying one group of commands, before the fsync.");
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    public void applied(final int count)
    {
        applied.add(count);
    }

    public void rejected(final String code)
    {
        rejected.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    public void refused(final String code)
    {
        refused.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /**
     * Counts a request refused by admission control.
     *
     * @param limit the limit it hit: {@code ip}, {@code account}, {@code verification_queue} or
     *              {@code unregistered_publishers}.
     */
    public void admissionRefused(final String limit)
    {
        admissionRefused.computeIfAbsent(limit, l -> new LongAdder()).increment();
    }

    /**
     * Requests admission control refused for a limit so far.
     *
     * @param limit the limit.
     * @return count.
     */
    public long admissionRefusedCount(final String limit)
    {
        final LongAdder count = admissionRefused.get(limit);
        return count == null ? 0 : count.sum();
    }

    public void committed()
    {
        commits.increment();
    }

    public void snapshotWritten()
    {
        snapshots.increment();
    }

    public LatencyHistogram commandLatency()
    {
        return commandLatency;
    }

    public LatencyHistogram fsyncLatency()
    {
        return fsyncLatency;
    }

    public LatencyHistogram groupApply()
    {
        return batchApply;
    }

    /**
     * Registers a gauge read at each scrape.
     *
     * @param name   metric name.
     * @param source the value.
     */
    public void gauge(final String name, final LongSupplier source)
    {
        gauges.put(name, source);
    }

    /**
     * Commands applied so far.
     *
     * @return count.
     */
    public long appliedCount()
    {
        return applied.sum();
    }

    /**
     * Every metric in the Prometheus text format (version 0.0.4).
     *
     * @return the text.
     */
    public String toPrometheus()
    {
        final StringBuilder out = new StringBuilder(4096);
        out.append("# HELP novation_commands_applied_total Commands the engine applied.\n");
        out.append("# TYPE novation_commands_applied_total counter\n");
        out.append("novation_commands_applied_total ").append(applied.sum()).append('\n');
        out.append("# HELP novation_commands_rejected_total Sequenced commands the engine rejected, by reason code.\n");
        out.append("# TYPE novation_commands_rejected_total counter\n");
        rejected.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out
            .append("novation_commands_rejected_total{code=\"").append(e.getKey()).append("\"} ")
            .append(e.getValue().sum()).append('\n'));
        out.append("# HELP novation_commands_refused_total Requests refused before sequencing, by reason code.\n");
        out.append("# TYPE novation_commands_refused_total counter\n");
        refused.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out
            .append("novation_commands_refused_total{code=\"").append(e.getKey()).append("\"} ")
            .append(e.getValue().sum()).append('\n'));
        out.append("# HELP novation_admission_refused_total Requests admission control refused, by limit.\n");
        out.append("# TYPE novation_admission_refused_total counter\n");
        admissionRefused.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out
            .append("novation_admission_refused_total{limit=\"").append(e.getKey()).append("\"} ")
            .append(e.getValue().sum()).append('\n'));
        out.append("# HELP novation_journal_commits_total Group commits (one fsync each).\n");
        out.append("# TYPE novation_journal_commits_total counter\n");
        out.append("novation_journal_commits_total ").append(commits.sum()).append('\n');
        out.append("# HELP novation_snapshots_total Snapshots written.\n");
        out.append("# TYPE novation_snapshots_total counter\n");
        out.append("novation_snapshots_total ").append(snapshots.sum()).append('\n');
        gauges.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        {
            out.append("# TYPE ").append(e.getKey()).append(" gauge\n");
            out.append(e.getKey()).append(' ').append(e.getValue().getAsLong()).append('\n');
        });
        commandLatency.writeTo(out);
        fsyncLatency.writeTo(out);
        batchApply.writeTo(out);
        return out.toString();
    }
}
