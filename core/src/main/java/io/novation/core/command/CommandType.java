package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

import java.util.Arrays;

/**
 * The descriptor of one command type, its single source of truth: binary type id, JSON {@code type} name, the role
 * that may send it, its record class, one line of documentation, and its binary codec (the fields after the
 * command frame of {@link io.novation.core.command.CommandCodec}, big-endian, in the engine's units). Immutable.
 *
 * @param <C> the command's record.
 */
public final class CommandType<C extends Command>
{
    /**
     * Reads a command's fields after its frame.
     *
     * @param <C> the command.
     */
    @FunctionalInterface
    public interface BinaryDecoder<C extends Command>
    {
        /**
         * Reads the fields and builds the command.
         *
         * @param time the frame's time, epoch ms.
         * @param in   positioned after the frame.
         * @return the command.
         */
        C decode(long time, BinaryReader in);
    }

    /**
     * Writes and reads a command's fields after its frame.
     *
     * @param <C> the command.
     */
    public interface BinaryCodec<C extends Command> extends BinaryDecoder<C>
    {
        /**
         * Writes the fields (not the time, which is in the frame).
         *
         * @param command the command.
         * @param out     the writer.
         */
        void encode(C command, BinaryWriter out);

        /**
         * Reads the fields as {@link #decode(long, BinaryReader)} does, with the signed orders read through an
         * {@link OrderReader} (which may give an equal order decoded before); a command without orders ignores it.
         *
         * @param time   the frame's time, epoch ms.
         * @param in     positioned after the frame.
         * @param orders reads the command's orders.
         * @return the command, equal to what {@link #decode(long, BinaryReader)} gives.
         */
        default C decode(final long time, final BinaryReader in, final OrderReader orders)
        {
            return decode(time, in);
        }
    }

    private final int id;
    private final String jsonName;
    private final CommandRole role;
    private final Class<C> commandClass;
    private final String doc;
    private final BinaryCodec<C> codec;
    private final int[] legacyIds;
    private final BinaryDecoder<C>[] legacyDecoders;

    private CommandType(final int id, final String jsonName, final CommandRole role, final Class<C> commandClass,
        final String doc, final BinaryCodec<C> codec, final int[] legacyIds, final BinaryDecoder<C>[] legacyDecoders)
    {
        if (id < 1 || id > 0xFF)
        {
            throw new IllegalArgumentException("binary type id must be 1 to 255: " + id);
        }
        if (jsonName == null || jsonName.isEmpty() || role == null || commandClass == null || doc == null ||
            codec == null)
        {
            throw new IllegalArgumentException("a command type needs a JSON name, role, class, doc and codec");
        }
        this.id = id;
        this.jsonName = jsonName;
        this.role = role;
        this.commandClass = commandClass;
        this.doc = doc;
        this.codec = codec;
        this.legacyIds = legacyIds;
        this.legacyDecoders = legacyDecoders;
    }

    /**
     * A descriptor.
     *
     * @param <C>          the command's record.
     * @param id           binary type id, 1 to 255, never reused.
     * @param jsonName     the JSON {@code type} name, e.g. {@code settleTrade}.
     * @param role         who may send it.
     * @param commandClass the record class.
     * @param doc          one line of documentation.
     * @param codec        the binary codec of its fields.
     * @return the descriptor.
     */
    @SuppressWarnings("unchecked")
    public static <C extends Command> CommandType<C> of(final int id, final String jsonName, final CommandRole role,
        final Class<C> commandClass, final String doc, final BinaryCodec<C> codec)
    {
        return new CommandType<>(id, jsonName, role, commandClass, doc, codec, new int[0], new BinaryDecoder[0]);
    }

