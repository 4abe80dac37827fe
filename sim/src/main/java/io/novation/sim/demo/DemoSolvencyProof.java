package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.chain.BridgeClient;
import io.novation.core.crypto.Hex;
import io.novation.node.batch.SealedBatch;
import io.novation.node.batch.SolvencyTrees;
import io.novation.node.json.Json;
import io.novation.solvency.prover.ChunkInputs;
import io.novation.solvency.prover.ProgressBar;
import io.novation.solvency.prover.SolvencyProver;
import io.novation.solvency.prover.SolvencyTools;
import io.novation.solvency.tree.SolvencyException;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code novation demo --prove}: after the day, the final sealed batch's solvency tree is built from the node's data
 * directory as {@code novation prove-solvency} builds it ({@link SolvencyTrees}), every chunk is proven with the
 * project's prover ({@link SolvencyProver}, snarkjs and the committed test ceremony) and checked on the demo's chain by
 * the project's {@code SolvencyVerifier} with the signals the bridge's gate would build ({@link ChunkVerifier}), and
 * the proven totals are compared with what the bridge holds, as the gate's reserve check does; writes the report's
 * section {@code solvencyProof}. Amounts in each asset's quantums, times in milliseconds, gas in units of gas.
 */
final class DemoSolvencyProof implements AutoCloseable
{
    /** The report's invariant. */
    static final String INVARIANT = "finalBatchSolvencyProofAcceptedOnChain";
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final SolvencyTools tools;
    private final Thread stopper = new Thread(DemoSolvencyProof::stopProvers, "demo-prover-stop");
    private ProcessHandle proverProcess;
    private Duration proverCpu = Duration.ZERO;

    /** The prover's tools cannot be used: node, the npm tools or the ceremony files are missing (exit code 2). */
    static final class ProverUnavailableException extends IOException
    {
        private static final long serialVersionUID = 1L;

        ProverUnavailableException(final String message)
        {
            super(message);
        }
    }

    /**
     * The demo chain's parts the proof uses.
     *
     * @param evm      the chain.
     * @param operator the operator's key (deploys the verifier and sends its transactions).
     * @param bridge   the bridge.
     * @param tokens   the token of each asset id.
     */
    record Chain(LocalEvm evm, EvmAccount operator, BridgeClient bridge, List<String> tokens)
    {
    }

    private DemoSolvencyProof(final SolvencyTools tools)
    {
        this.tools = tools;
    }

    /**
     * Checks the tools before the day starts, so that a missing tool costs no run: {@code node}, the solvency module's
     * prover script and its committed ceremony (circuit and zkey), and its npm tools (installed with {@code npm ci}
     * when missing).
     *
     * @param settings the settings.
     * @return the proof, ready to run after the day.
     * @throws ProverUnavailableException when a tool is missing.
     */
    static DemoSolvencyProof prepare(final ProofSettings settings) throws ProverUnavailableException
    {
        final Path dir = settings.toolsDir();
        if (!Files.isRegularFile(dir.resolve("js/prove.js")))
        {
            throw new ProverUnavailableException("no solvency module at " + dir + " (js/prove.js expected; set -D" +
                ProofSettings.DIR_PROPERTY + ")");
        }
        for (final String file : List.of("ceremony/solvency_chunk.wasm", "ceremony/solvency_chunk.zkey"))
        {
            if (!Files.isRegularFile(dir.resolve(file)))
            {
                throw new ProverUnavailableException("the test ceremony is missing: no " + dir.resolve(file));
            }
        }
        try
        {
            final Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0)
            {
                node.destroyForcibly();
                throw new ProverUnavailableException("node does not run (node --version failed)");
            }
            return new DemoSolvencyProof(SolvencyTools.at(dir));
        }
        catch (final ProverUnavailableException ex)
        {
            throw ex;
        }
        catch (final IOException ex)
        {
            throw new ProverUnavailableException("the prover's tools are not available: " + ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ProverUnavailableException("interrupted while checking the prover's tools");
        }
    }

