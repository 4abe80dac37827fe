package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.history.HistoryDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static io.novation.node.server.Venue.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history endpoints of a running node on SQLite and PostgreSQL: pages with cursors, the 4xx replies to bad input
 * (reversed, missing or negative range, too large a limit, a forged cursor, an unknown account or market), and the
 * catch-up after a restart without a duplicate row.
 */
class HistoryApiTest
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final String RANGE = "from=0&to=9000000000000";

    @TempDir
    Path dataDir;

    private final Venue venue = new Venue(1_760_000_000_000L);

    private Node start(final String url) throws IOException
    {
        return Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE), url, QUIET);
    }

    private static void post(final Http http, final ObjectNode command)
    {
        final Http.Response response = http.post("/v1/commands", command.toString());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    private static void awaitHistory(final Node node)
    {
        assertThat(node.history().awaitApplied(node.durableSequence(), 30_000))
            .as(String.valueOf(node.history().failure())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void shouldPageHistoryRefuseBadQueriesAndCatchUpAfterARestart(final String kind) throws IOException
    {
        final String url = HistoryDatabases.empty(kind, dataDir);
        final String alice = Venue.address("alice").toString();
        final String fills = "/v1/accounts/" + alice + "/history/fills?";
        try (Node node = start(url))
        {
            final Http http = new Http(node.port());
            for (final ObjectNode command : venue.genesis())
            {
                post(http, command);
            }
            post(http, venue.deposit("alice", 100_000));
            post(http, venue.deposit("bob", 100_000));
            post(http, venue.price(60_000));
            post(http, venue.trade("alice", "bob", true, ONE_BTC / 10, 60_000));
            post(http, venue.trade("alice", "bob", false, ONE_BTC / 10, 60_100));
            awaitHistory(node);

            final JsonNode all = http.get(fills + RANGE).json();
            assertThat(all.get("items")).hasSize(2);
            assertThat(all.get("next").isNull()).isTrue();
            assertThat(all.get("appliedSequence").asLong()).isEqualTo(node.durableSequence());
            final JsonNode first = http.get(fills + RANGE + "&limit=1").json();
            assertThat(first.get("items")).hasSize(1);
            final JsonNode second = http.get(fills + RANGE + "&limit=1&cursor=" + first.get("next").asText()).json();
            assertThat(second.get("items")).hasSize(1);
            assertThat(second.get("next").isNull()).isTrue();
            assertThat(second.get("items").get(0).get("sequence").asLong())
                .isGreaterThan(first.get("items").get(0).get("sequence").asLong());
            assertThat(http.get("/v1/accounts/" + alice + "/history/transfers?" + RANGE).json().get("items")
                .get(0).get("kind").asText()).isEqualTo("deposit");
            for (final String other : new String[] {"funding", "liquidations", "pnl"})
            {
                assertThat(http.get("/v1/accounts/" + alice + "/history/" + other + "?" + RANGE).status())
                    .as(other).isEqualTo(200);
            }
            final JsonNode candles = http.get("/v1/markets/BTC-USD/candles?interval=1h&" + RANGE).json();
            assertThat(candles.get("items").get(0).get("close").asLong()).isEqualTo(60_000 * Venue.USD);

            refused(http.get(fills + "from=10&to=5"), 400, "RANGE_REVERSED");
            refused(http.get(fills + "from=10&to=10"), 400, "RANGE_REVERSED");
            refused(http.get(fills + "from=10"), 400, "RANGE_REQUIRED");
            refused(http.get(fills), 400, "RANGE_REQUIRED");
            refused(http.get(fills + "from=-5&to=10"), 400, "INVALID_RANGE");
            refused(http.get(fills + "from=x&to=10"), 400, "INVALID_RANGE");
            refused(http.get(fills + RANGE + "&limit=10001"), 400, "LIMIT_TOO_LARGE");
            refused(http.get(fills + RANGE + "&limit=0"), 400, "INVALID_LIMIT");
            refused(http.get(fills + RANGE + "&subaccount=999"), 400, "INVALID_SUBACCOUNT");
            refused(http.get(fills + RANGE + "&cursor=" + first.get("next").asText().replace('.', 'A') + ".AAAA"),
                400, "INVALID_CURSOR");
            refused(http.get(fills + "from=1&to=9000000000000&limit=1&cursor=" + first.get("next").asText()), 400,
                "INVALID_CURSOR");
            refused(http.get("/v1/accounts/" + Venue.address("nobody") + "/history/fills?" + RANGE), 404,
                "UNKNOWN_ACCOUNT");
            refused(http.get("/v1/accounts/0x12/history/fills?" + RANGE), 400, "INVALID_FIELD");
            refused(http.get("/v1/markets/DOGE-USD/candles?" + RANGE), 404, "UNKNOWN_MARKET");
            refused(http.get("/v1/markets/BTC-USD/candles?interval=7m&" + RANGE), 400, "INVALID_INTERVAL");
        }
        try (Node node = start(url))
        {
            final Http http = new Http(node.port());
            post(http, venue.trade("alice", "bob", true, ONE_BTC / 10, 60_000));
            awaitHistory(node);
            final JsonNode all = http.get(fills + RANGE).json();
            assertThat(all.get("items")).hasSize(3);
            assertThat(all.get("items")).extracting(f -> f.get("sequence").asLong()).doesNotHaveDuplicates();
        }
    }

    private static void refused(final Http.Response response, final int status, final String code)
    {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.code()).as(response.text()).isEqualTo(code);
        assertThat(response.json().get("message").asText()).isNotBlank();
    }
}
