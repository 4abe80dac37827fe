package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's base chain process: ganache from the chain module's npm lock (installed with {@code npm ci} on first
 * use), the module's contracts compiled with its solc-js, started on loopback with funded keys (1,000 ETH each) and
 * its state in memory ({@code chain/scripts/ganache.js}), and stopped on {@link #close()}, on failure and on Ctrl-C (a
 * shutdown hook), so that nothing is left running. Gas in units of gas, time in seconds of the chain's clock.
 */
public final class LocalEvm implements AutoCloseable
{
    /** The local chain's id. */
    public static final long CHAIN_ID = 1337;
    private static final String BLOCK_GAS_LIMIT = "0x5f5e100";

    private final Process ganache;
    private final Thread hook;
    private final HttpService service;
    private final Web3j web3j;
    private final JsonNode contracts;
    private final int port;

    private LocalEvm(final Process ganache, final Thread hook, final int port, final JsonNode contracts)
    {
        this.ganache = ganache;
        this.hook = hook;
        this.port = port;
        this.contracts = contracts;
        this.service = new HttpService("http://127.0.0.1:" + port, new okhttp3.OkHttpClient.Builder()
            .readTimeout(Duration.ofMinutes(2)).build());
        this.web3j = Web3j.build(service);
    }

    /**
     * Installs the tools when missing, compiles the contracts and starts ganache.
     *
     * @param settings the chain's settings (module directory, npm command, port; 0 for a free one).
     * @param workDir  a directory for the compiled contracts and ganache's log.
     * @param accounts keys funded with 1,000 ETH each.
     * @return the running chain.
     * @throws ChainUnavailableException when npm, node or ganache cannot be run, or the port is in use.
     */
    public static LocalEvm start(final ChainSettings settings, final Path workDir, final List<Credentials> accounts)
        throws ChainUnavailableException
    {
        final Path work = workDir.toAbsolutePath();
        final Path dir = settings.moduleDir();
        if (!Files.isRegularFile(dir.resolve("package-lock.json")) ||
            !Files.isRegularFile(dir.resolve("scripts/compile.js")))
        {
            throw new ChainUnavailableException("no chain module at " + dir + " (package-lock.json and " +
                "scripts/compile.js expected; set -Dnovation.chain.dir)");
        }
        final int port = settings.port() == 0 ? freePort() : settings.port();
        if (settings.port() != 0 && !portFree(port))
        {
            throw new ChainUnavailableException("port " + port + " for the base chain is in use");
        }
        try
        {
            Files.createDirectories(work);
            if (!Files.exists(dir.resolve("node_modules/ganache/package.json")) ||
                !Files.exists(dir.resolve("node_modules/solc/package.json")) ||
                !Files.exists(dir.resolve("node_modules/memdown/package.json")))
            {
                run(dir, work, settings.npm(), "ci", "--no-audit", "--no-fund");
            }
            final Path compiled = work.resolve("contracts.json");
            if (!upToDate(compiled, dir.resolve("src/main/solidity")))
            {
                run(dir, work, "node", "scripts/compile.js", compiled.toString());
            }
            final JsonNode contracts = Json.MAPPER.readTree(compiled.toFile()).get("contracts");
            final Path options = work.resolve("ganache.json");
            Json.MAPPER.writeValue(options.toFile(), options(port, accounts));
            final Path log = work.resolve("ganache.log");
            final Process process = new ProcessBuilder("node", "scripts/ganache.js", options.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            final Thread hook = new Thread(() -> stop(process), "demo-chain-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            final LocalEvm evm = new LocalEvm(process, hook, port, contracts);
            try
            {
                evm.awaitAnswer(log);
            }
            catch (final RuntimeException | IOException | InterruptedException ex)
            {
                // Whatever stopped the wait (another server on the port answering garbage, a web3j error), no ganache
                // is left running.
                evm.close();
                throw ex;
            }
            return evm;
        }
        catch (final IOException ex)
        {
            throw new ChainUnavailableException("cannot start the base chain: " + ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ChainUnavailableException("interrupted while starting the base chain");
        }
    }

    /**
     * Ganache's options for {@code chain/scripts/ganache.js}, which keeps the chain's state in memory: the chain id,
     * the hardfork, no request log, a block gas limit of 100 million (a batcher transaction of 1,000 deposits takes
     * about 34 million), the funded keys, and no per-opcode tracing (the demo never traces a transaction).
     */
    static ObjectNode options(final int port, final List<Credentials> accounts)
    {
        final ObjectNode options = Json.MAPPER.createObjectNode();
        options.putObject("server").put("host", "127.0.0.1").put("port", port);
        options.put("untraced", true);
        options.putObject("chain").put("chainId", CHAIN_ID).put("hardfork", "shanghai");
        options.putObject("logging").put("quiet", true);
        options.putObject("miner").put("blockGasLimit", BLOCK_GAS_LIMIT);
        final ArrayNode funded = options.putObject("wallet").putArray("accounts");
        for (final Credentials account : accounts)
        {
            funded.addObject().put("secretKey", Numeric.toHexStringWithPrefixZeroPadded(
                account.getEcKeyPair().getPrivateKey(), 64)).put("balance", "0x3635c9adc5dea00000");
        }
        return options;
    }

    private void awaitAnswer(final Path log) throws ChainUnavailableException, InterruptedException, IOException
    {
        for (int attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                web3j.ethChainId().send();
                return;
            }
            catch (final IOException ex)
            {
                if (!ganache.isAlive())
                {
                    close();
                    throw new ChainUnavailableException("ganache exited: " + Files.readString(log).strip());
                }
                Thread.sleep(100);
            }
        }
        close();
        throw new ChainUnavailableException("ganache did not answer on port " + port + " within a minute");
    }

    private static void run(final Path dir, final Path work, final String... command)
        throws ChainUnavailableException, InterruptedException, IOException
    {
        final Path log = work.resolve(Path.of(command[0]).getFileName() + ".log");
        final Process process;
        try
        {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        }
        catch (final IOException ex)
        {
            throw new ChainUnavailableException(command[0] + " is not available (" + ex.getMessage() + "); the base " +
                "chain needs Node.js and npm, or run with --no-chain");
        }
        if (!process.waitFor(10, TimeUnit.MINUTES))
        {
            stop(process);
            throw new ChainUnavailableException(String.join(" ", command) + " did not finish in 10 minutes");
        }
        if (process.exitValue() != 0)
        {
            throw new ChainUnavailableException(String.join(" ", command) + " failed in " + dir + ": " +
                tail(Files.readString(log)));
        }
    }

    /** Whether the compiled contracts are newer than every source (a rerun skips solc-js's few seconds). */
    private static boolean upToDate(final Path compiled, final Path sources) throws IOException
    {
        if (!Files.isRegularFile(compiled))
        {
            return false;
        }
        final long built = Files.getLastModifiedTime(compiled).toMillis();
        try (java.util.stream.Stream<Path> files = Files.list(sources))
        {
            return files.allMatch(file -> file.toFile().lastModified() < built);
        }
    }

    private static String tail(final String text)
    {
        final String trimmed = text.strip();
        return trimmed.length() <= 800 ? trimmed : "..." + trimmed.substring(trimmed.length() - 800);
    }

    private static int freePort() throws ChainUnavailableException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new ChainUnavailableException("no free port for the base chain: " + ex.getMessage());
        }
    }

