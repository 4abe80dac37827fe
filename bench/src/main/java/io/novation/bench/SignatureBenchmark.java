package io.novation.bench;

import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Microseconds to recover the signer's address from an EIP-712 digest and its signature, as the sequencer does for
 * every order, withdrawal, transfer, report and liquidation: the pure-Java secp256k1 of {@code core} against
 * libsecp256k1 through JNI, and a hit of the node's order signer cache (what a fill of an order seen before costs
 * instead of a recovery). 1,024 distinct signatures from 1,024 keys, cycled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class SignatureBenchmark
{
    private static final int COUNT = 1_024;

    private final byte[][] digests = new byte[COUNT][];
    private final EcdsaSignature[] signatures = new EcdsaSignature[COUNT];
    private final io.novation.node.verification.OrderSignerCache cache =
        new io.novation.node.verification.OrderSignerCache(4 * COUNT);
    private int next;

    @Setup
    public void setUp()
    {
        for (int i = 0; i < COUNT; i++)
        {
            final byte[] key = Keccak256.hash(ByteBuffer.allocate(4).putInt(i + 1).array());
            digests[i] = Keccak256.hash(ByteBuffer.allocate(8).putLong(i * 7_919L).array());
            signatures[i] = Secp256k1.sign(digests[i], key);
            if (!java.util.Arrays.equals(Secp256k1.recoverAddress(digests[i], signatures[i]),
                NativeSecp256k1.recoverAddress(digests[i], signatures[i])))
            {
                throw new IllegalStateException("the two recoveries disagree on signature " + i);
            }
            cache.remember(digests[i], signatures[i],
                io.novation.core.account.Address.of(Secp256k1.recoverAddress(digests[i], signatures[i])),
                Long.MAX_VALUE);
        }
    }

    /**
     * Pure Java.
     *
     * @return the address.
     */
    @Benchmark
    public byte[] pureJavaRecover()
    {
        final int i = next++ & (COUNT - 1);
        return Secp256k1.recoverAddress(digests[i], signatures[i]);
    }

    /**
     * libsecp256k1 through JNI, plus the same Keccak of the public key.
     *
     * @return the address.
     */
    @Benchmark
    public byte[] nativeRecover()
    {
        final int i = next++ & (COUNT - 1);
        return NativeSecp256k1.recoverAddress(digests[i], signatures[i]);
    }

    /**
     * A hit of the order signer cache: the signer of an order seen before, by digest and signature.
     *
     * @return the address.
     */
    @Benchmark
    public io.novation.core.account.Address cachedOrderSigner()
    {
        final int i = next++ & (COUNT - 1);
        return cache.signer(digests[i], signatures[i]);
    }
}
