package io.novation.solvency.tree;

import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Secp256k1;
import io.novation.testkit.VenueClients;

/** Test clients whose wire is the command itself, applied to the kit's replica engine. */
public final class PlainVenue extends VenueClients<Command>
{
    public PlainVenue(final Collateral collateral)
    {
        super(1_760_000_000_000L, collateral);
    }

    @Override
    protected Command wire(final Command command, final long nonce, final EcdsaSignature envelope)
    {
        return command;
    }

    @Override
    protected EcdsaSignature envelope(final byte[] domain, final long nonce, final Command command,
        final byte[] privateKey)
    {
        return Secp256k1.sign(new byte[32], privateKey);
    }
}
