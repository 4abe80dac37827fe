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

    /**
     * The JSON text of an event of a private stream: the public form plus its "index" among its command's events,
     * so that ("sequence", "index") names it exactly.
     *
     * @param event the event.
     * @param index its position among its command's events, from 0.
     * @return compact JSON.
     */
    public static String of(final Event event, final int index)
    {
        return write(Json.event(event).put("index", index));
    }

    /**
     * A heartbeat: {@code {"type":"Heartbeat","sequence":upTo,"latest":latest}}.
     *
     * @param upTo   the sequence the subscriber has been served through.
     * @param latest the latest durable sequence.
     * @return compact JSON.
     */
    public static String heartbeat(final long upTo, final long latest)
    {
        return "{\"type\":\"Heartbeat\",\"sequence\":" + upTo + ",\"latest\":" + latest + "}";
    }

    /**
     * Any JSON value as compact text.
     *
     * @param node the value.
     * @return compact JSON.
     */
    public static String write(final Object node)
    {
        try
        {
            return WRITER.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot serialize " + node, ex);
        }
    }
}
