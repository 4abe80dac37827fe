package io.novation.core.snapshot;

import io.novation.core.account.Account;
import io.novation.core.account.Accounts;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.codec.CommandCodec;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingState;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SnapshotRestore;
import io.novation.core.event.EventSink;
import io.novation.core.funding.FundingParameters;
import io.novation.core.funding.MarketFunding;
import io.novation.core.market.Asset;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.oracle.PublisherSet;
import io.novation.core.oracle.TimeWeightedAverage;
import io.novation.core.pricing.OptionType;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.surface.VolSurfaceBook;
import io.novation.core.surface.VolSurfaceFeed;

/**
 * Writes the whole state of an engine (counters and totals, assets, markets, option series, volatility surfaces,
 * oracles with their parameters,
 * publishers, held rounds and TWAP sums, accounts with subaccounts, balances and positions, the order-fill book and
 * the oracle status watch) and restores an engine whose state root and subsequent behaviour are those of the original.
 * <p>
 * Layout: magic {@code "NVSN"}, a 2-byte version, the sequence and time of the last command (8 bytes each, readable
 * without decoding the rest), then one section per state area, each a 1-byte tag and a 4-byte length followed by its
 * payload, in the order of the tags. A new state area gets a new tag and a new version; a field added to an area
 * raises the version, and the reader of that area branches on it. Integers are big-endian; amounts in the engine's
 * quantums.
 */
public final class SnapshotCodec
{
    /**
     * The version this codec writes. Version 3 added option series and volatility surfaces, 4 the expiry of order
     * fills, 5 the publisher of each volatility surface (surfaces read from older versions have none), 6 the surfaces
     * held by the deviation guard, the submissions short of a quorum and each underlying's surface parameters, 7 the
     * socialized-loss indices and ledger of each option series, 8 the bad debt; sealed batches are a section of their own.
     */
    public static final int VERSION = 8;
    /** The oldest version this codec reads: version 2 has no option series or volatility surfaces. */
    public static final int OLDEST_VERSION = 2;
    /** The first four bytes of every snapshot: "NVSN". */
    public static final int MAGIC = 0x4E56534E;

    private static final int COUNTERS = 1;
    private static final int ASSETS = 2;
    private static final int ORACLES = 3;
    private static final int MARKETS = 4;
    private static final int ACCOUNTS = 5;
    private static final int FILLS = 6;
    private static final int STATUS_WATCH = 7;
    private static final int OPTIONS = 8;
    private static final int VOL_SURFACES = 9;
    private static final int BATCHES = 10;
    private static final int VOL_SURFACE_ROUNDS = 11;
    private static final int END = 0;

    private SnapshotCodec()
    {
    }

    /**
     * The snapshot of an engine.
     *
     * @param engine the engine, not applying a command concurrently.
     * @return the encoding.
     */
    public static byte[] write(final ClearingEngine engine)
    {
        final BinaryWriter out = new BinaryWriter(1 << 16);
        write(engine, out);
        return out.toBytes();
    }

    /**
     * Writes the snapshot of an engine at the writer's position.
     *
     * @param engine the engine, not applying a command concurrently.
     * @param out    receives the encoding.
     */
    public static void write(final ClearingEngine engine, final BinaryWriter out)
    {
        final ClearingState state = engine.state();
        out.putInt(MAGIC).putShort(VERSION).putLong(state.sequence()).putLong(state.time());
        section(out, COUNTERS, () -> writeCounters(engine, out));
        section(out, ASSETS, () -> writeAssets(state, out));
        section(out, ORACLES, () -> writeOracles(state, out));
        section(out, MARKETS, () -> writeMarkets(state, out));
        section(out, OPTIONS, () -> writeOptions(state, out));
        section(out, VOL_SURFACES, () -> writeVolSurfaces(state, out));
        section(out, VOL_SURFACE_ROUNDS, () -> writeVolSurfaceRounds(state, out));
        section(out, ACCOUNTS, () -> writeAccounts(state, out));
        section(out, FILLS, () -> writeFills(state, out));
        section(out, STATUS_WATCH, () -> writeStatusWatch(engine, out));
        section(out, BATCHES, () -> writeBatches(state, out));
        out.putByte(END);
    }

