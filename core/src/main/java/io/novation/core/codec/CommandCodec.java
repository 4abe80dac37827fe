package io.novation.core.codec;

import io.novation.core.command.Command;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.ForcedWithdraw;
import io.novation.core.command.SealBatch;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
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
 * The binary encoding of commands, for the journal and for signing envelopes: a version byte, a type byte, the
 * command's time (epoch ms, 8 bytes) and its fields in record order, big-endian, in the engine's units (quantums,
 * price units, ppm). Every reference field may be null (a presence byte, or a length of 0xFFFF for strings), so
 * that a command the engine rejects for a missing field is journaled as it was sequenced. Version 1 is described in
 * docs/protocol.md; a later version adds a new number and keeps decoding the old ones.
 */
public final class CommandCodec
{
    /** The version this codec writes. */
    public static final int VERSION = 1;

    static final int CREATE_ASSET = 1;
    static final int CREATE_PERPETUAL = 2;
    static final int SET_MARKET_STATUS = 3;
    static final int REGISTER_ORACLE_PUBLISHER = 4;
    static final int SET_ORACLE_PARAMETERS = 5;
    static final int ORACLE_PRICE = 6;
    static final int DEPOSIT = 7;
    static final int WITHDRAW = 8;
    static final int TRANSFER = 9;
    static final int SETTLE_TRADE = 10;
    static final int FUNDING_SAMPLE = 11;
    static final int FUNDING_TICK = 12;
    static final int SET_FUNDING_PARAMETERS = 13;
    static final int LIQUIDATE = 14;
    static final int CREATE_OPTION_SERIES = 15;
    /**
     * The governance-authorized, unsigned surface of before publisher signatures: still decoded (publishedAt = its
     * time, no publisher, no signature), so that an older journal stays readable; the engine refuses it.
     */
    static final int ORACLE_VOL_SURFACE_UNSIGNED = 16;
    static final int SETTLE_EXPIRY = 17;
    static final int SET_MARGIN_MODE = 18;
    static final int FORCED_WITHDRAW = 19;
    static final int SEAL_BATCH = 20;
    static final int ORACLE_VOL_SURFACE = 21;
    static final int SET_VOL_SURFACE_PARAMETERS = 22;

    private static final int NULL_STATUS = 0xFF;
    private static final int NO_LIST = 0xFFFF;

    private CommandCodec()
    {
    }

