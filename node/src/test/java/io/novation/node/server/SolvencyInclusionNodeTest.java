package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.batch.SolvencyTrees;
import io.novation.node.cli.NovationCli;
import io.novation.node.json.Json;
import io.novation.solvency.inclusion.InclusionProof;
import io.novation.solvency.tree.SolvencyLeaves;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.novation.node.server.Venue.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node serves each account's inclusion proof in a sealed batch's solvency tree, the same tree the data directory
 * gives offline; {@code novation verify-solvency-inclusion} accepts it against the published root and the account's
 * state proof, and refuses a changed equity, another root and another account's state proof.
 */
class SolvencyInclusionNodeTest
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void shouldServeInclusionProofsThatVerifyOfflineAndMatchTheStateProof(@TempDir final Path dir) throws Exception
    {
        final Venue venue = new Venue(1_760_000_000_000L);
        final NodeConfig config = NodeConfig.defaults().withDataDir(dir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE).withSealing(4, 0);
        final long latest;
        try (Node node = Node.start(config, QUIET))
        {
            final Http http = new Http(node.port());
            for (final var command : venue.genesis())
            {
                assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
            }
            assertThat(http.post("/v1/commands", venue.deposit("alice", 10_000).toString()).status()).isEqualTo(200);
            assertThat(http.post("/v1/commands", venue.deposit("bob", 10_000).toString()).status()).isEqualTo(200);
            assertThat(http.post("/v1/commands", venue.price(60_000).toString()).status()).isEqualTo(200);
            assertThat(http.post("/v1/commands", venue.trade("alice", "bob", true, ONE_BTC / 10, 60_000).toString())
                .status()).isEqualTo(200);
            for (int i = 1; i <= 3; i++)
            {
                assertThat(http.post("/v1/commands", venue.price(60_000 + i).toString()).status()).isEqualTo(200);
            }
            latest = http.get("/v1/batches").json().get("count").asLong();
            assertThat(latest).isGreaterThanOrEqualTo(2);

            final Http.Response alice = http.get("/v1/solvency/" + latest + "/inclusion/" + Venue.address("alice"));
            assertThat(alice.status()).as(alice.text()).isEqualTo(200);
            assertThat(InclusionProof.fromJson(alice.json()).check(null)).isNull();
            Files.writeString(dir.resolve("alice.json"), alice.text());
            final Http.Response bob = http.get("/v1/solvency/" + latest + "/inclusion/" + Venue.address("bob"));
            Files.writeString(dir.resolve("bob.json"), bob.text());
            assertThat(bob.json().get("root").asText()).isEqualTo(alice.json().get("root").asText());
            assertThat(bob.json().get("salt").asText()).isNotEqualTo(alice.json().get("salt").asText());
            Files.writeString(dir.resolve("alice-state.json"),
                http.get("/v1/proofs/accounts/" + Venue.address("alice")).text());

            final Http.Response earlier = http.get("/v1/solvency/" + (latest - 1) + "/inclusion/" +
                Venue.address("alice"));
            assertThat(earlier.status()).as(earlier.text()).isEqualTo(200);
            assertThat(InclusionProof.fromJson(earlier.json()).check(null)).isNull();
            Files.writeString(dir.resolve("alice-earlier.json"), earlier.text());

            assertThat(http.get("/v1/solvency/" + (latest + 5) + "/inclusion/" + Venue.address("alice")).code())
                .isEqualTo("UNKNOWN_BATCH");
            assertThat(http.get("/v1/solvency/" + latest + "/inclusion/" + Venue.address("nobody")).code())
                .isEqualTo("UNKNOWN_ACCOUNT");
        }

        final SolvencyTree offline = SolvencyTrees.fromDataDir(dir, latest);
        final String root = offline.root().toString();
        assertThat(Json.MAPPER.readTree(dir.resolve("alice.json").toFile()).get("root").asText()).isEqualTo(root);
        assertThat(SolvencyTrees.fromDataDir(dir, latest - 1).root().toString()).isEqualTo(
            Json.MAPPER.readTree(dir.resolve("alice-earlier.json").toFile()).get("root").asText());
        assertThat(offline.leafCount()).isEqualTo(2);
        assertThat(SolvencySeed.loadOrCreate(dir).salt(latest,
            SolvencyLeaves.accountKey(Venue.address("alice").toBytes())).toString())
            .isEqualTo(Json.MAPPER.readTree(dir.resolve("alice.json").toFile()).get("salt").asText());

        final String alice = dir.resolve("alice.json").toString();
        final String state = dir.resolve("alice-state.json").toString();
        assertThat(run("verify-solvency-inclusion", "--proof", alice, "--root", root, "--state-proof", state))
            .startsWith("0 VALID").contains("same balances");
        assertThat(run("verify-solvency-inclusion", "--proof", alice, "--root", "12345"))
            .startsWith("1 INVALID").contains("not the published root");
        assertThat(run("verify-solvency-inclusion", "--proof", dir.resolve("alice-earlier.json").toString(),
            "--root", root)).startsWith("1 INVALID");
        assertThat(run("verify-solvency-inclusion", "--proof", dir.resolve("bob.json").toString(), "--root", root,
            "--state-proof", state)).startsWith("1 INVALID").contains("another account");

        final ObjectNode inflated = (ObjectNode)Json.MAPPER.readTree(dir.resolve("alice.json").toFile());
        final JsonNode equities = inflated.get("equities");
        ((ArrayNode)equities).set(0, inflated.textNode(new BigInteger(equities.get(0).asText()).add(BigInteger.ONE)
            .toString()));
        Files.writeString(dir.resolve("inflated.json"), inflated.toString());
        assertThat(run("verify-solvency-inclusion", "--proof", dir.resolve("inflated.json").toString()))
            .startsWith("1 INVALID").contains("fold");
        assertThat(run("verify-solvency-inclusion", "--proof", dir.resolve("missing.json").toString()))
            .startsWith("2 ");
    }

    @Test
    void shouldServeTheLatestBatchAfterAnOracleRoundThatChangesNoAccount(@TempDir final Path dir) throws Exception
    {
        final Venue venue = new Venue(1_760_000_000_000L);
        final NodeConfig config = NodeConfig.defaults().withDataDir(dir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE).withSealing(4, 0);
        try (Node node = Node.start(config, QUIET))
        {
            final Http http = new Http(node.port());
            for (final var command : venue.genesis())
            {
                assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
            }
            assertThat(http.post("/v1/commands", venue.deposit("alice", 10_000).toString()).status()).isEqualTo(200);
            assertThat(http.post("/v1/commands", venue.price(60_000).toString()).status()).isEqualTo(200);
            // Price rounds until one seals a batch: the batch's state is then the live state.
            long sealed = http.get("/v1/batches").json().get("count").asLong();
            int price = 60_000;
            for (int i = 0; i < 8; i++)
            {
                assertThat(http.post("/v1/commands", venue.price(++price).toString()).status()).isEqualTo(200);
                final long count = http.get("/v1/batches").json().get("count").asLong();
                if (count > sealed)
                {
                    sealed = count;
                    break;
                }
            }
            assertThat(sealed).isGreaterThanOrEqualTo(1);
            // A later oracle round moves the prices (the global hash) but no account leaf, and seals nothing.
            assertThat(http.post("/v1/commands", venue.price(price + 500).toString()).status()).isEqualTo(200);
            assertThat(http.get("/v1/batches").json().get("count").asLong()).isEqualTo(sealed);

            final Http.Response alice = http.get("/v1/solvency/" + sealed + "/inclusion/" + Venue.address("alice"));
            assertThat(alice.status()).as(alice.text()).isEqualTo(200);
            assertThat(InclusionProof.fromJson(alice.json()).check(null)).isNull();
        }
    }

    private static String run(final String... args)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintWriter writer = new PrintWriter(bytes, true);
        final int code = NovationCli.commandLine().setOut(writer).setErr(writer).execute(args);
        writer.flush();
        return code + " " + bytes;
    }
}
