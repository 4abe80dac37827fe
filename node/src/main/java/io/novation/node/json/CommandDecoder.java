package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.command.Command;
import io.novation.core.engine.ClearingEngine;

import java.util.function.Supplier;

/**
 * Decodes commands of the JSON vocabulary (docs/protocol.md §5) into engine commands through the per-type codecs
 * of {@link JsonCodecs}, converting decimal strings in human units into quantums with a {@link Definitions}
 * snapshot. It signs nothing and keeps no state: a command without a "signature" decodes unsigned.
 */
public final class CommandDecoder
{
    private final Supplier<Definitions> definitions;
    private final AccountNames names;

    /**
     * A decoder over definitions that a host replaces after configuration commands; safe on any thread when the
     * supplier is.
     *
     * @param definitions the current definitions snapshot.
     * @param names       resolves the accounts commands name.
     */
    public CommandDecoder(final Supplier<Definitions> definitions, final AccountNames names)
    {
        this.definitions = definitions;
        this.names = names;
    }

    /**
     * A decoder reading an engine's definitions as they are at each command (on the engine's thread only).
     *
     * @param engine the engine whose definitions convert units.
     * @param names  resolves the accounts commands name (a directory's keys are not used: nothing is signed).
     */
    public CommandDecoder(final ClearingEngine engine, final AccountNames names)
    {
        this(Definitions.following(engine.state()), names);
    }

    /**
     * Decodes one command.
     *
     * @param json        the command object.
     * @param defaultTime time to use when the command has no "time".
     * @return the engine command.
     * @throws CommandFormatException naming the field at fault.
     */
    public Command decode(final JsonNode json, final long defaultTime) throws CommandFormatException
    {
        final JsonFields fields = new JsonFields(json, "");
        final String type = fields.text("type");
        final long time = fields.has("time") ? fields.time("time") : defaultTime;
        final JsonCommandCodec<?> codec = JsonCodecs.byName(type);
        if (codec == null || !codec.decodable())
        {
            throw new CommandFormatException("UNKNOWN_TYPE", "type", "unknown command type '" + type + "'");
        }
        return codec.decode(fields, time, new DecodingContext(definitions.get(), names));
    }
}
