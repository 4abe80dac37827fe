package io.novation.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.client.NovationClient;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.node.admission.AdmissionLimits;
import io.novation.node.json.CommandEncoder;
import io.novation.node.sequencer.Authority;
import io.novation.node.server.NodeConfig;

import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The set-up the whole-node benchmarks share ({@link WholeNodeBench}, {@link AbuseBench}): keys derived from names,
 * a replica whose definitions encode commands as the node's JSON, a node configuration in a temporary directory on
 * port 0 with admission unmetered, and the BTC-USD perpetual with its oracle publishers configured over HTTP
 * (amounts in quote quantums of 1e-5 USD per {@link #USD}, times epoch ms).
 */
final class BenchVenue
{
    /** Quote quantums per USD. */
    static final long USD = 100_000L;
    /** Base quantums per step of BTC-USD size. */
    static final long STEP = 1_000_000L;

    final byte[] governanceKey = key("governance");
    final byte[] bridgeKey = key("bridge");
    final ClearingEngine replica = new ClearingEngine(
        EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
    final CommandEncoder encoder = new CommandEncoder(replica.state());
    final byte[] domain = replica.domainSeparator();

    /**
     * A node's configuration: a fresh temporary data directory under the root, port 0, these genesis keys, admission
     * unmetered (every benchmark client is 127.0.0.1).
     *
     * @param dataRoot where the temporary directory is made.
     * @param prefix   the directory's name prefix.
     * @return the configuration.
     * @throws IOException when the directory cannot be made.
     */
    NodeConfig config(final Path dataRoot, final String prefix) throws IOException
    {
        Files.createDirectories(dataRoot);
        return NodeConfig.defaults().withDataDir(Files.createTempDirectory(dataRoot, prefix)).withPort(0)
            .withGenesisKeys(address(governanceKey), address(bridgeKey)).withAdmission(AdmissionLimits.unmetered());
    }

    /**
     * Creates BTC-USD and registers {@code publishers} oracle publishers ({@code publisher-0}...), each command signed
     * by governance, applied to the replica and posted to the node.
     *
     * @param client     the node's client.
     * @param time       the time before the first command.
     * @param publishers how many publishers.
     * @return the time of the last command.
     */
    long configure(final NovationClient client, final long time, final int publishers)
    {
        long at = time;
        final List<Command> setup = new ArrayList<>();
        setup.add(new CreatePerpetual(++at, 0, "BTC-USD", "BTC-USD", -5, -10, 100_000, STEP,
            LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE));
        for (int p = 0; p < publishers; p++)
        {
            setup.add(new RegisterOraclePublisher(++at, 0, address(key("publisher-" + p))));
        }
        long nonce = 0;
        for (final Command command : setup)
        {
            final ObjectNode json = encoder.encode(command, true);
            CommandEncoder.withAuthority(json, ++nonce, Authority.sign(domain, nonce, command, governanceKey));
            replica.apply(command);
            post(client, "/v1/commands", json.toString());
        }
        return at;
    }

    /**
     * A deposit signed by the bridge, as the node's JSON.
     *
     * @param deposit the deposit.
     * @param withTime whether the JSON carries the deposit's time.
     * @return its JSON with the authority envelope.
     */
    ObjectNode deposit(final Deposit deposit, final boolean withTime)
    {
        return CommandEncoder.withAuthority(encoder.encode(deposit, withTime), 0,
            Authority.sign(domain, 0, deposit, bridgeKey));
    }

    /**
     * Posts JSON and reads the answer's JSON.
     *
     * @param client the node's client.
     * @param path   where, e.g. {@code /v1/commands/batch}.
     * @param body   the JSON.
     * @return the answer.
     * @throws IllegalStateException when it is not 200.
     */
    static JsonNode post(final NovationClient client, final String path, final String body)
    {
        try
        {
            return client.post(path, body).orThrow("POST " + path);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    static Address address(final byte[] key)
    {
        return Address.of(Secp256k1.addressOf(key));
    }
}
