package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.client.NovationClient;

import java.io.IOException;

/**
 * The stand-in {@link BatchSealer} while the node has no {@code sealBatch} command: a batch ends where
 * {@code GET /v1/state} finds the node at the scheduled moment (its sequence, state root and conservation flag are
 * read together on the engine thread, so they belong to one state).
 */
public final class Checkpoints implements BatchSealer
{
    private final NovationClient client;

    /**
     * Checkpoints of a node.
     *
     * @param client the node's client.
     */
    public Checkpoints(final NovationClient client)
    {
        this.client = client;
    }

    @Override
    public Batch seal(final int number, final long time) throws IOException
    {
        final JsonNode state = client.read("/v1/state");
        return new Batch(number, time, state.get("sequence").asLong(), state.get("stateRoot").asText(),
            state.get("conservation").asBoolean());
    }
}
