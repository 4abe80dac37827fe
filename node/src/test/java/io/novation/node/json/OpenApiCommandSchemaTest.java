package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.CommandRole;
import io.novation.core.command.CommandType;
import io.novation.core.command.CommandTypes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Supersedes the check of the type enum alone: the served OpenAPI document's command schemas are those generated
 * from the command registry and the JSON codecs' field declarations; {@code -Dnovation.openapi.write=true} rewrites
 * the checked-in document first (or run {@link OpenApiCommandSchema#main}).
 */
class OpenApiCommandSchemaTest
{
    @Test
    void shouldServeTheCommandSchemasGeneratedFromTheRegistry() throws Exception
    {
        if (Boolean.getBoolean("novation.openapi.write"))
        {
            OpenApiCommandSchema.main(new String[0]);
            final Path file = Path.of(OpenApiCommandSchema.RESOURCE);
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(OpenApiCommandSchema.render(
                OpenApiCommandSchema.registry().regenerate(Json.MAPPER.readTree(file.toFile()))));
            return;
        }
        final JsonNode served = OpenApiCommandSchema.served();

        assertThat(OpenApiCommandSchema.registry().regenerate(served))
            .as("openapi.json is stale: run OpenApiCommandSchema.main or this test with -Dnovation.openapi.write=true")
            .isEqualTo(served);
    }

    @Test
    void shouldKeepTheCheckedInDocumentInItsRenderedForm() throws Exception
    {
        final Path resource = Path.of(OpenApiCommandSchema.RESOURCE);
        final Path file = Files.exists(resource) ? resource : Path.of("node", OpenApiCommandSchema.RESOURCE);
        final String text = Files.readString(file, StandardCharsets.UTF_8);

        assertThat(OpenApiCommandSchema.render(Json.MAPPER.readTree(text))).isEqualTo(text);
    }

    @Test
    void shouldListEveryTypeAClientMaySendWithItsRole() throws Exception
    {
        final JsonNode schemas = OpenApiCommandSchema.served().at("/components/schemas");
        final List<String> listed = new ArrayList<>();
        schemas.at("/Command/properties/type/enum").forEach(type -> listed.add(type.asText()));
        final List<String> sendable = new ArrayList<>();
        for (final CommandType<?> type : CommandTypes.all())
        {
            if (type.role() != CommandRole.SEQUENCER)
            {
                sendable.add(type.jsonName());
                final JsonNode schema = schemas.get(OpenApiCommandSchema.schemaName(JsonCodecs.byName(
                    type.jsonName())));
                assertThat(schema.get("x-role").asText()).as(type.jsonName()).isEqualTo(type.role().name());
                assertThat(schema.get("description").asText()).as(type.jsonName()).startsWith(type.doc());
            }
        }

        assertThat(listed).containsExactlyInAnyOrderElementsOf(sendable);
    }

    @Test
    void shouldDocumentEveryCommandTypeOfTheRegistryWithItsRole() throws Exception
    {
        final JsonNode schemas = OpenApiCommandSchema.served().at("/components/schemas");

        for (final CommandType<?> type : CommandTypes.all())
        {
            final JsonNode schema = schemas.get(OpenApiCommandSchema.schemaName(JsonCodecs.byClass(
                type.commandClass())));
            assertThat(schema).as(type.jsonName()).isNotNull();
            assertThat(schema.get("x-role").asText()).as(type.jsonName()).isEqualTo(type.role().name());
        }
    }

    @Test
    void shouldListOnlyTypesTheDecoderKnows() throws Exception
    {
        final CommandDecoder decoder = new CommandDecoder(() -> Definitions.EMPTY, AccountNames.ADDRESSES_ONLY);
        final JsonNode types = OpenApiCommandSchema.served().at("/components/schemas/Command/properties/type/enum");

        assertThat(types.size()).as("every type but the sequencer's own").isEqualTo(CommandTypes.all().stream()
            .filter(type -> type.role() != io.novation.core.command.CommandRole.SEQUENCER).count());
        for (final JsonNode type : types)
        {
            final CommandFormatException refused = catchThrowableOfType(() -> decoder.decode(
                Json.MAPPER.createObjectNode().put("type", type.asText()), 1L), CommandFormatException.class);
            assertThat(refused).as(type.asText()).isNotNull();
            assertThat(refused.code()).as(type.asText()).isNotEqualTo("UNKNOWN_TYPE");
        }
        final CommandFormatException unknown = catchThrowableOfType(() -> decoder.decode(
            Json.MAPPER.createObjectNode().put("type", "sealBatch"), 1L), CommandFormatException.class);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_TYPE");
    }

    @Test
    void shouldDeclareInTheSchemaEveryFieldTheDecoderAccepts() throws Exception
    {
        final JsonNode schemas = OpenApiCommandSchema.served().at("/components/schemas");
        final JsonNode deposit = schemas.get("DepositCommand");

        assertThat(deposit.at("/properties/amount/x-unit").asText()).isEqualTo("asset units");
        assertThat(deposit.get("required").toString()).contains("\"account\"", "\"amount\"", "\"authority\"");
        assertThat(schemas.at("/SettleTradeCommand/properties/maker/properties/limitPrice/type").asText())
            .isEqualTo("string");
        assertThat(schemas.at("/SettleTradeCommand/properties/maker/required").toString()).contains("\"nonce\"");
    }

    @Test
    void shouldRestoreAFieldMissingFromAStaleDocument() throws Exception
    {
        final ObjectNode stale = (ObjectNode)OpenApiCommandSchema.served().deepCopy();
        ((ObjectNode)stale.at("/components/schemas/WithdrawCommand/properties")).remove("nonce");

        final ObjectNode regenerated = OpenApiCommandSchema.registry().regenerate(stale);

        assertThat(regenerated).isNotEqualTo(stale).isEqualTo(OpenApiCommandSchema.served());
    }
}
