package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Figures for docs/benchmarks.md, run only with {@code -Dnovation.bench=true}: the bytes one binary decode allocates,
 * of a price round of three signed reports and of the sample fill (two signed orders), through a reader reused as a
 * member's service reuses its own (HotSpot's per-thread counter, the last of three passes of 20,000 decodes).
 */
@Tag("bench")
class DecodeAllocationBenchmark
{
    private static final int DECODES = 20_000;

    @Test
    void shouldMeasureTheBytesOfADecode()
    {
        assumeTrue(Boolean.getBoolean("novation.bench"), "run with -Dnovation.bench=true");
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long time = 1_760_054_400_000L;
        final Command round = new OraclePrice(time, 1, java.util.List.of(
            new PriceReport(1, 6_400_000_000_000L, time - 500, CommandSamples.address(0x44),
                CommandSamples.signature(3)),
            new PriceReport(1, 6_400_100_000_000L, time - 400, CommandSamples.address(0x55),
                CommandSamples.signature(4)),
            new PriceReport(1, 6_399_900_000_000L, time - 300, CommandSamples.address(0x66),
                CommandSamples.signature(5))));
        final Command fill = CommandSamples.all().stream()
            .filter(c -> c instanceof SettleTrade trade && trade.maker() != null).findFirst().orElseThrow();
        for (final Command command : new Command[] {round, fill})
        {
            final byte[] bytes = CommandCodec.encode(command);
            final BinaryReader in = new BinaryReader(bytes);
            long checksum = 0;
            long allocated = 0;
            for (int pass = 0; pass < 3; pass++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < DECODES; i++)
                {
                    in.wrap(bytes, 0, bytes.length);
                    checksum += CommandCodec.decode(in).hashCode();
                }
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            System.out.printf("%s (%d bytes encoded): %d B allocated per decode (checksum %d)%n",
                command.type().jsonName(), bytes.length, allocated / DECODES, checksum & 0xFF);
        }
    }
}
