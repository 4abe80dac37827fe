package io.novation.cluster;

import io.novation.core.codec.BinaryReader;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngressBatchTest
{
    private static final int REQUEST = 100;
    private static final int PER_REQUEST = ClusterProtocol.BATCH_ENTRY_OVERHEAD + REQUEST;

    @Test
    void shouldFillABatchExactlyToTheMaxMessageLength()
    {
        final IngressBatch batch = new IngressBatch(256, ClusterProtocol.BATCH_HEADER_LENGTH + 3 * PER_REQUEST);

        assertThat(batch.tryAdd(1, request(1))).isTrue();
        assertThat(batch.tryAdd(2, request(2))).isTrue();
        assertThat(batch.tryAdd(3, request(3))).isTrue();
        assertThat(batch.length()).isEqualTo(batch.maxLength());
        assertThat(batch.tryAdd(4, request(4))).as("one byte past the limit").isFalse();
        assertThat(requestsOf(batch)).containsExactly(request(1), request(2), request(3));
    }

    @Test
    void shouldLeaveTheBatchPartialWhenTheNextRequestIsOneByteTooLong()
    {
        final IngressBatch batch = new IngressBatch(256, ClusterProtocol.BATCH_HEADER_LENGTH + 3 * PER_REQUEST - 1);

        assertThat(batch.tryAdd(1, request(1))).isTrue();
        assertThat(batch.tryAdd(2, request(2))).isTrue();
        assertThat(batch.tryAdd(3, request(3))).isFalse();
        assertThat(batch.firstRequestId()).isEqualTo(1);
        assertThat(requestsOf(batch)).containsExactly(request(1), request(2));

        batch.clear();
        assertThat(batch.tryAdd(3, request(3))).as("the request left over starts the next batch").isTrue();
        assertThat(batch.firstRequestId()).isEqualTo(3);
        assertThat(batch.single()).isEqualTo(request(3));
    }

    @Test
    void shouldStopAtTheRequestCountAndSendEachRequestAloneWhenBatchingIsOff()
    {
        final IngressBatch two = new IngressBatch(2, 1 << 20);
        assertThat(two.tryAdd(1, request(1))).isTrue();
        assertThat(two.tryAdd(2, request(2))).isTrue();
        assertThat(two.tryAdd(3, request(3))).isFalse();

        final IngressBatch off = new IngressBatch(1, 1 << 20);
        assertThat(off.tryAdd(1, request(1))).isTrue();
        assertThat(off.tryAdd(2, request(2))).isFalse();
        assertThat(off.single()).isEqualTo(request(1));
    }

    @Test
    void shouldNeverFitARequestLongerThanAnyBatchAndKeepTheLowerPublicationLimit()
    {
        final IngressBatch batch = new IngressBatch(256, 1 << 20);
        batch.limitTo(ClusterProtocol.BATCH_HEADER_LENGTH + PER_REQUEST);
        batch.limitTo(1 << 24);

        assertThat(batch.maxLength()).isEqualTo(ClusterProtocol.BATCH_HEADER_LENGTH + PER_REQUEST);
        assertThat(batch.tryAdd(1, new byte[REQUEST + 1])).isFalse();
        assertThat(batch.count()).isZero();
        assertThat(batch.tryAdd(1, request(1))).isTrue();
    }

    private static byte[] request(final int id)
    {
        final byte[] bytes = new byte[REQUEST];
        Arrays.fill(bytes, (byte)id);
        return bytes;
    }

    /** Decodes the finished BATCH message as the service reads it. */
    private static List<byte[]> requestsOf(final IngressBatch batch)
    {
        final DirectBuffer buffer = batch.finish();
        final byte[] message = new byte[batch.length()];
        buffer.getBytes(0, message);
        assertThat(message[0] & 0xFF).isEqualTo(ClusterProtocol.BATCH);
        final int count = BinaryReader.getIntAt(message, 1);
        assertThat(count).isEqualTo(batch.count());
        final List<byte[]> requests = new ArrayList<>();
        int at = ClusterProtocol.BATCH_HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            final int length = BinaryReader.getIntAt(message, at);
            requests.add(Arrays.copyOfRange(message, at + 4, at + 4 + length));
            at += 4 + length;
        }
        assertThat(at).isEqualTo(message.length);
        return requests;
    }
}
