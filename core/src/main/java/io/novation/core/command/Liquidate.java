package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

/**
 * Keeper-signed: take over part of one position of a subaccount below maintenance margin at the fillable price.
 *
 * @param time             sequencer time, epoch ms.
 * @param keeper           the keeper's account.
 * @param keeperSubaccount the keeper subaccount that takes the position.
 * @param target           the liquidated account.
 * @param targetSubaccount the liquidated subaccount.
 * @param marketId         market of the position.
 * @param size             base quantums to take over, positive, on the market's step.
 * @param nonce            greater than the keeper account's last nonce.
 * @param signature        the keeper's EIP-712 signature over {@code Liquidate}.
 */
public record Liquidate(long time, Address keeper, int keeperSubaccount, Address target, int targetSubaccount,
    int marketId, long size, long nonce, EcdsaSignature signature) implements Command
{
    /** The descriptor: binary type id 14, JSON {@code liquidate}, role owner. */
    public static final CommandType<Liquidate> TYPE = CommandType.of(
        14, "liquidate", CommandRole.OWNER, Liquidate.class,
        "Keeper-signed: take over part of a position below maintenance margin.",
        TradingCodecs.LIQUIDATE);

    /** The EIP-712 type of a liquidation request. */
    public static final String EIP712_TYPE = "Liquidate(address keeper,uint32 keeperSubaccount,address target," +
        "uint32 targetSubaccount,uint32 market,uint64 size,uint64 nonce)";
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * The EIP-712 digest the keeper signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 8];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, keeper.toBytes());
        Eip712.putUint256(words, 64, keeperSubaccount);
        Eip712.putAddress(words, 96, target.toBytes());
        Eip712.putUint256(words, 128, targetSubaccount);
        Eip712.putUint256(words, 160, marketId);
        Eip712.putUint256(words, 192, size);
        Eip712.putUint256(words, 224, nonce);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    /**
     * The same request with a signature.
     *
     * @param newSignature the signature.
     * @return the command.
     */
    public Liquidate withSignature(final EcdsaSignature newSignature)
    {
        return new Liquidate(time, keeper, keeperSubaccount, target, targetSubaccount, marketId, size, nonce,
            newSignature);
    }

    @Override
    public Liquidate withTime(final long newTime)
    {
        return newTime == time ? this : new Liquidate(newTime, keeper, keeperSubaccount, target, targetSubaccount,
            marketId, size, nonce, signature);
    }

    @Override
    public CommandType<Liquidate> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.liquidate(this);
    }
}
