package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;
import io.novation.core.pricing.OptionType;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary encodings of the values commands share (orders, price reports, volatility slices, liquidity tiers,
 * statuses, oracle, surface and funding parameters, batch headers), big-endian in the engine's units; a reference
 * that may be null is written with a presence byte, a list with a 2-byte count (0xFFFF for null), an enum as its
 * ordinal byte (0xFF for null). Also used by the snapshot codec.
 */
public final class CommandFields
{
    private static final int NULL_ORDINAL = 0xFF;
    private static final int NO_LIST = 0xFFFF;

    private CommandFields()
    {
    }

    /**
     * Writes a signed order: a presence byte, then its fields in declaration order.
     *
     * @param out   the writer.
     * @param order the order, or null.
     */
    public static void putOrder(final BinaryWriter out, final Order order)
    {
        if (order == null)
        {
            out.putByte(0);
            return;
        }
        out.putByte(1).putAddress(order.account()).putInt(order.subaccount()).putInt(order.market())
            .putBoolean(order.isBuy()).putLong(order.size()).putLong(order.limitPrice()).putLong(order.nonce())
            .putLong(order.expiry()).putBoolean(order.reduceOnly()).putSignature(order.signature());
    }

    /**
     * Reads what {@link #putOrder} wrote.
     *
     * @param in the reader.
     * @return the order, or null.
     */
    public static Order getOrder(final BinaryReader in)
    {
        if (!in.getBoolean())
        {
            return null;
        }
        return Order.of(in.getAddress(), in.getInt(), in.getInt(), in.getBoolean(), in.getLong(), in.getLong(),
            in.getLong(), in.getLong(), in.getBoolean(), in.getSignature());
    }

    /**
     * The length of the order encoding at a reader's position ({@link #putOrder}), without moving the reader.
     *
     * @param in the reader, at the order's presence byte.
     * @return bytes, 1 for an absent order.
     * @throws CodecException when the encoding is truncated.
     */
    public static int orderLength(final BinaryReader in)
    {
        final int start = in.position();
        try
        {
            if (!in.getBoolean())
            {
                return 1;
            }
            if (in.getBoolean())
            {
                in.skip(Address.LENGTH);
            }
            // subaccount, market, isBuy, size, limitPrice, nonce, expiry, reduceOnly
            in.skip(4 + 4 + 1 + 8 + 8 + 8 + 8 + 1);
            if (in.getBoolean())
            {
                in.skip(EcdsaSignature.ENCODED_LENGTH);
            }
            return in.position() - start;
        }
        finally
        {
            in.position(start);
        }
    }

    /**
     * Writes a round's price reports: a 2-byte count (0xFFFF for null), then per report a presence byte and its
     * fields.
     *
     * @param out     the writer.
     * @param reports the reports, or null.
     */
    public static void putReports(final BinaryWriter out, final List<PriceReport> reports)
    {
        if (reports == null)
        {
            out.putShort(NO_LIST);
            return;
        }
        out.putShort(reports.size());
        for (int i = 0; i < reports.size(); i++)
        {
            final PriceReport report = reports.get(i);
            if (report == null)
            {
                out.putByte(0);
                continue;
            }
            out.putByte(1).putInt(report.oracleId()).putLong(report.price()).putLong(report.publishedAt())
                .putAddress(report.publisher()).putSignature(report.signature());
        }
    }

