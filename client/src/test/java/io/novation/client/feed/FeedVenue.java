package io.novation.client.feed;

import io.novation.core.command.Command;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.node.sequencer.Authority;
import io.novation.testkit.VenueClients;

/**
 * The operators and traders of a test venue whose commands go on the binary feed: each command with its governance
 * or bridge envelope, its time kept (epoch ms), applied to the venue's replica as it is made.
 */
final class FeedVenue extends VenueClients<FeedVenue.Item>
{
    /**
     * A command as the feed carries it.
     *
     * @param command  the command.
     * @param nonce    the envelope's nonce.
     * @param envelope the envelope, or null.
     */
    record Item(Command command, long nonce, EcdsaSignature envelope)
    {
        /**
         * Adds the command to a batch: a fill as a SettleTrade message, anything else in its journal encoding.
         *
         * @param batch         the batch.
         * @param correlationId the command's number.
         * @return the batch.
         */
        FeedBatch addTo(final FeedBatch batch, final long correlationId)
        {
            if (command instanceof SettleTrade fill && envelope == null)
            {
                return batch.settleTrade(correlationId, fill);
            }
            return batch.governed(correlationId, command, true, nonce, envelope);
        }
    }

    FeedVenue(final long startTime)
    {
        super(startTime, Collateral.USDC);
    }

    @Override
    protected Item wire(final Command command, final long nonce, final EcdsaSignature envelope)
    {
        return new Item(command, nonce, envelope);
    }

    @Override
    protected EcdsaSignature envelope(final byte[] domain, final long nonce, final Command command,
        final byte[] privateKey)
    {
        return Authority.sign(domain, nonce, command, privateKey);
    }
}
