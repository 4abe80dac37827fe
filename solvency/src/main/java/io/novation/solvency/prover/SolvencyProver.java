package io.novation.solvency.prover;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Proves a batch's solvency tree chunk by chunk with snarkjs (Groth16, the committed test ceremony) in one node
 * process, on the prover's own thread (never the caller's: a node's engine thread only hands it a built tree), and
 * reports each chunk proven; writes {@code solvency-N-inputs.json} and {@code solvency-N-proofs.json} to a directory.
 */
public final class SolvencyProver implements AutoCloseable
{
    /** Gets progress: chunks proven so far, chunks in all, milliseconds since proving started. */
    @FunctionalInterface
    public interface Progress
    {
        void chunkProven(int done, int total, long elapsedMillis);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SolvencyTools tools;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread prover = new Thread(runnable, "solvency-prover");
        prover.setDaemon(true);
        return prover;
    });

    /**
     * A prover with tools.
     *
     * @param tools the npm tools and the ceremony.
     */
    public SolvencyProver(final SolvencyTools tools)
    {
        this.tools = tools;
    }

    /**
     * The proofs file of a batch in a directory.
     *
     * @param dir         the directory.
     * @param batchNumber the batch.
     * @return its path.
     */
    public static Path proofsFile(final Path dir, final long batchNumber)
    {
        return dir.resolve("solvency-" + batchNumber + "-proofs.json");
    }

    /**
     * Proves every chunk of a tree on the prover's thread.
     *
     * @param tree     the batch's tree.
     * @param seed     the operator's seed.
     * @param dir      where the inputs and proofs are written.
     * @param progress gets each chunk proven (on the prover's thread).
     * @return the proofs file once written; fails with the circuit's or the tool's reason.
     */
    public CompletableFuture<Path> prove(final SolvencyTree tree, final SolvencySeed seed, final Path dir,
        final Progress progress)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                Files.createDirectories(dir);
                final Path inputs = dir.resolve("solvency-" + tree.batchNumber() + "-inputs.json");
                final Path proofs = proofsFile(dir, tree.batchNumber());
                JSON.writeValue(inputs.toFile(), ChunkInputs.of(tree, seed));
                Files.deleteIfExists(proofs);
                final SolvencyTools.Result result = tools.run(line -> report(line, progress), "node", "js/prove.js",
                    inputs.toAbsolutePath().toString(), proofs.toAbsolutePath().toString());
                if (result.exitCode() != 0 || !Files.exists(proofs))
                {
                    throw new IllegalStateException("proving batch " + tree.batchNumber() + " failed: " +
                        lastLine(result.output()));
                }
                return proofs;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }, thread);
    }

    /**
     * Checks a proofs file offline (snarkjs with the committed verification key, and the chain of chunks).
     *
     * @param proofs the file.
     * @return exit code 0 and "VALID: ..." or 1 and "INVALID: reason" (2 when the file cannot be read).
     */
    public SolvencyTools.Result verify(final Path proofs) throws IOException, InterruptedException
    {
        return tools.run(line -> { }, "node", "js/verify.js", proofs.toAbsolutePath().toString());
    }

    private static void report(final String line, final Progress progress)
    {
        if (line.startsWith("progress "))
        {
            final String[] parts = line.split(" ");
            progress.chunkProven(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
        }
    }

    private static String lastLine(final String output)
    {
        final String trimmed = output.strip();
        final int newline = trimmed.lastIndexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(newline + 1);
    }

    @Override
    public void close()
    {
        thread.shutdownNow();
    }
}
