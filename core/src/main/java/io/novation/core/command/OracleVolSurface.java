package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Eip712;
import io.novation.core.crypto.Keccak256;

import java.util.List;

/**
 * Oracle: the implied volatility surface of one underlying, as raw SVI parameters per expiry (Gatheral 2004),
 * replacing the last one, signed by one of the underlying oracle's registered publishers. Parameters are fixed-point
 * integers in billionths (1e-9): a and b in total variance, rho dimensionless, m and sigma in log-moneyness.
 * <p>
 * The publisher signs the EIP-712 struct {@code VolSurface(uint32 oracle,uint64 publishedAt,bytes32 slicesHash)}
 * under the engine's domain, where {@code slicesHash} is keccak256 of the slices' canonical encoding
 * ({@link #slicesEncoding}): per slice, in order, the expiry and the five parameters as 8-byte big-endian two's
 * complement integers (Solidity's {@code abi.encodePacked(uint64 expiry, int64 a, int64 b, int64 rho, int64 m,
 * int64 sigma)}, 48 bytes a slice). The signature covers {@code publishedAt}, not the command's time, so the
 * sequencer may re-stamp the command.
 *
 * @param time        sequencer time, epoch ms.
 * @param oracleId    the underlying's oracle.
 * @param publishedAt the publisher's time, epoch ms: slices' times to expiry are counted from it.
 * @param slices      one per expiry, expiries strictly increasing and after {@code publishedAt}.
 * @param publisher   the publisher's address.
 * @param signature   the publisher's signature, or null where signatures are trusted.
 */
public record OracleVolSurface(long time, int oracleId, long publishedAt, List<Slice> slices, Address publisher,
    EcdsaSignature signature) implements Command
{
    /** The descriptor: binary type id 21, JSON {@code oracleVolSurface}, role owner. */
    public static final CommandType<OracleVolSurface> TYPE = CommandType.of(
        21, "oracleVolSurface", CommandRole.OWNER, OracleVolSurface.class,
        "Publisher-signed: an underlying's SVI volatility surface.",
        OracleCodecs.ORACLE_VOL_SURFACE)
        .withLegacyId(16, OracleCodecs.ORACLE_VOL_SURFACE_UNSIGNED);

    /** The EIP-712 type of a volatility surface. */
    public static final String EIP712_TYPE = "VolSurface(uint32 oracle,uint64 publishedAt,bytes32 slicesHash)";
    /** Bytes of one slice in the canonical encoding. */
    public static final int SLICE_ENCODING_LENGTH = 48;
    private static final byte[] TYPE_HASH = Eip712.typeHash(EIP712_TYPE);

    /**
     * Copies the slices.
     */
    public OracleVolSurface
    {
        slices = slices == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(slices));
    }

    /**
     * Whether the surface can be hashed for its signature: slices present and none missing.
     *
     * @return true when {@link #digest} is defined.
     */
    public boolean hasSlices()
    {
        if (slices == null)
        {
            return false;
        }
        for (int i = 0; i < slices.size(); i++)
        {
            if (slices.get(i) == null)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The canonical encoding of the slices the signature covers: per slice expiry ‖ a ‖ b ‖ rho ‖ m ‖ sigma, each
     * 8 bytes big-endian two's complement.
     *
     * @return 48 bytes per slice.
     * @throws IllegalStateException when {@link #hasSlices()} is false.
     */
    public byte[] slicesEncoding()
    {
        if (!hasSlices())
        {
            throw new IllegalStateException("a surface without slices, or with a missing slice, cannot be signed");
        }
        final byte[] bytes = new byte[SLICE_ENCODING_LENGTH * slices.size()];
        for (int i = 0; i < slices.size(); i++)
        {
            final Slice slice = slices.get(i);
            final int offset = i * SLICE_ENCODING_LENGTH;
            putLong(bytes, offset, slice.expiry());
            putLong(bytes, offset + 8, slice.aNanos());
            putLong(bytes, offset + 16, slice.bNanos());
            putLong(bytes, offset + 24, slice.rhoNanos());
            putLong(bytes, offset + 32, slice.mNanos());
            putLong(bytes, offset + 40, slice.sigmaNanos());
        }
        return bytes;
    }

    /**
     * The EIP-712 digest the publisher signs.
     *
     * @param domainSeparator the engine's domain separator.
     * @return 32 bytes.
     * @throws IllegalStateException when {@link #hasSlices()} is false.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        final byte[] words = new byte[32 * 4];
        Eip712.putBytes32(words, 0, TYPE_HASH);
        Eip712.putUint256(words, 32, oracleId);
        Eip712.putUint256(words, 64, publishedAt);
        Eip712.putBytes32(words, 96, Keccak256.hash(slicesEncoding()));
        return Eip712.digest(domainSeparator, Keccak256.hash(words));
    }

    /**
     * The same surface with a signature.
     *
     * @param newSignature the signature.
     * @return a new command.
     */
    public OracleVolSurface withSignature(final EcdsaSignature newSignature)
    {
        return new OracleVolSurface(time, oracleId, publishedAt, slices, publisher, newSignature);
    }

    private static void putLong(final byte[] bytes, final int offset, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            bytes[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }

    /**
     * One expiry of the surface.
     *
     * @param expiry    epoch ms.
     * @param aNanos    SVI a, 1e-9.
     * @param bNanos    SVI b, 1e-9.
     * @param rhoNanos  SVI rho, 1e-9.
     * @param mNanos    SVI m, 1e-9.
     * @param sigmaNanos SVI sigma, 1e-9.
     */
    public record Slice(long expiry, long aNanos, long bNanos, long rhoNanos, long mNanos, long sigmaNanos)
    {
    }

    /**
     * The same surface at another sequencer time; the signature stays valid, since it covers {@code publishedAt},
     * not the sequencer time.
     *
     * @param newTime epoch ms.
     * @return this surface when the time is unchanged, else a copy.
     */
    @Override
    public OracleVolSurface withTime(final long newTime)
    {
        return newTime == time ? this : new OracleVolSurface(newTime, oracleId, publishedAt, slices, publisher,
            signature);
    }

    @Override
    public CommandType<OracleVolSurface> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.oracleVolSurface(this);
    }
}