    /**
     * The sequence of the last command a snapshot includes, read from its header.
     *
     * @param snapshot the encoding.
     * @return sequence.
     * @throws CodecException when it is not a snapshot.
     */
    public static long sequenceOf(final byte[] snapshot)
    {
        final BinaryReader in = new BinaryReader(snapshot);
        header(in);
        return in.getLong();
    }

    /**
     * Restores an engine.
     *
     * @param snapshot the encoding.
     * @param config   genesis settings; must name the chain and contract the snapshot was taken under.
     * @param events   receives the restored engine's events.
     * @return the engine.
     * @throws CodecException when the snapshot is malformed or of another chain.
     */
    public static ClearingEngine read(final byte[] snapshot, final EngineConfig config, final EventSink events)
    {
        final BinaryReader in = new BinaryReader(snapshot);
        final int version = header(in);
        in.getLong();
        in.getLong();
        final ClearingEngine engine = new ClearingEngine(config, events);
        final ClearingState state = engine.state();
        try
        {
            int tag;
            while ((tag = in.getUnsignedByte()) != END)
            {
                final int length = in.getInt();
                if (length < 0 || length > in.remaining())
                {
                    throw new CodecException("section " + tag + " of " + length + " bytes is truncated");
                }
                final int before = in.remaining();
                switch (tag)
                {
                    case COUNTERS -> readCounters(engine, in, version);
                    case ASSETS -> readAssets(state, in, version);
                    case ORACLES -> readOracles(state, in, version);
                    case MARKETS -> readMarkets(state, in, version);
                    case OPTIONS -> readOptions(state, in, version);
                    case VOL_SURFACES -> readVolSurfaces(state, in, version);
                    case VOL_SURFACE_ROUNDS -> readVolSurfaceRounds(state, in);
                    case ACCOUNTS -> readAccounts(state, in, version);
                    case FILLS -> readFills(state, in, version);
                    case STATUS_WATCH -> readStatusWatch(engine, in, version);
                    case BATCHES -> readBatches(new SnapshotRestore(engine), in);
                    default -> throw new CodecException("unknown snapshot section " + tag);
                }
                if (before - in.remaining() != length)
                {
                    throw new CodecException("section " + tag + " read " + (before - in.remaining()) + " of " +
                        length + " bytes");
                }
            }
        }
        catch (final IllegalArgumentException | IndexOutOfBoundsException ex)
        {
            throw new CodecException("invalid snapshot: " + ex.getMessage());
        }
        if (in.remaining() != 0)
        {
            throw new CodecException(in.remaining() + " bytes after the snapshot");
        }
        return engine;
    }

    private static int header(final BinaryReader in)
    {
        if (in.getInt() != MAGIC)
        {
            throw new CodecException("not a snapshot");
        }
        final int version = in.getUnsignedShort();
        if (version < OLDEST_VERSION || version > VERSION)
        {
            throw new CodecException("unknown snapshot version " + version);
        }
        return version;
    }

    private static void section(final BinaryWriter out, final int tag, final Runnable body)
    {
        out.putByte(tag);
        final int lengthAt = out.length();
        out.putInt(0);
        body.run();
        BinaryWriter.putIntAt(out.buffer(), lengthAt, out.length() - lengthAt - 4);
    }

    private static void writeBatches(final ClearingState state, final BinaryWriter out)
    {
        out.putLong(state.batchCount()).putLong(state.lastBatchSequence()).putBytes(state.lastBatchRoot(), 0, 32)
            .putLong(state.lastForcedRequestId());
        final java.util.List<io.novation.core.engine.PendingWithdrawals.Entry> pending =
            state.pendingWithdrawals().entries();
        out.putInt(pending.size());
        for (final io.novation.core.engine.PendingWithdrawals.Entry entry : pending)
        {
            out.putLong(entry.withdrawalId()).putAddress(entry.owner()).putInt(entry.assetId())
                .putLong(entry.amount());
        }
    }

    private static void readBatches(final SnapshotRestore restore, final BinaryReader in)
    {
        restore.batches(in.getLong(), in.getLong(), in.getBytes(32), in.getLong());
        final int pending = in.getInt();
        for (int i = 0; i < pending; i++)
        {
            restore.withdrawal(in.getLong(), in.getAddress(), in.getInt(), in.getLong());
        }
    }

