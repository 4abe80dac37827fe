package io.novation.solvency.prover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.solvency.tree.SolvencyLeaf;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chunk circuit's inputs built in Java from the Java tree are, field for field, the inputs the JavaScript
 * reference (circomlibjs Poseidon, solvency/js/make-inputs.js) builds from the same accounts, so the Java tree and
 * the circuit agree on every leaf, salt, path and commitment.
 */
class ChunkInputsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void shouldBuildTheSameChunkInputsAsTheCircomlibjsReference() throws Exception
    {
        final BigInteger seedValue = new BigInteger("987654321987654321987654321");
        final SolvencySeed seed = SolvencySeed.of(seedValue);
        final long batchNumber = 5;
        final Random random = new Random(7);
        final List<SolvencyLeaf> leaves = new ArrayList<>();
        final ObjectNode batch = JSON.createObjectNode().put("seed", seedValue.toString())
            .put("batchNumber", batchNumber);
        final ArrayNode accounts = batch.putArray("accounts");
        for (int i = 0; i < 21; i++)
        {
            final BigInteger key = BigInteger.valueOf(1_000 + 31L * i).shiftLeft(100);
            final long[] equities = {random.nextLong(1L << 40), i % 2 == 0 ? 0 : random.nextLong(1L << 30), 0,
                i == 20 ? -1L : 0};
            leaves.add(new SolvencyLeaf(key, seed.salt(batchNumber, key), equities));
            final ObjectNode account = accounts.addObject().put("key", key.toString());
            final ArrayNode row = account.putArray("equities");
            for (int a = 0; a < equities.length; a++)
            {
                row.add(new SolvencyLeaf(key, BigInteger.ZERO, equities).equity(a).toString());
            }
        }
        final SolvencyTree tree = SolvencyTree.build(batchNumber, leaves);
        final JsonNode java = ChunkInputs.of(tree, seed);

        final SolvencyTools tools = SolvencyTools.locate();
        final Path accountsFile = work.resolve("accounts.json");
        final Path inputsFile = work.resolve("inputs.json");
        JSON.writeValue(accountsFile.toFile(), batch);
        final SolvencyTools.Result made = tools.run(line -> { }, "node", "js/make-inputs.js",
            accountsFile.toString(), inputsFile.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        final JsonNode script = JSON.readTree(inputsFile.toFile());

        assertThat(java.get("root").asText()).isEqualTo(script.get("root").asText())
            .isEqualTo(tree.root().toString());
        assertThat(java.get("depth").asInt()).isEqualTo(script.get("depth").asInt()).isEqualTo(2);
        assertThat(java.get("inputs").size()).isEqualTo(4);
        for (int c = 0; c < 4; c++)
        {
            assertThat(java.get("inputs").get(c)).as("chunk " + c).isEqualTo(script.get("inputs").get(c));
        }
        assertThat(java.get("inputs").get(3).get("totals").get(3).asText())
            .as("an unsigned 64-bit equity sums as such").isEqualTo(BigInteger.ONE.shiftLeft(64)
                .subtract(BigInteger.ONE).toString());
    }
}
