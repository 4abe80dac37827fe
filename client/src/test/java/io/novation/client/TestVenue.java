package io.novation.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.node.json.CommandEncoder;
import io.novation.node.sequencer.Authority;
import io.novation.testkit.VenueClients;

/**
 * The operators of a test venue (governance, the bridge, the publishers) with USDC collateral, their commands as the
 * node's JSON, times one millisecond apart and never before the wall clock, epoch ms.
 */
final class TestVenue extends VenueClients<ObjectNode>
{
    private final CommandEncoder encoder = new CommandEncoder(replica().state());

    TestVenue(final long startTime)
    {
        super(startTime, Collateral.USDC);
    }

    @Override
    protected ObjectNode wire(final Command command, final long nonce, final EcdsaSignature envelope)
    {
        final ObjectNode json = encoder.encode(command, true);
        return envelope == null ? json : CommandEncoder.withAuthority(json, nonce, envelope);
    }

    @Override
    protected EcdsaSignature envelope(final byte[] domain, final long nonce, final Command command,
        final byte[] privateKey)
    {
        return Authority.sign(domain, nonce, command, privateKey);
    }
}
