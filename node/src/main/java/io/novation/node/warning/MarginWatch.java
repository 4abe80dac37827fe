package io.novation.node.warning;

import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingState;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.Asset;
import io.novation.core.market.Markets;
import io.novation.core.oracle.OracleBook;
import io.novation.core.surface.VolSurfaceBook;
import io.novation.node.stream.EventParties;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Follows the health (maintenance net collateral over maintenance requirement) of every subaccount with a requirement
 * and reports each fall below a {@link WarningLevels} threshold once, without scanning all subaccounts per price tick.
 * After each durable group of events it reads again only the subaccounts the events name ({@link EventParties}), the
 * holders of a market whose funding index or status moved, and the subaccounts whose watch band an oracle price left.
 * <p>
 * The watch band: when a subaccount is read, the distance from its net collateral to the nearest level that can change
 * what it is told (the highest armed threshold below its health, the lowest re-arm level above it), in quote quantums,
 * is its cushion. For perpetual positions on quote collateral, a relative move {@code r} of one oracle's price moves
 * the position values by at most {@code G·r} and the maintenance requirement by at most {@code 1.5·G·r} (the fraction
 * is at most 1 and its size premium grows as a square root: {@code n·m'(n) ≤ m/2}), {@code G} being the absolute
 * notional; so {@code NC − T·MMR} moves by less than {@link #SLOPE}{@code ·G·r} for every level {@code T ≤ 1.6}. Each
 * of the subaccount's {@code k} oracles gets {@code (cushion − rounding slack) / k} of it, and its band is the price
 * range that cannot use that share; leaving it has the subaccount read again. A subaccount holding options, non-quote
 * collateral or in portfolio margin gets an empty band (read again on every move of its oracles). Edges are kept per
 * oracle in sorted primitive trees ({@link BandEdges}), so a price move visits only the edges it crossed and
 * re-filing a subaccount allocates nothing. Runs on the engine thread (it reads the
 * engine's state); its work is proportional to the subaccounts named or crossed.
 */
public final class MarginWatch
{
    /** Bound on the change of {@code NC − T·MMR} per unit of relative price move, per unit of absolute notional. */
    public static final long SLOPE = 4;

    /** The followed subaccounts by id (null: not followed), and how many there are. */
    private Tracked[] tracked = new Tracked[64];
    private int trackedSize;
    /** Band edges by oracle id, and the holders of each market (filed at price 0, in filing order). */
    private final Int2ObjectHashMap<Edges> edges = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<BandEdges> holders = new Int2ObjectHashMap<>();
    private final MarginFigures figures = new MarginFigures();
    /** The subaccounts due in the current group, in order of first mention, without repeats. */
    private final DueList due = new DueList();
    /** Files an id as due: made once, so that visiting edges allocates nothing. */
    private final IntConsumer dueAdd = due::add;
    /** Scratch of {@link #onDurable}: the group's warnings as they are found. */
    private final List<MarginWarning> found = new ArrayList<>();
    /** Scratch of the list form of {@link #onDurable}: the group as a log. */
    private final EventLog valuesLog = new EventLog();
    /** Scratch of {@link #file}: the oracles and markets of the subaccount being filed, sorted, without repeats. */
    private int[] oracleScratch = new int[4];
    private int[] marketScratch = new int[4];
    private volatile int lastReads;
    private volatile int trackedCount;
    private MarginCalculator calculator;
    private Markets calculatorMarkets;
    private OracleBook calculatorOracles;
    private VolSurfaceBook calculatorSurfaces;
    private ClearingState namedState;
    private EventParties.PartySink namedSink;

    /** A followed subaccount: its armed thresholds, its oracles and its band edges on each, its markets. */
    private static final class Tracked
    {
        int armed = WarningLevels.ALL_ARMED;
        int[] oracles = new int[0];
        long[] lowers = new long[0];
        long[] uppers = new long[0];
        long[] lowerTickets = new long[0];
        long[] upperTickets = new long[0];
        int[] markets = new int[0];
        long[] marketTickets = new long[0];
    }

    /**
     * The ids due in a group: each once, in order of first mention (what a {@code LinkedHashSet<Integer>} gives),
     * kept in two int arrays that live as long as the watch: a list and, per id, the group that last added it.
     */
    private static final class DueList
    {
        int[] ids = new int[64];
        int size;
        int[] addedIn = new int[64];
        int group;

        void clear()
        {
            size = 0;
            if (++group == Integer.MAX_VALUE)
            {
                Arrays.fill(addedIn, 0);
                group = 1;
            }
        }

        void add(final int id)
        {
            if (id >= addedIn.length)
            {
                addedIn = Arrays.copyOf(addedIn, Math.max(id + 1, 2 * addedIn.length));
            }
            if (addedIn[id] == group)
            {
                return;
            }
            addedIn[id] = group;
            if (size == ids.length)
            {
                ids = Arrays.copyOf(ids, 2 * size);
            }
            ids[size++] = id;
        }

    }

    /** One oracle's band edges: a price at or below a lower edge, or at or above an upper edge, re-reads its ids. */
    private static final class Edges
    {
        final BandEdges lowers = new BandEdges();
        final BandEdges uppers = new BandEdges();
    }

    /**
     * Reads every subaccount once (at start, before following the events).
     *
     * @param engine the engine.
     * @return the warnings of subaccounts already below a threshold.
     */
    public List<MarginWarning> readAll(final ClearingEngine engine)
    {
        final List<MarginWarning> warnings = new ArrayList<>();
        final ClearingState state = engine.state();
        final MarginCalculator calculator = calculator(state);
        final int count = state.accounts().subaccountCount();
        for (int id = 0; id < count; id++)
        {
            read(state, calculator, state.accounts().subaccountById(id), state.sequence(), warnings);
        }
        lastReads = count;
        trackedCount = trackedSize;
        return warnings;
    }

    /**
     * Reads again the subaccounts a durable group of events may have moved.
     *
     * @param engine the engine, as it is after the events.
     * @param events the group of events, in order.
     * @return the warnings to publish, in subaccount order of first mention.
     */
    public List<MarginWarning> onDurable(final ClearingEngine engine, final List<Event> events)
    {
        for (int i = 0; i < events.size(); i++)
        {
            valuesLog.append(events.get(i));
        }
        try
        {
            return onDurable(engine, valuesLog);
        }
        finally
        {
            valuesLog.clear();
        }
    }

    /**
     * Reads again the subaccounts a durable group of events may have moved, taking a fill's parties from the log's
     * fields (a fill's events are not built).
     *
     * @param engine the engine, as it is after the events.
     * @param events the group of events, in order.
     * @return the warnings to publish, in subaccount order of first mention.
     */
    public List<MarginWarning> onDurable(final ClearingEngine engine, final EventLog events)
    {
        if (events.size() == 0)
        {
            lastReads = 0;
            return List.of();
        }
        final ClearingState state = engine.state();
        due.clear();
        final EventParties.PartySink named = named(state);
        for (int i = 0; i < events.size(); i++)
        {
            final int parties = events.fieldParties(i);
            if (parties > 0)
            {
                for (int party = 0; party < parties; party++)
                {
                    named(state, events.partyOwner(i, party), events.partySubaccount(i, party), due);
                }
                continue;
            }
            final Event event = events.events().get(i);
            EventParties.forEach(event, named);
            if (event instanceof Event.OraclePriceUpdated moved)
            {
                crossed(moved.oracleId(), moved.price(), due);
            }
            else if (event instanceof Event.FundingTicked tick)
            {
                holdersDue(tick.marketId());
            }
            else if (event instanceof Event.MarketStatusChanged status)
            {
                holdersDue(status.marketId());
            }
        }
        final MarginCalculator calculator = calculator(state);
        final long sequence = events.sequence(events.size() - 1);
        found.clear();
        for (int i = 0; i < due.size; i++)
        {
            read(state, calculator, state.accounts().subaccountById(due.ids[i]), sequence, found);
        }
        lastReads = due.size;
        trackedCount = trackedSize;
        if (found.isEmpty())
        {
            return List.of();
        }
        final List<MarginWarning> warnings = new ArrayList<>(found);
        found.clear();
        return warnings;
    }

    /**
     * Subaccounts read by the last call: the work done on the engine thread; readable from any thread.
     *
     * @return count.
     */
    public int readsInLastGroup()
    {
        return lastReads;
    }

    /**
     * Subaccounts followed (with a maintenance requirement) after the last call; readable from any thread.
     *
     * @return count.
     */
    public int trackedCount()
    {
        return trackedCount;
    }

    /**
     * The calculator over the state's registries, built again only when the engine's registries are other objects
     * (a restored state): a publication costs no calculator of its own.
     */
    private MarginCalculator calculator(final ClearingState state)
    {
        if (calculator == null || calculatorMarkets != state.markets() || calculatorOracles != state.oracles() ||
            calculatorSurfaces != state.volSurfaces())
        {
            calculatorMarkets = state.markets();
            calculatorOracles = state.oracles();
            calculatorSurfaces = state.volSurfaces();
            calculator = new MarginCalculator(calculatorMarkets, calculatorOracles, calculatorSurfaces);
        }
        return calculator;
    }

    /** The sink that files a named party as due, kept while the state is the same object. */
    private EventParties.PartySink named(final ClearingState state)
    {
        if (namedState != state)
        {
            namedState = state;
            namedSink = (owner, number) -> named(state, owner, number, due);
        }
        return namedSink;
    }

    private static void named(final ClearingState state, final Address owner, final int number,
        final DueList due)
    {
        if (number < 0 || !Subaccount.isValidNumber(number))
        {
            return;
        }
        final Subaccount subaccount = state.accounts().findSubaccount(owner, number);
        if (subaccount != null)
        {
            due.add(subaccount.id());
        }
    }

    private void crossed(final int oracleId, final long price, final DueList due)
    {
        final Edges book = edges.get(oracleId);
        if (book == null)
        {
            return;
        }
        book.lowers.forEachAtLeast(price, dueAdd);
        book.uppers.forEachAtMost(price, dueAdd);
    }

    /** Files the holders of a market as due, in the order they were filed. */
    private void holdersDue(final int marketId)
    {
        final BandEdges ids = holders.get(marketId);
        if (ids != null)
        {
            ids.forEachAtLeast(Long.MIN_VALUE, dueAdd);
        }
    }

    private void read(final ClearingState state, final MarginCalculator calculator, final Subaccount subaccount,
        final long sequence, final List<MarginWarning> warnings)
    {
        final int id = subaccount.id();
        final Tracked previous = id < tracked.length ? tracked[id] : null;
        if (previous != null)
        {
            unfile(id, previous);
        }
        if (!calculator.compute(subaccount, figures) || figures.maintenanceMarginRequirement() <= 0)
        {
            if (previous != null)
            {
                tracked[id] = null;
                trackedSize--;
            }
            return;
        }
        final Tracked entry;
        if (previous != null)
        {
            entry = previous;
        }
        else
        {
            entry = new Tracked();
            if (id >= tracked.length)
            {
                tracked = Arrays.copyOf(tracked, Math.max(id + 1, 2 * tracked.length));
            }
            tracked[id] = entry;
            trackedSize++;
        }
        final long nc = figures.netCollateralMaintenance();
        final long mmr = figures.maintenanceMarginRequirement();
        final long health = WarningLevels.healthPpm(nc, mmr);
        int lowestCrossed = -1;
        for (int level = 0; level < WarningLevels.count(); level++)
        {
            final int bit = 1 << level;
            final long threshold = WarningLevels.thresholdPpm(level);
            if ((entry.armed & bit) != 0 && health < threshold)
            {
                entry.armed &= ~bit;
                lowestCrossed = level;
            }
            else if ((entry.armed & bit) == 0 && health >= threshold + WarningLevels.HYSTERESIS_PPM)
            {
                entry.armed |= bit;
            }
        }
        if (lowestCrossed >= 0)
        {
            warnings.add(new MarginWarning(sequence, subaccount.account().owner(), subaccount.number(),
                WarningLevels.thresholdPpm(lowestCrossed), health, nc, mmr));
        }
        file(state, subaccount, entry, cushion(entry.armed, nc, mmr));
    }

    /** Quote quantums the net collateral may move before what the subaccount is told can change. */
    private static long cushion(final int armed, final long nc, final long mmr)
    {
        long cushion = Long.MAX_VALUE;
        for (int level = 0; level < WarningLevels.count(); level++)
        {
            final long threshold = WarningLevels.thresholdPpm(level);
            if ((armed & (1 << level)) != 0)
            {
                // Armed: health is at or above the threshold; falling below it fires.
                cushion = Math.min(cushion, nc - WarningLevels.scaled(threshold, mmr, true));
            }
            else
            {
                // Fired: rising to the re-arm level re-arms it.
                cushion = Math.min(cushion,
                    WarningLevels.scaled(threshold + WarningLevels.HYSTERESIS_PPM, mmr, true) - nc - 1);
            }
        }
        return Math.max(0, cushion);
    }

    private void file(final ClearingState state, final Subaccount subaccount, final Tracked entry, final long cushion)
    {
        final Markets markets = state.markets();
        final OracleBook oracles = state.oracles();
        int oracleCount = 0;
        int marketCount = 0;
        boolean empty = subaccount.isPortfolioMargin();
        for (int i = 0; i < subaccount.positionCount(); i++)
        {
            if (subaccount.positionSize(i) == 0)
            {
                continue;
            }
            final int marketId = subaccount.positionMarket(i);
            marketScratch = grown(marketScratch, marketCount);
            marketCount = insertSorted(marketScratch, marketCount, marketId);
            oracleScratch = grown(oracleScratch, oracleCount);
            if (Markets.isOptionId(marketId))
            {
                empty = true;
                oracleCount = insertSorted(oracleScratch, oracleCount, markets.option(marketId).oracleId());
            }
            else
            {
                oracleCount = insertSorted(oracleScratch, oracleCount, markets.perpetual(marketId).oracleId());
            }
        }
        for (int assetId = 0; assetId < subaccount.balanceSlots(); assetId++)
        {
            if (subaccount.balance(assetId) == 0)
            {
                continue;
            }
            final Asset asset = markets.asset(assetId);
            if (!asset.isQuote())
            {
                empty = true;
                oracleScratch = grown(oracleScratch, oracleCount);
                oracleCount = insertSorted(oracleScratch, oracleCount, asset.oracleId());
            }
        }
        final int k = Math.max(1, oracleCount);
        final long slack = 4L * subaccount.positionCount() + 4;
        final double share = empty || figures.absoluteNotional() <= 0 ? 0 :
            Math.max(0, cushion - slack) / (double)k / ((double)SLOPE * figures.absoluteNotional());
        if (entry.oracles.length != oracleCount)
        {
            entry.oracles = new int[oracleCount];
            entry.lowers = new long[oracleCount];
            entry.uppers = new long[oracleCount];
            entry.lowerTickets = new long[oracleCount];
            entry.upperTickets = new long[oracleCount];
        }
        System.arraycopy(oracleScratch, 0, entry.oracles, 0, oracleCount);
        if (entry.markets.length != marketCount)
        {
            entry.markets = new int[marketCount];
            entry.marketTickets = new long[marketCount];
        }
        System.arraycopy(marketScratch, 0, entry.markets, 0, marketCount);
        for (int i = 0; i < entry.oracles.length; i++)
        {
            final long price = oracles.price(entry.oracles[i]);
            // The relative move allowed, at most one half (the slope bound holds for moves up to that), rounded down.
            final long reach = Math.max(0, (long)Math.floor(Math.min(share, 0.5) * price) - 1);
            entry.lowers[i] = price - reach - 1;
            entry.uppers[i] = price + reach + 1;
            Edges book = edges.get(entry.oracles[i]);
            if (book == null)
            {
                book = new Edges();
                edges.put(entry.oracles[i], book);
            }
            entry.lowerTickets[i] = book.lowers.add(entry.lowers[i], subaccount.id());
            entry.upperTickets[i] = book.uppers.add(entry.uppers[i], subaccount.id());
        }
        for (int i = 0; i < entry.markets.length; i++)
        {
            BandEdges ids = holders.get(entry.markets[i]);
            if (ids == null)
            {
                ids = new BandEdges();
                holders.put(entry.markets[i], ids);
            }
            entry.marketTickets[i] = ids.add(0, subaccount.id());
        }
    }

    private void unfile(final int id, final Tracked entry)
    {
        for (int i = 0; i < entry.oracles.length; i++)
        {
            final Edges book = edges.get(entry.oracles[i]);
            book.lowers.remove(entry.lowers[i], entry.lowerTickets[i]);
            book.uppers.remove(entry.uppers[i], entry.upperTickets[i]);
        }
        for (int i = 0; i < entry.markets.length; i++)
        {
            holders.get(entry.markets[i]).remove(0, entry.marketTickets[i]);
        }
        // The entry is filed again (its arrays overwritten) or dropped right after.
    }

    /** The array, grown when it cannot take one more value. */
    private static int[] grown(final int[] values, final int count)
    {
        return count < values.length ? values : Arrays.copyOf(values, 2 * values.length);
    }

    /** Inserts a value into the sorted first {@code count} values unless present; the new count. */
    private static int insertSorted(final int[] values, final int count, final int value)
    {
        int at = Arrays.binarySearch(values, 0, count, value);
        if (at >= 0)
        {
            return count;
        }
        at = -at - 1;
        System.arraycopy(values, at, values, at + 1, count - at);
        values[at] = value;
        return count + 1;
    }
}
