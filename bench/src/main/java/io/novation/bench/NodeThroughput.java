package io.novation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whole-node throughput and latency over HTTP: starts a node in this JVM (journal with fsync, snapshots, the HTTP
 * API on 127.0.0.1), configures BTC-USD and funds the traders, then sends pre-signed {@code settleTrade} commands in
 * JSON batches from several client threads and reports commands per second and the per-batch latency (request sent
 * to durable acknowledgement received) at p50 and p99. Orders are large and filled one step at a time, as a matching
 * engine does with partial fills, so each signature is recovered once.
 * <p>
 * Usage: {@code java -cp bench/target/benchmarks.jar io.novation.bench.NodeThroughput [commands] [batch] [clients]}
 * (defaults 200000, 1000, 4).
 */
public final class NodeThroughput
{
    private static final long USD = 100_000L;
    private static final long STEP = 1_000_000L;
    private static final int TRADERS = 1_000;
    private static final int FILLS_PER_ORDER = 500;

    private NodeThroughput()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        final int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        final int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        final byte[] governanceKey = key("governance");
        final byte[] bridgeKey = key("bridge");
        final Path dir = Files.createTempDirectory(Path.of(System.getProperty("node.dir", "target")), "node-bench");
        final NodeConfig config = NodeConfig.defaults().withDataDir(dir).withPort(0)
            .withGenesisKeys(address(governanceKey), address(bridgeKey)).withLimits(64 << 20, 20_000);
        final ClearingEngine replica = new ClearingEngine(
            EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
        final CommandEncoder encoder = new CommandEncoder(replica.state());
        final byte[] domain = replica.domainSeparator();
        try (Node node = Node.start(config, new PrintStream(OutputStream.nullOutputStream())))
        {
            final HttpClient client = HttpClient.newHttpClient();
            final String base = "http://127.0.0.1:" + node.port();
            long time = System.currentTimeMillis() - 5_000;
            final List<Command> setup = new ArrayList<>();
            setup.add(new CreatePerpetual(++time, 0, "BTC-USD", "BTC-USD", -5, -10, 100_000, STEP,
                LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE));
            for (int p = 0; p < 3; p++)
            {
                setup.add(new RegisterOraclePublisher(++time, 0, address(key("publisher-" + p))));
            }
            long nonce = 0;
            for (final Command command : setup)
            {
                final ObjectNode json = encoder.encode(command, true);
                CommandEncoder.withAuthority(json, ++nonce, Authority.sign(domain, nonce, command, governanceKey));
                replica.apply(command);
                post(client, base + "/v1/commands", json.toString());
            }
            final ArrayNode funding = Json.MAPPER.createArrayNode();
            for (int t = 0; t < TRADERS; t++)
            {
                final Deposit deposit = new Deposit(time, address(key("trader-" + t)), 0, 0, 10_000_000_000_000L,
                    t + 1);
                funding.add(CommandEncoder.withAuthority(encoder.encode(deposit, true), 0,
                    Authority.sign(domain, 0, deposit, bridgeKey)));
            }
            final List<PriceReport> reports = new ArrayList<>();
            final long at = ++time;
            for (int p = 0; p < 3; p++)
            {
                final PriceReport unsigned = new PriceReport(0, 60_000 * USD, at, address(key("publisher-" + p)), null);
                reports.add(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key("publisher-" + p))));
            }
            funding.add(encoder.encode(new OraclePrice(at, 0, reports), true));
            post(client, base + "/v1/commands/batch", funding.toString());

            System.out.printf("generating %,d signed fills...%n", commands);
            final Random random = new Random(7);
            final List<String> batches = new ArrayList<>();
            ArrayNode batch = Json.MAPPER.createArrayNode();
            Order maker = null;
            Order taker = null;
            long orderNonce = 0;
            for (int i = 0; i < commands; i++)
            {
                if (i % FILLS_PER_ORDER == 0)
                {
                    final int a = random.nextInt(TRADERS);
                    final int b = (a + 1 + random.nextInt(TRADERS - 1)) % TRADERS;
                    final boolean makerBuys = random.nextBoolean();
                    maker = order(key("trader-" + a), makerBuys, (makerBuys ? 80_000 : 40_000) * USD, ++orderNonce,
                        domain);
                    taker = order(key("trader-" + b), !makerBuys, (makerBuys ? 40_000 : 80_000) * USD, ++orderNonce,
                        domain);
                }
                final SettleTrade fill = new SettleTrade(0, 0, maker, taker, STEP, (60_000 + random.nextInt(11) - 5) *
                    USD);
                batch.add(encoder.encode(fill, false));
                if (batch.size() == batchSize)
                {
                    batches.add(batch.toString());
                    batch = Json.MAPPER.createArrayNode();
                }
            }
            if (!batch.isEmpty())
            {
                batches.add(batch.toString());
            }

            final long[] latencies = new long[batches.size()];
            final AtomicInteger cursor = new AtomicInteger();
            final AtomicInteger rejected = new AtomicInteger();
            final Thread[] threads = new Thread[clients];
            final long start = System.nanoTime();
            for (int c = 0; c < clients; c++)
            {
                threads[c] = new Thread(() ->
                {
                    int index;
                    while ((index = cursor.getAndIncrement()) < batches.size())
                    {
                        final long sent = System.nanoTime();
                        final JsonNode response = post(client, base + "/v1/commands/batch", batches.get(index));
                        latencies[index] = System.nanoTime() - sent;
                        final int notApplied = response.get("rejected").asInt() + response.get("refused").asInt();
                        if (notApplied > 0 && rejected.getAndAdd(notApplied) == 0)
                        {
                            for (final JsonNode result : response.get("results"))
                            {
                                if (!result.get("status").asText().equals("applied"))
                                {
                                    System.out.println("first not applied: " + result);
                                    break;
                                }
                            }
                        }
                    }
                });
                threads[c].start();
            }
            for (final Thread thread : threads)
            {
                thread.join();
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("%,d commands in %,d batches of %,d from %d clients: %.2f s, %,.0f commands/s; " +
                "batch latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,d not applied%n", commands, batches.size(),
                batchSize, clients, seconds, commands / seconds, latencies[latencies.length / 2] / 1e6,
                latencies[(int)Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6,
                latencies[latencies.length - 1] / 1e6, rejected.get());
            final String metrics = node.metrics().toPrometheus();
            for (final String line : metrics.split("\n"))
            {
                if (line.startsWith("novation_journal_commits_total") || line.startsWith("novation_commands_applied"))
                {
                    System.out.println(line);
                }
            }
        }
    }

    private static Order order(final byte[] key, final boolean buy, final long limit, final long nonce,
        final byte[] domain)
    {
        final Order unsigned = Order.of(address(key), 0, 0, buy, FILLS_PER_ORDER * STEP, limit, nonce,
            System.currentTimeMillis() + 86_400_000L, false, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key));
    }

    private static JsonNode post(final HttpClient client, final String url, final String body)
    {
        try
        {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200)
            {
                throw new IllegalStateException(response.statusCode() + ": " + response.body());
            }
            return Json.MAPPER.readTree(response.body());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    private static Address address(final byte[] key)
    {
        return Address.of(Secp256k1.addressOf(key));
    }
}
