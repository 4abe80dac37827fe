package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.Deposit;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Hex;
import io.novation.core.market.MarketStatus;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import static io.novation.node.server.Venue.ONE_BTC;
import static io.novation.node.server.Venue.USD;
import static io.novation.node.server.Venue.USDC;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeApiTest
{
    private Node node;
    private Http http;
    private final Venue venue = new Venue(1_760_000_000_000L);

    @BeforeAll
    void start(@TempDir final Path dataDir) throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE).withLimits(64 * 1024, 100), new PrintStream(
            java.io.OutputStream.nullOutputStream()));
        http = new Http(node.port());
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(post(command).status()).isEqualTo(200);
        }
        assertThat(post(venue.deposit("alice", 100_000)).status()).isEqualTo(200);
        assertThat(post(venue.deposit("bob", 100_000)).status()).isEqualTo(200);
        assertThat(post(venue.price(60_000)).status()).isEqualTo(200);
    }

    @AfterAll
    void stop()
    {
        node.close();
    }

    private Http.Response post(final ObjectNode command)
    {
        return http.post("/v1/commands", command.toString());
    }

    private String root()
    {
        return http.get("/v1/state").json().get("stateRoot").asText();
    }

    private void assertRefused(final Http.Response response, final int status, final String code, final String root)
    {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.code()).as(response.text()).isEqualTo(code);
        assertThat(response.json().get("message").asText()).isNotBlank();
        assertThat(root()).isEqualTo(root);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void shouldSettleASignedTradeAndReportPositionsWithMarginFigures()
    {
        final Http.Response response = post(venue.trade("alice", "bob", true, ONE_BTC / 10, 60_000));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("applied");
        assertThat(response.json().get("events").get(0).get("type").asText()).isEqualTo("TradeSettled");

        final JsonNode positions = http.get("/v1/accounts/" + Venue.address("alice") + "/positions").json();
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0).get("size").asText()).isEqualTo("0.1");
        assertThat(positions.get(0).get("initialMarginRequirement").asText()).isEqualTo("300");
        // 0.1 BTC on 100,000 USDC: no BTC price makes alice liquidatable, said explicitly.
        assertThat(positions.get(0).get("liquidationPrice").isNull()).isTrue();
        assertThat(positions.get(0).get("liquidationPriceExists").asBoolean()).isFalse();
        final JsonNode oracle = positions.get(0).get("subaccountLiquidationPrices").get(0);
        assertThat(oracle.get("below").get("liquidationPriceExists").asBoolean()).isFalse();
        assertThat(oracle.get("below").get("searchedTo").asText()).isEqualTo("0.00001");
        assertThat(oracle.get("above").get("searchedTo").asText()).isEqualTo("600000");
        final JsonNode account = http.get("/v1/accounts/" + Venue.address("bob")).json();
        assertThat(account.get("subaccounts").get(0).get("positions").get(0).get("size").asText()).isEqualTo("-0.1");
        assertThat(http.get("/v1/accounts/" + Venue.address("bob") + "/subaccounts/0").json().get("freeCollateral")
            .asText()).isNotBlank();
        assertThat(http.get("/v1/markets").json().get(0).get("openInterest").asText()).isEqualTo("0.1");
        assertThat(http.get("/v1/markets/BTC-USD").json().get("ticker").asText()).isEqualTo("BTC-USD");
        assertThat(http.get("/v1/oracles").json().get(0).get("price").asText()).isEqualTo("60000");
        assertThat(http.get("/v1/assets").json().get(1).get("symbol").asText()).isEqualTo("ETH");
        assertThat(http.get("/v1/insurance").json().get("feePool").asText()).isEqualTo("3");
        assertThat(http.get("/v1/liquidatable").json().get("subaccounts")).isEmpty();
        final JsonNode state = http.get("/v1/state").json();
        assertThat(state.get("sequence").asLong()).isEqualTo(state.get("durableSequence").asLong());
        assertThat(state.get("stateRoot").asText()).isEqualTo(Hex.encode(venue.replica.stateRoot()));
    }

    @Test
    @Order(2)
    void shouldListSubaccountsBelowMaintenanceForKeepers()
    {
        assertThat(post(venue.deposit("carol", 1_000)).status()).isEqualTo(200);
        assertThat(post(venue.deposit("dave", 100_000)).status()).isEqualTo(200);
        assertThat(post(venue.trade("carol", "dave", true, ONE_BTC / 4, 60_000)).status()).isEqualTo(200);
        assertThat(post(venue.price(56_000)).status()).isEqualTo(200);
        final JsonNode liquidatable = http.get("/v1/liquidatable").json().get("subaccounts");
        assertThat(liquidatable).hasSize(1);
        assertThat(liquidatable.get(0).get("account").asText()).isEqualTo(Venue.address("carol").toString());
        assertThat(post(venue.price(60_000)).status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void shouldRefuseConfigurationWithoutTheGovernanceKey()
    {
        final String root = root();
        final CreateAsset asset = new CreateAsset(venue.now(), 2, "SOL", 9, "SOL-USD", -6, 500_000, 600_000);
        final ObjectNode unsigned = venue.encoder.encode(asset, false);
        assertRefused(post(unsigned), 403, "NOT_AUTHORIZED", root);
        final ObjectNode wrongKey = CommandEncoder.withAuthority(venue.encoder.encode(asset, false), 99,
            Authority.sign(venue.domain, 99, asset, Venue.key("mallory")));
        assertRefused(post(wrongKey), 403, "NOT_AUTHORIZED", root);
        final ObjectNode bridgeKey = CommandEncoder.withAuthority(venue.encoder.encode(asset, false), 99,
            Authority.sign(venue.domain, 99, asset, Venue.BRIDGE_KEY));
        assertRefused(post(bridgeKey), 403, "NOT_AUTHORIZED", root);
    }

    @Test
    @Order(4)
    void shouldRefuseDepositsNotSignedByTheBridge()
    {
        final String root = root();
        final Deposit deposit = new Deposit(venue.now(), Venue.address("mallory"), 0, 0, 1_000 * USDC, 1_000);
        assertRefused(post(venue.encoder.encode(deposit, false)), 403, "NOT_AUTHORIZED", root);
        final ObjectNode governanceSigned = CommandEncoder.withAuthority(venue.encoder.encode(deposit, false), 0,
            Authority.sign(venue.domain, 0, deposit, Venue.GOVERNANCE_KEY));
        assertRefused(post(governanceSigned), 403, "NOT_AUTHORIZED", root);
    }

    @Test
    @Order(5)
    void shouldRefuseAReplayedGovernanceEnvelope()
    {
        final SetMarketStatus halt = new SetMarketStatus(venue.nextTime(), 0, MarketStatus.HALTED);
        final ObjectNode first = CommandEncoder.withAuthority(venue.encoder.encode(halt, true), 1_000,
            Authority.sign(venue.domain, 1_000, halt, Venue.GOVERNANCE_KEY));
        assertThat(post(first).status()).isEqualTo(200);
        final SetMarketStatus resume = new SetMarketStatus(venue.nextTime(), 0, MarketStatus.ACTIVE);
        assertThat(post(CommandEncoder.withAuthority(venue.encoder.encode(resume, true), 1_001,
            Authority.sign(venue.domain, 1_001, resume, Venue.GOVERNANCE_KEY))).status()).isEqualTo(200);
        final String root = root();
        first.put("time", venue.nextTime());
        assertRefused(post(first), 409, "AUTHORITY_NONCE_REUSED", root);
        assertThat(http.get("/v1/markets/BTC-USD").json().get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @Order(6)
    void shouldRefuseMalformedJson()
    {
        final String root = root();
        assertRefused(http.post("/v1/commands", "{\"type\": \"deposit\", "), 400, "MALFORMED_JSON", root);
        assertRefused(http.post("/v1/commands", "{\"type\":\"deposit\",\"type\":\"withdraw\"}"), 400,
            "MALFORMED_JSON", root);
        assertRefused(http.post("/v1/commands", "[1, 2]"), 400, "INVALID_COMMAND", root);
        assertRefused(http.post("/v1/commands/batch", "{}"), 400, "INVALID_COMMAND", root);
    }

    @Test
    @Order(7)
    void shouldRefuseUnknownFieldsAndTypes()
    {
        final String root = root();
        final ObjectNode extra = venue.deposit("alice", 1);
        extra.put("memo", "hello");
        assertRefused(post(extra), 400, "UNKNOWN_FIELD", root);
        assertRefused(http.post("/v1/commands", "{\"type\":\"liquidateEverybody\"}"), 400, "UNKNOWN_TYPE", root);
        assertRefused(http.post("/v1/commands", "{\"account\":\"0x00\"}"), 400, "MISSING_FIELD", root);
        final ObjectNode badAuthority = venue.deposit("alice", 1);
        ((ObjectNode)badAuthority.get("authority")).put("extra", 1);
        assertRefused(post(badAuthority), 400, "UNKNOWN_FIELD", root);
    }

    @Test
    @Order(8)
    void shouldRefuseWrongSignatures()
    {
        final String root = root();
        final SettleTrade trade = venue.tradeCommand("alice", "bob", true, ONE_BTC / 100, 60_000);
        final ObjectNode json = venue.encoder.encode(trade, true);
        final ObjectNode maker = (ObjectNode)json.get("maker");
        maker.put("limitPrice", "60001");
        assertRefused(post(json), 403, "BAD_SIGNATURE", root);
        final ObjectNode unsigned = venue.encoder.encode(trade, true);
        ((ObjectNode)unsigned.get("taker")).remove("signature");
        assertRefused(post(unsigned), 403, "BAD_SIGNATURE", root);
        final ObjectNode withdrawal = venue.encoder.encode(venue.withdrawal("alice", 1, 77), true);
        withdrawal.put("account", Venue.address("bob").toString());
        assertRefused(post(withdrawal), 403, "BAD_SIGNATURE", root);
        final ObjectNode garbage = venue.encoder.encode(venue.withdrawal("alice", 1, 78), true);
        garbage.put("signature", "0x1234");
        assertRefused(post(garbage), 400, "INVALID_FIELD", root);
    }

    @Test
    @Order(9)
    void shouldRejectAReplayedNonceWithTheStateUnchanged()
    {
        assertThat(post(venue.withdraw("alice", 10)).status()).isEqualTo(200);
        final String root = root();
        final ObjectNode replay = venue.encoder.encode(venue.withdrawal("alice", 10, 1), true);
        final Http.Response response = post(replay);
        assertRefused(response, 409, "NONCE_REUSED", root);
        assertThat(response.json().get("sequence").asLong()).isPositive();
        final ObjectNode deposit = venue.deposit("alice", 5);
        assertThat(post(deposit).status()).isEqualTo(200);
        final String afterDeposit = root();
        deposit.put("time", venue.nextTime());
        assertRefused(post(deposit), 409, "DUPLICATE_DEPOSIT", afterDeposit);
    }

    @Test
    @Order(10)
    void shouldRefuseValuesThatOverflowOrDoNotFitTheGrid()
    {
        final String root = root();
        final ObjectNode overflow = venue.deposit("alice", 1);
        overflow.put("amount", "99999999999999999999");
        assertRefused(post(overflow), 400, "OVERFLOW", root);
        final ObjectNode precise = venue.deposit("alice", 1);
        precise.put("amount", "1.0000001");
        assertRefused(post(precise), 400, "PRECISION_EXCEEDED", root);
        final ObjectNode bigId = venue.deposit("alice", 1);
        bigId.put("depositId", new java.math.BigInteger("99999999999999999999"));
        assertRefused(post(bigId), 400, "OVERFLOW", root);
        final SettleTrade offTick = new SettleTrade(venue.nextTime(), 0,
            venue.order("alice", true, ONE_BTC / 100, 60_000 * USD + 1, venue.now()),
            venue.order("bob", false, ONE_BTC / 100, 60_000 * USD + 1, venue.now()), ONE_BTC / 100, 60_000 * USD + 1);
        assertRefused(post(venue.encoder.encode(offTick, true)), 400, "OFF_TICK", root);
        final SettleTrade offStep = new SettleTrade(venue.nextTime(), 0,
            venue.order("alice", true, 1_000, 60_000 * USD, venue.now()),
            venue.order("bob", false, 1_000, 60_000 * USD, venue.now()), 1_000, 60_000 * USD);
        assertRefused(post(venue.encoder.encode(offStep, true)), 400, "OFF_STEP", root);
    }

    @Test
    @Order(11)
    void shouldRefuseOversizedBodiesAndBatches()
    {
        final String root = root();
        final byte[] large = new byte[128 * 1024];
        java.util.Arrays.fill(large, (byte)' ');
        large[0] = '{';
        large[large.length - 1] = '}';
        assertRefused(http.post("/v1/commands", large), 413, "BODY_TOO_LARGE", root);
        final ArrayNode batch = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 101; i++)
        {
            batch.addObject().put("type", "deposit");
        }
        assertRefused(http.post("/v1/commands/batch", batch.toString()), 413, "BATCH_TOO_LARGE", root);
    }

    @Test
    @Order(12)
    void shouldApplyABatchOrRefuseItWholeNamingTheCommandAtFault()
    {
        final ArrayNode bad = Json.MAPPER.createArrayNode();
        bad.add(venue.deposit("erin", 100));
        final ObjectNode forged = venue.deposit("erin", 100);
        ((ObjectNode)forged.get("authority")).put("signature", ((ObjectNode)bad.get(0).get("authority"))
            .get("signature").asText());
        bad.add(forged);
        final String root = root();
        final Http.Response refused = http.post("/v1/commands/batch", bad.toString());
        assertRefused(refused, 403, "NOT_AUTHORIZED", root);
        assertThat(refused.json().get("index").asInt()).isEqualTo(1);

        final Venue fresh = venue;
        final ArrayNode good = Json.MAPPER.createArrayNode();
        good.add(fresh.deposit("frank", 100));
        good.add(fresh.deposit("grace", 100));
        good.add(fresh.withdraw("frank", 1_000));
        final Http.Response response = http.post("/v1/commands/batch", good.toString());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("applied").asInt()).isEqualTo(2);
        assertThat(response.json().get("rejected").asInt()).isEqualTo(1);
        final JsonNode results = response.json().get("results");
        assertThat(results.get(1).get("sequence").asLong()).isEqualTo(results.get(0).get("sequence").asLong() + 1);
        assertThat(results.get(2).get("code").asText()).isEqualTo("INSUFFICIENT_BALANCE");
    }

    @Test
    @Order(13)
    void shouldServeMetricsInThePrometheusFormat()
    {
        final Http.Response metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("novation_commands_applied_total ")
            .contains("novation_commands_rejected_total{code=\"NONCE_REUSED\"} 1")
            .contains("novation_commands_refused_total{code=\"BAD_SIGNATURE\"}")
            .contains("novation_command_latency_seconds_bucket{le=\"+Inf\"}")
            .contains("novation_journal_fsync_seconds_count")
            .contains("novation_journal_lag_commands 0");
    }

    @Test
    @Order(14)
    void shouldAnswerUnknownRoutesAndAccountsWithJsonErrors()
    {
        assertThat(http.get("/v1/nothing").status()).isEqualTo(404);
        assertThat(http.get("/v1/nothing").code()).isEqualTo("NOT_FOUND");
        assertThat(http.get("/v1/accounts/0x1234").code()).isEqualTo("INVALID_FIELD");
        assertThat(http.get("/v1/accounts/" + Venue.address("nobody")).code()).isEqualTo("UNKNOWN_ACCOUNT");
        assertThat(http.get("/v1/markets/DOGE-USD").status()).isEqualTo(404);
        assertThat(http.get("/v1/accounts/" + Venue.address("alice") + "/subaccounts/300").code())
            .isEqualTo("INVALID_SUBACCOUNT");
    }

    @Test
    @Order(15)
    void shouldSequenceVolatilitySurfacesSignedByAQuorumOfRegisteredPublishersOnly()
    {
        final String root = root();
        // Properly signed, by a key not registered for BTC-USD: sequenced and rejected by the engine.
        final ObjectNode unregistered = venue.encoder.encode(venue.surface("mallory", venue.now() + 1), true);
        assertRefused(post(unregistered), 403, "UNKNOWN_PUBLISHER", root);

        final OracleVolSurface signed = venue.surface("publisher-a", venue.now() + 1);
        final ObjectNode unsigned = venue.encoder.encode(signed.withSignature(null), true);
        // Governance no longer publishes surfaces: its envelope is not accepted on one.
        final ObjectNode enveloped = CommandEncoder.withAuthority(unsigned.deepCopy(), 5_000,
            Authority.sign(venue.domain, 5_000, signed.withSignature(null), Venue.GOVERNANCE_KEY));
        assertRefused(post(enveloped), 400, "INVALID_COMMAND", root);
        assertRefused(post(unsigned), 403, "BAD_SIGNATURE", root);
        final ObjectNode tampered = venue.encoder.encode(signed, true);
        ((ObjectNode)tampered.get("slices").get(0)).put("a", "0.021");
        assertRefused(post(tampered), 403, "BAD_SIGNATURE", root);

        // One publisher's signature is counted towards the quorum, but the surface does not take effect alone.
        final Http.Response submitted = post(venue.apply(signed));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        final JsonNode pending = submitted.json().get("events").get(0);
        assertThat(pending.get("type").asText()).isEqualTo("VolSurfaceSubmitted");
        assertThat(pending.get("signers").asInt()).isEqualTo(1);
        final String after = root();
        assertThat(after).isNotEqualTo(root);
        final ObjectNode replay = venue.encoder.encode(signed, true);
        replay.put("time", venue.nextTime());
        assertRefused(post(replay), 409, "VOL_SURFACE_NOT_NEWER", after);

        JsonNode event = pending;
        for (final String publisher : new String[] {"publisher-b", "publisher-c"})
        {
            final OracleVolSurface other = new OracleVolSurface(venue.nextTime(), signed.oracleId(),
                signed.publishedAt(), signed.slices(), Venue.address(publisher), null);
            final Http.Response cosigned = post(venue.apply(other.withSignature(
                io.novation.core.crypto.Secp256k1.sign(other.digest(venue.domain), Venue.key(publisher)))));
            assertThat(cosigned.status()).as(cosigned.text()).isEqualTo(200);
            event = cosigned.json().get("events").get(0);
        }
        assertThat(event.get("type").asText()).isEqualTo("VolSurfaceUpdated");
        assertThat(event.get("publisher").asText()).isEqualTo(Venue.address("publisher-a").toString());
        assertThat(event.get("publishedAt").asLong()).isEqualTo(signed.publishedAt());
    }
}
