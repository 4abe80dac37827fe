package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.client.NovationClient;

import java.io.IOException;

/**
 * The {@link BatchSealer} of a node that seals its own batches ({@code sealBatch} every so much sequencer time): at
 * each scheduled moment it reads the newest batch the node has sealed, {@code GET /v1/batches/{n}}, and reports where
 * it ended: the command before the seal and the state root the seal's header commits to.
 */
public final class SealedBatches implements BatchSealer
{
    private final NovationClient client;
    private long reported;

    /**
     * The sealed batches of a node.
     *
     * @param client the node's client.
     */
    public SealedBatches(final NovationClient client)
    {
        this.client = client;
    }

    @Override
    public Batch seal(final int number, final long time) throws IOException
    {
        final long count = client.read("/v1/batches").get("count").asLong();
        if (count <= reported)
        {
            return null;
        }
        reported = count;
        final JsonNode batch = client.read("/v1/batches/" + count);
        final JsonNode header = batch.get("header");
        final boolean conservation = client.read("/v1/state").get("conservation").asBoolean();
        return new Batch((int)header.get("batchNumber").asLong(), time, batch.get("sequence").asLong() - 1,
            header.get("stateRoot").asText(), conservation);
    }
}
