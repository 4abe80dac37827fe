package io.novation.sim.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
