package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingStateView;

import java.util.function.Supplier;

/**
 * The inverse of {@link CommandDecoder}: an engine command as a command of the JSON vocabulary through the per-type
 * codecs of {@link JsonCodecs}, in human units (decimal strings) with the asset, market and oracle definitions of a
 * venue, with every signature in hex; for clients, tests and benchmarks that speak to a node.
 */
public final class CommandEncoder
{
    private final Supplier<Definitions> definitions;

    /**
     * An encoder over the definitions of a state (the client's replica of the node's configuration) as they are at
     * each command.
     *
     * @param state the state holding the assets, markets and oracles the commands refer to.
     */
    public CommandEncoder(final ClearingStateView state)
    {
        this(Definitions.following(state));
    }

    /**
     * An encoder over a definitions snapshot.
     *
     * @param definitions the current definitions.
     */
    public CommandEncoder(final Supplier<Definitions> definitions)
    {
        this.definitions = definitions;
    }

    /**
     * Encodes a command.
     *
     * @param command  the command.
     * @param withTime whether to include its time (epoch ms); without it the sequencer assigns one.
     * @return the JSON object.
     */
    public ObjectNode encode(final Command command, final boolean withTime)
    {
        final JsonCommandCodec<?> codec = JsonCodecs.byClass(command.getClass());
        if (codec == null)
        {
            throw new IllegalArgumentException("cannot encode " + command);
        }
        final ObjectNode json = codec.encode(command, definitions.get());
        if (withTime)
        {
            json.put("time", command.time());
        }
        return json;
    }

    /**
     * Adds the governance or bridge envelope to an encoded command.
     *
     * @param json      the encoded command.
     * @param nonce     the envelope's nonce.
     * @param signature the envelope's signature.
     * @return the same object.
     */
    public static ObjectNode withAuthority(final ObjectNode json, final long nonce, final EcdsaSignature signature)
    {
        json.putObject("authority").put("nonce", nonce).put("signature", Hex.encode(signature.toBytes65()));
        return json;
    }
}
