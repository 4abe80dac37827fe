package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.Refusal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.novation.node.server.Venue.ONE_BTC;
import static io.novation.node.server.Venue.USD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionPipelineTest
{
    private Node node;
    private Http http;
    private final Venue venue = new Venue(1_760_000_000_000L);

    @BeforeAll
    void start(@TempDir final Path dataDir) throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0).withWorkers(3)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        http = new Http(node.port());
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
        }
        assertThat(http.post("/v1/commands", venue.deposit("alice", 100_000).toString()).status()).isEqualTo(200);
        assertThat(http.post("/v1/commands", venue.deposit("bob", 100_000).toString()).status()).isEqualTo(200);
        assertThat(http.post("/v1/commands", venue.price(60_000).toString()).status()).isEqualTo(200);
    }

    @AfterAll
    void stop()
    {
        node.close();
    }

    @Test
    void shouldRefuseAForgedOrderAlikeInProcessAndOverHttp()
    {
        final String root = stateRoot();
        final SettleTrade forged = forgedTrade();

        final CompletionException inProcess = catchThrowableOfType(() -> node.submitCommands(List.of(forged)).join(),
            CompletionException.class);
        final Http.Response overHttp = http.post("/v1/commands", venue.encoder.encode(forged, true).toString());

        assertThat(inProcess.getCause()).isInstanceOf(Refusal.class);
        final Refusal refusal = (Refusal)inProcess.getCause();
        assertThat(refusal.code()).isEqualTo("BAD_SIGNATURE");
        assertThat(refusal.index()).isZero();
        assertThat(overHttp.status()).as(overHttp.text()).isEqualTo(refusal.status()).isEqualTo(403);
        assertThat(overHttp.code()).isEqualTo(refusal.code());
        assertThat(refusal.getMessage()).isEqualTo("command 0: " + overHttp.json().get("message").asText());
        assertThat(overHttp.json().has("index")).isFalse();
        assertThat(stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldDecodeOnTheIoThreadWhileTheEngineThreadIsBusy() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final CompletableFuture<Object> busy = node.query(engine ->
        {
            try
            {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        try
        {
            final ObjectNode unknownMarket = venue.trade("alice", "bob", true, ONE_BTC / 100, 60_000);
            unknownMarket.put("market", "DOGE-USD");

            // The engine thread is held: only a decoder that reads the definitions snapshot can answer.
            final Http.Response response = http.post("/v1/commands", unknownMarket.toString());

            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.json().get("message").asText()).contains("DOGE-USD");
            assertThat(busy).isNotDone();
        }
        finally
        {
            release.countDown();
        }
        busy.join();
    }

    @Test
    void shouldSequenceInProcessCommandsInOrderAtTheirOwnTimes()
    {
        final List<SettleTrade> trades = List.of(
            venue.tradeCommand("alice", "bob", true, ONE_BTC / 10, 60_000),
            venue.tradeCommand("bob", "alice", true, ONE_BTC / 20, 60_100),
            venue.tradeCommand("alice", "bob", false, ONE_BTC / 40, 60_050),
            venue.tradeCommand("bob", "alice", false, ONE_BTC / 80, 59_900));
        trades.forEach(venue.replica::apply);

        final List<CommandOutcome> outcomes = node.submitCommands(List.copyOf(trades)).join();

        assertThat(outcomes).extracting(CommandOutcome::applied).containsOnly(true);
        for (int i = 0; i < trades.size(); i++)
        {
            assertThat(outcomes.get(i).time()).isEqualTo(trades.get(i).time());
            assertThat(outcomes.get(i).sequence()).isEqualTo(outcomes.get(0).sequence() + i);
        }
        assertThat(stateRoot()).isEqualTo(Hex.encode(venue.replica.stateRoot()));
    }

    /** A trade whose taker order names bob but is signed with another key. */
    private SettleTrade forgedTrade()
    {
        final SettleTrade honest = venue.tradeCommand("alice", "bob", true, ONE_BTC / 10, 60_000);
        final Order unsigned = honest.taker().withSignature(null);
        final Order forged = unsigned.withSignature(Secp256k1.sign(unsigned.digest(venue.domain),
            Venue.key("mallory")));
        return new SettleTrade(honest.time(), honest.marketId(), honest.maker(), forged, ONE_BTC / 10, 60_000 * USD);
    }

    private String stateRoot()
    {
        return http.get("/v1/state").json().get("stateRoot").asText();
    }
}