    private static void writeCounters(final ClearingEngine engine, final BinaryWriter out)
    {
        final ClearingState state = engine.state();
        out.putLong(engine.config().chainId()).putAddress(engine.config().verifyingContract());
        out.putLong(state.sequence()).putLong(state.time()).putLong(state.lastDepositId())
            .putLong(state.withdrawalCount()).putLong(state.feePool()).putLong(state.insuranceFund());
        final int slots = state.assetTotalSlots();
        out.putShort(slots);
        for (int i = 0; i < slots; i++)
        {
            out.putLong(state.totalDeposited(i)).putLong(state.totalWithdrawn(i));
        }
        out.putLong(state.badDebt());
    }

    private static void readCounters(final ClearingEngine engine, final BinaryReader in, final int version)
    {
        final long chainId = in.getLong();
        final Address contract = in.getAddress();
        if (chainId != engine.config().chainId() || !engine.config().verifyingContract().equals(contract))
        {
            throw new CodecException("snapshot of chain " + chainId + " / " + contract + ", not of " +
                engine.config().chainId() + " / " + engine.config().verifyingContract());
        }
        final long sequence = in.getLong();
        final long time = in.getLong();
        final long lastDepositId = in.getLong();
        final long withdrawalCount = in.getLong();
        final long feePool = in.getLong();
        final long insuranceFund = in.getLong();
        final int slots = in.getUnsignedShort();
        final long[] deposited = new long[slots];
        final long[] withdrawn = new long[slots];
        for (int i = 0; i < slots; i++)
        {
            deposited[i] = in.getLong();
            withdrawn[i] = in.getLong();
        }
        new SnapshotRestore(engine).totals(sequence, time, lastDepositId, withdrawalCount, feePool, insuranceFund,
            deposited, withdrawn);
        if (version >= 8)
        {
            final long badDebt = in.getLong();
            if (badDebt < 0)
            {
                throw new CodecException("negative bad debt " + badDebt);
            }
            if (badDebt != 0)
            {
                new SnapshotRestore(engine).badDebt(badDebt);
            }
        }
    }

    private static void writeAssets(final ClearingState state, final BinaryWriter out)
    {
        final Markets markets = state.markets();
        out.putShort(markets.assetCount());
        for (int i = 0; i < markets.assetCount(); i++)
        {
            final Asset asset = markets.asset(i);
            out.putShort(asset.id()).putString(asset.symbol()).putByte(asset.decimals()).putInt(asset.oracleId())
                .putLong(asset.initialWeightPpm()).putLong(asset.maintenanceWeightPpm());
        }
    }

