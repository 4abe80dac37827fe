package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.PriceReport;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.admission.AdmissionLimits;
import io.novation.node.json.Json;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.novation.node.server.RawClients.Reply;
import static io.novation.node.server.Venue.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, findings 4 and 8, against a real node: an anonymous or rejected command does not move the sequencer's
 * clock or cost journal space, and a flooding client is rate limited (429) or bounded by the verification queue
 * (503), with {@code Retry-After}, while others go through.
 */
class AdmissionNodeTest
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final String FLOODER = "127.0.0.1";
    private static final String OTHER = "127.0.0.2";

    @TempDir
    Path dataDir;

    private NodeConfig config()
    {
        return NodeConfig.defaults().withDataDir(dataDir).withPort(0).withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE);
    }

    @Test
    void shouldNotLetAnEngineRejectedRelayWithAFutureTimePushTheClockAheadOfHonestWithdrawals() throws IOException
    {
        // The owner bound as wide as the future bound, as when the clock push was found.
        try (Node node = Node.start(config().withOwnerFutureMs(60_000), QUIET))
        {
            final Venue venue = new Venue(System.currentTimeMillis() - 60_000);
            final Raw http = new Raw(node.port());
            configure(http, venue);
            assertThat(http.post(FLOODER, "/v1/commands", venue.deposit("alice", 1_000).toString()).status())
                .isEqualTo(200);
            final OraclePrice round = venue.round(60_000);
            final OraclePrice short1 = new OraclePrice(System.currentTimeMillis() + 59_500, 0,
                List.of(round.reports().get(0)));
            final Reply pushed = http.post(FLOODER, "/v1/commands", venue.encoder.encode(short1, true).toString());
            assertThat(pushed.json().path("status").asText()).as(pushed.body()).isEqualTo("rejected");
            assertThat(pushed.json().path("code").asText()).isEqualTo("NO_QUORUM");

            final Reply withdrawal = http.post(FLOODER, "/v1/commands", venue.withdraw("alice", 10).toString());
            assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(200);
            assertThat(withdrawal.json().path("status").asText()).isEqualTo("applied");
            assertThat(withdrawal.json().path("time").asLong()).isLessThan(short1.time());
            final Reply honestRound = http.post(FLOODER, "/v1/commands", venue.price(61_000).toString());
            assertThat(honestRound.json().path("status").asText()).as(honestRound.body()).isEqualTo("applied");
        }
    }

    @Test
    void shouldRefuseAnUnregisteredPublisherRelayBeforeSequencingSoItNeitherMovesTheClockNorIsJournaled()
        throws IOException
    {
        try (Node node = Node.start(config(), QUIET))
        {
            final Venue venue = new Venue(System.currentTimeMillis() - 60_000);
            final Raw http = new Raw(node.port());
            configure(http, venue);
            assertThat(http.post(FLOODER, "/v1/commands", venue.deposit("alice", 1_000).toString()).status())
                .isEqualTo(200);
            final long sequence = sequence(http);

            final Reply pushed = http.post(FLOODER, "/v1/commands",
                venue.encoder.encode(forgedRelay(System.currentTimeMillis() + 59_500, 1), true).toString());
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(403);
            assertThat(pushed.json().path("code").asText()).isEqualTo("UNREGISTERED_PUBLISHERS");

            final ArrayNode flood = Json.MAPPER.createArrayNode();
            for (int i = 0; i < 2_000; i++)
            {
                flood.add(venue.encoder.encode(forgedRelay(System.currentTimeMillis(), i + 2), true));
            }
            final Reply refused = http.post(FLOODER, "/v1/commands/batch", flood.toString());
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("code").asText()).isEqualTo("UNREGISTERED_PUBLISHERS");
            assertThat(sequence(http)).isEqualTo(sequence);
            assertThat(node.metrics().admissionRefusedCount("unregistered_publishers")).isEqualTo(2);

            final OraclePrice impersonated = forgedRelay(System.currentTimeMillis(), 7, Testnet.address(
                Testnet.PUBLISHERS.get(0)));
            final Reply badSignature = http.post(FLOODER, "/v1/commands",
                venue.encoder.encode(impersonated, true).toString());
            assertThat(badSignature.status()).as(badSignature.body()).isEqualTo(403);
            assertThat(badSignature.json().path("code").asText()).isEqualTo("BAD_SIGNATURE");
            assertThat(sequence(http)).isEqualTo(sequence);

            final Reply withdrawal = http.post(FLOODER, "/v1/commands", venue.withdraw("alice", 10).toString());
            assertThat(withdrawal.json().path("status").asText()).as(withdrawal.body()).isEqualTo("applied");
            assertThat(sequence(http)).isEqualTo(sequence + 1);
        }
    }

    @Test
    void shouldAnswerAFloodingClient429WithRetryAfterWhileAnotherClientsCommandGoesThrough() throws IOException
    {
        final AdmissionLimits limits = new AdmissionLimits(100, 1, 10_000, 10_000, 100_000, 1_000);
        try (Node node = Node.start(config().withAdmission(limits), QUIET))
        {
            final Venue venue = new Venue(System.currentTimeMillis() - 60_000);
            final Raw http = new Raw(node.port());
            for (final ObjectNode command : venue.genesis())
            {
                final Reply configured = http.post(OTHER, "/v1/commands", command.toString());
                assertThat(configured.status()).as(configured.body()).isEqualTo(200);
            }

            Reply limited = null;
            for (int i = 0; i < 100 && limited == null; i++)
            {
                final Reply reply = http.post(FLOODER, "/v1/commands", venue.deposit("alice", 1).toString());
                if (reply.status() == 429)
                {
                    limited = reply;
                }
                else
                {
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                }
            }
            assertThat(limited).as("the flooder was never limited").isNotNull();
            assertThat(limited.json().path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(Long.parseLong(limited.headers().get("retry-after"))).isBetween(1L, 100L);
            assertThat(node.metrics().admissionRefusedCount("ip")).isEqualTo(1);

            final Reply other = http.post(OTHER, "/v1/commands", venue.deposit("bob", 1).toString());
            assertThat(other.status()).as(other.body()).isEqualTo(200);
            assertThat(other.json().path("status").asText()).isEqualTo("applied");
            assertThat(http.get(OTHER, "/metrics").body()).contains("novation_admission_refused_total{limit=\"ip\"} 1");
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheVerificationQueueIsFull() throws Exception
    {
        final AdmissionLimits limits = new AdmissionLimits(10_000_000, 10_000_000, 10_000_000, 10_000_000, 300,
            1_000);
        try (Node node = Node.start(config().withAdmission(limits).withWorkers(1), QUIET))
        {
            final Venue venue = new Venue(System.currentTimeMillis() - 60_000);
            final Raw http = new Raw(node.port());
            configure(http, venue);
            final List<String> batches = new ArrayList<>();
            for (int b = 0; b < 8; b++)
            {
                final ArrayNode batch = Json.MAPPER.createArrayNode();
                for (int i = 0; i < 300; i++)
                {
                    batch.add(venue.trade("alice", "bob", i % 2 == 0, ONE_BTC / 100, 60_000));
                }
                batches.add(batch.toString());
            }
            final ExecutorService clients = Executors.newFixedThreadPool(batches.size());
            try
            {
                final List<Future<Reply>> replies = new ArrayList<>();
                for (final String batch : batches)
                {
                    replies.add(clients.submit(() -> http.post(FLOODER, "/v1/commands/batch", batch)));
                }
                int busy = 0;
                for (final Future<Reply> reply : replies)
                {
                    final Reply answer = reply.get();
                    if (answer.status() == 503)
                    {
                        busy++;
                        assertThat(answer.json().path("code").asText()).isEqualTo("VERIFIER_BUSY");
                        assertThat(answer.headers().get("retry-after")).isEqualTo("1");
                    }
                    else
                    {
                        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                    }
                }
                assertThat(busy).isPositive().isLessThan(batches.size());
                assertThat(node.metrics().admissionRefusedCount("verification_queue")).isEqualTo(busy);
            }
            finally
            {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void shouldVerifyAnotherClientsSingleCommandAheadOfABadlySignedWithdrawalFlood() throws Exception
    {
        try (Node node = Node.start(config().withAdmission(AdmissionLimits.unmetered()).withWorkers(1), QUIET))
        {
            final Venue venue = new Venue(System.currentTimeMillis() - 60_000);
            final Raw http = new Raw(node.port());
            configure(http, venue);
            final ObjectNode signed = venue.withdraw("alice", 10);
            final ObjectNode tampered = signed.deepCopy().put("amount", "11");
            final ArrayNode flood = Json.MAPPER.createArrayNode();
            for (int i = 0; i < 2_499; i++)
            {
                flood.add(signed);
            }
            flood.add(tampered);
            final String body = flood.toString();
            final long sequence = sequence(http);
            final ExecutorService clients = Executors.newFixedThreadPool(5);
            // The one verification worker is held until the honest command is answered, so that all four floods are
            // waiting in verification at once (10,000 commands) whatever the machine's speed; a single command that
            // queued behind them would wait behind the hold and time out.
            final java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
            node.workers().execute(() ->
            {
                try
                {
                    hold.await(60, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
            try
            {
                final java.util.concurrent.atomic.AtomicInteger floodsAnswered =
                    new java.util.concurrent.atomic.AtomicInteger();
                final List<Future<Reply>> floods = new ArrayList<>();
                for (int b = 0; b < 4; b++)
                {
                    floods.add(clients.submit(() ->
                    {
                        final Reply reply = http.post(FLOODER, "/v1/commands/batch", body);
                        floodsAnswered.incrementAndGet();
                        return reply;
                    }));
                }
                final long deadline = System.nanoTime() + 60_000_000_000L;
                while (verifying(node) < 10_000)
                {
                    assertThat(System.nanoTime()).as("the flood never filled verification").isLessThan(deadline);
                    Thread.sleep(5);
                }
                final Future<Reply> honestReply =
                    clients.submit(() -> http.post(OTHER, "/v1/commands", venue.withdraw("bob", 1).toString()));
                final Reply honest = honestReply.get(30, TimeUnit.SECONDS);
                final int answeredBefore = floodsAnswered.get();
                hold.countDown();
                assertThat(honest.json().path("status").asText()).as(honest.body()).isEqualTo("applied");
                assertThat(answeredBefore).as("flood requests answered before the honest one").isZero();
                for (final Future<Reply> flooded : floods)
                {
                    final Reply reply = flooded.get(60, TimeUnit.SECONDS);
                    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
                    assertThat(reply.json().path("code").asText()).isEqualTo("BAD_SIGNATURE");
                    assertThat(reply.json().path("index").asInt()).isEqualTo(2_499);
                }
                assertThat(sequence(http)).isEqualTo(sequence + 1);
            }
            finally
            {
                hold.countDown();
                clients.shutdownNow();
            }
        }
    }

    private static OraclePrice forgedRelay(final long time, final int seed)
    {
        return forgedRelay(time, seed, null);
    }

    /** A round of one report signed by a throwaway key, naming that key as publisher, or another when given. */
    private static OraclePrice forgedRelay(final long time, final int seed, final Address claimed)
    {
        final byte[] throwaway = new byte[Secp256k1.PRIVATE_KEY_LENGTH];
        throwaway[0] = 1;
        throwaway[31] = (byte)seed;
        throwaway[30] = (byte)(seed >> 8);
        final PriceReport unsigned = new PriceReport(0, 60_000_000_000L, time,
            claimed != null ? claimed : Address.of(Secp256k1.addressOf(throwaway)), null);
        final byte[] domain = new Venue(time).domain;
        return new OraclePrice(time, 0, List.of(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain),
            throwaway))));
    }

    private static void configure(final Raw http, final Venue venue)
    {
        for (final ObjectNode command : venue.genesis())
        {
            final Reply reply = http.post(OTHER, "/v1/commands", command.toString());
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }
        for (final String name : List.of("alice", "bob"))
        {
            assertThat(http.post(OTHER, "/v1/commands", venue.deposit(name, 1_000_000).toString()).status())
                .isEqualTo(200);
        }
        assertThat(http.post(OTHER, "/v1/commands", venue.price(60_000).toString()).status()).isEqualTo(200);
    }

    private static long verifying(final Node node)
    {
        final String metrics = node.metrics().toPrometheus();
        final String gauge = "\nnovation_admission_verifying_commands ";
        final int at = metrics.indexOf(gauge) + gauge.length();
        return Long.parseLong(metrics.substring(at, metrics.indexOf('\n', at)));
    }

    private static long sequence(final Raw http)
    {
        return http.get(OTHER, "/v1/state").json().path("sequence").asLong();
    }

    /** HTTP/1.1 over a socket bound to a chosen loopback address, so that one test plays several client IPs. */
    private record Raw(int port)
    {
        Reply get(final String from, final String path)
        {
            return exchange(from, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                new byte[0]);
        }

        Reply post(final String from, final String path, final String body)
        {
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return exchange(from, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json" +
                "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n", bytes);
        }

        private Reply exchange(final String from, final String head, final byte[] body)
        {
            return RawClients.exchange(from, port, head, body);
        }
    }
}
