package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

import java.util.List;

/**
 * The maker's side of a block trade: 1 to {@value #MAX_LEGS} legs, the most fee in quote quantums the maker accepts,
 * a nonce and an expiry in epoch milliseconds, signed by the maker (or a session key with the trade scope) over the
 * EIP-712 struct {@code BlockPackage}; its digest names the package (fills, cancels, the taker's acceptance).
 *
 * @param maker      the maker's address.
 * @param subaccount the maker's subaccount.
 * @param legs       the legs, sides from the maker's point of view.
 * @param maxFee     the most fee the maker pays, quote quantums.
 * @param nonce      the maker's package nonce (a nonce floor of the subaccount refuses lower ones).
 * @param expiry     epoch ms from which the package may not execute.
 * @param signature  the maker's EIP-712 signature, or null when unsigned (trusted simulations).
 */
public record BlockPackage(Address maker, int subaccount, List<BlockLeg> legs, long maxFee, long nonce, long expiry,
    EcdsaSignature signature)
{
    /** Most legs of one package. */
    public static final int MAX_LEGS = 25;

    /** The EIP-712 type of a package, with the type of its legs appended as EIP-712 requires. */
    public static final String EIP712_TYPE = "BlockPackage(address maker,uint32 subaccount,BlockLeg[] legs," +
        "uint64 maxFee,uint64 nonce,uint64 expiry)" + BlockLeg.EIP712_TYPE;
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);
    private static final byte[] LEG_TYPE_HASH = Eip712.typeHash(BlockLeg.EIP712_TYPE);

    /**
     * A package; the legs are copied.
     */
    public BlockPackage
    {
        legs = legs == null ? null : List.copyOf(legs);
    }

    /**
     * The EIP-712 digest the maker signs; the legs are encoded as the hash of their struct hashes.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final List<BlockLeg> listed = legs == null ? List.of() : legs;
        final byte[] legHashes = new byte[32 * listed.size()];
        final byte[] leg = new byte[32 * 5];
        for (int i = 0; i < listed.size(); i++)
        {
            final BlockLeg l = listed.get(i);
            Eip712.putBytes32(leg, 0, LEG_TYPE_HASH);
            Eip712.putUint256(leg, 32, Integer.toUnsignedLong(l.instrument()));
            Eip712.putBool(leg, 64, l.makerBuys());
            Eip712.putUint256(leg, 96, l.size());
            Eip712.putUint256(leg, 128, l.price());
            Eip712.putBytes32(legHashes, 32 * i, Keccak256.hash(leg));
        }
        final byte[] words = new byte[32 * 7];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putAddress(words, 32, maker.toBytes());
        Eip712.putUint256(words, 64, Integer.toUnsignedLong(subaccount));
        Eip712.putBytes32(words, 96, Keccak256.hash(legHashes));
        Eip712.putUint256(words, 128, maxFee);
        Eip712.putUint256(words, 160, nonce);
        Eip712.putUint256(words, 192, expiry);
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    /**
     * The same package with a signature.
     *
     * @param newSignature the signature.
     * @return a new package.
     */
    public BlockPackage withSignature(final EcdsaSignature newSignature)
    {
        return new BlockPackage(maker, subaccount, legs, maxFee, nonce, expiry, newSignature);
    }
}
