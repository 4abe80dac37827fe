package io.novation.node.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.event.Event;

import java.io.IOException;

/**
 * The project's JSON mapper: strict on input (duplicate keys and trailing tokens are errors, numbers of at most
 * {@link #MAX_NUMBER_CHARS} characters, names of at most {@link #MAX_NAME_CHARS}, nesting at most
 * {@link #MAX_NESTING} deep), addresses as "0x" hex.
 */
public final class Json
{
    /** Most characters of one JSON number token (digits, sign, point and exponent). */
    public static final int MAX_NUMBER_CHARS = 100;
    /** Most characters of one JSON field name. */
    public static final int MAX_NAME_CHARS = 256;
    /** Deepest nesting of JSON arrays and objects. */
    public static final int MAX_NESTING = 64;

    /** The shared, configured mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = create();

    private Json()
    {
    }

    private static ObjectMapper create()
    {
        final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNestingDepth(MAX_NESTING)
                .maxNameLength(MAX_NAME_CHARS)
                .build())
            .build();
        final ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
        mapper.enable(SerializationFeature.INDENT_OUTPUT);
        final SimpleModule module = new SimpleModule("novation");
        module.addSerializer(Address.class, new JsonSerializer<>()
        {
            @Override
            public void serialize(final Address value, final JsonGenerator gen, final SerializerProvider provider)
                throws IOException
            {
                gen.writeString(value.toString());
            }
        });
        module.addSerializer(io.novation.core.commitment.BatchHeader.class, new JsonSerializer<>()
        {
            @Override
            public void serialize(final io.novation.core.commitment.BatchHeader value, final JsonGenerator gen,
                final SerializerProvider provider) throws IOException
            {
                gen.writeObject(batchHeader(value));
            }
        });
        mapper.registerModule(module);
        return mapper;
    }

    /**
     * A batch header as JSON: the batch number, the hashes as 0x-prefixed hex and the two counters.
     *
     * @param header the header.
     * @return the JSON object.
     */
    public static ObjectNode batchHeader(final io.novation.core.commitment.BatchHeader header)
    {
        final ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("batchNumber", header.batchNumber());
        node.put("previousRoot", io.novation.core.crypto.Hex.encode(header.previousRoot()));
        node.put("stateRoot", io.novation.core.crypto.Hex.encode(header.stateRoot()));
        node.put("treeRoot", io.novation.core.crypto.Hex.encode(header.treeRoot()));
        node.put("globalHash", io.novation.core.crypto.Hex.encode(header.globalHash()));
        node.put("withdrawalsRoot", io.novation.core.crypto.Hex.encode(header.withdrawalsRoot()));
        node.put("pricesHash", io.novation.core.crypto.Hex.encode(header.pricesHash()));
        node.put("commandsHash", io.novation.core.crypto.Hex.encode(header.commandsHash()));
        node.put("lastDepositId", header.lastDepositId());
        node.put("lastForcedRequestId", header.lastForcedRequestId());
        return node;
    }

    /**
     * An event as a JSON object with its "type" first.
     *
     * @param event the event.
     * @return the object.
     */
    public static ObjectNode event(final Event event)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("type", event.getClass().getSimpleName());
        node.setAll((ObjectNode)MAPPER.valueToTree(event));
        return node;
    }
}
