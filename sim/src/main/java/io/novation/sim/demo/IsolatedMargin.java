package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Transfer;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.market.Asset;

import java.util.ArrayList;
import java.util.List;

/**
 * The traders of an isolated market ({@link DemoMarket#isolated()}, AVAX-USD) move what they deposited from subaccount
 * 0, where the bridge credits it, to their isolated subaccount before they trade: one signed {@code transfer} each,
 * with the next nonce of their account ({@link Participant#nextAccountNonce}). Amounts in quote quantums (1e-6 USDC).
 */
final class IsolatedMargin
{
    private IsolatedMargin()
    {
    }

    /**
     * The transfers, one per trader of an isolated market.
     *
     * @param cast     the participants.
     * @param operator encodes the commands.
     * @param domain   the node's EIP-712 domain separator.
     * @param time     the transfers' time, epoch ms (after the deposits were credited).
     * @return the encoded commands, none when no market is isolated.
     */
    static List<ObjectNode> transfers(final DemoCast cast, final Operator operator, final byte[] domain,
        final long time)
    {
        final List<ObjectNode> commands = new ArrayList<>();
        for (final Trader trader : cast.traders())
        {
            if (trader.subaccount() == 0)
            {
                continue;
            }
            final long nonce = trader.nextAccountNonce();
            final Transfer unsigned = new Transfer(time, trader.address(), 0, trader.subaccount(),
                Asset.QUOTE_ASSET_ID, trader.collateral(), nonce, null);
            commands.add(operator.encode(new Transfer(time, trader.address(), 0, trader.subaccount(),
                Asset.QUOTE_ASSET_ID, trader.collateral(), nonce, Secp256k1.sign(unsigned.digest(domain),
                trader.privateKey()))));
        }
        return commands;
    }
}