    /**
     * Proves the final sealed batch of a stopped node's data directory, checks it on chain and writes the report's
     * section and invariant; a batch that cannot be proven, a failed prover or a refused chunk is a failure of the
     * invariant, not an exception.
     *
     * @param nodeDir the node's data directory (the node stopped).
     * @param chain   the chain, with the final batch committed.
     * @param report  the report.
     * @param say     gets the progress lines.
     * @throws InterruptedException when interrupted (the prover is stopped).
     */
    void prove(final Path nodeDir, final Chain chain, final DemoReport report, final Consumer<String> say)
        throws InterruptedException
    {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        final List<String> failures = new ArrayList<>();
        boolean accepted = false;
        Runtime.getRuntime().addShutdownHook(stopper);
        try (SolvencyProver prover = new SolvencyProver(tools))
        {
            final long treeStart = System.nanoTime();
            final SolvencyTree tree = SolvencyTrees.fromDataDir(nodeDir, 0);
            final SealedBatch batch = SolvencyTrees.batch(nodeDir, tree.batchNumber());
            final SolvencySeed seed = SolvencySeed.loadOrCreate(nodeDir);
            final long treeNanos = System.nanoTime() - treeStart;
            final int depth = ChunkInputs.depthAboveChunk(tree);
            json.put("batch", tree.batchNumber()).put("stateRoot", Hex.encode(batch.header().stateRoot()))
                .put("solvencyRoot", tree.root().toString()).put("accounts", tree.leafCount())
                .put("paddedLeaves", tree.paddedLeafCount()).put("chunkSize", SolvencyTree.CHUNK_SIZE)
                .put("chunks", tree.chunkCount()).put("depthAboveChunk", depth)
                .put("treeSeconds", seconds(treeNanos));
            say.accept("proving the solvency of batch " + tree.batchNumber() + ": " + tree.leafCount() +
                " accounts, " + tree.chunkCount() + " chunks of " + SolvencyTree.CHUNK_SIZE);
            final long[] chunkDone = new long[tree.chunkCount() + 1];
            final long[] lastSaid = {System.nanoTime()};
            final long proveStart = System.nanoTime();
            final Path proofsFile = prover.prove(tree, seed, nodeDir.resolve("batches"), (done, total, elapsed) ->
            {
                chunkDone[Math.min(done, chunkDone.length - 1)] = elapsed;
                sampleCpu();
                if (done == total || System.nanoTime() - lastSaid[0] >= PROGRESS_EVERY_NANOS)
                {
                    lastSaid[0] = System.nanoTime();
                    say.accept("proving batch " + tree.batchNumber() + " " + ProgressBar.render(done, total,
                        elapsed));
                }
            }).get();
            final long provingNanos = System.nanoTime() - proveStart;
            json.set("proving", proving(chunkDone, provingNanos, tree.leafCount()));
            final JsonNode proofs = Json.MAPPER.readTree(proofsFile.toFile());
            json.put("proofsFile", nodeDir.relativize(proofsFile).toString());
            accepted = checkOnChain(tree, batch, proofs, chain, json, failures, say);
        }
        catch (final SolvencyException ex)
        {
            failures.add("solvency: the final batch cannot be proven (" + ex.reason() + "): " + ex.getMessage());
        }
        catch (final ExecutionException ex)
        {
            failures.add("solvency: proving failed: " + ex.getCause().getMessage());
        }
        catch (final IOException | RuntimeException ex)
        {
            failures.add("solvency: " + ex.getMessage());
        }
        finally
        {
            stopProvers();
            removeHook();
        }
        json.put("acceptedOnChain", accepted);
        final ArrayNode failed = json.putArray("failures");
        failures.forEach(failed::add);
        report.section("solvencyProof", json, Map.of(INVARIANT, accepted), failures);
    }

