package io.novation.sim.bench;

import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;

import java.nio.ByteBuffer;

/**
 * The signature bound of the signed path, measured in the running JVM: public-key recoveries per second on one core
 * (the core's {@link Secp256k1#recoverAddress}, over distinct signatures, so no cache helps), times the cores, divided
 * by the distinct signatures each fill carries ({@code 2 / fillsPerOrder}), in fills per second. No host that
 * recovers every distinct signature once can settle signed fills faster.
 *
 * @param recoveriesPerSecondPerCore recoveries per second on one thread.
 * @param cores                      the processors the JVM sees.
 * @param signaturesPerFill          distinct signatures per fill.
 * @param fillsPerSecond             the bound, fills per second.
 */
public record SignatureBound(double recoveriesPerSecondPerCore, int cores, double signaturesPerFill,
    double fillsPerSecond)
{
    private static final int DISTINCT = 512;

    /**
     * Measures the bound.
     *
     * @param fillsPerOrder fills of each signed order.
     * @param warmUpMillis  milliseconds of recoveries before measuring.
     * @param millis        milliseconds measured.
     * @return the bound.
     */
    public static SignatureBound measure(final int fillsPerOrder, final long warmUpMillis, final long millis)
    {
        final byte[][] digests = new byte[DISTINCT][];
        final EcdsaSignature[] signatures = new EcdsaSignature[DISTINCT];
        for (int i = 0; i < DISTINCT; i++)
        {
            final byte[] key = BenchVenue.key("bound-" + (i % 16));
            digests[i] = Keccak256.hash(ByteBuffer.allocate(4).putInt(i).array());
            signatures[i] = Secp256k1.sign(digests[i], key);
        }
        recover(digests, signatures, warmUpMillis);
        final double perSecond = recover(digests, signatures, millis);
        final int cores = Runtime.getRuntime().availableProcessors();
        final double perFill = 2.0 / fillsPerOrder;
        return new SignatureBound(perSecond, cores, perFill, perSecond * cores / perFill);
    }

    private static double recover(final byte[][] digests, final EcdsaSignature[] signatures, final long millis)
    {
        final long start = System.nanoTime();
        final long end = start + millis * 1_000_000L;
        long count = 0;
        long found = 0;
        while (System.nanoTime() < end)
        {
            final int i = (int)(count % DISTINCT);
            found += Secp256k1.recoverAddress(digests[i], signatures[i]) == null ? 0 : 1;
            count++;
        }
        if (found != count)
        {
            throw new IllegalStateException("a valid signature recovered to no address");
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
