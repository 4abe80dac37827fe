package io.novation.sim.bench;

import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.crypto.SignerRecovery;
import io.novation.node.verification.SignerRecoveries;

import java.nio.ByteBuffer;

/**
 * The signature bound of the signed path, measured in the running JVM: public-key recoveries per second on one core
 * (through the path the node verifies with, {@link SignerRecoveries#preferredChoice()}: libsecp256k1 unless forced to
 * pure Java; over distinct signatures, so no cache helps), times the cores, divided
 * by the distinct signatures each fill carries ({@code 2 / fillsPerOrder}), in fills per second. No host that
 * recovers every distinct signature once can settle signed fills faster.
 *
 * @param recoveriesPerSecondPerCore recoveries per second on one thread.
 * @param cores                      the processors the JVM sees.
 * @param signaturesPerFill          distinct signatures per fill.
 * @param fillsPerSecond             the bound, fills per second.
 * @param path                       the recovery path measured ({@code native} or {@code java}).
 */
public record SignatureBound(double recoveriesPerSecondPerCore, int cores, double signaturesPerFill,
    double fillsPerSecond, String path)
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
        final SignerRecoveries.Choice choice = SignerRecoveries.preferredChoice();
        recover(choice.recovery(), digests, signatures, warmUpMillis);
        final double perSecond = recover(choice.recovery(), digests, signatures, millis);
        final int cores = Runtime.getRuntime().availableProcessors();
        final double perFill = 2.0 / fillsPerOrder;
        return new SignatureBound(perSecond, cores, perFill, perSecond * cores / perFill, choice.name());
    }

    private static double recover(
        final SignerRecovery recovery, final byte[][] digests, final EcdsaSignature[] signatures, final long millis)
    {
        final long start = System.nanoTime();
        final long end = start + millis * 1_000_000L;
        long count = 0;
        long found = 0;
        while (System.nanoTime() < end)
        {
            final int i = (int)(count % DISTINCT);
            found += recovery.recoverAddress(digests[i], signatures[i]) == null ? 0 : 1;
            count++;
        }
        if (found != count)
        {
            throw new IllegalStateException("a valid signature recovered to no address");
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
