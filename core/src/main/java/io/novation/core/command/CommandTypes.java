package io.novation.core.command;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of command types: every descriptor, found from the permitted subclasses of {@link Command} (each
 * record's {@code public static final CommandType TYPE}), so that adding a record is its only registration. Looked
 * up by binary type id (current and legacy ids) and by JSON {@code type} name.
 */
public final class CommandTypes
{
    private static final List<CommandType<?>> ALL;
    private static final CommandType<?>[] BY_ID = new CommandType<?>[256];
    private static final Map<String, CommandType<?>> BY_JSON_NAME = new TreeMap<>();

    static
    {
        final List<CommandType<?>> types = new ArrayList<>();
        for (final Class<?> permitted : Command.class.getPermittedSubclasses())
        {
            final CommandType<?> type = typeOf(permitted);
            index(type.id(), type);
            for (final int legacy : type.legacyIds())
            {
                index(legacy, type);
            }
            if (BY_JSON_NAME.put(type.jsonName(), type) != null)
            {
                throw new IllegalStateException("JSON name " + type.jsonName() + " is used twice");
            }
            types.add(type);
        }
        types.sort(Comparator.comparingInt(CommandType::id));
        ALL = Collections.unmodifiableList(types);
    }

    private CommandTypes()
    {
    }

    /**
     * Every descriptor, in binary type id order.
     *
     * @return an unmodifiable list.
     */
    public static List<CommandType<?>> all()
    {
        return ALL;
    }

    /**
     * The descriptor that decodes a binary type id (its current id or a legacy one).
     *
     * @param typeId the id, 0 to 255.
     * @return the descriptor, or null when no type has the id.
     */
    public static CommandType<?> byId(final int typeId)
    {
        return typeId >= 0 && typeId < BY_ID.length ? BY_ID[typeId] : null;
    }

    /**
     * The descriptor of a JSON {@code type} name.
     *
     * @param jsonName e.g. {@code settleTrade}.
     * @return the descriptor, or null when unknown.
     */
    public static CommandType<?> byJsonName(final String jsonName)
    {
        return jsonName == null ? null : BY_JSON_NAME.get(jsonName);
    }

    /**
     * The descriptor a record class declares in its {@code TYPE} field.
     *
     * @param commandClass a permitted subclass of {@link Command}.
     * @return its descriptor.
     * @throws IllegalStateException when the class declares none, or one of another class.
     */
    public static CommandType<?> typeOf(final Class<?> commandClass)
    {
        final Object value;
        try
        {
            final Field field = commandClass.getDeclaredField("TYPE");
            if (!Modifier.isStatic(field.getModifiers()) || !Modifier.isPublic(field.getModifiers()) ||
                !Modifier.isFinal(field.getModifiers()))
            {
                throw new IllegalStateException(commandClass.getSimpleName() + ".TYPE must be public static final");
            }
            value = field.get(null);
        }
        catch (final NoSuchFieldException | IllegalAccessException ex)
        {
            throw new IllegalStateException(commandClass.getSimpleName() + " declares no public TYPE descriptor", ex);
        }
        if (!(value instanceof CommandType<?> type) || type.commandClass() != commandClass)
        {
            throw new IllegalStateException(commandClass.getSimpleName() + ".TYPE does not describe it");
        }
        return type;
    }

    private static void index(final int typeId, final CommandType<?> type)
    {
        if (BY_ID[typeId] != null)
        {
            throw new IllegalStateException("binary type id " + typeId + " is used by " + BY_ID[typeId] + " and " +
                type);
        }
        BY_ID[typeId] = type;
    }
}
