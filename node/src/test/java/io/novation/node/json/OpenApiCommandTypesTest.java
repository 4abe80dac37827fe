package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The OpenAPI document's command {@code type} enum names exactly the types the JSON decoder knows: each listed type
 * reaches its own decoding (an empty command fails on a field, not as an unknown type), and an unlisted name does not.
 */
class OpenApiCommandTypesTest
{
    @Test
    void shouldListOnlyCommandTypesTheDecoderKnows() throws Exception
    {
        final JsonNode document;
        try (InputStream in = OpenApiCommandTypesTest.class.getResourceAsStream("/openapi.json"))
        {
            document = new ObjectMapper().readTree(in);
        }
        final List<String> types = new ArrayList<>();
        document.at("/components/schemas/Command/properties/type/enum").forEach(type -> types.add(type.asText()));
        final CommandDecoder decoder = new CommandDecoder(
            new ClearingEngine(EngineConfig.defaults(), EventSink.NONE), new AccountDirectory());

        assertThat(types).hasSize(20).doesNotHaveDuplicates();
        for (final String type : types)
        {
            final CommandFormatException refused = catchThrowableOfType(() -> decoder.decode(
                new ObjectMapper().createObjectNode().put("type", type), 1L), CommandFormatException.class);
            assertThat(refused).as(type).isNotNull();
            assertThat(refused.code()).as(type).isNotEqualTo("UNKNOWN_TYPE");
        }
        final CommandFormatException unknown = catchThrowableOfType(() -> decoder.decode(
            new ObjectMapper().createObjectNode().put("type", "sealBatch"), 1L), CommandFormatException.class);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_TYPE");
    }
}
