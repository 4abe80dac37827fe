package io.novation.node.server;

import io.novation.core.account.Address;
import io.novation.node.admission.AdmissionLimits;

import java.nio.file.Path;

/**
 * How a node runs: where its data lives, where it listens, and its limits (bytes, commands, milliseconds).
 *
 * @param dataDir           journal, snapshots, genesis and development keys.
 * @param host              address to listen on.
 * @param port              TCP port (0 picks a free one).
 * @param snapshotEvery     commands between snapshots.
 * @param maxBodyBytes      largest request body.
 * @param maxBatch          most commands in one batch request.
 * @param workers           signature-verification threads.
 * @param fsync             whether journal commits force to disk.
 * @param maxFutureMs       how far ahead of the wall clock an explicit command time may be.
 * @param eventRing         events kept in memory for stream subscribers.
 * @param chainId           EIP-712 chain id at genesis.
 * @param verifyingContract EIP-712 verifying contract at genesis.
 * @param governance        governance key address at genesis, or null to generate a development key.
 * @param bridge            bridge key address at genesis, or null to generate a development key.
 * @param sealEveryCommands the sequencer seals a batch after this many commands (0: never by count).
 * @param sealEveryMs       the sequencer seals a batch once this much sequencer time (ms) has passed since the last
 *                          seal and a command is unsealed (0: never by time).
 * @param replayClock       replay mode: the sequencer's clock is the last assigned time instead of the wall clock, so
 *                          explicit times may be any monotonic times (a past or future day) and commands without a
 *                          time take the last assigned one.
 * @param maxOwnerFutureMs  how far ahead of the wall clock an owner-signed command's explicit time may be (a clock-skew
 *                          tolerance); governance and bridge commands keep {@code maxFutureMs}.
 * @param admission         the per-IP and per-account request weights and the verification queue bound.
 * @param http              the HTTP server's timeouts and header, connection and thread limits.
 */
public record NodeConfig(Path dataDir, String host, int port, long snapshotEvery, int maxBodyBytes, int maxBatch,
    int workers, boolean fsync, long maxFutureMs, int eventRing, long chainId, Address verifyingContract,
    Address governance, Address bridge, long sealEveryCommands, long sealEveryMs, boolean replayClock,
    long maxOwnerFutureMs, AdmissionLimits admission, HttpLimits http)
{
    /**
     * The defaults: ./data, 127.0.0.1:8080, a snapshot every 100,000 commands, 4 MiB bodies, 10,000 commands per
     * batch, 2 verifier threads, fsync on, 60 s of allowed clock skew, 1,000,000 events in the ring, chain 31337 and
     * a zero contract address, the wall clock, 1 s of skew for owner-signed times, the default admission limits,
     * the HTTP limits of {@link HttpLimits#fromSystemProperties()}.
     *
     * @return the configuration.
     */
    public static NodeConfig defaults()
    {
        return new NodeConfig(Path.of("data"), "127.0.0.1", 8080, 100_000, 4 << 20, 10_000, 2, true, 60_000,
            1_000_000, 31337, Address.of(new byte[Address.LENGTH]), null, null, 0, 0, false,
            1_000, AdmissionLimits.defaults(), HttpLimits.fromSystemProperties());
    }

    public NodeConfig withDataDir(final Path dir)
    {
        return new NodeConfig(dir, host, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, http);
    }

    public NodeConfig withPort(final int newPort)
    {
        return new NodeConfig(dataDir, host, newPort, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync,
            maxFutureMs, eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, http);
    }

    public NodeConfig withHost(final String newHost)
    {
        return new NodeConfig(dataDir, newHost, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync,
            maxFutureMs, eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, http);
    }

    public NodeConfig withSnapshotEvery(final long commands)
    {
        return new NodeConfig(dataDir, host, port, commands, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, http);
    }

    public NodeConfig withLimits(final int bodyBytes, final int batch)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, bodyBytes, batch, workers, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, http);
    }

    public NodeConfig withEventRing(final int events)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            events, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, http);
    }

    public NodeConfig withWorkers(final int threads)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, maxBodyBytes, maxBatch, threads, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, http);
    }

    public NodeConfig withGenesisKeys(final Address governanceKey, final Address bridgeKey)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governanceKey, bridgeKey, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, http);
    }

    public NodeConfig withChain(final long id, final Address contract)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            eventRing, id, contract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, http);
    }

    /**
     * Seals batches every so many commands or so much sequencer time, whichever comes first.
     *
     * @param commands commands per batch (0: no count limit).
     * @param millis   sequencer milliseconds per batch (0: no time limit).
     * @return the configuration.
     */
    public NodeConfig withSealing(final long commands, final long millis)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governance, bridge, commands, millis, replayClock,
            maxOwnerFutureMs, admission, http);

    }

    /**
     * The same with the replay clock on or off: with it, explicit command times need only be monotonic (a replay of
     * a past day, or a simulation faster than real time) and a command without a time takes the last assigned time.
     *
     * @param replay whether the sequencer's clock follows the commands' times instead of the wall clock.
     * @return the configuration.
     */
    public NodeConfig withReplayClock(final boolean replay)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replay,
            maxOwnerFutureMs, admission, http);
    }

    /**
     * The same with other admission limits.
     *
     * @param limits the per-IP and per-account buckets, weights and verification queue bound.
     * @return the configuration.
     */
    public NodeConfig withAdmission(final AdmissionLimits limits)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, limits, http);
    }

    /**
     * The same with another bound on how far ahead of the wall clock an owner-signed command's explicit time may be.
     *
     * @param millis the clock-skew tolerance, ms (at most {@code maxFutureMs} applies).
     * @return the configuration.
     */
    public NodeConfig withOwnerFutureMs(final long millis)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            millis, admission, http);
    }

    /**
     * The same with other HTTP limits.
     *
     * @param limits the server's timeouts and header, connection and thread limits.
     * @return the configuration.
     */
    public NodeConfig withHttpLimits(final HttpLimits limits)
    {
        return new NodeConfig(dataDir, host, port, snapshotEvery, maxBodyBytes, maxBatch, workers, fsync, maxFutureMs,
            eventRing, chainId, verifyingContract, governance, bridge, sealEveryCommands, sealEveryMs, replayClock,
            maxOwnerFutureMs, admission, limits);
    }
}
