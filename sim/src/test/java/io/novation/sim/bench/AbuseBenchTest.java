package io.novation.sim.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AbuseBenchTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryLegitimateRequestWhileEachAbuseRuns() throws Exception
    {
        final List<AbuseBench.Result> results = AbuseBench.run(
            new AbuseBench.Settings(10, 500, 20, 2, 8L << 20, 3, 50, dir),
            new PrintStream(OutputStream.nullOutputStream()));

        assertThat(results).extracting(AbuseBench.Result::abuse).containsExactly(AbuseBench.Abuse.values());
        for (final AbuseBench.Result result : results)
        {
            assertThat(result.health()).as("%s health", result.abuse()).hasSize(10);
            assertThat(result.state()).as("%s state", result.abuse()).hasSize(10);
            assertThat(result.command()).as("%s commands", result.abuse()).hasSize(10);
            assertThat(result.not200()).as("%s legitimate requests not answered 200", result.abuse()).isZero();
            if (result.abuse() != AbuseBench.Abuse.NONE)
            {
                assertThat(result.abuseUnits()).as("%s abuse produced", result.abuse()).isPositive();
            }
        }
        assertThat(AbuseBenchCommand.table(results)).contains("signature_flood");
        assertThat(AbuseBenchCommand.verdicts(results, AbuseBench.Bounds.documented()))
            .contains("chunked_flood    heap peak");
    }

    @Test
    void shouldSayForEachFigureWhetherItIsWithinItsBound()
    {
        final AbuseBench.Bounds bounds = new AbuseBench.Bounds(10, 20, 30, 100L << 20);
        final AbuseBench.Result within = new AbuseBench.Result(AbuseBench.Abuse.CHUNKED_FLOOD, new double[] {1, 10},
            new double[] {2, 20}, new double[] {3, 30}, 0, 1, 100L << 20);
        final AbuseBench.Result over = new AbuseBench.Result(AbuseBench.Abuse.CHUNKED_FLOOD, new double[] {1, 10},
            new double[] {2, 21}, new double[] {3, 30}, 0, 1, 101L << 20);

        assertThat(bounds.verdicts(within)).hasSize(4).allMatch(line -> line.endsWith("within"));
        assertThat(bounds.within(within)).isTrue();
        assertThat(bounds.verdicts(over)).containsExactly(
            "/health p99 10.00 ms (bound 10): within",
            "/v1/state p99 21.00 ms (bound 20): OVER",
            "signed command p99 30.00 ms (bound 30): within",
            "heap peak 101.00 MiB (bound 100): OVER");
        assertThat(bounds.within(over)).isFalse();
        assertThat(bounds.verdicts(new AbuseBench.Result(AbuseBench.Abuse.NONE, new double[] {1}, new double[] {1},
            new double[] {1}, 0, 0, 1L << 40))).as("the heap is bounded under the chunked flood only").hasSize(3);
    }
}
