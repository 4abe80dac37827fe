package io.novation.chain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.novation.chain.BridgeClient;
import io.novation.chain.SolvencyPoster;
import io.novation.chain.SolvencyPostingException;
import io.novation.node.batch.SealedBatch;
import io.novation.node.batch.SolvencyTrees;
import io.novation.solvency.prover.ProgressBar;
import io.novation.solvency.prover.SolvencyProver;
import io.novation.solvency.prover.SolvencyTools;
import io.novation.solvency.tree.SolvencyException;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code novation post-solvency --data-dir DIR [--batch N] --rpc URL --bridge ADDR --operator-key FILE}: posts a
 * sealed batch's solvency proofs to the bridge (docs/solvency.md): proves the batch first when its proofs file is not
 * beside it yet (as {@code prove-solvency} does), commits the batch when it is the bridge's next, then sends the chunks
 * in groups from the chunk the bridge expects next, so that a run stopped half-way resumes. Exit code 0 when the
 * bridge holds the batch proven, 1 when the batch cannot be proven or the bridge refuses (with its revert reason),
 * 2 on bad arguments.
 */
@Command(name = "post-solvency", mixinStandardHelpOptions = true,
    description = "Prove a sealed batch solvent if needed and post its proofs to the bridge (resumable).")
public final class PostSolvencyCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, description = "the node's data directory")
    private Path dataDir;

    @Option(names = "--batch", defaultValue = "0", description = "the batch number (default: the latest)")
    private long batch;

    @Option(names = "--rpc", required = true, description = "the chain's JSON-RPC URL")
    private String rpc;

    @Option(names = "--bridge", required = true, description = "the bridge's address (0x hex)")
    private String bridge;

    @Option(names = "--operator-key", required = true, description = "a file holding the operator's private key (hex)")
    private Path operatorKey;

    @Option(names = "--chain-id", defaultValue = "0", description = "the chain id (default: the node's eth_chainId)")
    private long chainId;

    @Option(names = "--chunks-per-transaction", defaultValue = "" + SolvencyPoster.DEFAULT_CHUNKS_PER_TRANSACTION,
        description = "chunk proofs per proveSolvency transaction, 1 to " + SolvencyPoster.MAX_CHUNKS_PER_TRANSACTION +
            " (about 283,000 gas each; default ${DEFAULT-VALUE})")
    private int chunksPerTransaction;

    @Option(names = "--tools", description = "the solvency npm tools directory (default: solvency/, or "
        + SolvencyTools.DIR_ENV + ")")
    private Path tools;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final SealedBatch sealed;
        final Credentials operator;
        try
        {
            sealed = SolvencyTrees.batch(dataDir, batch);
            operator = Credentials.create(Files.readString(operatorKey, StandardCharsets.US_ASCII).strip());
            if (chunksPerTransaction < 1 || chunksPerTransaction > SolvencyPoster.MAX_CHUNKS_PER_TRANSACTION)
            {
                throw new IllegalArgumentException("--chunks-per-transaction must be 1 to " +
                    SolvencyPoster.MAX_CHUNKS_PER_TRANSACTION);
            }
        }
        catch (final IllegalArgumentException | IOException ex)
        {
            err.println(ex instanceof IOException ? "cannot read " + operatorKey : ex.getMessage());
            return 2;
        }
        final long number = sealed.header().batchNumber();
        final Path proofsFile = SolvencyProver.proofsFile(dataDir.resolve("batches"), number);
        if (!Files.exists(proofsFile))
        {
            final Integer failed = prove(number, out, err);
            if (failed != null)
            {
                return failed;
            }
        }
        final JsonNode proofs;
        try
        {
            proofs = new ObjectMapper().readTree(proofsFile.toFile());
        }
        catch (final IOException ex)
        {
            err.println("cannot read " + proofsFile + ": " + ex.getMessage());
            return 2;
        }
        // Minutes to answer: a chain verifies each chunk's pairing in the call, and a local EVM does it slowly.
        final Web3j web3j = Web3j.build(new HttpService(rpc, new okhttp3.OkHttpClient.Builder()
            .readTimeout(java.time.Duration.ofMinutes(3)).build()));
        try
        {
            final long id = chainId != 0 ? chainId : web3j.ethChainId().send().getChainId().longValueExact();
            final SolvencyPoster poster = new SolvencyPoster(web3j, new BridgeClient(web3j, operator, id, bridge),
                chunksPerTransaction);
            final SolvencyPoster.Posting posting = poster.post(sealed, proofs, line ->
            {
                out.println(line);
                out.flush();
            });
            out.println("batch " + number + (posting.proven() ? " proven on the bridge" : " not proven") + ": " +
                posting.chunksPosted() + " chunks posted from chunk " + posting.firstChunk() + " in " +
                posting.transactions() + " transactions, gas " + posting.gasUsed());
            out.flush();
            return posting.proven() ? 0 : 1;
        }
        catch (final SolvencyPostingException ex)
        {
            err.println("cannot post batch " + number + ": " + ex.getMessage());
            return 1;
        }
        catch (final IOException | UncheckedIOException ex)
        {
            err.println("cannot reach the chain at " + rpc + ": " + ex.getMessage());
            return 1;
        }
        finally
        {
            web3j.shutdown();
        }
    }

    /** Proves the batch beside it; null when proven, else the exit code. */
    private Integer prove(final long number, final PrintWriter out, final PrintWriter err) throws Exception
    {
        final SolvencyTree tree;
        try
        {
            tree = SolvencyTrees.fromDataDir(dataDir, number);
        }
        catch (final SolvencyException ex)
        {
            err.println("cannot prove batch " + number + ": " + ex.getMessage());
            return 1;
        }
        out.println("proving batch " + number + ": " + tree.leafCount() + " accounts, " + tree.chunkCount() +
            " chunks");
        out.flush();
        try (SolvencyProver prover = new SolvencyProver(tools != null ? SolvencyTools.at(tools) :
            SolvencyTools.locate()))
        {
            prover.prove(tree, SolvencySeed.loadOrCreate(dataDir), dataDir.resolve("batches"),
                (done, total, elapsed) ->
                {
                    err.print("\r" + ProgressBar.render(done, total, elapsed));
                    err.flush();
                }).get();
            err.println();
            return null;
        }
        catch (final ExecutionException ex)
        {
            err.println();
            err.println(ex.getCause().getMessage());
            return 1;
        }
    }
}
