package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One command type's JSON form: its {@code type} name, its declared fields (the only ones a decoded command may
 * carry besides "type" and "time"), and its decoding into and encoding from the engine command, in human units
 * converted with a {@link Definitions} snapshot.
 *
 * @param <C> the command record.
 */
public final class JsonCommandCodec<C extends Command>
{
    /** Decodes the fields of one command (already checked against the declared names). */
    @FunctionalInterface
    interface Decoding<C>
    {
        C decode(JsonFields fields, long time, DecodingContext context) throws CommandFormatException;
    }

    /** Writes the fields of one command after its "type". */
    @FunctionalInterface
    interface Encoding<C>
    {
        void encode(C command, ObjectNode json, Definitions definitions);
    }

    private static final Set<String> COMMON = Set.of("type", "time");

    private final String name;
    private final Class<C> commandClass;
    private final List<JsonField> fields;
    private final Set<String> allowed;
    private final Decoding<C> decoding;
    private final Encoding<C> encoding;

    JsonCommandCodec(final String name, final Class<C> commandClass, final List<JsonField> fields,
        final Decoding<C> decoding, final Encoding<C> encoding)
    {
        this.name = name;
        this.commandClass = commandClass;
        this.fields = List.copyOf(fields);
        final Set<String> names = new HashSet<>(COMMON);
        for (final JsonField field : fields)
        {
            names.add(field.name());
        }
        this.allowed = Set.copyOf(names);
        this.decoding = decoding;
        this.encoding = encoding;
    }

    /** The names of declared fields: what a nested object may carry. */
    static Set<String> namesOf(final List<JsonField> fields)
    {
        final Set<String> names = new HashSet<>();
        fields.forEach(field -> names.add(field.name()));
        return Set.copyOf(names);
    }

    /**
     * The JSON {@code type} name.
     *
     * @return e.g. "settleTrade".
     */
    public String name()
    {
        return name;
    }

    /**
     * The engine command record this codec reads and writes.
     *
     * @return the class.
     */
    public Class<C> commandClass()
    {
        return commandClass;
    }

    /**
     * The declared fields, besides "type" and "time".
     *
     * @return the fields in documentation order.
     */
    public List<JsonField> fields()
    {
        return fields;
    }

    /**
     * Whether clients may send this type (a sequencer-only type is encoded for reading, never decoded).
     *
     * @return true when the decoder accepts it.
     */
    public boolean decodable()
    {
        return decoding != null;
    }

    C decode(final JsonFields json, final long time, final DecodingContext context) throws CommandFormatException
    {
        json.allowOnly(allowed);
        return decoding.decode(json, time, context);
    }

    ObjectNode encode(final Command command, final Definitions definitions)
    {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("type", name);
        encoding.encode(commandClass.cast(command), json, definitions);
        return json;
    }
}
