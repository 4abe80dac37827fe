package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.engine.ClearingEngine;
import io.novation.node.json.CommandEncoder;
import io.novation.node.sequencer.Authority;
import io.novation.testkit.VenueClients;

/**
 * The clients of a node in tests ({@link VenueClients}: USDC and ETH collateral, times one millisecond apart from
 * an explicit start, epoch ms), their commands encoded as the node's JSON with the encoder over the replica's
 * definitions.
 */
public final class Venue extends VenueClients<ObjectNode>
{
    public final ClearingEngine replica = replica();
    public final byte[] domain = domain();
    public final CommandEncoder encoder = new CommandEncoder(replica.state());

    public Venue(final long startTime)
    {
        super(startTime, Collateral.USDC_AND_ETH);
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
