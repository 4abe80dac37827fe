package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's parsing findings against a real node on loopback, with raw sockets: huge JSON numbers, chunked floods,
 * bad chunking, short bodies, {@code Expect: 100-continue} without a body, over-long strings, URLs and headers, and
 * slowloris. Every answer is a bounded JSON {@code {code, message}} with a 4xx status, and /health keeps answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest
{
    private static final int BODY_LIMIT = 256 * 1024;
    private static final int READ_TIMEOUT_MS = 10_000;

    private Node node;
    private final Venue venue = new Venue(1_760_000_000_000L);
    private ObjectNode governanceCommand;

    @BeforeAll
    void start(@TempDir final Path dataDir) throws IOException
    {
        System.setProperty(HttpLimits.PROPERTY_PREFIX + "idleTimeoutMs", "1000");
        System.setProperty(HttpLimits.PROPERTY_PREFIX + "bodyTimeoutMs", "1500");
        // Fewer threads than slowloris connections, so a thread held per trickled body would starve /health.
        System.setProperty(HttpLimits.PROPERTY_PREFIX + "maxThreads", "32");
        try
        {
            node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
                .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE).withLimits(BODY_LIMIT, 100),
                new PrintStream(OutputStream.nullOutputStream()));
        }
        finally
        {
            System.clearProperty(HttpLimits.PROPERTY_PREFIX + "idleTimeoutMs");
            System.clearProperty(HttpLimits.PROPERTY_PREFIX + "bodyTimeoutMs");
            System.clearProperty(HttpLimits.PROPERTY_PREFIX + "maxThreads");
        }
        final Http http = new Http(node.port());
        final List<ObjectNode> genesis = venue.genesis();
        governanceCommand = genesis.get(1).deepCopy();
        for (final ObjectNode command : genesis)
        {
            assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
        }
    }

    @AfterAll
    void stop()
    {
        node.close();
    }

    @Test
    void shouldRejectHugeJsonNumberExponentsQuicklyWithShortBodies() throws IOException
    {
        for (final String number : new String[] {"1e10000000", "1e999999999", "1e2147483647", "1e-2147483648",
            "1" + "0".repeat(99), "123456789012345678901234567890123456789012345678.5"})
        {
            final long start = System.nanoTime();
            final RawHttp.Response response = postRaw(depositWithAmount(number));
            assertError(response, 400);
            assertThat(response.json().get("code").asText()).as(number)
                .isIn("DECIMAL_OUT_OF_BOUNDS", "MALFORMED_JSON");
            assertThat((System.nanoTime() - start) / 1_000_000).as(number).isLessThan(5_000);
        }
        assertThat(postRaw(depositWithAmount("1e10000000")).json().get("code").asText())
            .isEqualTo("DECIMAL_OUT_OF_BOUNDS");
        assertHealthy();
    }

    @Test
    void shouldAcceptAJsonNumberWithinTheBoundsAsTheSameDecimal() throws IOException
    {
        final ObjectNode deposit = venue.deposit("alice", 1_000);
        final String amount = deposit.get("amount").asText();
        // 10000e-1 for 1000: an exponent within the bounds, the same value as the signed decimal string.
        final String body = deposit.toString().replace("\"amount\":\"" + amount + "\"", "\"amount\":" + amount +
            "0e-1");
        assertThat(body).isNotEqualTo(deposit.toString());
        final RawHttp.Response response = postRaw(body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("applied");
    }

    @Test
    void shouldRejectOverLongDecimalStringsWithoutEchoingThem() throws IOException
    {
        final RawHttp.Response response = postRaw(depositWithAmount("\"" + "9".repeat(10_000) + "\""));
        assertError(response, 400);
        assertThat(response.json().get("code").asText()).isEqualTo("DECIMAL_OUT_OF_BOUNDS");
        assertThat(response.body().length()).isLessThan(1_000);
    }

    @Test
    void shouldRejectGovernanceStringsOverTheTextBoundBeforeAnySignatureCheck() throws IOException
    {
        final ObjectNode command = governanceCommand.deepCopy();
        final String field = command.has("symbol") ? "symbol" : "ticker";
        command.put(field, "X".repeat(70_000));
        final RawHttp.Response response = postRaw(command.toString());
        assertError(response, 400);
        assertThat(response.json().get("code").asText()).isEqualTo("TEXT_TOO_LONG");
        final ObjectNode multiByte = governanceCommand.deepCopy();
        multiByte.put(field, "\u00e9".repeat(200));
        final RawHttp.Response bounded = postRaw(multiByte.toString());
        assertError(bounded, 400);
        assertThat(bounded.json().get("code").asText()).as("200 characters, 400 UTF-8 bytes")
            .isEqualTo("TEXT_TOO_LONG");
        assertHealthy();
    }

    @Test
    void shouldStopAChunkedBodyAtTheLimitWith413() throws IOException
    {
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            raw.send("POST /v1/commands HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                "Transfer-Encoding: chunked\r\n\r\n");
            final byte[] chunk = ("1000\r\n" + " ".repeat(0x1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            int sent = 0;
            try
            {
                // Up to 16 times the limit: the node answers and closes long before.
                while (sent < 16 * BODY_LIMIT)
                {
                    raw.send(chunk);
                    sent += 0x1000;
                }
            }
            catch (final IOException closed)
            {
                // The node closed the connection after answering.
            }
            final RawHttp.Response response = raw.read();
            assertError(response, 413);
            assertThat(response.json().get("code").asText()).isEqualTo("BODY_TOO_LARGE");
        }
        assertHealthy();
    }

    @Test
    void shouldAnswer400ToMalformedChunking() throws IOException
    {
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            raw.send("POST /v1/commands HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                "Transfer-Encoding: chunked\r\n\r\nZZZZ\r\n{}\r\n0\r\n\r\n");
            assertError(raw.read(), 400);
        }
        assertHealthy();
    }

    @Test
    void shouldAnswer4xxQuicklyToABodyShorterThanItsContentLength() throws IOException
    {
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            final long start = System.nanoTime();
            raw.send("POST /v1/commands HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                "Content-Length: 1000\r\n\r\n{\"type\":");
            final RawHttp.Response response = raw.read();
            assertError(response, 408);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(READ_TIMEOUT_MS);
        }
        assertHealthy();
    }

    @Test
    void shouldAnswer4xxQuicklyToExpectContinueWithoutABody() throws IOException
    {
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            raw.send("POST /v1/commands HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                "Content-Length: 100\r\nExpect: 100-continue\r\n\r\n");
            assertError(raw.read(), 408);
        }
        assertHealthy();
    }

    @Test
    void shouldAnswerJsonToOverLongUrlsHeadersAndBadRequestLines() throws IOException
    {
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            raw.send("GET /v1/markets/" + "A".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertError(raw.read(), 414);
        }
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            raw.send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "A".repeat(20_000) + "\r\n\r\n");
            assertError(raw.read(), 431);
        }
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            raw.send("GARBAGE\r\n\r\n");
            assertError(raw.read(), 400);
        }
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            raw.send(RawHttp.post("/v1/nowhere", "{}"));
            assertError(raw.read(), 404);
        }
        assertHealthy();
    }

    @Test
    void shouldKeepHealthAnsweredWhileSlowlorisConnectionsTrickleBodies() throws Exception
    {
        final List<RawHttp> trickles = new ArrayList<>();
        try
        {
            for (int i = 0; i < 300; i++)
            {
                final RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS);
                trickles.add(raw);
                raw.send("POST /v1/commands HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                    "Content-Length: 1000\r\n\r\n{");
            }
            // One byte per connection every 250 ms: faster than the idle timeout, so only the body time ends them.
            for (int round = 0; round < 4; round++)
            {
                for (final RawHttp raw : trickles)
                {
                    try
                    {
                        raw.send(" ");
                    }
                    catch (final IOException closed)
                    {
                        // Already answered and closed by the node.
                    }
                }
                Thread.sleep(250);
                final long start = System.nanoTime();
                assertHealthy();
                // A thread held per trickle starved /health past the client's 10 s read timeout; 5 s leaves a slow
                // machine room while the trickles hit their body timeout in the same second.
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
            }
            int timedOut = 0;
            for (final RawHttp raw : trickles)
            {
                final RawHttp.Response response = raw.read();
                assertError(response, 408);
                timedOut++;
            }
            assertThat(timedOut).isEqualTo(300);
        }
        finally
        {
            for (final RawHttp raw : trickles)
            {
                raw.close();
            }
        }
        assertHealthy();
    }

    @Test
    void shouldNotEchoHugeFieldNamesOrTokens() throws IOException
    {
        for (final String body : new String[] {"{\"" + "k".repeat(100_000) + "\": 1}",
            "{\"type\": " + "t".repeat(100_000) + "}", "{\"amount\": " + "9".repeat(100_000) + "}"})
        {
            final RawHttp.Response response = postRaw(body);
            assertError(response, 400);
            assertThat(response.json().get("code").asText()).isEqualTo("MALFORMED_JSON");
        }
    }

    @Test
    void shouldRejectListsOverTheBoundBeforeDecodingThem() throws IOException
    {
        final StringBuilder reports = new StringBuilder("[");
        for (int i = 0; i < 1_025; i++)
        {
            reports.append(i == 0 ? "" : ",").append("{}");
        }
        final String body = "{\"type\":\"oraclePrice\",\"oracle\":\"BTC-USD\",\"reports\":" + reports + "]}";
        final RawHttp.Response response = postRaw(body);
        assertError(response, 400);
        assertThat(response.json().get("code").asText()).as(response.body()).isEqualTo("LIST_TOO_LONG");
    }

    private String depositWithAmount(final String amount)
    {
        final String deposit = venue.deposit("alice", 1_000).toString();
        final String replaced = deposit.replaceFirst("\"amount\"\\s*:\\s*\"[^\"]*\"", "\"amount\": " +
            amount.replace("\\", "\\\\").replace("$", "\\$"));
        assertThat(replaced).isNotEqualTo(deposit);
        return replaced;
    }

    private RawHttp.Response postRaw(final String body) throws IOException
    {
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            return raw.send(RawHttp.post("/v1/commands", body)).read();
        }
    }

    private void assertHealthy() throws IOException
    {
        try (RawHttp raw = new RawHttp(node.port(), READ_TIMEOUT_MS))
        {
            final RawHttp.Response response = raw.send("GET /health HTTP/1.1\r\nHost: localhost\r\n" +
                "Connection: close\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("status").asText()).isEqualTo("ok");
        }
    }

    private static void assertError(final RawHttp.Response response, final int status) throws IOException
    {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.headers()).startsWith("application/json");
        assertThat(response.bytes()).isLessThan(4_096);
        final JsonNode json = response.json();
        assertThat(json.get("code").asText()).matches("[A-Z_0-9]+");
        final String message = json.get("message").asText();
        assertThat(message).isNotBlank().hasSizeLessThan(512).doesNotContain("Exception").doesNotContain("at io.")
            .doesNotContain("org.eclipse");
    }
}
