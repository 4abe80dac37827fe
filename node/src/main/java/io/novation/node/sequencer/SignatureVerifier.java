package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Secp256k1;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks, off the engine thread, every signature a command carries, so that the engine can run trusted: both orders
 * of a trade, the owner's signature of a withdrawal or transfer, the keeper's of a liquidation, the publisher's of a
 * volatility surface, the governance or bridge envelope of configuration commands and deposits. A failing owner signature refuses the command with the engine's own code
 * ({@code BAD_SIGNATURE}); a missing or wrong envelope refuses it with {@code NOT_AUTHORIZED}. An oracle report
 * whose signature does not recover to its publisher is left out of the round (the engine would drop it with
 * {@code BAD_SIGNATURE}), so that one bad report cannot veto a round. Thread-safe.
 */
public final class SignatureVerifier
{
    private static final int ORDER_CACHE_LIMIT = 200_000;

    private final byte[] domainSeparator;
    private final Authority authority;
    /**
     * Orders whose signature already recovered to their owner, keyed by digest and signature: a matching engine
     * sends the same signed order with each partial fill, and recovering its signer again each time would cost
     * about 0.1 ms.
     */
    private final java.util.concurrent.ConcurrentHashMap<VerifiedOrder, Boolean> verifiedOrders =
        new java.util.concurrent.ConcurrentHashMap<>();

    private record VerifiedOrder(java.nio.ByteBuffer digest, java.nio.ByteBuffer signature)
    {
    }

    /**
     * A verifier.
     *
     * @param domainSeparator the engine's EIP-712 domain separator.
     * @param authority       the genesis governance and bridge keys.
     */
    public SignatureVerifier(final byte[] domainSeparator, final Authority authority)
    {
        this.domainSeparator = domainSeparator.clone();
        this.authority = authority;
    }

    /**
     * Verifies one command.
     *
     * @param command           the decoded command.
     * @param explicitTime      whether the client set its time.
     * @param envelopeNonce     the envelope's nonce (governance and bridge), else ignored.
     * @param envelopeSignature the envelope's signature, or null.
     * @return the submission to sequence.
     * @throws Refusal when a signature or the authority is wrong.
     */
    public Submission verify(final Command command, final boolean explicitTime, final long envelopeNonce,
        final EcdsaSignature envelopeSignature) throws Refusal
    {
        if (command instanceof io.novation.core.command.SealBatch)
        {
            throw new Refusal(403, "NOT_AUTHORIZED", "sealBatch is issued by the sequencer itself");
        }
        final Address signer = authority.signerOf(command);
        if (signer != null)
        {
            final Authority.Role role = Authority.roleOf(command);
            if (envelopeSignature == null)
            {
                throw new Refusal(403, "NOT_AUTHORIZED", "a " + role.name().toLowerCase() + " command needs an " +
                    "\"authority\" envelope signed by the " + role.name().toLowerCase() + " key");
            }
            if (role == Authority.Role.GOVERNANCE && envelopeNonce <= 0)
            {
                throw new Refusal(400, "INVALID_COMMAND", "authority.nonce must be positive");
            }
            if (!recovers(Authority.digest(domainSeparator, envelopeNonce, command), envelopeSignature, signer))
            {
                throw new Refusal(403, "NOT_AUTHORIZED", "the authority envelope is not signed by the " +
                    role.name().toLowerCase() + " key " + signer);
            }
            return new Submission(command, explicitTime, role == Authority.Role.GOVERNANCE ? envelopeNonce : 0,
                List.of());
        }
        if (envelopeSignature != null)
        {
            throw new Refusal(400, "INVALID_COMMAND", "only governance and bridge commands carry an authority envelope");
        }
        if (command instanceof SettleTrade trade)
        {
            checkOrder(trade.maker(), "maker");
            checkOrder(trade.taker(), "taker");
        }
        else if (command instanceof Withdraw withdraw)
        {
            if (withdraw.account() == null ||
                !recovers(withdraw.digest(domainSeparator), withdraw.signature(), withdraw.account()))
            {
                throw new Refusal(403, "BAD_SIGNATURE", "the withdrawal is not signed by " + withdraw.account());
            }
        }
        else if (command instanceof Transfer transfer)
        {
            if (transfer.account() == null ||
                !recovers(transfer.digest(domainSeparator), transfer.signature(), transfer.account()))
            {
                throw new Refusal(403, "BAD_SIGNATURE", "the transfer is not signed by " + transfer.account());
            }
        }
        else if (command instanceof io.novation.core.command.SetMarginMode mode)
        {
            if (mode.account() == null || !recovers(mode.digest(domainSeparator), mode.signature(), mode.account()))
            {
                throw new Refusal(403, "BAD_SIGNATURE", "the margin mode change is not signed by " + mode.account());
            }
        }
        else if (command instanceof Liquidate liquidation)
        {
            if (liquidation.keeper() == null ||
                !recovers(liquidation.digest(domainSeparator), liquidation.signature(), liquidation.keeper()))
            {
                throw new Refusal(403, "BAD_SIGNATURE", "the liquidation is not signed by " + liquidation.keeper());
            }
        }
        else if (command instanceof OracleVolSurface surface)
        {
            if (!surface.hasSlices())
            {
                throw new Refusal(400, "INVALID_COMMAND", "a volatility surface needs its slices, none missing");
            }
            if (surface.publisher() == null ||
                !recovers(surface.digest(domainSeparator), surface.signature(), surface.publisher()))
            {
                throw new Refusal(403, "BAD_SIGNATURE", "the volatility surface is not signed by " +
                    surface.publisher());
            }
        }
        else if (command instanceof OraclePrice round && round.reports() != null)
        {
            return oracleRound(round, explicitTime);
        }
        return Submission.of(command, explicitTime);
    }

