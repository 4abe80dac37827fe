package io.novation.core.snapshot;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingState;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SnapshotRestore;
import io.novation.core.event.EventSink;

/**
 * Writes the whole state of an engine (counters and totals, assets, markets, option series, volatility surfaces,
 * oracles with their parameters,
 * publishers, held rounds and TWAP sums, accounts with subaccounts, balances and positions, the order-fill book,
 * the oracle status watch, and, when present, the accounts' session keys and the cancelled orders and nonce floors) and
 * restores an engine whose state root and subsequent behaviour are those of the original.
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
     * socialized-loss indices and ledger of each option series, 8 the bad debt; sealed batches are a section of
     * their own.
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
    /** The markets' risk state, present only when a market holds any (its payload carries its own format). */
    private static final int RISK = 40;
    /** Governance (written only when its book is not empty); tags 30-39 are governance's. */
    private static final int GOVERNANCE = 30;
    /** Delisting and hard caps of the perpetual markets that have any; written only then (no version change). */
    private static final int MARKET_LIFECYCLE = 50;
    /** Written only when an account uses session keys, so that other snapshots are unchanged. */
    private static final int SESSION_KEYS = 60;
    /** Written only when an order was cancelled or a nonce floor set, so that other snapshots are unchanged. */
    private static final int CANCELS = 61;
    private static final int END = 0;
    /** The sections in the order they are written (the optional ones only when {@link #present}). */
    private static final int[] SECTIONS = {COUNTERS, ASSETS, ORACLES, MARKETS, OPTIONS, VOL_SURFACES,
        VOL_SURFACE_ROUNDS, ACCOUNTS, FILLS, STATUS_WATCH, BATCHES, RISK, GOVERNANCE, MARKET_LIFECYCLE, SESSION_KEYS,
        CANCELS};

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
        for (final int tag : SECTIONS)
        {
            if (present(state, tag))
            {
                out.putByte(tag);
                final int lengthAt = out.length();
                out.putInt(0);
                writeSection(engine, tag, out);
                BinaryWriter.putIntAt(out.buffer(), lengthAt, out.length() - lengthAt - Integer.BYTES);
            }
        }
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
                    case COUNTERS -> EngineSections.readCounters(engine, in, version);
                    case ASSETS -> MarketSections.readAssets(state, in, version);
                    case ORACLES -> OracleSection.readOracles(state, in, version);
                    case MARKETS -> MarketSections.readMarkets(state, in, version);
                    case OPTIONS -> MarketSections.readOptions(state, in, version);
                    case VOL_SURFACES -> SurfaceSections.readVolSurfaces(state, in, version);
                    case VOL_SURFACE_ROUNDS -> SurfaceSections.readVolSurfaceRounds(state, in);
                    case ACCOUNTS -> AccountSections.readAccounts(state, in, version);
                    case FILLS -> AccountSections.readFills(state, in, version);
                    case STATUS_WATCH -> EngineSections.readStatusWatch(engine, in, version);
                    case BATCHES -> EngineSections.readBatches(new SnapshotRestore(engine), in);
                    case RISK -> RiskSection.read(state, in);
                    case GOVERNANCE -> GovernanceSection.read(state, in);
                    case MARKET_LIFECYCLE -> MarketSections.readLifecycle(state, in);
                    case SESSION_KEYS -> SessionSections.readSessionKeys(state, in);
                    case CANCELS -> SessionSections.readCancels(state, in);
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

    /** Whether a section is written: the optional ones only when they hold something. */
    private static boolean present(final ClearingState state, final int tag)
    {
        return switch (tag)
        {
            case RISK -> !RiskSection.isEmpty(state);
            case GOVERNANCE -> GovernanceSection.present(state);
            case MARKET_LIFECYCLE -> MarketSections.hasLifecycle(state);
            case SESSION_KEYS -> SessionSections.hasSessionKeys(state);
            case CANCELS -> !state.cancels().isEmpty();
            default -> true;
        };
    }

    /** Writes one section's body (a switch rather than a lambda per section, so a snapshot allocates none). */
    private static void writeSection(final ClearingEngine engine, final int tag, final BinaryWriter out)
    {
        final ClearingState state = engine.state();
        switch (tag)
        {
            case COUNTERS -> EngineSections.writeCounters(engine, out);
            case ASSETS -> MarketSections.writeAssets(state, out);
            case ORACLES -> OracleSection.writeOracles(state, out);
            case MARKETS -> MarketSections.writeMarkets(state, out);
            case OPTIONS -> MarketSections.writeOptions(state, out);
            case VOL_SURFACES -> SurfaceSections.writeVolSurfaces(state, out);
            case VOL_SURFACE_ROUNDS -> SurfaceSections.writeVolSurfaceRounds(state, out);
            case ACCOUNTS -> AccountSections.writeAccounts(state, out);
            case FILLS -> AccountSections.writeFills(state, out);
            case STATUS_WATCH -> EngineSections.writeStatusWatch(engine, out);
            case BATCHES -> EngineSections.writeBatches(state, out);
            case RISK -> RiskSection.write(state, out);
            case GOVERNANCE -> GovernanceSection.write(state, out);
            case MARKET_LIFECYCLE -> MarketSections.writeLifecycle(state, out);
            case SESSION_KEYS -> SessionSections.writeSessionKeys(state, out);
            case CANCELS -> SessionSections.writeCancels(state, out);
            default -> throw new IllegalArgumentException("no snapshot section " + tag);
        }
    }
}