    private boolean checkOnChain(final SolvencyTree tree, final SealedBatch batch, final JsonNode proofs,
        final Chain chain, final ObjectNode json, final List<String> failures, final Consumer<String> say)
        throws IOException
    {
        final int depth = json.get("depthAboveChunk").asInt();
        if (!tree.root().toString().equals(proofs.path("root").asText()) ||
            proofs.path("batchNumber").asLong() != tree.batchNumber() || proofs.path("chunks").size() !=
            tree.chunkCount())
        {
            failures.add("solvency: the proofs file is not the tree's (root, batch or chunks differ)");
            return false;
        }
        final BridgeClient bridge = chain.bridge();
        final long committed = bridge.callUint("batchCount").longValueExact();
        final String committedRoot = chain.operator().bytes32(bridge.address(), "batches",
            new Uint64(tree.batchNumber()));
        final boolean isCommitted = committed == tree.batchNumber() &&
            Hex.encode(Numeric.hexStringToByteArray(committedRoot)).equals(Hex.encode(batch.header().stateRoot()));
        json.put("bridgeBatchCount", committed).put("committedOnChain", isCommitted);
        if (!isCommitted)
        {
            failures.add("solvency: batch " + tree.batchNumber() + " is not the bridge's last committed batch (" +
                committed + ") with the node's state root");
        }
        final ChunkVerifier verifier = ChunkVerifier.deploy(chain.evm(), chain.operator());
        final Duration chainCpuBefore = chainCpu();
        final long verifyStart = System.nanoTime();
        final long[] lastSaid = {System.nanoTime()};
        final List<ChunkVerifier.Check> checks = verifier.verifyAll(proofs, tree.root(), tree.batchNumber(), depth,
            (done, total, elapsed) ->
            {
                if (done == total || System.nanoTime() - lastSaid[0] >= PROGRESS_EVERY_NANOS)
                {
                    lastSaid[0] = System.nanoTime();
                    say.accept("checking batch " + tree.batchNumber() + " on chain " + ProgressBar.render(done, total,
                        elapsed));
                }
            });
        final long verifyNanos = System.nanoTime() - verifyStart;
        final Duration chainCpuUsed = chainCpu().minus(chainCpuBefore);
        final long acceptedChunks = checks.stream().filter(ChunkVerifier.Check::accepted).count();
        final boolean allChunks = acceptedChunks == tree.chunkCount();
        if (!allChunks)
        {
            failures.add("solvency: the SolvencyVerifier refused chunk " + acceptedChunks + " of " +
                tree.chunkCount());
        }
        // The same first proof against another root: the contract must refuse it (it is no rubber stamp).
        final boolean forgedRefused = !verifier.accepts(proofs, 0, tree.root().add(BigInteger.ONE),
            tree.batchNumber(), depth, BigInteger.ZERO);
        if (!forgedRefused)
        {
            failures.add("solvency: the SolvencyVerifier accepted chunk 0 against another root");
        }
        final ObjectNode onChain = json.putObject("onChain");
        long gas = 0;
        long maxGas = 0;
        final ArrayNode chunkGas = onChain.putArray("chunkGas");
        for (final ChunkVerifier.Check check : checks)
        {
            gas += check.gas();
            maxGas = Math.max(maxGas, check.gas());
            chunkGas.add(check.gas());
        }
        onChain.put("verifier", verifier.address()).put("chunksAccepted", acceptedChunks)
            .put("gasPerChunkMean", acceptedChunks == 0 ? 0 : gas / acceptedChunks).put("gasPerChunkMax", maxGas)
            .put("gasTotal", gas).put("seconds", seconds(verifyNanos))
            .put("chainCpuSeconds", chainCpuUsed.toMillis() / 1000.0).put("forgedChunkRefused", forgedRefused)
            .put("signals", "built as the bridge's proveSolvency builds them: root, batch, chunk index, depth, " +
                "isLast and the previous chunk's commitOut");
        final boolean totalsMatch = lastTotalsMatch(proofs, tree);
        if (!totalsMatch)
        {
            failures.add("solvency: the last chunk's totals are not the tree's");
        }
        final boolean covered = reserves(tree, chain, json.putArray("assets"), failures);
        say.accept("solvency of batch " + tree.batchNumber() + ": " + acceptedChunks + "/" + tree.chunkCount() +
            " chunks accepted by the SolvencyVerifier on chain (" + String.format("%,d", gas) + " gas), totals " +
            (covered ? "within" : "ABOVE") + " the bridge's reserves");
        return isCommitted && allChunks && forgedRefused && totalsMatch && covered;
    }

