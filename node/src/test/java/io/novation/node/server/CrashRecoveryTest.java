package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Deposit;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Hex;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.novation.node.server.Venue.ONE_BTC;
import static io.novation.node.server.Venue.USD;
import static io.novation.node.server.Venue.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the node as a real process, streams 100,000 pre-signed commands (trades filling large signed orders in
 * parts, bridge-signed deposits, signed price rounds and withdrawals) in batches, kills the process with SIGKILL at
 * random points while a batch is in flight, restarts it, and checks that every acknowledged command is there, none
 * twice, and that the state root equals that of a fresh engine that applied the same commands once. Ends with a
 * SIGTERM, whose snapshot the last restart recovers from.
 */
@Tag("crash")
class CrashRecoveryTest
{
    private static final int COMMANDS = 100_000;
    private static final int BATCH = 500;
    private static final int KILLS = 4;
    private static final int TRADERS = 100;
    private static final int FILLS_PER_ORDER = 400;
    private static final long STEP = 1_000_000L;

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Test
    void shouldKeepEveryAcknowledgedCommandExactlyOnceAcrossKills() throws Exception
    {
        final Random random = new Random(20_251_010L);
        final Venue venue = new Venue(System.currentTimeMillis() - 10L * 86_400_000L);
        final List<ObjectNode> configuration = venue.genesis();
        final List<ObjectNode> commands = generate(venue, random);
        final String expectedRoot = Hex.encode(venue.replica.stateRoot());
        port = freePort();

        Process node = start();
        for (final ObjectNode command : configuration)
        {
            assertThat(post("/v1/commands", command.toString()).statusCode()).isEqualTo(200);
        }
        final long base = configuration.size();
        final int batches = (COMMANDS + BATCH - 1) / BATCH;
        final List<Integer> killBefore = new ArrayList<>();
        for (int k = 0; k < KILLS; k++)
        {
            killBefore.add((k + 1) * batches / (KILLS + 1) + random.nextInt(batches / (KILLS + 2)) - batches / 10);
        }
        long acknowledged = base;
        int next = 0;
        int batch = 0;
        int kills = 0;
        while (next < commands.size())
        {
            final int end = Math.min(commands.size(), next + BATCH);
            final ArrayNode body = Json.MAPPER.createArrayNode();
            commands.subList(next, end).forEach(body::add);
            if (kills < KILLS && batch >= killBefore.get(kills))
            {
                final CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(request("/v1/commands/batch",
                    body.toString()), HttpResponse.BodyHandlers.ofString());
                Thread.sleep(random.nextInt(120));
                node.destroyForcibly();
                assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills++;
                boolean answered = false;
                try
                {
                    answered = inFlight.get(5, TimeUnit.SECONDS).statusCode() == 200;
                }
                catch (final Exception ex)
                {
                    // Killed before it answered: the batch is not acknowledged.
                }
                if (answered)
                {
                    acknowledged += end - next;
                }
                node = start();
                final long sequence = state().get("sequence").asLong();
                assertThat(sequence).as("every acknowledged command survives kill %d", kills)
                    .isGreaterThanOrEqualTo(acknowledged);
                assertThat(sequence).as("no command beyond those sent, kill %d", kills)
                    .isLessThanOrEqualTo(base + end);
                System.out.printf("kill %d during batch %d: %d acknowledged, %d durable after restart%n", kills,
                    batch, acknowledged, sequence);
                // The durable prefix of the unacknowledged batch is in the journal: continue after it, never resend.
                acknowledged = sequence;
                next = (int)(sequence - base);
                batch++;
                continue;
            }
            final HttpResponse<String> response = post("/v1/commands/batch", body.toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            final JsonNode results = Json.MAPPER.readTree(response.body()).get("results");
            assertThat(results.get(0).get("sequence").asLong()).isEqualTo(acknowledged + 1);
            assertThat(results.get(results.size() - 1).get("sequence").asLong()).isEqualTo(acknowledged + end - next);
            acknowledged += end - next;
            next = end;
            batch++;
        }
        assertThat(kills).isEqualTo(KILLS);
        JsonNode state = state();
        assertThat(state.get("sequence").asLong()).isEqualTo(base + COMMANDS);
        assertThat(state.get("stateRoot").asText()).isEqualTo(expectedRoot);

        node.destroy();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        node = start();
        state = state();
        assertThat(state.get("sequence").asLong()).isEqualTo(base + COMMANDS);
        assertThat(state.get("stateRoot").asText()).isEqualTo(expectedRoot);
        node.destroy();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dataDir.resolve("node.log"))).contains("replayed 0 journaled commands");
    }

    /**
     * Trades fill pairs of large signed orders one step at a time (a matching engine sends the same signed order with
     * each partial fill), so 100,000 commands need a few thousand signatures.
     */
    private static List<ObjectNode> generate(final Venue venue, final Random random)
    {
        final List<ObjectNode> commands = new ArrayList<>(COMMANDS);
        long depositId = 0;
        for (int t = 0; t < TRADERS; t++)
        {
            commands.add(deposit(venue, "trader-" + t, 1_000_000, ++depositId));
        }
        long price = 60_000;
        commands.add(venue.price(price));
        Order maker = null;
        Order taker = null;
        int fills = 0;
        int withdrawals = 0;
        while (commands.size() < COMMANDS)
        {
            final int kind = random.nextInt(1_000);
            if (kind < 5)
            {
                price = Math.max(50_000, Math.min(70_000, price + random.nextInt(401) - 200));
                commands.add(venue.price(price));
                continue;
            }
            if (kind < 20)
            {
                commands.add(deposit(venue, "trader-" + random.nextInt(TRADERS), 1_000, ++depositId));
                continue;
            }
            if (kind < 25)
            {
                final int trader = random.nextInt(TRADERS);
                commands.add(venue.withdraw("trader-" + trader, 100 + random.nextInt(1_000)));
                withdrawals++;
                continue;
            }
            if (maker == null || fills == FILLS_PER_ORDER)
            {
                final int a = random.nextInt(TRADERS);
                final int b = (a + 1 + random.nextInt(TRADERS - 1)) % TRADERS;
                final boolean makerBuys = random.nextBoolean();
                final long at = venue.now();
                maker = venue.order("trader-" + a, makerBuys, FILLS_PER_ORDER * STEP,
                    (makerBuys ? 80_000 : 40_000) * USD, at);
                taker = venue.order("trader-" + b, !makerBuys, FILLS_PER_ORDER * STEP,
                    (makerBuys ? 40_000 : 80_000) * USD, at);
                fills = 0;
            }
            fills++;
            final long fillPrice = (price + random.nextInt(21) - 10) * USD;
            commands.add(venue.apply(new SettleTrade(venue.nextTime(), 0, maker, taker, STEP, fillPrice)));
        }
        assertThat(withdrawals).isPositive();
        return commands;
    }

    private static ObjectNode deposit(final Venue venue, final String name, final long usdc, final long depositId)
    {
        final Deposit deposit = new Deposit(venue.nextTime(), Venue.address(name), 0, 0, usdc * USDC, depositId);
        final ObjectNode json = venue.apply(deposit);
        return CommandEncoder.withAuthority(json, 0, Authority.sign(venue.domain, 0, deposit, Venue.BRIDGE_KEY));
    }

    private Process start() throws IOException, InterruptedException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
            "io.novation.node.cli.NovationCli", "node", "--data-dir", dataDir.toString(), "--port",
            String.valueOf(port), "--snapshot-every", "20000", "--governance", Venue.GOVERNANCE.toString(),
            "--bridge", Venue.BRIDGE.toString(), "--seal-every", "0", "--seal-every-ms", "0");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("node.log").toFile()));
        final Process process = builder.start();
        return NodeProcesses.awaitHealthy(process, port, dataDir.resolve("node.log"), client);
    }

    private HttpRequest request(final String path, final String body)
    {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> post(final String path, final String body) throws IOException, InterruptedException
    {
        return client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode state() throws IOException, InterruptedException
    {
        final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" +
            port + "/v1/state")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
