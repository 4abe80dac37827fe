package io.novation.node.cli;

import io.novation.node.batch.SolvencyTrees;
import io.novation.solvency.prover.ChunkInputs;
import io.novation.solvency.prover.ProgressBar;
import io.novation.solvency.prover.SolvencyProver;
import io.novation.solvency.prover.SolvencyTools;
import io.novation.solvency.tree.SolvencyException;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * {@code novation prove-solvency --data-dir DIR [--batch N]}: builds a sealed batch's solvency tree from the data
 * directory (offline, by re-execution), proves it chunk by chunk with snarkjs on the prover's thread with a progress
 * bar and an ETA, and writes {@code batches/solvency-N-proofs.json} beside the batch (docs/solvency.md). Exit code 0
 * when proven, 1 when the batch cannot be proven solvent (a negative equity, too many assets) or proving fails, 2 on
 * bad arguments.
 */
@Command(name = "prove-solvency", mixinStandardHelpOptions = true,
    description = "Prove a sealed batch solvent (Groth16 chunk proofs beside the batch).")
public final class ProveSolvencyCommand implements java.util.concurrent.Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, description = "the node's data directory")
    private Path dataDir;

    @Option(names = "--batch", defaultValue = "0", description = "the batch number (default: the latest)")
    private long batch;

    @Option(names = "--tools", description = "the solvency npm tools directory (default: solvency/, or "
        + SolvencyTools.DIR_ENV + ")")
    private Path tools;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final SolvencyTree tree;
        try
        {
            tree = SolvencyTrees.fromDataDir(dataDir, batch);
        }
        catch (final SolvencyException ex)
        {
            err.println("cannot prove batch " + (batch == 0 ? "latest" : batch) + ": " + ex.getMessage());
            return 1;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        out.println("batch " + tree.batchNumber() + ": " + tree.leafCount() + " accounts, root " + tree.root() +
            ", " + tree.chunkCount() + " chunks of " + SolvencyTree.CHUNK_SIZE + ", depth above a chunk " +
            ChunkInputs.depthAboveChunk(tree));
        out.flush();
        final SolvencyTools located = tools != null ? SolvencyTools.at(tools) : SolvencyTools.locate();
        try (SolvencyProver prover = new SolvencyProver(located))
        {
            final Path proofs = prover.prove(tree, SolvencySeed.loadOrCreate(dataDir), dataDir.resolve("batches"),
                (done, total, elapsed) ->
                {
                    err.print("\r" + ProgressBar.render(done, total, elapsed));
                    err.flush();
                }).get();
            err.println();
            out.println("proven: " + proofs);
            out.flush();
            return 0;
        }
        catch (final ExecutionException ex)
        {
            err.println();
            err.println(ex.getCause().getMessage());
            return 1;
        }
    }
}