    /**
     * Reads what {@link #putReports} wrote.
     *
     * @param in the reader.
     * @return the reports, or null.
     */
    public static List<PriceReport> getReports(final BinaryReader in)
    {
        final int count = in.getUnsignedShort();
        if (count == NO_LIST)
        {
            return null;
        }
        final List<PriceReport> reports = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            reports.add(in.getBoolean() ?
                new PriceReport(in.getInt(), in.getLong(), in.getLong(), in.getAddress(), in.getSignature()) : null);
        }
        return reports;
    }

    /**
     * Writes the slices of a volatility surface (a 2-byte count, 0xFFFF for null, then per slice a presence byte,
     * the expiry and the five SVI parameters).
     *
     * @param out    the writer.
     * @param slices the slices, may be null.
     */
    public static void putSlices(final BinaryWriter out, final List<OracleVolSurface.Slice> slices)
    {
        if (slices == null)
        {
            out.putShort(NO_LIST);
            return;
        }
        out.putShort(slices.size());
        for (int i = 0; i < slices.size(); i++)
        {
            final OracleVolSurface.Slice slice = slices.get(i);
            if (slice == null)
            {
                out.putByte(0);
                continue;
            }
            out.putByte(1).putLong(slice.expiry()).putLong(slice.aNanos()).putLong(slice.bNanos())
                .putLong(slice.rhoNanos()).putLong(slice.mNanos()).putLong(slice.sigmaNanos());
        }
    }

    /**
     * Reads what {@link #putSlices} wrote.
     *
     * @param in the reader.
     * @return the slices, or null.
     */
    public static List<OracleVolSurface.Slice> getSlices(final BinaryReader in)
    {
        final int count = in.getUnsignedShort();
        if (count == NO_LIST)
        {
            return null;
        }
        final List<OracleVolSurface.Slice> slices = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            slices.add(in.getBoolean() ? new OracleVolSurface.Slice(in.getLong(), in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong()) : null);
        }
        return slices;
    }

    /**
     * Writes a liquidity tier: a presence byte, then its fields.
     *
     * @param out  the writer.
     * @param tier the tier, may be null.
     */
    public static void putTier(final BinaryWriter out, final LiquidityTier tier)
    {
        if (tier == null)
        {
            out.putByte(0);
            return;
        }
        out.putByte(1).putInt(tier.id()).putString(tier.name()).putLong(tier.initialMarginPpm())
            .putLong(tier.maintenanceFractionPpm()).putLong(tier.imfFactorPpm()).putLong(tier.openInterestLowerCap())
            .putLong(tier.openInterestUpperCap());
    }

    /**
     * Reads what {@link #putTier} wrote.
     *
     * @param in the reader.
     * @return the tier, or null.
     */
    public static LiquidityTier getTier(final BinaryReader in)
    {
        if (!in.getBoolean())
        {
            return null;
        }
        return new LiquidityTier(in.getInt(), in.getString(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
            in.getLong());
    }

    /**
     * Writes a market status as its ordinal byte, 0xFF for null.
     *
     * @param out    the writer.
     * @param status the status, may be null.
     */
    public static void putStatus(final BinaryWriter out, final MarketStatus status)
    {
        out.putByte(status == null ? NULL_ORDINAL : status.ordinal());
    }

    /**
     * Reads what {@link #putStatus} wrote.
     *
     * @param in the reader.
     * @return the status, or null.
     */
    public static MarketStatus getStatus(final BinaryReader in)
    {
        final int ordinal = in.getUnsignedByte();
        if (ordinal == NULL_ORDINAL)
        {
            return null;
        }
        if (ordinal >= MarketStatus.values().length)
        {
            throw new CodecException("unknown market status " + ordinal);
        }
        return MarketStatus.values()[ordinal];
    }

    /**
     * Writes an option type as its ordinal byte, 0xFF for null.
     *
     * @param out        the writer.
     * @param optionType the type, may be null.
     */
    public static void putOptionType(final BinaryWriter out, final OptionType optionType)
    {
        out.putByte(optionType == null ? NULL_ORDINAL : optionType.ordinal());
    }

    /**
     * Reads what {@link #putOptionType} wrote.
     *
     * @param in the reader.
     * @return the type, or null.
     */
    public static OptionType getOptionType(final BinaryReader in)
    {
        final int ordinal = in.getUnsignedByte();
        if (ordinal == NULL_ORDINAL)
        {
            return null;
        }
        if (ordinal >= OptionType.values().length)
        {
            throw new CodecException("unknown option type " + ordinal);
        }
        return OptionType.values()[ordinal];
    }

    /**
     * Writes oracle parameters: a presence byte, then the ten values in record order.
     *
     * @param out the writer.
     * @param p   the parameters, may be null.
     */
    public static void putOracleParameters(final BinaryWriter out, final OracleParameters p)
    {
        if (p == null)
        {
            out.putByte(0);
            return;
        }
        out.putByte(1).putInt(p.quorum()).putLong(p.freshnessWindowMs()).putLong(p.maxFutureSkewMs())
            .putLong(p.heartbeatMs()).putLong(p.haltAfterMs()).putLong(p.deviationThresholdPpm())
            .putInt(p.jumpQuorum()).putLong(p.staleBandBasePpm()).putLong(p.staleBandPpmPerMinute())
            .putLong(p.staleBandMaxPpm());
    }

    /**
     * Reads what {@link #putOracleParameters} wrote.
     *
     * @param in the reader.
     * @return the parameters, or null.
     */
    public static OracleParameters getOracleParameters(final BinaryReader in)
    {
        if (!in.getBoolean())
        {
            return null;
        }
        return new OracleParameters(in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
            in.getLong(), in.getInt(), in.getLong(), in.getLong(), in.getLong());
    }

    /**
     * Writes volatility-surface parameters: a presence byte, then the five values in record order.
     *
     * @param out        the writer.
     * @param parameters the parameters, may be null.
     */
    public static void putVolSurfaceParameters(final BinaryWriter out, final VolSurfaceParameters parameters)
    {
        if (parameters == null)
        {
            out.putByte(0);
            return;
        }
        out.putByte(1).putLong(parameters.heartbeatMs()).putLong(parameters.deviationThresholdPpm())
            .putLong(parameters.staleBandBasePpm()).putLong(parameters.staleBandPpmPerHour())
            .putLong(parameters.staleBandMaxPpm());
    }

    /**
     * Reads what {@link #putVolSurfaceParameters} wrote.
     *
     * @param in the reader.
     * @return the parameters, or null.
     * @throws IllegalArgumentException when they are out of range.
     */
    public static VolSurfaceParameters getVolSurfaceParameters(final BinaryReader in)
    {
        if (!in.getBoolean())
        {
            return null;
        }
        return new VolSurfaceParameters(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }

    /**
     * Writes funding parameters: a presence byte, then the mode's ordinal and the six numbers.
     *
     * @param out        the writer.
     * @param parameters the parameters, or null.
     */
    public static void putFundingParameters(final BinaryWriter out, final FundingParameters parameters)
    {
        if (parameters == null)
        {
            out.putByte(0);
            return;
        }
        out.putByte(1).putByte(parameters.mode().ordinal()).putLong(parameters.sampleIntervalMs())
            .putLong(parameters.tickIntervalMs()).putLong(parameters.interestRate8hPpb())
            .putLong(parameters.interestClampPpb()).putLong(parameters.rateClampFactorPpm())
            .putLong(parameters.premiumClampFactorPpm());
    }

    /**
     * Reads what {@link #putFundingParameters} wrote.
     *
     * @param in the reader.
     * @return the parameters, or null.
     */
    public static FundingParameters getFundingParameters(final BinaryReader in)
    {
        if (in.getUnsignedByte() == 0)
        {
            return null;
        }
        final int mode = in.getUnsignedByte();
        if (mode >= FundingMode.values().length)
        {
            throw new CodecException("unknown funding mode " + mode);
        }
        return new FundingParameters(FundingMode.values()[mode], in.getLong(), in.getLong(), in.getLong(),
            in.getLong(), in.getLong(), in.getLong());
    }

    /**
     * Writes a batch header: a presence byte, the batch number (8), the seven hashes in record order (32 each), the
     * last deposit id (8) and the last forced-withdrawal request id (8).
     *
     * @param out    the writer.
     * @param header the header, or null.
     */
    public static void putHeader(final BinaryWriter out, final BatchHeader header)
    {
        if (header == null)
        {
            out.putByte(0);
            return;
        }
        out.putByte(1).putLong(header.batchNumber());
        for (final byte[] hash : new byte[][] {header.previousRoot(), header.stateRoot(), header.treeRoot(),
            header.globalHash(), header.withdrawalsRoot(), header.pricesHash(), header.commandsHash()})
        {
            out.putBytes(hash, 0, 32);
        }
        out.putLong(header.lastDepositId()).putLong(header.lastForcedRequestId());
    }

    /**
     * Reads what {@link #putHeader} wrote.
     *
     * @param in the reader.
     * @return the header, or null.
     */
    public static BatchHeader getHeader(final BinaryReader in)
    {
        if (!in.getBoolean())
        {
            return null;
        }
        final long batchNumber = in.getLong();
        final byte[][] hashes = new byte[7][];
        for (int i = 0; i < hashes.length; i++)
        {
            hashes[i] = in.getBytes(32);
        }
        return new BatchHeader(batchNumber, hashes[0], hashes[1], hashes[2], hashes[3], hashes[4], hashes[5],
            hashes[6], in.getLong(), in.getLong());
    }
}