    private Submission oracleRound(final OraclePrice round, final boolean explicitTime)
    {
        final List<PriceReport> kept = new ArrayList<>(round.reports().size());
        final List<Integer> dropped = new ArrayList<>();
        for (int i = 0; i < round.reports().size(); i++)
        {
            final PriceReport report = round.reports().get(i);
            if (report != null && report.publisher() != null &&
                !recovers(report.digest(domainSeparator), report.signature(), report.publisher()))
            {
                dropped.add(i);
            }
            else
            {
                kept.add(report);
            }
        }
        final OraclePrice verified = dropped.isEmpty() ? round : new OraclePrice(round.time(), round.oracleId(), kept);
        return new Submission(verified, explicitTime, 0, List.copyOf(dropped));
    }

    private void checkOrder(final Order order, final String side) throws Refusal
    {
        if (order == null)
        {
            throw new Refusal(400, "INVALID_COMMAND", side + " order is required");
        }
        final byte[] digest = order.digest(domainSeparator);
        if (order.signature() == null)
        {
            throw new Refusal(403, "BAD_SIGNATURE", "the " + side + " order is not signed");
        }
        final VerifiedOrder key = new VerifiedOrder(java.nio.ByteBuffer.wrap(digest.clone()),
            java.nio.ByteBuffer.wrap(order.signature().toBytes65()));
        if (verifiedOrders.containsKey(key))
        {
            return;
        }
        if (!recovers(digest, order.signature(), order.account()))
        {
            throw new Refusal(403, "BAD_SIGNATURE", "the " + side + " order is not signed by " + order.account());
        }
        if (verifiedOrders.size() >= ORDER_CACHE_LIMIT)
        {
            verifiedOrders.clear();
        }
        verifiedOrders.put(key, Boolean.TRUE);
    }

    private static boolean recovers(final byte[] digest, final EcdsaSignature signature, final Address expected)
    {
        if (signature == null)
        {
            return false;
        }
        try
        {
            return expected.matches(Secp256k1.recoverAddress(digest, signature));
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }
}
