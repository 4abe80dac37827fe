package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;
import io.novation.solvency.tree.SolvencyTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code novation demo --prove} on a short window with few accounts (20 traders from 21:00 to 21:20 UTC): after the
 * day the final batch's solvency tree is proven with the project's prover and each chunk is accepted on chain by the
 * SolvencyVerifier with the bridge's signals, the proven totals are within the bridge's reserves, the report has its
 * section and invariant, and nothing is left running, also when interrupted while proving; {@code --prove --no-chain}
 * and missing prover tools exit with 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProveDemoTest
{
    private static final Path OUT = Path.of("target", "demo-prove-test");
    private static final int FROM = 21 * 60;
    private static final int TO = 21 * 60 + 20;
    private static final int ACCOUNTS = 20;

    private DemoOutcome outcome;
    private JsonNode report;
    private JsonNode proof;
    private String console;

    @BeforeAll
    void run() throws Exception
    {
        final DemoSettings settings = DemoSettings.defaults(OUT).withAccounts(ACCOUNTS)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(FROM, TO);
        final ByteArrayOutputStream lines = new ByteArrayOutputStream();
        outcome = Demo.run(settings, ChainSettings.on(), ProofSettings.on(),
            new PrintStream(lines, true, StandardCharsets.UTF_8), false);
        console = lines.toString(StandardCharsets.UTF_8);
        report = Json.MAPPER.readTree(outcome.json().toFile());
        proof = report.get("solvencyProof");
    }

    @Test
    void shouldProveTheFinalCommittedBatchWithEveryChunkAcceptedOnChain()
    {
        assertThat(proof.get("failures")).as(proof.toString()).isEmpty();
        final JsonNode commits = report.get("baseChain").get("commits");
        final JsonNode last = commits.get("batches").get(commits.get("count").asInt() - 1);
        assertThat(proof.get("batch").asLong()).isEqualTo(last.get("batch").asLong());
        assertThat(proof.get("stateRoot").asText()).isEqualTo(last.get("root").asText());
        assertThat(proof.get("committedOnChain").asBoolean()).isTrue();
        // Every participant deposited to its own account: the tree has a leaf per depositor.
        assertThat(proof.get("accounts").asLong()).isEqualTo(report.get("baseChain").get("deposits")
            .get("onChain").asLong());
        final int chunks = proof.get("chunks").asInt();
        assertThat(chunks).isEqualTo(proof.get("paddedLeaves").asInt() / SolvencyTree.CHUNK_SIZE)
            .isEqualTo(1 << proof.get("depthAboveChunk").asInt());
        final JsonNode onChain = proof.get("onChain");
        assertThat(onChain.get("chunksAccepted").asInt()).isEqualTo(chunks);
        assertThat(onChain.get("chunkGas")).hasSize(chunks);
        long gas = 0;
        for (final JsonNode chunkGas : onChain.get("chunkGas"))
        {
            assertThat(chunkGas.asLong()).isBetween(150_000L, 600_000L);
            gas += chunkGas.asLong();
        }
        assertThat(onChain.get("gasTotal").asLong()).isEqualTo(gas);
        assertThat(onChain.get("forgedChunkRefused").asBoolean()).isTrue();
        assertThat(proof.get("acceptedOnChain").asBoolean()).isTrue();
    }

    @Test
    void shouldTimeEveryChunkProven()
    {
        final JsonNode proving = proof.get("proving");
        assertThat(proving.get("chunkMillis")).hasSize(proof.get("chunks").asInt());
        long sum = 0;
        for (final JsonNode ms : proving.get("chunkMillis"))
        {
            assertThat(ms.asLong()).isPositive();
            sum += ms.asLong();
        }
        assertThat(proving.get("proverSeconds").asDouble()).isEqualTo(sum / 1000.0);
        assertThat(proving.get("seconds").asDouble()).isGreaterThanOrEqualTo(proving.get("proverSeconds")
            .asDouble() - 0.01);
        assertThat(proving.get("proverCpuSeconds").asDouble()).isPositive();
        assertThat(report.get("timings").has("proveSeconds")).as(report.get("timings").toString()).isTrue();
    }

    @Test
    void shouldCoverTheProvenTotalsWithTheBridgesReserves()
    {
        final JsonNode usdc = proof.get("assets").get(0);
        assertThat(usdc.get("asset").asInt()).isZero();
        assertThat(usdc.get("covered").asBoolean()).isTrue();
        final BigDecimal proven = new BigDecimal(usdc.get("provenTotal").asText());
        final BigDecimal reserves = new BigDecimal(usdc.get("reserves").asText());
        assertThat(proven).isPositive().isLessThanOrEqualTo(reserves.subtract(new BigDecimal(
            usdc.get("unpaidWithdrawals").asText())));
        assertThat(reserves).isEqualTo(new BigDecimal(usdc.get("bridgeHoldings").asText())
            .subtract(new BigDecimal(usdc.get("uncreditedDeposits").asText())));
    }

    @Test
    void shouldListTheInvariantAndHoldEveryInvariant()
    {
        assertThat(report.get("invariants").get(DemoSolvencyProof.INVARIANT).asBoolean()).isTrue();
        assertThat(outcome.invariantsHold()).as(report.get("invariants").toString()).isTrue();
    }

    @Test
    void shouldShowProgressAndTheSectionInThePage() throws Exception
    {
        final int chunks = proof.get("chunks").asInt();
        assertThat(console).contains("proving the solvency of batch " + proof.get("batch").asLong())
            .contains("] " + chunks + "/" + chunks + " chunks")
            .contains(chunks + "/" + chunks + " chunks accepted by the SolvencyVerifier on chain");
        assertThat(Files.readString(outcome.html())).contains("<section id=\"solvency-proof\" hidden>")
            .contains("\"solvencyProof\"");
    }

    @Test
    void shouldDrawTheSolvencyProofSectionInHeadlessChromium() throws Exception
    {
        final String chromium = java.util.stream.Stream.of("chromium", "chromium-browser", "google-chrome")
            .flatMap(name -> java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name)))
            .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(chromium != null,
            "Chromium is not installed: the rendering check of the solvency proof section is skipped");
        final Path profile = Files.createTempDirectory("novation-chromium-");
        final Path dom = Files.createTempFile("novation-chromium-", ".html");
        final Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--dump-dom",
            outcome.html().toAbsolutePath().toUri().toString())
            .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("chromium finished").isTrue();
        final String page = Files.readString(dom);
        Files.deleteIfExists(dom);
        assertThat(page).contains("<section id=\"solvency-proof\">").contains("Checked on chain")
            .contains(proof.get("chunks").asInt() + " of " + proof.get("chunks").asInt() + " chunks accepted")
            .contains("covered")
            .containsPattern("Solvency: the final batch's solvency proof is accepted on chain</td><td><span " +
                "class=\"ok\">holds");
    }

    @Test
    void shouldLeaveNoProverOrChainRunning()
    {
        assertNothingRunning();
    }

    @Test
    void shouldStopTheProverProcessWhenInterrupted(@TempDir final Path tools) throws Exception
    {
        // A prover that never finishes, with the tools' files in place (no npm ci), on the demo's final batch.
        Files.createDirectories(tools.resolve("js"));
        Files.writeString(tools.resolve("js/prove.js"), "setInterval(() => {}, 1000);\n");
        Files.createDirectories(tools.resolve("ceremony"));
        Files.writeString(tools.resolve("ceremony/solvency_chunk.wasm"), "");
        Files.writeString(tools.resolve("ceremony/solvency_chunk.zkey"), "");
        for (final String module : new String[] {"snarkjs", "circomlibjs"})
        {
            Files.createDirectories(tools.resolve("node_modules").resolve(module));
            Files.writeString(tools.resolve("node_modules").resolve(module).resolve("package.json"), "{}");
        }
        final DemoSolvencyProof proof = DemoSolvencyProof.prepare(ProofSettings.on().withTools(tools));
        final DemoReport unused = new DemoReport(DemoSettings.defaults(OUT), DemoMarket.select(DemoMarket.NAMES));
        final Throwable[] thrown = new Throwable[1];
        final Thread demo = new Thread(() ->
        {
            try
            {
                proof.prove(OUT.resolve("node"), null, unused, line -> { });
            }
            catch (final InterruptedException | RuntimeException ex)
            {
                thrown[0] = ex;
            }
        });
        demo.start();
        for (int wait = 0; wait < 600 && provers() == 0; wait++)
        {
            Thread.sleep(100);
        }
        assertThat(provers()).as("the prover started").isEqualTo(1);
        demo.interrupt();
        demo.join(30_000);
        assertThat(demo.isAlive()).isFalse();
        assertThat(thrown[0]).isInstanceOf(InterruptedException.class);
        assertThat(provers()).as("no prover left running").isZero();
    }

    private static long provers()
    {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
            .filter(p -> p.info().commandLine().orElse("").contains("prove.js")).count();
    }

    @Test
    void shouldRefuseProveWithoutTheChain(@TempDir final Path out)
    {
        final CommandLine cli = new CommandLine(new DemoCommand());
        final StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("--out", out.toString(), "--no-chain", "--prove")).isEqualTo(2);
        assertThat(err.toString()).contains("--prove needs the base chain");
    }

    @Test
    void shouldExitWithTwoWhenTheProversToolsAreMissing(@TempDir final Path out, @TempDir final Path empty)
        throws Exception
    {
        final DemoSettings settings = DemoSettings.defaults(out).withAccounts(ACCOUNTS)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(FROM, FROM + 10);
        assertThatThrownBy(() -> Demo.run(settings, ChainSettings.on(), ProofSettings.on().withTools(empty),
            new PrintStream(OutputStream.nullOutputStream()), false))
            .isInstanceOf(DemoSolvencyProof.ProverUnavailableException.class)
            .hasMessageContaining("no solvency module at");
        Files.createDirectories(empty.resolve("js"));
        Files.writeString(empty.resolve("js/prove.js"), "");
        final String previous = System.getProperty(ProofSettings.DIR_PROPERTY);
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty(ProofSettings.DIR_PROPERTY, empty.toString());
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        final int code;
        try
        {
            code = new CommandLine(new DemoCommand()).execute("--out", out.toString(), "--accounts", "20", "--from",
                "21:00", "--to", "21:10", "--speed", "max", "--prove");
        }
        finally
        {
            System.setErr(stderr);
            if (previous == null)
            {
                System.clearProperty(ProofSettings.DIR_PROPERTY);
            }
            else
            {
                System.setProperty(ProofSettings.DIR_PROPERTY, previous);
            }
        }
        assertThat(code).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--prove cannot run")
            .contains("the test ceremony is missing");
        assertThat(out.resolve("node")).doesNotExist();
        assertNothingRunning();
    }

    private static void assertNothingRunning()
    {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
            .map(p -> p.info().commandLine().orElse(""))
            .filter(command -> command.contains("ganache") || command.contains("prove.js"))).isEmpty();
    }
}
