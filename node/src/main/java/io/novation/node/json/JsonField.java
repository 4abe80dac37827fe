package io.novation.node.json;

import java.util.List;

/**
 * One declared field of a command's JSON form: its name, JSON type, whether it must be given, a one-line description
 * and the unit its value is in (empty when it has none); objects and arrays declare the fields of their elements.
 *
 * @param name        the JSON name, e.g. "limitPrice".
 * @param type        its JSON form.
 * @param required    whether a command without it is refused.
 * @param description one line.
 * @param unit        e.g. "price units of the market's oracle", or "".
 * @param fields      the fields of a nested object or of each array element; empty otherwise.
 */
public record JsonField(String name, JsonType type, boolean required, String description, String unit,
    List<JsonField> fields)
{
    /**
     * A field with an unmodifiable copy of its nested fields.
     */
    public JsonField
    {
        fields = List.copyOf(fields);
    }

    /**
     * A required field.
     *
     * @param name        JSON name.
     * @param type        JSON form.
     * @param description one line.
     * @param unit        unit or "".
     * @return the field.
     */
    public static JsonField required(final String name, final JsonType type, final String description,
        final String unit)
    {
        return new JsonField(name, type, true, description, unit, List.of());
    }

    /**
     * An optional field.
     *
     * @param name        JSON name.
     * @param type        JSON form.
     * @param description one line, saying what an omitted value means.
     * @param unit        unit or "".
     * @return the field.
     */
    public static JsonField optional(final String name, final JsonType type, final String description,
        final String unit)
    {
        return new JsonField(name, type, false, description, unit, List.of());
    }

    /**
     * This field with the fields of its nested object or array elements.
     *
     * @param nested the nested fields.
     * @return the field.
     */
    public JsonField with(final JsonField... nested)
    {
        return new JsonField(name, type, required, description, unit, List.of(nested));
    }
}
