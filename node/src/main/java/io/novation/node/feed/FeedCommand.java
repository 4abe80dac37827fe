package io.novation.node.feed;

import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;

/**
 * One command read from a feed frame, with what its verification needs, as the JSON routes carry it in a command
 * envelope.
 *
 * @param correlationId the client's number for the command, echoed in its acknowledgement.
 * @param command       the command; its time is epoch ms.
 * @param explicitTime  whether the sequencer keeps the command's time.
 * @param nonce         the governance envelope's nonce, 0 when absent.
 * @param signature     the governance envelope's signature, null when absent.
 */
public record FeedCommand(long correlationId, Command command, boolean explicitTime, long nonce,
    EcdsaSignature signature)
{
}