    private static void readAssets(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final Asset asset = new Asset(in.getUnsignedShort(), in.getString(), in.getByte(), in.getInt(),
                in.getLong(), in.getLong());
            if (asset.id() == Asset.QUOTE_ASSET_ID)
            {
                if (!asset.equals(state.markets().asset(Asset.QUOTE_ASSET_ID)))
                {
                    throw new CodecException("asset 0 is not the quote asset: " + asset);
                }
                continue;
            }
            state.markets().addAsset(asset);
        }
    }

    private static void writeOracles(final ClearingState state, final BinaryWriter out)
    {
        final OracleBook oracles = state.oracles();
        out.putShort(oracles.count());
        for (int i = 0; i < oracles.count(); i++)
        {
            final OracleFeed feed = oracles.feed(i);
            out.putString(feed.name()).putByte(feed.priceExponent());
            CommandCodec.putOracleParameters(out, feed.parameters());
            out.putLong(feed.price()).putLong(feed.updatedAt()).putLong(feed.heldPrice()).putLong(feed.heldAt())
                .putInt(feed.heldPublishers());
            final PublisherSet publishers = feed.publishers();
            out.putShort(publishers.count());
            for (int p = 0; p < publishers.count(); p++)
            {
                out.putAddress(publishers.address(p)).putLong(publishers.lastPublishedAt(p));
            }
            final TimeWeightedAverage twap = feed.twap();
            out.putLong(twap.firstTime()).putLong(twap.lastTime()).putLong(twap.lastPrice()).putLong(twap.cumulative());
            for (int slot = 0; slot < TimeWeightedAverage.checkpointCount(); slot++)
            {
                out.putLong(twap.checkpointTime(slot)).putLong(twap.checkpointSum(slot));
            }
        }
    }

    private static void readOracles(final ClearingState state, final BinaryReader in, final int version)
    {
        final OracleBook oracles = state.oracles();
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final String name = in.getString();
            final int exponent = in.getByte();
            if (oracles.define(name, exponent) != i)
            {
                throw new CodecException("oracle " + name + " does not get id " + i);
            }
            final OracleFeed feed = oracles.feed(i);
            feed.parameters(CommandCodec.getOracleParameters(in));
            feed.restore(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getInt());
            final int publishers = in.getUnsignedShort();
            for (int p = 0; p < publishers; p++)
            {
                feed.publishers().add(in.getAddress());
                feed.reportUsed(p, in.getLong());
            }
            final long first = in.getLong();
            final long last = in.getLong();
            final long price = in.getLong();
            final long sum = in.getLong();
            final int slots = TimeWeightedAverage.checkpointCount();
            final long[] times = new long[slots];
            final long[] sums = new long[slots];
            for (int slot = 0; slot < slots; slot++)
            {
                times[slot] = in.getLong();
                sums[slot] = in.getLong();
            }
            feed.twap().restore(first, last, price, sum, times, sums);
        }
    }

    private static void writeMarkets(final ClearingState state, final BinaryWriter out)
    {
        final Markets markets = state.markets();
        out.putShort(markets.perpetualCount());
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            final PerpetualMarket market = markets.perpetual(i);
            out.putInt(market.id()).putString(market.ticker()).putInt(market.oracleId())
                .putByte(market.atomicResolution()).putLong(market.tickSize()).putLong(market.stepSize());
            CommandCodec.putLiquidityTier(out, market.liquidityTier());
            out.putLong(market.makerFeePpm()).putLong(market.takerFeePpm()).putByte(market.status().ordinal())
                .putLong(market.openInterestBaseQuantums());
            out.putLong(market.isolatedInsuranceFund());
            final MarketFunding funding = market.funding();
            CommandCodec.putFundingParameters(out, funding.parameters());
            out.putLong(funding.cumulativeIndex()).putLong(funding.lastTickTime()).putLong(funding.lastTickSlot())
                .putLong(funding.lastSampleSlot()).putLong(funding.premiumSum()).putLong(funding.premiumSamples())
                .putLong(funding.lastRate8hPpb()).putLong(funding.lastTradePrice()).putLong(funding.ledger())
                .putLong(funding.residueNanos()).putLong(funding.longLossIndex()).putLong(funding.shortLossIndex());
        }
    }

    private static void readMarkets(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final PerpetualMarket market = new PerpetualMarket(in.getInt(), in.getString(), in.getInt(), in.getByte(),
                in.getLong(), in.getLong(), CommandCodec.getLiquidityTier(in), in.getLong(), in.getLong(),
                status(in.getUnsignedByte()));
            market.adjustOpenInterest(in.getLong());
            market.addToIsolatedInsuranceFund(in.getLong());
            final FundingParameters parameters = CommandCodec.getFundingParameters(in);
            if (parameters == null)
            {
                throw new CodecException("market " + market.id() + " has no funding parameters");
            }
            market.funding().parameters(parameters);
            final long[] funding = new long[12];
            for (int f = 0; f < funding.length; f++)
            {
                funding[f] = in.getLong();
            }
            market.funding().restore(funding);
            state.markets().addPerpetual(market);
        }
    }

    private static void writeOptions(final ClearingState state, final BinaryWriter out)
    {
        final Markets markets = state.markets();
        out.putInt(markets.optionCount());
        for (int i = 0; i < markets.optionCount(); i++)
        {
            final OptionSeries series = markets.optionAt(i);
            out.putInt(series.id()).putString(series.ticker()).putInt(series.oracleId()).putLong(series.strike())
                .putLong(series.expiry()).putByte(series.type().ordinal()).putByte(series.atomicResolution())
                .putLong(series.tickSize()).putLong(series.stepSize()).putLong(series.makerFeePpm())
                .putLong(series.takerFeePpm()).putByte(series.status().ordinal())
                .putLong(series.openInterestBaseQuantums()).putLong(series.settlementPrice())
                .putBoolean(series.isSettled());
            final MarketFunding funding = series.funding();
            out.putLong(funding.ledger()).putLong(funding.residueNanos()).putLong(funding.longLossIndex())
                .putLong(funding.shortLossIndex());
        }
    }

    private static void readOptions(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getInt();
        for (int i = 0; i < count; i++)
        {
            final int id = in.getInt();
            final String ticker = in.getString();
            final int oracleId = in.getInt();
            final long strike = in.getLong();
            final long expiry = in.getLong();
            final int type = in.getUnsignedByte();
            if (type >= OptionType.values().length)
            {
                throw new CodecException("unknown option type " + type);
            }
            final OptionSeries series = new OptionSeries(id, ticker, oracleId, strike, expiry,
                OptionType.values()[type], in.getByte(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                status(in.getUnsignedByte()));
            series.adjustOpenInterest(in.getLong());
            series.settlementPrice(in.getLong());
            if (in.getBoolean())
            {
                series.markSettled();
            }
            if (version >= 7)
            {
                series.funding().restoreLosses(in.getLong(), in.getLong(), in.getLong(), in.getLong());
            }
            state.markets().addOption(series);
        }
        state.markets().refreshNextUnfixedExpiry();
    }

    private static void writeVolSurfaces(final ClearingState state, final BinaryWriter out)
    {
        final VolSurfaceBook surfaces = state.volSurfaces();
        out.putShort(surfaces.count());
        for (int i = 0; i < surfaces.slots(); i++)
        {
            final PublishedVolSurface surface = surfaces.surface(i);
            if (surface != null)
            {
                out.putInt(surface.oracleId()).putLong(surface.publishedAt()).putAddress(surface.publisher());
                CommandCodec.putSlices(out, surface.slices());
            }
        }
    }

    private static void readVolSurfaces(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final int oracleId = in.getInt();
            final long publishedAt = in.getLong();
            final Address publisher = version >= 5 ? in.getAddress() : null;
            state.volSurfaces().publish(PublishedVolSurface.of(oracleId, publishedAt, publisher,
                CommandCodec.getSlices(in)));
        }
    }

    private static void writeVolSurfaceRounds(final ClearingState state, final BinaryWriter out)
    {
        final VolSurfaceBook surfaces = state.volSurfaces();
        out.putShort(surfaces.roundCount());
        for (int i = 0; i < surfaces.slots(); i++)
        {
            final VolSurfaceFeed feed = surfaces.feed(i);
            if (feed == null || !feed.hasRounds())
            {
                continue;
            }
            out.putInt(i);
            CommandCodec.putVolSurfaceParameters(out, feed.parameters());
            out.putBoolean(feed.held() != null);
            if (feed.held() != null)
            {
                out.putLong(feed.heldAt()).putInt(feed.heldSigners());
                writeSurface(feed.held(), out);
            }
            out.putShort(feed.candidates().size());
            for (final VolSurfaceFeed.Candidate candidate : feed.candidates())
            {
                out.putInt(candidate.signers());
                writeSurface(candidate.surface(), out);
            }
        }
    }

    private static void writeSurface(final PublishedVolSurface surface, final BinaryWriter out)
    {
        out.putLong(surface.publishedAt()).putAddress(surface.publisher());
        CommandCodec.putSlices(out, surface.slices());
    }

    private static PublishedVolSurface readSurface(final int oracleId, final BinaryReader in)
    {
        final long publishedAt = in.getLong();
        final Address publisher = in.getAddress();
        return PublishedVolSurface.of(oracleId, publishedAt, publisher, CommandCodec.getSlices(in));
    }

    private static void readVolSurfaceRounds(final ClearingState state, final BinaryReader in)
    {
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final int oracleId = in.getInt();
            if (oracleId < 0 || oracleId > Short.MAX_VALUE)
            {
                throw new CodecException("volatility surface rounds of oracle " + oracleId);
            }
            final VolSurfaceFeed feed = state.volSurfaces().feedFor(oracleId);
            final io.novation.core.oracle.VolSurfaceParameters parameters = CommandCodec.getVolSurfaceParameters(in);
            if (parameters == null)
            {
                throw new CodecException("volatility surface rounds of oracle " + oracleId + " without parameters");
            }
            feed.parameters(parameters);
            if (in.getBoolean())
            {
                final long heldAt = in.getLong();
                final int signers = in.getInt();
                feed.hold(readSurface(oracleId, in), heldAt, signers);
            }
            final int candidates = in.getUnsignedShort();
            for (int c = 0; c < candidates; c++)
            {
                final int signers = in.getInt();
                feed.restoreCandidate(readSurface(oracleId, in), signers);
            }
        }
    }

    private static void writeAccounts(final ClearingState state, final BinaryWriter out)
    {
        final Accounts accounts = state.accounts();
        out.putInt(accounts.count());
        for (int i = 0; i < accounts.count(); i++)
        {
            final Account account = accounts.at(i);
            out.putAddress(account.owner()).putLong(account.lastNonce()).putShort(account.subaccountCount());
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                out.putShort(subaccount.number()).putLong(subaccount.realizedPnl())
                    .putLong(subaccount.lastLiquidatedAt()).putBoolean(subaccount.isPortfolioMargin());
                int balances = 0;
                for (int a = 0; a < subaccount.balanceSlots(); a++)
                {
                    balances += subaccount.balance(a) != 0 ? 1 : 0;
                }
                out.putShort(balances);
                for (int a = 0; a < subaccount.balanceSlots(); a++)
                {
                    if (subaccount.balance(a) != 0)
                    {
                        out.putShort(a).putLong(subaccount.balance(a));
                    }
                }
                out.putShort(subaccount.positionCount());
                for (int p = 0; p < subaccount.positionCount(); p++)
                {
                    out.putInt(subaccount.positionMarket(p)).putLong(subaccount.positionSize(p))
                        .putLong(subaccount.positionCostBasis(p)).putLong(subaccount.positionFundingIndex(p));
                }
            }
        }
    }

    private static void readAccounts(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getInt();
        for (int i = 0; i < count; i++)
        {
            final Address owner = in.getAddress();
            if (owner == null || state.accounts().find(owner) != null)
            {
                throw new CodecException("account " + i + " has no owner or a duplicate one");
            }
            final Account account = state.accounts().findOrCreate(owner);
            final long lastNonce = in.getLong();
            if (lastNonce != 0)
            {
                account.useNonce(lastNonce);
            }
            final int subaccounts = in.getUnsignedShort();
            for (int s = 0; s < subaccounts; s++)
            {
                final Subaccount subaccount = account.subaccountOrCreate(in.getUnsignedShort());
                final long realizedPnl = in.getLong();
                if (realizedPnl != 0)
                {
                    subaccount.addRealizedPnl(realizedPnl);
                }
                final long lastLiquidatedAt = in.getLong();
                if (lastLiquidatedAt != 0)
                {
                    subaccount.lastLiquidatedAt(lastLiquidatedAt);
                }
                if (version >= 3 && in.getBoolean())
                {
                    subaccount.portfolioMargin(true);
                }
                final int balances = in.getUnsignedShort();
                for (int b = 0; b < balances; b++)
                {
                    subaccount.addBalance(in.getUnsignedShort(), in.getLong());
                }
                final int positions = in.getUnsignedShort();
                for (int p = 0; p < positions; p++)
                {
                    subaccount.setPosition(in.getInt(), in.getLong(), in.getLong(), in.getLong());
                }
            }
        }
    }

    private static void writeFills(final ClearingState state, final BinaryWriter out)
    {
        out.putInt(state.fills().size());
        state.fills().forEach((digests, offset, filled, expiry) ->
            out.putBytes(digests, offset, 32).putLong(filled).putLong(expiry));
    }

    private static void readFills(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getInt();
        for (int i = 0; i < count; i++)
        {
            final byte[] digest = in.getBytes(32);
            final long filled = in.getLong();
            // Version 4 added the orders' expiries; older snapshots keep their fills until a restart from a new one.
            state.fills().setFilled(digest, filled, version >= 4 ? in.getLong() : Long.MAX_VALUE);
        }
    }

    private static void writeStatusWatch(final ClearingEngine engine, final BinaryWriter out)
    {
        final int oracles = engine.state().oracles().count();
        out.putShort(oracles);
        for (int i = 0; i < oracles; i++)
        {
            out.putByte(engine.announcedOracleStatus(i).ordinal());
        }
        out.putLong(engine.nextOracleStatusDeadline());
    }

    private static void readStatusWatch(final ClearingEngine engine, final BinaryReader in, final int version)
    {
        final MarketStatus[] announced = new MarketStatus[in.getUnsignedShort()];
        for (int i = 0; i < announced.length; i++)
        {
            announced[i] = status(in.getUnsignedByte());
        }
        new SnapshotRestore(engine).oracleStatusWatch(announced, in.getLong());
    }

    private static MarketStatus status(final int ordinal)
    {
        if (ordinal >= MarketStatus.values().length)
        {
            throw new CodecException("unknown market status " + ordinal);
        }
        return MarketStatus.values()[ordinal];
    }
}
