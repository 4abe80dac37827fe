package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.CommandType;
import io.novation.core.command.CommandTypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Generates the command part of the node's OpenAPI document from the command registry and the per-type JSON codecs:
 * the {@code Command} schema (every type a client may send, discriminated by "type") and one schema per type with
 * its declared fields, their units, and the role that may send it. The rest of the document (routes, results) is
 * kept as written. {@link #main} rewrites the checked-in document; a test fails when it and the registry disagree.
 */
public final class OpenApiCommandSchema
{
    /** Where the document lives in the node module's sources, relative to the module or the project root. */
    public static final String RESOURCE = "src/main/resources/openapi.json";

    /**
     * What the registry says of one command type: who may send it and its one-line documentation.
     *
     * @param role        e.g. "GOVERNANCE".
     * @param description one line.
     */
    public record TypeDoc(String role, String description)
    {
    }

    private final Function<String, TypeDoc> docs;

    /**
     * A generator over the registry's descriptions of the JSON type names.
     *
     * @param docs the role and documentation of a JSON type name.
     */
    public OpenApiCommandSchema(final Function<String, TypeDoc> docs)
    {
        this.docs = docs;
    }

    /**
     * The document with its command schemas generated afresh.
     *
     * @param document the OpenAPI document.
     * @return a copy with {@code components.schemas.Command} and the per-type schemas replaced.
     */
    public ObjectNode regenerate(final JsonNode document)
    {
        final ObjectNode result = ((ObjectNode)document).deepCopy();
        final ObjectNode schemas = (ObjectNode)result.with("components").with("schemas");
        final ObjectNode rebuilt = Json.MAPPER.createObjectNode();
        final List<String> generated = new ArrayList<>();
        for (final JsonCommandCodec<?> codec : JsonCodecs.all())
        {
            generated.add(schemaName(codec));
        }
        final var names = schemas.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (name.equals("Command"))
            {
                rebuilt.set(name, commandSchema(schemas.get(name)));
                // Every command type has its schema; the sequencer's own (sealBatch) is documented for readers of
                // the journal and the stream but is not among the types a client may submit.
                for (final JsonCommandCodec<?> codec : JsonCodecs.all())
                {
                    rebuilt.set(schemaName(codec), typeSchema(codec));
                }
            }
            else if (!generated.contains(name) && !(name.endsWith("Command") && isStaleTypeSchema(schemas.get(name))))
            {
                rebuilt.set(name, schemas.get(name));
            }
        }
        schemas.removeAll();
        schemas.setAll(rebuilt);
        return result;
    }

    private static boolean isStaleTypeSchema(final JsonNode schema)
    {
        return schema.has("x-role");
    }

    /** The schema name of a type, e.g. "DepositCommand". */
    static String schemaName(final JsonCommandCodec<?> codec)
    {
        return Character.toUpperCase(codec.name().charAt(0)) + codec.name().substring(1) + "Command";
    }

    private ObjectNode commandSchema(final JsonNode previous)
    {
        final ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("type", "object");
        schema.put("description", "A command of the JSON vocabulary; its \"type\" selects the schema of its " +
            "fields (generated from the command registry, see docs/protocol.md §5).");
        schema.putArray("required").add("type");
        final ObjectNode properties = schema.putObject("properties");
        final ArrayNode types = properties.putObject("type").put("type", "string").putArray("enum");
        final ObjectNode mapping = Json.MAPPER.createObjectNode();
        final ArrayNode oneOf = Json.MAPPER.createArrayNode();
        for (final JsonCommandCodec<?> codec : JsonCodecs.all())
        {
            if (codec.decodable())
            {
                types.add(codec.name());
                mapping.put(codec.name(), "#/components/schemas/" + schemaName(codec));
                oneOf.addObject().put("$ref", "#/components/schemas/" + schemaName(codec));
            }
        }
        properties.set("time", time());
        properties.set("authority", authority());
        schema.put("additionalProperties", true);
        schema.putObject("discriminator").put("propertyName", "type").set("mapping", mapping);
        schema.set("oneOf", oneOf);
        return schema;
    }

    private ObjectNode typeSchema(final JsonCommandCodec<?> codec)
    {
        final TypeDoc doc = docs.apply(codec.name());
        final ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("type", "object");
        schema.put("description", doc.description() + " Sent by: " + doc.role() + "." + (codec.decodable() ? "" :
            " Clients cannot submit it: it is read from the journal and the event stream."));
        schema.put("x-role", doc.role());
        final ArrayNode required = schema.putArray("required").add("type");
        final ObjectNode properties = schema.putObject("properties");
        properties.putObject("type").put("type", "string").putArray("enum").add(codec.name());
        properties.set("time", time());
        if (doc.role().equals("GOVERNANCE") || doc.role().equals("BRIDGE"))
        {
            properties.set("authority", authority());
            required.add("authority");
        }
        fields(codec.fields(), properties, required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static void fields(final List<JsonField> fields, final ObjectNode properties, final ArrayNode required)
    {
        for (final JsonField field : fields)
        {
            properties.set(field.name(), field(field));
            if (field.required())
            {
                required.add(field.name());
            }
        }
    }

    private static ObjectNode field(final JsonField field)
    {
        final ObjectNode schema = Json.MAPPER.createObjectNode();
        final String description = field.unit().isEmpty() ? field.description() :
            field.description() + " (" + field.unit() + ")";
        switch (field.type())
        {
            case TIME -> schema.set("oneOf", Json.MAPPER.createArrayNode()
                .add(Json.MAPPER.createObjectNode().put("type", "integer"))
                .add(Json.MAPPER.createObjectNode().put("type", "string").put("format", "date-time")));
            case ARRAY -> schema.put("type", "array").set("items", object(field.fields()));
            case OBJECT -> schema.setAll(object(field.fields()));
            case NAME_OR_OBJECT -> schema.set("oneOf", Json.MAPPER.createArrayNode()
                .add(Json.MAPPER.createObjectNode().put("type", "string")).add(object(field.fields())));
            default ->
            {
                schema.put("type", field.type().openApiType());
                if (field.type().format() != null)
                {
                    schema.put("format", field.type().format());
                }
            }
        }
        schema.put("description", description);
        if (!field.unit().isEmpty())
        {
            schema.put("x-unit", field.unit());
        }
        return schema;
    }

    private static ObjectNode object(final List<JsonField> fields)
    {
        final ObjectNode schema = Json.MAPPER.createObjectNode();
        schema.put("type", "object");
        final ArrayNode required = Json.MAPPER.createArrayNode();
        fields(fields, schema.putObject("properties"), required);
        if (!required.isEmpty())
        {
            schema.set("required", required);
        }
        if (!fields.isEmpty())
        {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    private static ObjectNode time()
    {
        final ObjectNode time = Json.MAPPER.createObjectNode();
        time.put("description", "optional: epoch ms or ISO-8601; kept if not before the sequencer's time");
        time.set("oneOf", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode().put("type", "integer"))
            .add(Json.MAPPER.createObjectNode().put("type", "string")));
        return time;
    }

    private static ObjectNode authority()
    {
        final ObjectNode authority = Json.MAPPER.createObjectNode();
        authority.put("type", "object");
        authority.put("description", "the governance or bridge key's envelope over the command");
        final ObjectNode properties = authority.putObject("properties");
        properties.putObject("nonce").put("type", "integer");
        properties.putObject("signature").put("type", "string");
        return authority;
    }

    /**
     * The OpenAPI document as the node serves it (the class path resource).
     *
     * @return the parsed document.
     * @throws IOException when it cannot be read.
     */
    public static JsonNode served() throws IOException
    {
        try (InputStream in = OpenApiCommandSchema.class.getResourceAsStream("/openapi.json"))
        {
            return Json.MAPPER.readTree(in);
        }
    }

    /**
     * Renders a document as the checked-in file is written: two-space indentation, one array element or object
     * member per line, "name": value, a final newline.
     *
     * @param document the document.
     * @return the text.
     * @throws IOException when a value cannot be rendered.
     */
    public static String render(final JsonNode document) throws IOException
    {
        final StringBuilder out = new StringBuilder();
        render(document, "", out);
        return out.append('\n').toString();
    }

    private static void render(final JsonNode node, final String indent, final StringBuilder out) throws IOException
    {
        if (node.isContainerNode() && node.isEmpty())
        {
            out.append(node.isObject() ? "{}" : "[]");
            return;
        }
        if (!node.isContainerNode())
        {
            out.append(Json.MAPPER.writeValueAsString(node));
            return;
        }
        final String inner = indent + "  ";
        out.append(node.isObject() ? '{' : '[');
        final Iterator<Map.Entry<String, JsonNode>> members = node.fields();
        final Iterator<JsonNode> elements = node.elements();
        boolean first = true;
        while (node.isObject() ? members.hasNext() : elements.hasNext())
        {
            out.append(first ? "\n" : ",\n").append(inner);
            first = false;
            if (node.isObject())
            {
                final Map.Entry<String, JsonNode> member = members.next();
                out.append(Json.MAPPER.writeValueAsString(member.getKey())).append(": ");
                render(member.getValue(), inner, out);
            }
            else
            {
                render(elements.next(), inner, out);
            }
        }
        out.append('\n').append(indent).append(node.isObject() ? '}' : ']');
    }

    /**
     * Rewrites the node's checked-in OpenAPI document with command schemas generated from the registry.
     *
     * @param args optional path of the document (default: the node module's resource, from the project root or the
     *             module directory).
     * @throws IOException when the document cannot be read or written.
     */
    public static void main(final String[] args) throws IOException
    {
        Path path = Path.of(args.length > 0 ? args[0] : RESOURCE);
        if (args.length == 0 && !Files.exists(path))
        {
            path = Path.of("node", RESOURCE);
        }
        final JsonNode document = Json.MAPPER.readTree(Files.readString(path, StandardCharsets.UTF_8));
        Files.writeString(path, render(registry().regenerate(document)), StandardCharsets.UTF_8);
    }

    /**
     * The generator over the core command registry.
     *
     * @return the generator.
     */
    public static OpenApiCommandSchema registry()
    {
        return new OpenApiCommandSchema(name ->
        {
            final CommandType<?> type = CommandTypes.byJsonName(name);
            if (type == null)
            {
                throw new IllegalStateException("the JSON type '" + name + "' has no command descriptor");
            }
            return new TypeDoc(type.role().name(), type.doc());
        });
    }
}
