package io.novation.node.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.novation.core.event.Event;
import io.novation.node.json.Json;

/**
 * An event as one line of compact JSON: its "type" (the event's name), its "sequence" and its fields in the engine's
 * units (quantums, price units, ppm, epoch ms).
 */
public final class EventJson
{
    private static final ObjectWriter WRITER = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private EventJson()
    {
    }

    /**
     * The JSON text of an event.
     *
     * @param event the event.
     * @return compact JSON.
     */
    public static String of(final Event event)
    {
        try
        {
            return WRITER.writeValueAsString(Json.event(event));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot serialize " + event, ex);
        }
    }
}
