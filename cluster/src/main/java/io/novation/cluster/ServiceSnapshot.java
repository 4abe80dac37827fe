package io.novation.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.core.snapshot.SnapshotCodec;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32C;

/**
 * A {@link ClearingService} snapshot through Aeron's snapshot mechanism: the last governance nonce, the last assigned
 * time and the time of the last seal (epoch ms), the gateways' windows and the engine's {@link SnapshotCodec}
 * snapshot, with a CRC32C, cut into messages that fit the snapshot publication. Version 1 (before batches were sealed
 * in cluster mode) is refused with the way to upgrade (docs/operations.md §8).
 *
 * @param authorityNonce the last governance nonce sequenced.
 * @param lastTime       the last time assigned, epoch ms.
 * @param lastSealTime   the time of the last seal, epoch ms.
 * @param windows        the gateways' windows by gateway id.
 * @param engine         the engine.
 */
record ServiceSnapshot(long authorityNonce, long lastTime, long lastSealTime, Long2ObjectHashMap<GatewayWindow> windows,
    ClearingEngine engine)
{
    /** "NVCS". */
    static final int MAGIC = 0x4E564353;
    static final int VERSION = 2;
    private static final int BEGIN = 1;
    private static final int DATA = 2;
    private static final int END = 3;

    /**
     * Writes this snapshot to a publication with buffers of its own.
     *
     * @param publication the snapshot publication.
     * @param idle        how to wait on back pressure.
     */
    void write(final ExclusivePublication publication, final IdleStrategy idle)
    {
        write(publication, idle, new Buffers());
    }

    /**
     * Writes this snapshot to a publication through buffers reused from snapshot to snapshot: once they have grown
     * to the largest snapshot, writing allocates nothing that grows with the state.
     *
     * @param publication the snapshot publication.
     * @param idle        how to wait on back pressure.
     * @param buffers     the writer's buffers, used by one thread.
     */
    void write(final ExclusivePublication publication, final IdleStrategy idle, final Buffers buffers)
    {
        final BinaryWriter out = encode(buffers);
        final CRC32C crc = buffers.crc;
        crc.reset();
        crc.update(out.buffer(), 0, out.length());
        final UnsafeBuffer message = buffers.message(publication.maxPayloadLength());
        message.putByte(0, (byte)BEGIN);
        message.putLong(1, out.length());
        message.putInt(9, (int)crc.getValue());
        offer(publication, message, 13, idle);
        final int chunk = publication.maxPayloadLength() - 1;
        for (int at = 0; at < out.length(); at += chunk)
        {
            final int size = Math.min(chunk, out.length() - at);
            message.putByte(0, (byte)DATA);
            message.putBytes(1, out.buffer(), at, size);
            offer(publication, message, size + 1, idle);
        }
        message.putByte(0, (byte)END);
        offer(publication, message, 1, idle);
    }

    /**
     * Encodes this snapshot, before its checksum and its cutting into messages, into the buffers' writer.
     *
     * @param buffers the buffers.
     * @return the buffers' writer, holding the encoding from 0 to its length.
     */
    BinaryWriter encode(final Buffers buffers)
    {
        final BinaryWriter out = buffers.writer.reset();
        out.putInt(MAGIC).putInt(VERSION).putLong(authorityNonce).putLong(lastTime).putLong(lastSealTime);
        out.putInt(windows.size());
        final Long2ObjectHashMap<GatewayWindow>.KeyIterator keys = windows.keySet().iterator();
        while (keys.hasNext())
        {
            final long gatewayId = keys.nextLong();
            final GatewayWindow window = windows.get(gatewayId);
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
        // The engine's snapshot is written in place after its length, which is filled in once known.
        final int lengthAt = out.length();
        out.putInt(0);
        SnapshotCodec.write(engine, out);
        BinaryWriter.putIntAt(out.buffer(), lengthAt, out.length() - lengthAt - Integer.BYTES);
        return out;
    }

    private static void offer(final ExclusivePublication publication, final DirectBuffer buffer, final int length,
        final IdleStrategy idle)
    {
        idle.reset();
        while (true)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("the snapshot publication failed: " + result);
            }
            idle.idle();
        }
    }

    /**
     * Reads a snapshot from its image.
     *
     * @param image        the snapshot image.
     * @param engineConfig the genesis configuration.
     * @param idle         how to wait for fragments.
     * @return the snapshot, its engine restored without an event sink.
     */
    static ServiceSnapshot read(final Image image, final EngineConfig engineConfig, final IdleStrategy idle)
    {
        final Reassembly snapshot = new Reassembly();
        while (!snapshot.done)
        {
            final int fragments = image.poll(snapshot, 16);
            if (fragments == 0)
            {
                if (image.isClosed() || image.isEndOfStream())
                {
                    throw new IllegalStateException("the snapshot ended before its last message");
                }
                idle.idle();
            }
        }
        final byte[] bytes = snapshot.bytes;
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        if ((int)crc.getValue() != snapshot.crc)
        {
            throw new IllegalStateException("the snapshot's checksum does not hold");
        }
        final BinaryReader in = new BinaryReader(bytes);
        final int version = in.getInt() == MAGIC ? in.getInt() : -1;
        if (version == 1)
        {
            // Version 1 was written before members kept a journal of the log and sealed batches: the open batch's
            // records and the seal schedule cannot be rebuilt from it (docs/operations.md, upgrading a cluster).
            throw new IllegalStateException("a clearing service snapshot of version 1 predates sealed batches in " +
                "cluster mode: restart the cluster from its log without this snapshot (see docs/operations.md)");
        }
        if (version != VERSION)
        {
            throw new IllegalStateException("not a clearing service snapshot of version " + VERSION);
        }
        final long authorityNonce = in.getLong();
        final long lastTime = in.getLong();
        final long lastSealTime = in.getLong();
        final Long2ObjectHashMap<GatewayWindow> windows = new Long2ObjectHashMap<>();
        final int gateways = in.getInt();
        for (int g = 0; g < gateways; g++)
        {
            final long gatewayId = in.getLong();
            final GatewayWindow window = new GatewayWindow();
            window.lastRequestId = in.getLong();
            final int count = in.getInt();
            for (int i = 0; i < count; i++)
            {
                final long requestId = in.getLong();
                final byte[] answer = in.getBytes(in.getInt());
                window.remember(requestId, answer, 0, answer.length);
            }
            windows.put(gatewayId, window);
        }
        final byte[] engineSnapshot = in.getBytes(in.getInt());
        return new ServiceSnapshot(authorityNonce, lastTime, lastSealTime, windows,
            SnapshotCodec.read(engineSnapshot, engineConfig, EventSink.NONE));
    }

    /** Reassembles a snapshot from its messages. */
    private static final class Reassembly implements FragmentHandler
    {
        private byte[] bytes;
        private int position;
        private int crc;
        private boolean done;

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final int type = buffer.getByte(offset);
            if (type == BEGIN)
            {
                final long total = buffer.getLong(offset + 1);
                if (total < 0 || total > Integer.MAX_VALUE - 8)
                {
                    throw new IllegalStateException("snapshot too large: " + total);
                }
                bytes = new byte[(int)total];
                crc = buffer.getInt(offset + 9);
            }
            else if (type == DATA)
            {
                buffer.getBytes(offset + 1, bytes, position, length - 1);
                position += length - 1;
            }
            else if (type == END)
            {
                if (bytes == null || position != bytes.length)
                {
                    throw new IllegalStateException("the snapshot is incomplete");
                }
                done = true;
            }
        }
    }

    /**
     * A snapshot writer's buffers, kept by a member from snapshot to snapshot: the encoding (grown to the largest
     * snapshot, in bytes), its checksum and the message cut from it (a publication's maximum payload).
     */
    static final class Buffers
    {
        private static final int INITIAL_CAPACITY = 1 << 16;
        private final BinaryWriter writer = new BinaryWriter(INITIAL_CAPACITY);
        private final CRC32C crc = new CRC32C();
        private UnsafeBuffer message;

        private UnsafeBuffer message(final int maxPayloadLength)
        {
            if (message == null || message.capacity() != maxPayloadLength)
            {
                message = new UnsafeBuffer(new byte[maxPayloadLength]);
            }
            return message;
        }
    }
}
