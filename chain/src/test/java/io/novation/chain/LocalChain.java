package io.novation.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local EVM for tests: installs the pinned npm tools when missing ({@code npm ci} in the chain module, from the
 * committed lock file), compiles the contracts with solc-js, and runs ganache on 127.0.0.1 with funded test keys.
 */
final class LocalChain implements AutoCloseable
{
    static final long CHAIN_ID = 1337;

    final Web3j web3j;
    final JsonNode contracts;
    final int port;
    private final HttpService service;
    private final List<String> command;
    private final Path log;
    private Process ganache;

    private LocalChain(final Process ganache, final int port, final JsonNode contracts, final List<String> command,
        final Path log)
    {
        this.ganache = ganache;
        this.port = port;
        this.contracts = contracts;
        this.command = command;
        this.log = log;
        // A minute to answer: ganache runs the pairing precompile in JavaScript, seconds per proof on a busy machine.
        this.service = new HttpService("http://127.0.0.1:" + port, new okhttp3.OkHttpClient.Builder()
            .readTimeout(java.time.Duration.ofMinutes(1)).build());
        this.web3j = Web3j.build(service);
    }

    /**
     * Moves the chain's clock forward and mines a block at the new time (ganache's {@code evm_increaseTime}).
     *
     * @param seconds how far.
     */
    void advanceTime(final long seconds) throws IOException
    {
        new org.web3j.protocol.core.Request<>("evm_increaseTime", List.of(seconds), service,
            org.web3j.protocol.core.methods.response.VoidResponse.class).send();
        new org.web3j.protocol.core.Request<>("evm_mine", List.of(), service,
            org.web3j.protocol.core.methods.response.VoidResponse.class).send();
    }

    static Path moduleDir()
    {
        return Path.of(System.getProperty("novation.chain.dir", ".")).toAbsolutePath();
    }

    /**
     * Installs, compiles and starts a chain whose accounts are the given keys, each with 1,000 ETH.
     */
    static LocalChain start(final Credentials... accounts) throws IOException, InterruptedException
    {
        return start(null, accounts);
    }

    /**
     * The same, keeping the chain's state in a database directory, so that {@link #restart()} brings back the same
     * chain (blocks, contracts, balances).
     */
    static LocalChain start(final Path database, final Credentials... accounts)
        throws IOException, InterruptedException
    {
        final Path dir = moduleDir();
        if (!Files.exists(dir.resolve("node_modules/ganache/package.json")) ||
            !Files.exists(dir.resolve("node_modules/solc/package.json")))
        {
            run(dir, "npm", "ci", "--no-audit", "--no-fund");
        }
        final Path compiled = dir.resolve("target/solidity/contracts.json");
        run(dir, "node", "scripts/compile.js", compiled.toString());
        final JsonNode contracts = new ObjectMapper().readTree(compiled.toFile()).get("contracts");
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final List<String> command = new ArrayList<>(List.of("node", "node_modules/ganache/dist/node/cli.js",
            "--server.host", "127.0.0.1", "--server.port", String.valueOf(port), "--chain.chainId",
            String.valueOf(CHAIN_ID), "--logging.quiet", "--chain.hardfork", "shanghai"));
        for (final Credentials account : accounts)
        {
            command.add("--wallet.accounts");
            command.add(org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(
                account.getEcKeyPair().getPrivateKey(), 64) + ",1000000000000000000000");
        }
        if (database != null)
        {
            command.add("--database.dbPath");
            command.add(database.toString());
        }
        final Path log = dir.resolve("target/ganache.log");
        Files.createDirectories(log.getParent());
        final LocalChain chain = new LocalChain(launch(dir, command, log), port, contracts, command, log);
        chain.awaitAnswer();
        return chain;
    }

    private static Process launch(final Path dir, final List<String> command, final Path log) throws IOException
    {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private void awaitAnswer() throws IOException, InterruptedException
    {
        // Up to two minutes: ganache takes a few seconds to start on an idle machine, several times that on a busy one.
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline)
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
                    throw new IllegalStateException("ganache exited: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("ganache did not answer on port " + port + " within 120 s");
    }

    /**
     * Stops the EVM process and starts it again on the same port and database (the chain side of a restart).
     */
    void restart() throws IOException, InterruptedException
    {
        stop();
        ganache = launch(moduleDir(), command, log);
        awaitAnswer();
    }

    private void stop()
    {
        ganache.destroy();
        try
        {
            if (!ganache.waitFor(10, TimeUnit.SECONDS))
            {
                ganache.destroyForcibly();
                ganache.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    String bytecode(final String contract)
    {
        return contracts.get(contract).get("bytecode").asText();
    }

    private static void run(final Path dir, final String... command) throws IOException, InterruptedException
    {
        final File log = dir.resolve("target/" + command[0] + ".log").toFile();
        Files.createDirectories(log.toPath().getParent());
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0)
        {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log.toPath()));
        }
    }

    @Override
    public void close()
    {
        web3j.shutdown();
        stop();
    }
}