    /**
     * The same descriptor that also decodes an older binary type id of the command (journals written before the
     * encoding changed stay readable); the codec always writes {@link #id()}.
     *
     * @param legacyId the older id.
     * @param decoder  reads the fields of the older encoding.
     * @return a new descriptor.
     */
    public CommandType<C> withLegacyId(final int legacyId, final BinaryDecoder<C> decoder)
    {
        if (legacyId == id || decodes(legacyId) || legacyId < 1 || legacyId > 0xFF || decoder == null)
        {
            throw new IllegalArgumentException("legacy id " + legacyId + " is taken or invalid");
        }
        final int[] ids = Arrays.copyOf(legacyIds, legacyIds.length + 1);
        ids[legacyIds.length] = legacyId;
        final BinaryDecoder<C>[] decoders = Arrays.copyOf(legacyDecoders, legacyDecoders.length + 1);
        decoders[legacyDecoders.length] = decoder;
        return new CommandType<>(id, jsonName, role, commandClass, doc, codec, ids, decoders);
    }

    /**
     * The binary type id the codec writes.
     *
     * @return 1 to 255.
     */
    public int id()
    {
        return id;
    }

    /**
     * Older binary type ids still decoded.
     *
     * @return a copy, possibly empty.
     */
    public int[] legacyIds()
    {
        return legacyIds.clone();
    }

    /**
     * Whether this descriptor decodes a binary type id (its own or a legacy one).
     *
     * @param typeId the id.
     * @return true when it does.
     */
    public boolean decodes(final int typeId)
    {
        if (typeId == id)
        {
            return true;
        }
        for (final int legacy : legacyIds)
        {
            if (legacy == typeId)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The JSON {@code type} name.
     *
     * @return e.g. {@code settleTrade}.
     */
    public String jsonName()
    {
        return jsonName;
    }

    /**
     * Who may send the command.
     *
     * @return the role.
     */
    public CommandRole role()
    {
        return role;
    }

    /**
     * The record class.
     *
     * @return the class.
     */
    public Class<C> commandClass()
    {
        return commandClass;
    }

    /**
     * One line of documentation.
     *
     * @return the line.
     */
    public String doc()
    {
        return doc;
    }

    /**
     * Writes a command's fields (after the frame).
     *
     * @param command the command.
     * @param out     the writer.
     */
    public void encode(final C command, final BinaryWriter out)
    {
        codec.encode(command, out);
    }

    /**
     * Writes the fields of a command of this type given as a {@link Command}.
     *
     * @param command the command.
     * @param out     the writer.
     * @throws ClassCastException when the command is of another type.
     */
    public void encodeCommand(final Command command, final BinaryWriter out)
    {
        codec.encode(commandClass.cast(command), out);
    }

    /**
     * Reads a command's fields written under {@link #id()}.
     *
     * @param time the frame's time, epoch ms.
     * @param in   positioned after the frame.
     * @return the command.
     */
    public C decode(final long time, final BinaryReader in)
    {
        return codec.decode(time, in);
    }

    /**
     * Reads a command's fields written under its id or a legacy one.
     *
     * @param typeId the frame's type id.
     * @param time   the frame's time, epoch ms.
     * @param in     positioned after the frame.
     * @return the command.
     * @throws IllegalArgumentException when this descriptor does not decode the id.
     */
    public C decode(final int typeId, final long time, final BinaryReader in)
    {
        return decode(typeId, time, in, OrderReader.FRESH);
    }

    /**
     * Reads a command's fields written under its id or a legacy one, its signed orders (if any, under its own id)
     * through an {@link OrderReader}.
     *
     * @param typeId the frame's type id.
     * @param time   the frame's time, epoch ms.
     * @param in     positioned after the frame.
     * @param orders reads the command's orders.
     * @return the command.
     * @throws IllegalArgumentException when this descriptor does not decode the id.
     */
    public C decode(final int typeId, final long time, final BinaryReader in, final OrderReader orders)
    {
        if (typeId == id)
        {
            return orders == OrderReader.FRESH ? codec.decode(time, in) : codec.decode(time, in, orders);
        }
        for (int i = 0; i < legacyIds.length; i++)
        {
            if (legacyIds[i] == typeId)
            {
                return legacyDecoders[i].decode(time, in);
            }
        }
        throw new IllegalArgumentException(jsonName + " does not decode type id " + typeId);
    }

    @Override
    public String toString()
    {
        return jsonName + "(" + id + ")";
    }
}