    /**
     * Encodes a command at the writer's position.
     *
     * @param command the command, not null.
     * @param out     receives the encoding.
     */
    public static void encode(final Command command, final BinaryWriter out)
    {
        out.putByte(VERSION);
        if (command instanceof SettleTrade c)
        {
            out.putByte(SETTLE_TRADE).putLong(c.time()).putInt(c.marketId());
            putOrder(out, c.maker());
            putOrder(out, c.taker());
            out.putLong(c.fillSize()).putLong(c.fillPrice());
        }
        else if (command instanceof Deposit c)
        {
            out.putByte(DEPOSIT).putLong(c.time()).putAddress(c.account()).putInt(c.subaccount()).putInt(c.assetId())
                .putLong(c.amount()).putLong(c.depositId());
        }
        else if (command instanceof OraclePrice c)
        {
            out.putByte(ORACLE_PRICE).putLong(c.time()).putInt(c.oracleId());
            putReports(out, c.reports());
        }
        else if (command instanceof Withdraw c)
        {
            out.putByte(WITHDRAW).putLong(c.time()).putAddress(c.account()).putInt(c.subaccount())
                .putInt(c.assetId()).putLong(c.amount()).putLong(c.nonce()).putSignature(c.signature());
        }
        else if (command instanceof Transfer c)
        {
            out.putByte(TRANSFER).putLong(c.time()).putAddress(c.account()).putInt(c.fromSubaccount())
                .putInt(c.toSubaccount()).putInt(c.assetId()).putLong(c.amount()).putLong(c.nonce())
                .putSignature(c.signature());
        }
        else if (command instanceof CreateAsset c)
        {
            out.putByte(CREATE_ASSET).putLong(c.time()).putInt(c.assetId()).putString(c.symbol())
                .putInt(c.decimals()).putString(c.oracle()).putInt(c.priceExponent()).putLong(c.initialWeightPpm())
                .putLong(c.maintenanceWeightPpm());
        }
        else if (command instanceof CreatePerpetual c)
        {
            out.putByte(CREATE_PERPETUAL).putLong(c.time()).putInt(c.marketId()).putString(c.ticker())
                .putString(c.oracle()).putInt(c.priceExponent()).putInt(c.atomicResolution()).putLong(c.tickSize())
                .putLong(c.stepSize());
            putTier(out, c.liquidityTier());
            out.putLong(c.makerFeePpm()).putLong(c.takerFeePpm());
            putStatus(out, c.status());
        }
        else if (command instanceof SetMarketStatus c)
        {
            out.putByte(SET_MARKET_STATUS).putLong(c.time()).putInt(c.marketId());
            putStatus(out, c.status());
        }
        else if (command instanceof RegisterOraclePublisher c)
        {
            out.putByte(REGISTER_ORACLE_PUBLISHER).putLong(c.time()).putInt(c.oracleId()).putAddress(c.publisher());
        }
        else if (command instanceof SetOracleParameters c)
        {
            out.putByte(SET_ORACLE_PARAMETERS).putLong(c.time()).putInt(c.oracleId());
            putParameters(out, c.parameters());
        }
        else if (command instanceof SetVolSurfaceParameters c)
        {
            out.putByte(SET_VOL_SURFACE_PARAMETERS).putLong(c.time()).putInt(c.oracleId());
            putVolSurfaceParameters(out, c.parameters());
        }
        else if (command instanceof FundingSample c)
        {
            out.putByte(FUNDING_SAMPLE).putLong(c.time()).putInt(c.marketId()).putLong(c.impactBidPrice())
                .putLong(c.impactAskPrice());
        }
        else if (command instanceof FundingTick c)
        {
            out.putByte(FUNDING_TICK).putLong(c.time()).putInt(c.marketId()).putBoolean(c.rateReported())
                .putLong(c.rate8hPpb());
        }
        else if (command instanceof SetFundingParameters c)
        {
            out.putByte(SET_FUNDING_PARAMETERS).putLong(c.time()).putInt(c.marketId());
            putFundingParameters(out, c.parameters());
        }
        else if (command instanceof Liquidate c)
        {
            out.putByte(LIQUIDATE).putLong(c.time()).putAddress(c.keeper()).putInt(c.keeperSubaccount())
                .putAddress(c.target()).putInt(c.targetSubaccount()).putInt(c.marketId()).putLong(c.size())
                .putLong(c.nonce()).putSignature(c.signature());
        }
        else if (command instanceof CreateOptionSeries c)
        {
            out.putByte(CREATE_OPTION_SERIES).putLong(c.time()).putInt(c.seriesId()).putString(c.ticker())
                .putInt(c.oracleId()).putLong(c.strike()).putLong(c.expiry())
                .putByte(c.optionType() == null ? NULL_STATUS : c.optionType().ordinal()).putInt(c.atomicResolution())
                .putLong(c.tickSize()).putLong(c.stepSize()).putLong(c.makerFeePpm()).putLong(c.takerFeePpm());
            putStatus(out, c.status());
        }
        else if (command instanceof OracleVolSurface c)
        {
            out.putByte(ORACLE_VOL_SURFACE).putLong(c.time()).putInt(c.oracleId()).putLong(c.publishedAt());
            putSlices(out, c.slices());
            out.putAddress(c.publisher()).putSignature(c.signature());
        }
        else if (command instanceof SettleExpiry c)
        {
            out.putByte(SETTLE_EXPIRY).putLong(c.time()).putInt(c.seriesId());
        }
        else if (command instanceof SetMarginMode c)
        {
            out.putByte(SET_MARGIN_MODE).putLong(c.time()).putAddress(c.account()).putInt(c.subaccount())
                .putBoolean(c.portfolio()).putLong(c.nonce()).putSignature(c.signature());
        }
        else if (command instanceof ForcedWithdraw c)
        {
            out.putByte(FORCED_WITHDRAW).putLong(c.time()).putAddress(c.account()).putInt(c.subaccount())
                .putInt(c.assetId()).putLong(c.amount()).putLong(c.requestId());
        }
        else if (command instanceof SealBatch c)
        {
            out.putByte(SEAL_BATCH).putLong(c.time());
            putHeader(out, c.header());
        }
        else
        {
            throw new IllegalArgumentException("cannot encode " + command);
        }
    }

