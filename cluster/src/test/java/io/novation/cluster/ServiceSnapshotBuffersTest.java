package io.novation.cluster;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.Deposit;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import io.novation.core.snapshot.SnapshotCodec;
import org.agrona.collections.Long2ObjectHashMap;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's snapshot written through buffers kept from snapshot to snapshot gives, byte for byte, what fresh buffers
 * give and what the format wrote before the buffers were kept (the engine's snapshot copied in after its length),
 * whether the state grew or shrank since the last snapshot.
 */
class ServiceSnapshotBuffersTest
{
    private static ClearingEngine funded(final int accounts)
    {
        final ClearingEngine engine = new ClearingEngine(Participants.ENGINE, EventSink.NONE);
        final byte[] address = new byte[Address.LENGTH];
        for (int i = 0; i < accounts; i++)
        {
            address[0] = 0x42;
            address[18] = (byte)(i >>> 8);
            address[19] = (byte)i;
            assertThat(engine.apply(new Deposit(1_700_000_000_000L + i, Address.of(address), i % 3, 0,
                (1_000 + i) * Participants.USDC, i + 1))).isTrue();
        }
        return engine;
    }

    private static Long2ObjectHashMap<GatewayWindow> windows(final int gateways, final int answers)
    {
        final Long2ObjectHashMap<GatewayWindow> windows = new Long2ObjectHashMap<>();
        for (int g = 0; g < gateways; g++)
        {
            final GatewayWindow window = new GatewayWindow();
            for (int a = 0; a < answers; a++)
            {
                final byte[] answer = new byte[1 + (a * 7 + g) % 40];
                Arrays.fill(answer, (byte)(a + g));
                window.remember(100L * g + a + 1, answer, 0, answer.length);
            }
            windows.put(7L + g, window);
        }
        return windows;
    }

    /** The encoding as written before the buffers were kept: the engine's snapshot as an array, then copied. */
    private static byte[] asWrittenBefore(final ServiceSnapshot snapshot)
    {
        final byte[] engineSnapshot = SnapshotCodec.write(snapshot.engine());
        final BinaryWriter out = new BinaryWriter(engineSnapshot.length + (1 << 16));
        out.putInt(ServiceSnapshot.MAGIC).putInt(ServiceSnapshot.VERSION).putLong(snapshot.authorityNonce())
            .putLong(snapshot.lastTime()).putLong(snapshot.lastSealTime());
        out.putInt(snapshot.windows().size());
        final Long2ObjectHashMap<GatewayWindow>.KeyIterator keys = snapshot.windows().keySet().iterator();
        while (keys.hasNext())
        {
            final long gatewayId = keys.nextLong();
            final GatewayWindow window = snapshot.windows().get(gatewayId);
            out.putLong(gatewayId).putLong(window.lastRequestId);
            int count = 0;
            for (int i = 0; i < ClearingService.WINDOW; i++)
            {
                count += window.answers[i] != null ? 1 : 0;
            }
            out.putInt(count);
            for (int i = 0; i < ClearingService.WINDOW; i++)
            {
                if (window.answers[i] != null)
                {
                    out.putLong(window.requestIds[i]).putInt(window.lengths[i]);
                    out.putBytes(window.answers[i], 0, window.lengths[i]);
                }
            }
        }
        out.putInt(engineSnapshot.length).putBytes(engineSnapshot, 0, engineSnapshot.length);
        return out.toBytes();
    }

    private static byte[] encoded(final ServiceSnapshot snapshot, final ServiceSnapshot.Buffers buffers)
    {
        final BinaryWriter out = snapshot.encode(buffers);
        return Arrays.copyOf(out.buffer(), out.length());
    }

    @Test
    void shouldEncodeSnapshotsInTurnThroughKeptBuffersAsFreshBuffersDoWhenTheStateGrowsAndShrinks()
    {
        final ServiceSnapshot large = new ServiceSnapshot(11, 1_700_000_100_000L, 1_700_000_090_000L,
            windows(3, 300), funded(3_000));
        final ServiceSnapshot small = new ServiceSnapshot(12, 1_700_000_200_000L, 1_700_000_190_000L,
            windows(1, 2), funded(5));
        final ServiceSnapshot grown = new ServiceSnapshot(13, 1_700_000_300_000L, 1_700_000_290_000L,
            windows(2, 40), funded(200));
        final ServiceSnapshot.Buffers kept = new ServiceSnapshot.Buffers();
        for (final ServiceSnapshot snapshot : new ServiceSnapshot[] {small, large, small, grown, grown, small})
        {
            final byte[] reused = encoded(snapshot, kept);
            assertThat(reused).isEqualTo(encoded(snapshot, new ServiceSnapshot.Buffers()));
            assertThat(reused).isEqualTo(asWrittenBefore(snapshot));
        }
    }
}
