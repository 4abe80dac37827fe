package io.novation.sim.keeper;

import io.novation.core.crypto.Secp256k1;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * How to run one keeper: the node's address, the keeper's private key and subaccount, how often it sweeps when no
 * event calls for it (milliseconds), where its notes go, a hook called with each sweep's candidates before any
 * of them is sent, and the clock (epoch ms) that times its cooldowns.
 *
 * @param node            the node's HTTP address, e.g. {@code http://127.0.0.1:8080}.
 * @param privateKey      the keeper's secp256k1 private key, 32 bytes.
 * @param subaccount      the keeper subaccount that takes positions over (it needs collateral).
 * @param idleSweepMs     the longest wait between two sweeps without a triggering event, ms.
 * @param log             receives notes (connections, errors, liquidations).
 * @param beforeAttempts  called on the keeper's thread with a sweep's candidates before any is sent.
 * @param clock           epoch ms that time the engine's liquidation cooldowns: the wall clock, or the sequencer's
 *                        time when a node replays a day faster than real time.
 */
public record KeeperSettings(URI node, byte[] privateKey, int subaccount, long idleSweepMs, Consumer<String> log,
    Consumer<List<Candidate>> beforeAttempts, LongSupplier clock)
{
    /**
     * Validates the settings.
     */
    public KeeperSettings
    {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(beforeAttempts, "beforeAttempts");
        Objects.requireNonNull(clock, "clock");
        if (privateKey == null || privateKey.length != Secp256k1.PRIVATE_KEY_LENGTH)
        {
            throw new IllegalArgumentException("a private key is 32 bytes");
        }
        if (subaccount < 0 || subaccount > 255)
        {
            throw new IllegalArgumentException("a subaccount number is in [0, 255]");
        }
        if (idleSweepMs <= 0)
        {
            throw new IllegalArgumentException("the idle sweep interval must be positive");
        }
        privateKey = privateKey.clone();
    }

    /**
     * Subaccount 0, a sweep at least every 5 s, notes discarded, no hook, the wall clock.
     *
     * @param node       the node's address.
     * @param privateKey the keeper's private key.
     * @return the settings.
     */
    public static KeeperSettings of(final URI node, final byte[] privateKey)
    {
        return new KeeperSettings(node, privateKey, 0, 5_000, note -> { }, candidates -> { },
            System::currentTimeMillis);
    }

    /**
     * The same with another keeper subaccount.
     *
     * @param number the subaccount.
     * @return new settings.
     */
    public KeeperSettings withSubaccount(final int number)
    {
        return new KeeperSettings(node, privateKey, number, idleSweepMs, log, beforeAttempts, clock);
    }

    /**
     * The same with another idle sweep interval.
     *
     * @param ms milliseconds.
     * @return new settings.
     */
    public KeeperSettings withIdleSweepMs(final long ms)
    {
        return new KeeperSettings(node, privateKey, subaccount, ms, log, beforeAttempts, clock);
    }

    /**
     * The same with another destination for notes.
     *
     * @param newLog receives notes.
     * @return new settings.
     */
    public KeeperSettings withLog(final Consumer<String> newLog)
    {
        return new KeeperSettings(node, privateKey, subaccount, idleSweepMs, newLog, beforeAttempts, clock);
    }

    /**
     * The same with a hook called before each sweep's attempts (tests use it to line competing keepers up).
     *
     * @param hook receives the candidates.
     * @return new settings.
     */
    public KeeperSettings withBeforeAttempts(final Consumer<List<Candidate>> hook)
    {
        return new KeeperSettings(node, privateKey, subaccount, idleSweepMs, log, hook, clock);
    }

    /**
     * The same with another clock for cooldowns, e.g. the time of the commands a replay sends.
     *
     * @param newClock epoch ms.
     * @return new settings.
     */
    public KeeperSettings withClock(final LongSupplier newClock)
    {
        return new KeeperSettings(node, privateKey, subaccount, idleSweepMs, log, beforeAttempts, newClock);
    }

    /**
     * A copy of the private key.
     *
     * @return 32 bytes.
     */
    @Override
    public byte[] privateKey()
    {
        return privateKey.clone();
    }
}
