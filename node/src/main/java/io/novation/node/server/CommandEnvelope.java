package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.node.sequencer.Refusal;

import java.util.Iterator;

/**
 * One JSON command as submitted, before decoding: the command object without its governance envelope, whether the
 * client set its time, and the envelope's nonce and signature (0 and null when the command carries none).
 *
 * @param json         the command object, without {@code "authority"}.
 * @param explicitTime whether the command has a {@code "time"} (epoch ms) the sequencer must keep.
 * @param nonce        the governance envelope's nonce, 0 when absent.
 * @param signature    the governance envelope's signature, null when absent.
 */
public record CommandEnvelope(ObjectNode json, boolean explicitTime, long nonce, EcdsaSignature signature)
{
    /**
     * Splits a submitted JSON command into the command and its governance envelope.
     *
     * @param item one submitted command.
     * @return the envelope.
     * @throws Refusal {@code INVALID_COMMAND}, {@code INVALID_FIELD} or {@code UNKNOWN_FIELD} (400).
     */
    public static CommandEnvelope of(final JsonNode item) throws Refusal
    {
        if (!item.isObject())
        {
            throw new Refusal(400, "INVALID_COMMAND", "a command is a JSON object with a \"type\"");
        }
        final ObjectNode json = ((ObjectNode)item).deepCopy();
        final JsonNode authority = json.remove("authority");
        long nonce = 0;
        EcdsaSignature signature = null;
        if (authority != null && !authority.isNull())
        {
            if (!authority.isObject())
            {
                throw new Refusal(400, "INVALID_FIELD", "authority: must be {\"nonce\", \"signature\"}");
            }
            final Iterator<String> names = authority.fieldNames();
            while (names.hasNext())
            {
                final String name = names.next();
                if (!name.equals("nonce") && !name.equals("signature"))
                {
                    throw new Refusal(400, "UNKNOWN_FIELD", "authority." + name + ": unknown field");
                }
            }
            final JsonNode nonceNode = authority.get("nonce");
            if (nonceNode != null)
            {
                if (!nonceNode.isIntegralNumber() || !nonceNode.canConvertToLong() || nonceNode.asLong() < 0)
                {
                    throw new Refusal(400, "INVALID_FIELD", "authority.nonce: must be a non-negative 64-bit integer");
                }
                nonce = nonceNode.asLong();
            }
            final JsonNode signatureNode = authority.get("signature");
            try
            {
                signature = EcdsaSignature.fromBytes65(Hex.decode(signatureNode.asText()));
            }
            catch (final RuntimeException ex)
            {
                throw new Refusal(400, "INVALID_FIELD", "authority.signature: must be 65 bytes r||s||v in hex");
            }
        }
        return new CommandEnvelope(json, json.hasNonNull("time"), nonce, signature);
    }
}
