package io.novation.bench;

import io.novation.core.account.Address;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.crypto.SignerRecovery;
import io.novation.core.engine.EngineConfig;
import io.novation.node.sequencer.Authority;
import io.novation.node.sequencer.Refusal;
import io.novation.node.sequencer.SessionKeyDirectory;
import io.novation.node.sequencer.SignatureVerifier;
import io.novation.node.sequencer.Submission;
import io.novation.node.verification.NativeSecp256k1Recovery;
import io.novation.node.verification.OrderSignerCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Signed fills per second through the node's signature verifier on one thread, as a matching engine sends them: a
 * resting maker order filled again and again (its signer cached after the first fill) against a taker order seen
 * for the first time (one recovery per fill), each order decoded anew per request (its digest computed again).
 * {@code path} chooses libsecp256k1 or pure Java; {@code freshTakers=false} measures a fill whose two orders are both
 * cached, the cost of verifying each order once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SignedPathBenchmark
{
    private static final int TAKERS = 65_536;
    private static final byte[] DOMAIN = EngineConfig.defaults().domainSeparator();

    /** The recovery path. */
    @Param({"native", "java"})
    public String path;

    /** Whether each fill's taker order is new (one recovery per fill) or one seen before (none). */
    @Param({"true", "false"})
    public boolean freshTakers;

    private final Order[] takers = new Order[TAKERS];
    private Order maker;
    private SignatureVerifier verifier;
    private int next;

    @Setup(Level.Trial)
    public void setUp()
    {
        final byte[] makerKey = key(0);
        maker = sign(Order.of(Address.of(Secp256k1.addressOf(makerKey)), 0, 0, true, Long.MAX_VALUE / 4, 100, 1,
            Long.MAX_VALUE, false, null), makerKey);
        for (int i = 0; i < TAKERS; i++)
        {
            final byte[] key = key(1 + (i & 1_023));
            takers[i] = sign(Order.of(Address.of(Secp256k1.addressOf(key)), 0, 0, false, 1_000, 100, 1 + i,
                Long.MAX_VALUE, false, null), key);
        }
        newVerifier();
    }

    /** A fresh cache each iteration, so that fresh takers are recovered, not found. */
    @Setup(Level.Iteration)
    public void newVerifier()
    {
        final SignerRecovery recovery = "native".equals(path) ? NativeSecp256k1Recovery.load() :
            SignerRecovery.PURE_JAVA;
        verifier = new SignatureVerifier(DOMAIN, new Authority(Address.of(new byte[20]), Address.of(new byte[20])),
            new SessionKeyDirectory(), recovery, new OrderSignerCache(4 * TAKERS));
        next = 0;
        if (!freshTakers)
        {
            for (final Order taker : takers)
            {
                verify(taker);
            }
        }
    }

    private static byte[] key(final int i)
    {
        return Keccak256.hash(ByteBuffer.allocate(4).putInt(i + 1).array());
    }

    private static Order sign(final Order unsigned, final byte[] key)
    {
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(DOMAIN), key));
    }

    private static Order decodedAgain(final Order order)
    {
        return Order.of(order.account(), order.subaccount(), order.market(), order.isBuy(), order.size(),
            order.limitPrice(), order.nonce(), order.expiry(), order.reduceOnly(), order.signature());
    }

    private Submission verify(final Order taker)
    {
        try
        {
            return verifier.verify(new SettleTrade(1, 0, decodedAgain(maker), decodedAgain(taker), 1, 100), true, 0,
                null);
        }
        catch (final Refusal refusal)
        {
            throw new IllegalStateException(refusal);
        }
    }

    /**
     * One signed fill through the verifier.
     *
     * @return the submission.
     */
    @Benchmark
    public Submission fill()
    {
        // Past the takers prepared a fresh-taker run would find them cached: one-second iterations stay below.
        return verify(takers[next++ & (TAKERS - 1)]);
    }
}
