package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.governance.GovernanceBook;

/**
 * The keys of the governance and bridge roles and the envelope that proves a command comes from one: each command
 * type's descriptor names its role ({@link io.novation.core.command.CommandType#role()}): configuration commands
 * (with the sequencer's funding ticks and option expiries) need the governance key and deposits and forced
 * withdrawals the bridge key set at genesis; the key signs the EIP-712 struct
 * {@code Authority(uint64 nonce,bytes command)} under the engine's domain, where {@code command} is the command's
 * binary encoding ({@link CommandCodec}, version 1) with its time set to 0 (the sequencer assigns time) and the
 * nonce is above the last governance nonce sequenced (deposits may use 0: their deposit id already orders them).
 *
 * @param governance the address of the governance key.
 * @param bridge     the address of the bridge key.
 */
public record Authority(Address governance, Address bridge)
{
    /** The EIP-712 type of the envelope. */
    public static final String EIP712_TYPE = "Authority(uint64 nonce,bytes command)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * The digest an authority signs for a command.
     *
     * @param domainSeparator the engine's EIP-712 domain separator.
     * @param nonce           the envelope's nonce.
     * @param command         the command (its time is ignored).
     * @return 32 bytes.
     */
    public static byte[] digest(final byte[] domainSeparator, final long nonce, final Command command)
    {
        final byte[] encoding = CommandCodec.encode(command.withTime(0));
        final byte[] words = new byte[32 * 3];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putUint256(words, 32, nonce);
        Eip712.putBytes32(words, 64, Keccak256.hash(encoding));
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    /**
     * Signs an envelope: what a governance or bridge client does.
     *
     * @param domainSeparator the engine's domain separator.
     * @param nonce           the nonce.
     * @param command         the command.
     * @param privateKey      32 bytes.
     * @return the signature.
     */
    public static EcdsaSignature sign(final byte[] domainSeparator, final long nonce, final Command command,
        final byte[] privateKey)
    {
        return Secp256k1.sign(digest(domainSeparator, nonce, command), privateKey);
    }

    /**
     * These genesis keys as governance has rotated them: a key the governance book holds replaces the genesis one.
     *
     * @param book the engine's governance book (read on the engine thread).
     * @return the keys in force.
     */
    public Authority following(final GovernanceBook book)
    {
        final Address rotatedGovernance = book.governanceKey();
        final Address rotatedBridge = book.bridgeKey();
        return new Authority(rotatedGovernance == null ? governance : rotatedGovernance,
            rotatedBridge == null ? bridge : rotatedBridge);
    }

    /**
     * The address that must have signed a command's envelope, or null for owner-signed commands and the
     * sequencer's own.
     *
     * @param command the command.
     * @return the address or null.
     */
    public Address signerOf(final Command command)
    {
        return switch (command.role())
        {
            case GOVERNANCE -> governance;
            case BRIDGE -> bridge;
            case OWNER, SEQUENCER -> null;
        };
    }
}
