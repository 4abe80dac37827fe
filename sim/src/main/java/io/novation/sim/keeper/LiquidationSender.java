package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.client.NovationClient;
import io.novation.client.Reply;
import io.novation.core.account.Address;
import io.novation.core.command.Liquidate;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.json.Json;

import java.io.IOException;

/**
 * Signs a keeper's {@code liquidate} commands (sizes in base quantums, shown in base units) with the keeper's key and
 * the node's EIP-712 domain, submits them, and keeps the keeper's account nonce in step with the node's.
 */
final class LiquidationSender
{
    private final NovationClient client;
    private final KeeperLedger ledger;
    private final byte[] privateKey;
    private final Address address;
    private final int subaccount;
    private final byte[] domainSeparator;
    private long nextNonce;
    private volatile long lastSentSequence;

    LiquidationSender(final NovationClient client, final KeeperLedger ledger, final byte[] privateKey,
        final Address address, final int subaccount, final byte[] domainSeparator)
    {
        this.client = client;
        this.ledger = ledger;
        this.privateKey = privateKey;
        this.address = address;
        this.subaccount = subaccount;
        this.domainSeparator = domainSeparator;
    }

    /** The sequence of the last command sent that the node sequenced (applied or rejected), 0 before any. */
    long lastSentSequence()
    {
        return lastSentSequence;
    }

    /** Signs and sends one liquidation; on NONCE_REUSED resynchronizes the nonce and sends once more. */
    Reply send(final Candidate candidate, final long size) throws IOException
    {
        Reply reply = sendOnce(candidate, size);
        if ("NONCE_REUSED".equals(reply.code()))
        {
            ledger.refused("NONCE_REUSED");
            resyncNonce();
            reply = sendOnce(candidate, size);
        }
        return reply;
    }

    private Reply sendOnce(final Candidate candidate, final long size) throws IOException
    {
        final Liquidate unsigned = new Liquidate(0, address, subaccount, candidate.target(),
            candidate.targetSubaccount(), candidate.market().id(), size, nextNonce, null);
        final byte[] signature = Secp256k1.sign(unsigned.digest(domainSeparator), privateKey).toBytes65();
        final ObjectNode command = Json.MAPPER.createObjectNode();
        command.put("type", "liquidate");
        command.put("keeper", address.toString());
        command.put("keeperSubaccount", subaccount);
        command.put("target", candidate.target().toString());
        command.put("targetSubaccount", candidate.targetSubaccount());
        command.put("market", candidate.market().ticker());
        command.put("size", candidate.market().sizeDecimal(size));
        command.put("nonce", nextNonce);
        command.put("signature", Hex.encode(signature));
        ledger.attempted();
        final Reply reply;
        try
        {
            reply = client.submit(command);
        }
        catch (final IOException ex)
        {
            // The outcome is unknown: the node may have applied it. Ask it for the nonce it holds.
            resyncNonce();
            throw ex;
        }
        if (reply.applied())
        {
            nextNonce++;
        }
        lastSentSequence = Math.max(lastSentSequence, reply.body().path("sequence").asLong());
        return reply;
    }

    /** Reads the nonce the node holds for the keeper's account: the next one is one more. */
    void resyncNonce() throws IOException
    {
        final JsonNode account = client.read("/v1/accounts/" + address);
        nextNonce = account.get("lastNonce").asLong() + 1;
    }
}
