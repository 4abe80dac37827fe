package io.novation.sim.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The base chain cannot run: its port is in use, or npm is missing. The demo says so and exits with 2, and nothing is
 * left running (no ganache process, the node stopped).
 */
class BaseChainBadInputTest
{
    @Test
    void shouldExitWithTwoWhenTheChainPortIsInUse(@TempDir final Path out) throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final StringWriter err = new StringWriter();
            final CommandLine cli = new CommandLine(new DemoCommand());
            cli.setErr(new PrintWriter(err));
            final PrintStream stderr = System.err;
            final java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            final int code;
            System.setErr(new PrintStream(captured, true));
            try
            {
                code = cli.execute("--out", out.toString(), "--accounts", "20", "--from", "21:00", "--to", "21:10",
                    "--speed", "max", "--chain-port", String.valueOf(taken.getLocalPort()));
            }
            finally
            {
                System.setErr(stderr);
            }
            assertThat(code).isEqualTo(2);
            assertThat(captured.toString()).contains("port " + taken.getLocalPort()).contains("in use");
        }
        assertNothingRunning();
    }

    @Test
    void shouldRefuseWhenNpmIsUnavailable(@TempDir final Path out, @TempDir final Path module) throws Exception
    {
        // A chain module without its tools installed, and an npm that does not exist.
        Files.writeString(module.resolve("package-lock.json"), "{}");
        Files.createDirectories(module.resolve("scripts"));
        Files.writeString(module.resolve("scripts/compile.js"), "");
        final DemoSettings settings = DemoSettings.defaults(out).withAccounts(20)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(21 * 60, 21 * 60 + 10);
        assertThatThrownBy(() -> Demo.run(settings, ChainSettings.on().withTools(module, "npm-not-installed-here"),
            new PrintStream(OutputStream.nullOutputStream()), false))
            .isInstanceOf(LocalEvm.ChainUnavailableException.class)
            .hasMessageContaining("npm-not-installed-here is not available");
        assertNothingRunning();
    }

    @Test
    void shouldRefuseAMissingChainModule(@TempDir final Path out, @TempDir final Path empty)
    {
        final DemoSettings settings = DemoSettings.defaults(out).withAccounts(20)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(21 * 60, 21 * 60 + 10);
        assertThatThrownBy(() -> Demo.run(settings, ChainSettings.on().withTools(empty, "npm"),
            new PrintStream(OutputStream.nullOutputStream()), false))
            .isInstanceOf(LocalEvm.ChainUnavailableException.class)
            .hasMessageContaining("no chain module at");
        assertNothingRunning();
    }

    @Test
    void shouldRefuseEscapeWithoutTheChain(@TempDir final Path out)
    {
        final CommandLine cli = new CommandLine(new DemoCommand());
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("--out", out.toString(), "--no-chain", "--escape")).isEqualTo(2);
    }

    private static void assertNothingRunning()
    {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
            .filter(p -> p.info().commandLine().orElse("").contains("ganache"))).isEmpty();
    }
}
