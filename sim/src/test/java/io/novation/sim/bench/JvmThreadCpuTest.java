package io.novation.sim.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JvmThreadCpuTest
{
    @Test
    void shouldGroupTheJvmsOwnThreadsByTheirKernelNames()
    {
        assertThat(JvmThreadCpu.group("C2 CompilerThre")).isEqualTo(JvmThreadCpu.JIT);
        assertThat(JvmThreadCpu.group("C1 CompilerThre")).isEqualTo(JvmThreadCpu.JIT);
        assertThat(JvmThreadCpu.group("GC Thread#0")).isEqualTo(JvmThreadCpu.GC);
        assertThat(JvmThreadCpu.group("G1 Conc#0")).isEqualTo(JvmThreadCpu.GC);
        assertThat(JvmThreadCpu.group("G1 Refine#0")).isEqualTo(JvmThreadCpu.GC);
        assertThat(JvmThreadCpu.group("VM Thread")).isEqualTo(JvmThreadCpu.VM);
        assertThat(JvmThreadCpu.group("novation-sequen")).isNull();
        assertThat(JvmThreadCpu.group("main")).isNull();
    }

    @Test
    void shouldReadTheCompilerThreadsCpuTimeFromTheKernel()
    {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "the kernel's per-thread accounting (Linux)");

        assertThat(JvmThreadCpu.nanosByGroup()).containsKey(JvmThreadCpu.JIT)
            .allSatisfy((group, nanos) -> assertThat(nanos).isNotNegative());
    }

    @Test
    void shouldLeaveOutACompilerThreadThatEndedRatherThanSubtractIt()
    {
        final Map<Long, JvmThreadCpu.Sample> before = Map.of(
            11L, new JvmThreadCpu.Sample(JvmThreadCpu.JIT, 900_000_000L),
            12L, new JvmThreadCpu.Sample(JvmThreadCpu.JIT, 100_000_000L),
            20L, new JvmThreadCpu.Sample(JvmThreadCpu.GC, 50_000_000L));
        final Map<Long, JvmThreadCpu.Sample> after = Map.of(
            12L, new JvmThreadCpu.Sample(JvmThreadCpu.JIT, 130_000_000L),
            20L, new JvmThreadCpu.Sample(JvmThreadCpu.GC, 80_000_000L));

        final JvmThreadCpu.Spent spent = JvmThreadCpu.spent(before, after);

        assertThat(spent.nanosByGroup()).containsEntry(JvmThreadCpu.JIT, 30_000_000L)
            .containsEntry(JvmThreadCpu.GC, 30_000_000L);
        assertThat(spent.endedByGroup()).containsExactlyEntriesOf(Map.of(JvmThreadCpu.JIT, 1));
    }

    @Test
    void shouldCountAThreadStartedBetweenTheReadingsWholeAndAReusedIdAsANewThread()
    {
        final Map<Long, JvmThreadCpu.Sample> before = Map.of(
            11L, new JvmThreadCpu.Sample(JvmThreadCpu.JIT, 500_000_000L));
        final Map<Long, JvmThreadCpu.Sample> after = Map.of(
            11L, new JvmThreadCpu.Sample(JvmThreadCpu.JIT, 20_000_000L),
            13L, new JvmThreadCpu.Sample(JvmThreadCpu.JIT, 40_000_000L));

        final JvmThreadCpu.Spent spent = JvmThreadCpu.spent(before, after);

        assertThat(spent.nanosByGroup()).containsExactlyEntriesOf(Map.of(JvmThreadCpu.JIT, 60_000_000L));
        assertThat(spent.endedByGroup()).containsExactlyEntriesOf(Map.of(JvmThreadCpu.JIT, 1));
    }

    @Test
    void shouldReadEachJvmThreadApartUnderItsKernelThreadId()
    {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "the kernel's per-thread accounting (Linux)");

        final Map<Long, JvmThreadCpu.Sample> samples = JvmThreadCpu.read();

        assertThat(samples.values()).extracting(JvmThreadCpu.Sample::group).contains(JvmThreadCpu.JIT);
        assertThat(samples).allSatisfy((tid, sample) -> assertThat(sample.nanos()).isNotNegative());
        assertThat(JvmThreadCpu.spent(samples, samples).nanosByGroup()).allSatisfy(
            (group, nanos) -> assertThat(nanos).isZero());
    }
}
