package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short demo with the base chain on: 200 traders from 20:50 to 22:00 UTC of 2025-10-10, every deposit through the
 * bridge and credited by the chain watcher, every sealed batch committed on ganache, withdrawals paid by proof, and the
 * chain's invariants (committed roots equal to the node's and the replay's, escape claims within the bridge's
 * holdings after every batch).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaseChainDemoTest
{
    private static final Path OUT = Path.of("target", "demo-chain-test");
    private static final int FROM = 20 * 60 + 50;
    private static final int TO = 22 * 60;
    private static final int ACCOUNTS = 200;

    private DemoOutcome outcome;
    private JsonNode report;
    private JsonNode chain;

    @BeforeAll
    void run() throws Exception
    {
        final DemoSettings settings = DemoSettings.defaults(OUT).withAccounts(ACCOUNTS)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(FROM, TO);
        outcome = Demo.run(settings, ChainSettings.on(), new PrintStream(OutputStream.nullOutputStream()), false);
        report = Json.MAPPER.readTree(outcome.json().toFile());
        chain = report.get("baseChain");
    }

    @Test
    void shouldCreditEveryDepositMadeThroughTheBridge()
    {
        final JsonNode deposits = chain.get("deposits");
        // the traders, market makers and keepers' desks, and the option desk's holders (batched like the traders)
        final long holders = report.get("options").get("holders").get("count").asLong();
        final long participants = ACCOUNTS + report.get("demo").path("marketMakers").asLong(2) +
            report.get("demo").get("keepers").asLong() + holders;
        assertThat(deposits.get("onChain").asLong()).isEqualTo(participants);
        assertThat(deposits.get("creditedByWatcher").asLong()).isEqualTo(participants);
        assertThat(deposits.get("ownKey").asLong()).isEqualTo(BaseChain.OWN_KEY_TRADERS +
            participants - ACCOUNTS - holders);
        assertThat(deposits.get("gas").asLong()).isPositive();
        assertThat(report.get("operatorRejections").toString()).doesNotContain("DEPOSIT");
    }

    @Test
    void shouldCommitEverySealedBatchOnChainWithTheNodesRoot()
    {
        final JsonNode commits = chain.get("commits");
        final JsonNode seen = report.get("batches").get("list");
        // The demo lists the newest batch at each of its looks; the chain commits every batch the node sealed.
        assertThat(commits.get("count").asInt()).isEqualTo(seen.get(seen.size() - 1).get("number").asInt())
            .isGreaterThanOrEqualTo((TO - FROM) / 10 - 1);
        assertThat(commits.get("gasMean").asLong()).isBetween(30_000L, 300_000L);
        for (final JsonNode batch : report.get("batches").get("list"))
        {
            final JsonNode committed = commits.get("batches").get(batch.get("number").asInt() - 1);
            assertThat(committed.get("root").asText()).isEqualTo(batch.get("stateRoot").asText());
        }
        assertThat(commits.get("replayedRootsEqual").asInt()).isEqualTo(commits.get("count").asInt());
        assertThat(report.get("invariants").get("chainRootsEqualNodeAndReplay").asBoolean()).isTrue();
    }

    @Test
    void shouldPayWithdrawalsByProofAfterTheirBatchIsCommitted()
    {
        final JsonNode withdrawals = chain.get("withdrawals");
        assertThat(withdrawals.get("paid").asLong()).isPositive()
            .isEqualTo(withdrawals.get("requested").asLong() - withdrawals.get("refused").asLong() -
                withdrawals.get("queuedAfterLastCommit").asLong());
        assertThat(withdrawals.get("unpaid").asLong()).isZero();
        assertThat(withdrawals.get("queuedAfterLastCommit").asLong()).isBetween(0L, 2L);
        assertThat(withdrawals.get("gasPerWithdrawal").asLong()).isPositive();
        assertThat(Double.parseDouble(withdrawals.get("amount").asText())).isPositive();
    }

    @Test
    void shouldDrawTheBaseChainSectionInHeadlessChromium() throws Exception
    {
        final String chromium = java.util.stream.Stream.of("chromium", "chromium-browser", "google-chrome")
            .flatMap(name -> java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name)))
            .filter(java.nio.file.Files::isExecutable).map(Path::toString).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(chromium != null,
            "Chromium is not installed: the rendering check of the base chain section is skipped");
        final Path profile = java.nio.file.Files.createTempDirectory("novation-chromium-");
        final Path dom = java.nio.file.Files.createTempFile("novation-chromium-", ".html");
        final Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--dump-dom",
            outcome.html().toAbsolutePath().toUri().toString())
            .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("chromium finished").isTrue();
        final String page = java.nio.file.Files.readString(dom);
        java.nio.file.Files.deleteIfExists(dom);
        assertThat(page).contains("<section id=\"base-chain\">").contains("Batch commits")
            .contains("Withdrawals paid by proof").contains("data-chart=\"commit-gas\"")
            .contains("Base chain: every committed root equals the node's and the replay's")
            .contains("data-charts-rendered=\"8\"");
    }

    @Test
    void shouldKeepEscapeClaimsWithinTheBridgesHoldingsAfterEveryBatch()
    {
        final JsonNode claims = chain.get("claims");
        assertThat(claims.get("batchesChecked").asInt()).isEqualTo(chain.get("commits").get("count").asInt());
        assertThat(claims.get("batchesOverHoldings").asInt()).isZero();
        assertThat(claims.get("largestShareOfHoldings").asDouble()).isPositive().isLessThanOrEqualTo(1.0);
        assertThat(report.get("invariants").get("escapeClaimsWithinBridgeHoldings").asBoolean()).isTrue();
        assertThat(outcome.failures()).isEmpty();
        assertThat(report.get("invariants").get("hold").asBoolean()).isTrue();
    }
}
