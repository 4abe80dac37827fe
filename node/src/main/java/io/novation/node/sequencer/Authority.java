package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.codec.CommandCodec;
import io.novation.core.command.Command;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;

/**
 * Who may send which command, and the envelope that proves it: configuration commands (with the sequencer's funding
 * ticks and option expiries) need the governance key and
 * deposits the bridge key set at genesis; the key signs the EIP-712 struct
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

    /** Who must sign a command. */
    public enum Role
    {
        /** The governance key, with an envelope. */
        GOVERNANCE,
        /** The bridge key, with an envelope. */
        BRIDGE,
        /**
         * The owners named inside the command (orders, withdrawals, transfers, liquidations, margin modes) or
         * registered publishers (price reports, volatility surfaces).
         */
        OWNER
    }

    /**
     * The role a command needs.
     *
     * @param command the command.
     * @return the role.
     */
    public static Role roleOf(final Command command)
    {
        if (command instanceof CreateAsset || command instanceof CreatePerpetual ||
            command instanceof SetMarketStatus || command instanceof RegisterOraclePublisher ||
            command instanceof SetOracleParameters || command instanceof SetFundingParameters ||
            command instanceof io.novation.core.command.SetVolSurfaceParameters ||
            command instanceof FundingSample || command instanceof FundingTick ||
            command instanceof CreateOptionSeries || command instanceof SettleExpiry)
        {
            return Role.GOVERNANCE;
        }
        return command instanceof Deposit || command instanceof io.novation.core.command.ForcedWithdraw ?
            Role.BRIDGE : Role.OWNER;
    }

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
        final byte[] encoding = CommandCodec.encode(Commands.withTime(command, 0));
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
     * The address that must have signed a command's envelope, or null for owner-signed commands.
     *
     * @param command the command.
     * @return the address or null.
     */
    public Address signerOf(final Command command)
    {
        return switch (roleOf(command))
        {
            case GOVERNANCE -> governance;
            case BRIDGE -> bridge;
            case OWNER -> null;
        };
    }
}
