package io.novation.sim.bench;

import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.crypto.SignerRecovery;
import io.novation.node.verification.SignerRecoveries;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * @param cpuMicrosPerRecovery       CPU time of the measuring thread per recovery, µs (0 where the JVM does not
 *                                   tell a thread's CPU time): unlike the rate, it does not fall when other load
 *                                   takes the core.
 */
public record SignatureBound(double recoveriesPerSecondPerCore, int cores, double signaturesPerFill,
    double fillsPerSecond, String path, double cpuMicrosPerRecovery)
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
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final boolean timed = threads.isCurrentThreadCpuTimeSupported();
        final long cpuStart = timed ? threads.getCurrentThreadCpuTime() : 0;
        final long[] counted = new long[1];
        final double perSecond = recover(choice.recovery(), digests, signatures, millis, counted);
        final double cpuMicros = timed ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / counted[0] : 0;
        final int cores = Runtime.getRuntime().availableProcessors();
        final double perFill = 2.0 / fillsPerOrder;
        return new SignatureBound(perSecond, cores, perFill, perSecond * cores / perFill, choice.name(), cpuMicros);
    }

    /**
     * The share of a fill's CPU time that is its signature recoveries: a run's fills per CPU-second over those of a
     * host that did nothing but recover, which no other load on the machine moves.
     *
     * @param cpuMicrosPerFill a run's CPU time per fill, µs.
     * @return the share, 0 when either CPU time is unknown.
     */
    public double cpuShare(final double cpuMicrosPerFill)
    {
        return cpuMicrosPerRecovery <= 0 || cpuMicrosPerFill <= 0 ? 0 :
            signaturesPerFill * cpuMicrosPerRecovery / cpuMicrosPerFill;
    }

    private static double recover(final SignerRecovery recovery, final byte[][] digests,
        final EcdsaSignature[] signatures, final long millis)
    {
        return recover(recovery, digests, signatures, millis, new long[1]);
    }

    private static double recover(
        final SignerRecovery recovery, final byte[][] digests, final EcdsaSignature[] signatures, final long millis,
        final long[] counted)
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
        counted[0] = count;
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
