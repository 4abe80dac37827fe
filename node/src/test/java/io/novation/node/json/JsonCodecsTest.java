package io.novation.node.json;

import io.novation.core.command.CommandRole;
import io.novation.core.command.CommandType;
import io.novation.core.command.CommandTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON codecs and the core command registry name the same command types: every descriptor has a codec with its
 * JSON name and record class, every codec a descriptor, and clients may send exactly the types not reserved to the
 * sequencer.
 */
class JsonCodecsTest
{
    @Test
    void shouldHaveAJsonCodecForEveryCommandTypeOfTheRegistry()
    {
        for (final CommandType<?> type : CommandTypes.all())
        {
            final JsonCommandCodec<?> codec = JsonCodecs.byName(type.jsonName());

            assertThat(codec).as(type.jsonName()).isNotNull();
            assertThat(codec.commandClass()).as(type.jsonName()).isEqualTo(type.commandClass());
            assertThat(JsonCodecs.byClass(type.commandClass())).as(type.jsonName()).isSameAs(codec);
            assertThat(codec.decodable()).as(type.jsonName()).isEqualTo(type.role() != CommandRole.SEQUENCER);
        }
    }

    @Test
    void shouldHaveACommandTypeForEveryJsonCodec()
    {
        final List<String> names = new ArrayList<>();
        for (final JsonCommandCodec<?> codec : JsonCodecs.all())
        {
            assertThat(CommandTypes.byJsonName(codec.name())).as(codec.name()).isNotNull();
            assertThat(CommandTypes.typeOf(codec.commandClass()).jsonName()).isEqualTo(codec.name());
            names.add(codec.name());
        }

        assertThat(names).doesNotHaveDuplicates().hasSameSizeAs(CommandTypes.all());
    }

    @Test
    void shouldDeclareAOneLineDescriptionForEveryField()
    {
        for (final JsonCommandCodec<?> codec : JsonCodecs.all())
        {
            assertThat(codec.fields()).as(codec.name()).isNotEmpty();
            codec.fields().forEach(field -> assertThat(field.description()).as(codec.name() + "." + field.name())
                .isNotBlank().doesNotContain("\n"));
        }
    }
}
