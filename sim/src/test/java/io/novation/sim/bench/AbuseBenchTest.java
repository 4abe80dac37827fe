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
    }
}
