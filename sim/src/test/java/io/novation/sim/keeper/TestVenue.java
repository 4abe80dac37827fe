package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.node.json.CommandEncoder;
import io.novation.node.sequencer.Authority;
import io.novation.testkit.VenueClients;

/**
 * The clients of a node in the keeper tests ({@link VenueClients}: USDC collateral, explicit times never before the
 * wall clock, epoch ms, since keepers' commands take the sequencer's wall-clock time and a later explicit time must
 * not precede it), their commands encoded as the node's JSON with the encoder over the replica's definitions.
 */
final class TestVenue extends VenueClients<ObjectNode>
{
    private final CommandEncoder encoder = new CommandEncoder(replica().state());

    TestVenue()
    {
        super(Collateral.USDC);
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