    /** The totals the last chunk opens (its public signals 7 to 10) are the tree's. */
    private static boolean lastTotalsMatch(final JsonNode proofs, final SolvencyTree tree)
    {
        final JsonNode chunks = proofs.get("chunks");
        final JsonNode signals = chunks.get(chunks.size() - 1).get("publicSignals");
        final BigInteger[] totals = tree.totals();
        for (int slot = 0; slot < SolvencyTree.ASSETS; slot++)
        {
            if (!new BigInteger(signals.get(7 + slot).asText()).equals(totals[slot]))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The gate's reserve check, per asset id below four: the proven total plus the committed withdrawals not yet paid
     * must be at most the bridge's balance less the deposits no batch has credited; an asset the bridge does not list
     * must total 0.
     */
    private static boolean reserves(final SolvencyTree tree, final Chain chain, final ArrayNode assets,
        final List<String> failures) throws IOException
    {
        final BridgeClient bridge = chain.bridge();
        final BigInteger[] totals = tree.totals();
        final long batches = bridge.callUint("batchCount").longValueExact();
        final long lastCredited = bridge.callUint("lastCreditedDepositId").longValueExact();
        final long deposits = bridge.callUint("depositCount").longValueExact();
        final BigInteger[] uncredited = new BigInteger[SolvencyTree.ASSETS];
        Arrays.fill(uncredited, BigInteger.ZERO);
        for (long id = lastCredited + 1; id <= deposits; id++)
        {
            final List<BigInteger> record = words(chain, bridge.address(), "deposits", new Uint64(id));
            final int asset = record.get(1).intValueExact();
            if (asset < SolvencyTree.ASSETS)
            {
                uncredited[asset] = uncredited[asset].add(record.get(2));
            }
        }
        boolean covered = true;
        for (int asset = 0; asset < SolvencyTree.ASSETS; asset++)
        {
            if (asset >= chain.tokens().size())
            {
                if (totals[asset].signum() != 0)
                {
                    covered = false;
                    failures.add("solvency: asset " + asset + " is not listed on the bridge but totals " +
                        totals[asset]);
                }
                continue;
            }
            final String token = chain.tokens().get(asset);
            BigInteger unpaid = BigInteger.ZERO;
            for (long b = 1; b <= batches; b++)
            {
                unpaid = unpaid.add(bridge.callUint("withdrawableOf", new Uint64(b), new Uint32(asset)));
            }
            final BigInteger holdings = chain.operator().balanceOf(token, bridge.address());
            final BigInteger reserves = holdings.subtract(uncredited[asset]);
            final BigInteger owed = totals[asset].add(unpaid);
            final boolean ok = owed.compareTo(reserves) <= 0;
            final int decimals = words(chain, token, "decimals").get(0).intValueExact();
            assets.addObject().put("asset", asset).put("token", token).put("decimals", decimals)
                .put("provenTotal", units(totals[asset], decimals))
                .put("unpaidWithdrawals", units(unpaid, decimals))
                .put("bridgeHoldings", units(holdings, decimals))
                .put("uncreditedDeposits", units(uncredited[asset], decimals))
                .put("reserves", units(reserves, decimals))
                .put("provenShareOfReserves", reserves.signum() == 0 ? 0 : new BigDecimal(owed)
                    .divide(new BigDecimal(reserves), 6, java.math.RoundingMode.UP).doubleValue())
                .put("covered", ok);
            if (!ok)
            {
                covered = false;
                failures.add("solvency: asset " + asset + ": proven total " + totals[asset] + " plus unpaid " +
                    "withdrawals " + unpaid + " exceed the reserves " + reserves);
            }
        }
        return covered;
    }

    private static List<BigInteger> words(final Chain chain, final String contract, final String name,
        final Type... args) throws IOException
    {
        final String data = FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
        final String result = chain.evm().web3j().ethCall(Transaction.createEthCallTransaction(
            chain.operator().address(), contract, data), DefaultBlockParameterName.LATEST).send().getValue();
        final byte[] bytes = result == null ? new byte[0] : Numeric.hexStringToByteArray(result);
        final List<BigInteger> words = new ArrayList<>();
        for (int offset = 0; offset + 32 <= bytes.length; offset += 32)
        {
            words.add(new BigInteger(1, Arrays.copyOfRange(bytes, offset, offset + 32)));
        }
        if (words.isEmpty())
        {
            throw new IOException(name + " of " + contract + " returned nothing");
        }
        return words;
    }

    private ObjectNode proving(final long[] chunkDone, final long provingNanos, final int accounts)
    {
        final ObjectNode proving = Json.MAPPER.createObjectNode();
        final ArrayNode perChunk = proving.putArray("chunkMillis");
        long max = 0;
        for (int i = 1; i < chunkDone.length; i++)
        {
            final long ms = chunkDone[i] - chunkDone[i - 1];
            max = Math.max(max, ms);
            perChunk.add(ms);
        }
        final int chunks = chunkDone.length - 1;
        final long proverMs = chunkDone[chunks];
        proving.put("seconds", seconds(provingNanos)).put("proverSeconds", proverMs / 1000.0)
            .put("proverCpuSeconds", proverCpu.toMillis() / 1000.0)
            .put("msPerChunkMean", chunks == 0 ? 0 : proverMs / chunks).put("msPerChunkMax", max)
            .put("msPerAccount", accounts == 0 ? 0 : proverMs / accounts)
            .put("cpuMsPerChunk", chunks == 0 ? 0 : proverCpu.toMillis() / chunks)
            .put("cpuMsPerAccount", accounts == 0 ? 0 : proverCpu.toMillis() / accounts)
            .put("load", loadAverage());
        return proving;
    }

    /** The prover's process CPU time so far (read while it runs: a finished process has none to tell). */
    private void sampleCpu()
    {
        if (proverProcess == null || !proverProcess.isAlive())
        {
            proverProcess = ProcessHandle.current().descendants().filter(DemoSolvencyProof::isProver).findFirst()
                .orElse(null);
        }
        if (proverProcess != null)
        {
            proverProcess.info().totalCpuDuration().ifPresent(cpu -> proverCpu = cpu);
        }
    }

    /** CPU time of the local chain's process (ganache) so far; zero when it cannot be read. */
    private static Duration chainCpu()
    {
        return ProcessHandle.current().descendants()
            .filter(process -> process.info().commandLine().orElse("").contains("ganache"))
            .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
            .reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Stops every prover process this JVM started (and their children), by process id, and waits up to 10 s for them
     * to be gone, so that nothing is left running when it returns.
     */
    private static void stopProvers()
    {
        final List<ProcessHandle> stopped = new ArrayList<>();
        ProcessHandle.current().descendants().filter(DemoSolvencyProof::isProver).forEach(process ->
        {
            process.descendants().forEach(child ->
            {
                child.destroyForcibly();
                stopped.add(child);
            });
            process.destroyForcibly();
            stopped.add(process);
        });
        // The wait must happen even on an interrupted thread (the usual reason to stop): the flag is set back after.
        final boolean interrupted = Thread.interrupted();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try
        {
            for (final ProcessHandle process : stopped)
            {
                process.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        catch (final ExecutionException | TimeoutException | InterruptedException ex)
        {
            // Still there after 10 s, or interrupted again: nothing more a kill can do here.
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean isProver(final ProcessHandle process)
    {
        return process.isAlive() && process.info().commandLine().orElse("").contains("js/prove.js");
    }

    private void removeHook()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is shutting down: the hook runs.
        }
    }

    private static String loadAverage()
    {
        try
        {
            final String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        }
    }

    private static String units(final BigInteger quantums, final int decimals)
    {
        return new BigDecimal(quantums).movePointLeft(decimals).toPlainString();
    }

    private static double seconds(final long nanos)
    {
        return Math.round(nanos / 1e7) / 100.0;
    }

    @Override
    public void close()
    {
        stopProvers();
    }
}