    /**
     * Encodes a command into a new array.
     *
     * @param command the command.
     * @return its encoding.
     */
    public static byte[] encode(final Command command)
    {
        final BinaryWriter out = new BinaryWriter(256);
        encode(command, out);
        return out.toBytes();
    }

    /**
     * Decodes one command that fills the whole array.
     *
     * @param bytes the encoding.
     * @return the command.
     * @throws CodecException when malformed.
     */
    public static Command decode(final byte[] bytes)
    {
        final BinaryReader in = new BinaryReader(bytes);
        final Command command = decode(in);
        if (in.remaining() != 0)
        {
            throw new CodecException(in.remaining() + " bytes after the command");
        }
        return command;
    }

    /**
     * Decodes one command at the reader's position.
     *
     * @param in the reader.
     * @return the command.
     * @throws CodecException when malformed.
     */
    public static Command decode(final BinaryReader in)
    {
        final int version = in.getUnsignedByte();
        if (version != VERSION)
        {
            throw new CodecException("unknown command encoding version " + version);
        }
        final int type = in.getUnsignedByte();
        final long time = in.getLong();
        try
        {
            return switch (type)
            {
                case SETTLE_TRADE -> new SettleTrade(time, in.getInt(), getOrder(in), getOrder(in), in.getLong(),
                    in.getLong());
                case DEPOSIT -> new Deposit(time, in.getAddress(), in.getInt(), in.getInt(), in.getLong(),
                    in.getLong());
                case ORACLE_PRICE -> new OraclePrice(time, in.getInt(), getReports(in));
                case WITHDRAW -> new Withdraw(time, in.getAddress(), in.getInt(), in.getInt(), in.getLong(),
                    in.getLong(), in.getSignature());
                case TRANSFER -> new Transfer(time, in.getAddress(), in.getInt(), in.getInt(), in.getInt(),
                    in.getLong(), in.getLong(), in.getSignature());
                case CREATE_ASSET -> new CreateAsset(time, in.getInt(), in.getString(), in.getInt(), in.getString(),
                    in.getInt(), in.getLong(), in.getLong());
                case CREATE_PERPETUAL -> new CreatePerpetual(time, in.getInt(), in.getString(), in.getString(),
                    in.getInt(), in.getInt(), in.getLong(), in.getLong(), getTier(in), in.getLong(), in.getLong(),
                    getStatus(in));
                case SET_MARKET_STATUS -> new SetMarketStatus(time, in.getInt(), getStatus(in));
                case REGISTER_ORACLE_PUBLISHER -> new RegisterOraclePublisher(time, in.getInt(), in.getAddress());
                case SET_ORACLE_PARAMETERS -> new SetOracleParameters(time, in.getInt(), getParameters(in));
                case SET_VOL_SURFACE_PARAMETERS -> new SetVolSurfaceParameters(time, in.getInt(),
                    getVolSurfaceParameters(in));
                case FUNDING_SAMPLE -> new FundingSample(time, in.getInt(), in.getLong(), in.getLong());
                case FUNDING_TICK -> new FundingTick(time, in.getInt(), in.getBoolean(), in.getLong());
                case SET_FUNDING_PARAMETERS -> new SetFundingParameters(time, in.getInt(), getFundingParameters(in));
                case LIQUIDATE -> new Liquidate(time, in.getAddress(), in.getInt(), in.getAddress(), in.getInt(),
                    in.getInt(), in.getLong(), in.getLong(), in.getSignature());
                case CREATE_OPTION_SERIES -> new CreateOptionSeries(time, in.getInt(), in.getString(), in.getInt(),
                    in.getLong(), in.getLong(), getOptionType(in), in.getInt(), in.getLong(), in.getLong(), in.getLong(),
                    in.getLong(), getStatus(in));
                case ORACLE_VOL_SURFACE -> new OracleVolSurface(time, in.getInt(), in.getLong(), getSlices(in),
                    in.getAddress(), in.getSignature());
                case ORACLE_VOL_SURFACE_UNSIGNED -> new OracleVolSurface(time, in.getInt(), time, getSlices(in), null,
                    null);
                case SETTLE_EXPIRY -> new SettleExpiry(time, in.getInt());
                case SET_MARGIN_MODE -> new SetMarginMode(time, in.getAddress(), in.getInt(), in.getBoolean(),
                    in.getLong(), in.getSignature());
                case FORCED_WITHDRAW -> new ForcedWithdraw(time, in.getAddress(), in.getInt(), in.getInt(),
                    in.getLong(), in.getLong());
                case SEAL_BATCH -> new SealBatch(time, getHeader(in));
                default -> throw new CodecException("unknown command type " + type);
            };
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CodecException("invalid value in command type " + type + ": " + ex.getMessage());
        }
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
     * Reads a batch header written by {@link #putHeader}.
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

    /**
     * Writes funding parameters (a presence byte, then mode and the six numbers); also used by snapshots.
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
     * Reads funding parameters written by {@link #putFundingParameters}; also used by snapshots.
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

    private static void putOrder(final BinaryWriter out, final Order order)
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

    private static Order getOrder(final BinaryReader in)
    {
        if (!in.getBoolean())
        {
            return null;
        }
        return Order.of(in.getAddress(), in.getInt(), in.getInt(), in.getBoolean(), in.getLong(), in.getLong(),
            in.getLong(), in.getLong(), in.getBoolean(), in.getSignature());
    }

    private static void putReports(final BinaryWriter out, final List<PriceReport> reports)
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

    private static List<PriceReport> getReports(final BinaryReader in)
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

    private static OptionType getOptionType(final BinaryReader in)
    {
        final int ordinal = in.getUnsignedByte();
        if (ordinal == NULL_STATUS)
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
     * Writes the slices of a volatility surface (a 2-byte count, 0xFFFF for null, then per slice a presence byte,
     * the expiry and the five SVI parameters); also used by snapshots.
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

    private static void putTier(final BinaryWriter out, final LiquidityTier tier)
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

    private static LiquidityTier getTier(final BinaryReader in)
    {
        if (!in.getBoolean())
        {
            return null;
        }
        return new LiquidityTier(in.getInt(), in.getString(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
            in.getLong());
    }

    private static void putStatus(final BinaryWriter out, final MarketStatus status)
    {
        out.putByte(status == null ? NULL_STATUS : status.ordinal());
    }

    private static MarketStatus getStatus(final BinaryReader in)
    {
        final int ordinal = in.getUnsignedByte();
        if (ordinal == NULL_STATUS)
        {
            return null;
        }
        if (ordinal >= MarketStatus.values().length)
        {
            throw new CodecException("unknown market status " + ordinal);
        }
        return MarketStatus.values()[ordinal];
    }

    private static void putParameters(final BinaryWriter out, final OracleParameters p)
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
     * Oracle parameters as {@link #encode} writes them inside a command; shared with the snapshot codec.
     *
     * @param out        the writer.
     * @param parameters the parameters, may be null.
     */
    public static void putOracleParameters(final BinaryWriter out, final OracleParameters parameters)
    {
        putParameters(out, parameters);
    }

    /**
     * Reads what {@link #putOracleParameters} wrote.
     *
     * @param in the reader.
     * @return the parameters or null.
     */
    public static OracleParameters getOracleParameters(final BinaryReader in)
    {
        return getParameters(in);
    }

    /**
     * A liquidity tier as {@link #encode} writes it inside a command; shared with the snapshot codec.
     *
     * @param out  the writer.
     * @param tier the tier, may be null.
     */
    public static void putLiquidityTier(final BinaryWriter out, final LiquidityTier tier)
    {
        putTier(out, tier);
    }

    /**
     * Reads what {@link #putLiquidityTier} wrote.
     *
     * @param in the reader.
     * @return the tier or null.
     */
    public static LiquidityTier getLiquidityTier(final BinaryReader in)
    {
        return getTier(in);
    }

    /**
     * Volatility-surface parameters as {@link #encode} writes them inside a command; shared with the snapshot codec.
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
     * @return the parameters or null.
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

    private static OracleParameters getParameters(final BinaryReader in)
    {
        if (!in.getBoolean())
        {
            return null;
        }
        return new OracleParameters(in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
            in.getLong(), in.getInt(), in.getLong(), in.getLong(), in.getLong());
    }
}
