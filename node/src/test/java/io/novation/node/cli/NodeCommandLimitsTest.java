package io.novation.node.cli;

import io.novation.node.admission.AdmissionLimits;
import io.novation.node.server.HttpLimits;
import io.novation.node.server.NodeConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator's flags of {@code novation node} for the HTTP and admission limits (docs/operations.md §12, §13):
 * each flag sets its limit, a limit without its flag keeps its default, and a limit that is not positive is refused.
 */
class NodeCommandLimitsTest
{
    @Test
    void shouldSetEachHttpAndAdmissionLimitFromItsFlag()
    {
        final NodeConfig config = parse("--idle-timeout-ms", "1001", "--body-timeout-ms", "1002",
            "--write-timeout-ms", "1003", "--max-header-bytes", "1004", "--max-connections", "1005",
            "--max-connections-per-ip", "1006", "--http-threads", "1007", "--ip-burst", "1008", "--ip-per-second",
            "1009", "--account-burst", "1010", "--account-per-second", "1011", "--max-verifying", "1012")
            .withOperatorLimits(NodeConfig.defaults());

        assertThat(config.http()).isEqualTo(new HttpLimits(1001, 1002, 1004, 1005, 1007, 1006, 1003));
        assertThat(config.admission()).isEqualTo(new AdmissionLimits(1008, 1009, 1010, 1011, 1012,
            AdmissionLimits.defaults().maxTrackedClients()));
    }

    @Test
    void shouldKeepTheDefaultsOfLimitsWithoutFlags()
    {
        final NodeConfig config = parse("--write-timeout-ms", "5000").withOperatorLimits(NodeConfig.defaults());

        final HttpLimits defaults = HttpLimits.defaults();
        assertThat(config.http()).isEqualTo(new HttpLimits(defaults.idleTimeoutMs(), defaults.bodyTimeoutMs(),
            defaults.headerBytes(), defaults.maxConnections(), defaults.maxThreads(), defaults.maxConnectionsPerIp(),
            5000));
        assertThat(config.admission()).isEqualTo(AdmissionLimits.defaults());
    }

    @Test
    void shouldRefuseALimitThatIsNotPositive()
    {
        final NodeCommand command = parse("--max-connections-per-ip", "0");

        assertThatThrownBy(() -> command.withOperatorLimits(NodeConfig.defaults()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    private static NodeCommand parse(final String... args)
    {
        final NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
