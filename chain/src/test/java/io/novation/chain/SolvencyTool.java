package io.novation.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The solvency module's npm tools for chain tests: installs them when missing ({@code npm ci} from the committed lock
 * file), builds a batch's solvency tree and chunk inputs from accounts (equities in quantums per asset slot) and
 * proves every chunk with snarkjs in one node process, with the committed test ceremony.
 */
final class SolvencyTool
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path work;

    SolvencyTool(final Path work) throws IOException, InterruptedException
    {
        this.dir = Path.of(System.getProperty("novation.solvency.dir", "../solvency")).toAbsolutePath().normalize();
        this.work = work;
        if (!Files.exists(dir.resolve("node_modules/snarkjs/package.json")) ||
            !Files.exists(dir.resolve("node_modules/circomlibjs/package.json")))
        {
            run("npm", "ci", "--no-audit", "--no-fund");
        }
    }

    /** One account: its key (a field element) and its equity per asset slot. */
    record Account(BigInteger key, long[] equities)
    {
    }

    /**
     * Writes a batch's accounts, builds its tree and chunk inputs.
     *
     * @return the inputs file (root, depth, leafCount, totals, inputs).
     */
    Path inputs(final String name, final BigInteger seed, final long batchNumber, final List<Account> accounts)
        throws IOException, InterruptedException
    {
        final ObjectNode batch = JSON.createObjectNode();
        batch.put("seed", seed.toString());
        batch.put("batchNumber", batchNumber);
        final ArrayNode rows = batch.putArray("accounts");
        for (final Account account : accounts)
        {
            final ObjectNode row = rows.addObject();
            row.put("key", account.key().toString());
            final ArrayNode equities = row.putArray("equities");
            for (final long equity : account.equities())
            {
                equities.add(Long.toString(equity));
            }
        }
        final Path accountsFile = work.resolve(name + "-accounts.json");
        final Path inputsFile = work.resolve(name + "-inputs.json");
        JSON.writeValue(accountsFile.toFile(), batch);
        run("node", "js/make-inputs.js", accountsFile.toString(), inputsFile.toString());
        return inputsFile;
    }

    /**
     * Proves every chunk of an inputs file.
     *
     * @return the proofs (root, depth, totals, chunks).
     */
    JsonNode prove(final Path inputsFile) throws IOException, InterruptedException
    {
        final Path proofs = work.resolve(inputsFile.getFileName().toString().replace("-inputs", "-proofs"));
        run("node", "js/prove.js", inputsFile.toString(), proofs.toString());
        return JSON.readTree(proofs.toFile());
    }

    /**
     * Runs a node script of the solvency module, returning its exit code and output without failing.
     */
    Result tryRun(final String... command) throws IOException, InterruptedException
    {
        final Path log = work.resolve("solvency-" + System.nanoTime() + ".log");
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        if (!process.waitFor(20, TimeUnit.MINUTES))
        {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " timed out");
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    /** A finished command. */
    record Result(int exitCode, String output)
    {
    }

    private void run(final String... command) throws IOException, InterruptedException
    {
        final Result result = tryRun(command);
        if (result.exitCode() != 0)
        {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    /**
     * The bridge's words for chunks of a proofs file: a (2), b (4), c (2), chunk index, commitOut, totals (4).
     *
     * @param from first chunk.
     * @param to   after the last chunk.
     */
    static List<BigInteger> words(final JsonNode proofs, final int from, final int to)
    {
        return SolvencyPoster.chunkWords(proofs.get("chunks"), from, to);
    }

    static BigInteger root(final JsonNode proofs)
    {
        return new BigInteger(proofs.get("root").asText());
    }

    static int depth(final JsonNode proofs)
    {
        return proofs.get("depth").asInt();
    }

    static int chunks(final JsonNode proofs)
    {
        return proofs.get("chunks").size();
    }
}