    private static boolean portFree(final int port)
    {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress()))
        {
            socket.setReuseAddress(true);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * The connection.
     *
     * @return web3j.
     */
    public Web3j web3j()
    {
        return web3j;
    }

    /**
     * The port ganache listens on.
     *
     * @return the port.
     */
    public int port()
    {
        return port;
    }

    /**
     * A compiled contract's creation code.
     *
     * @param name the contract.
     * @return 0x hex.
     */
    public String bytecode(final String name)
    {
        return contracts.get(name).get("bytecode").asText();
    }

    /**
     * Moves the chain's clock forward and mines a block at the new time.
     *
     * @param seconds how far.
     * @throws IOException when the chain cannot be reached.
     */
    public void advanceTime(final long seconds) throws IOException
    {
        new Request<>("evm_increaseTime", List.of(seconds), service, VoidResponse.class).send();
        new Request<>("evm_mine", List.of(), service, VoidResponse.class).send();
    }

    /**
     * The CPU time ganache's process has used so far (all its threads), for the report's figures on a shared machine.
     *
     * @return nanoseconds, 0 when the platform does not tell.
     */
    public long cpuNanos()
    {
        return ganache.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /**
     * Whether the ganache process still runs.
     *
     * @return true while it runs.
     */
    public boolean running()
    {
        return ganache.isAlive();
    }

    @Override
    public void close()
    {
        web3j.shutdown();
        stop(ganache);
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is shutting down: the hook stops it.
        }
    }

    private static void stop(final Process process)
    {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try
        {
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The base chain cannot be started: a bad environment or argument (the demo exits with 2). */
    public static final class ChainUnavailableException extends IOException
    {
        private static final long serialVersionUID = 1L;

        /**
         * An exception.
         *
         * @param message what is missing.
         */
        public ChainUnavailableException(final String message)
        {
            super(message);
        }
    }
}
