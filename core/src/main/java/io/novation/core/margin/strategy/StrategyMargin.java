package io.novation.core.margin.strategy;

import io.novation.core.margin.PerpetualMath;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

import java.util.Arrays;

/**
 * Strategy pairing of the option positions of one standard-margin subaccount (docs/protocol.md, "Strategy margin"):
 * defined-risk combinations of one underlying are margined at their maximum loss at expiry instead of the sum of
 * their naked legs, as Derive's standard manager does per expiry ({@code _calcNetBasicMarginSingleExpiry}); all
 * amounts in quote quantums.
 * <p>
 * The caller adds every option leg with its standard figures ({@link #add}), then {@link #compute} finds, per group
 * of legs with the same underlying oracle, contract size (atomic resolution) and expiry, the cheapest of a fixed list
 * of candidates: every leg naked (today's margin), or a bounded core margined at its maximum loss with the short
 * calls (and optionally the short puts) that no long covers left naked, each with or without the longs of later
 * expiries that hold no short (calendars: such a long is worth at least its intrinsic value when the short expires).
 * Perpetuals added with {@link #addPerpetual} are then protected by the long options no group used (a long
 * perpetual by puts, a short one by calls) at the gap between their price and the strike. It reports how much the
 * initial and maintenance requirements fall and how much of the long options' value counts toward initial net
 * collateral. Legs are visited in a sorted order, never hash order, so the same portfolio
 * always pairs the same way. A mutable scratch object, reused on the hot path without allocating once grown.
 */
public final class StrategyMargin
{
    private static final int INITIAL_LEGS = 8;

    private int count;
    private int[] oracle = new int[INITIAL_LEGS];
    private int[] resolution = new int[INITIAL_LEGS];
    private int[] exponent = new int[INITIAL_LEGS];
    private int[] seriesId = new int[INITIAL_LEGS];
    private long[] expiry = new long[INITIAL_LEGS];
    private long[] strike = new long[INITIAL_LEGS];
    private boolean[] call = new boolean[INITIAL_LEGS];
    private long[] size = new long[INITIAL_LEGS];
    private long[] value = new long[INITIAL_LEGS];
    private long[] initial = new long[INITIAL_LEGS];
    private long[] maintenance = new long[INITIAL_LEGS];
    private int[] order = new int[INITIAL_LEGS];
    private long[] core = new long[INITIAL_LEGS];
    private boolean[] lent = new boolean[INITIAL_LEGS];
    private boolean[] member = new boolean[INITIAL_LEGS];

    private int perpetuals;
    private int[] perpOracle = new int[INITIAL_LEGS];
    private int[] perpResolution = new int[INITIAL_LEGS];
    private int[] perpExponent = new int[INITIAL_LEGS];
    private long[] perpSize = new long[INITIAL_LEGS];
    private long[] perpPrice = new long[INITIAL_LEGS];
    private long[] perpInitial = new long[INITIAL_LEGS];
    private long[] perpMaintenance = new long[INITIAL_LEGS];

    private long initialSaving;
    private long maintenanceSaving;
    private long initialCredit;
    private int pairedGroups;

    // One candidate's outcome.
    private long candidateInitial;
    private long candidateMaintenance;
    private boolean candidateUsedBorrowed;

    /**
     * Forgets every leg.
     */
    public void reset()
    {
        count = 0;
        perpetuals = 0;
        initialSaving = 0;
        maintenanceSaving = 0;
        initialCredit = 0;
        pairedGroups = 0;
    }

    /**
     * Adds one option position with its standard (naked) figures.
     *
     * @param seriesId               the series id (orders ties).
     * @param oracleId               the underlying oracle.
     * @param atomicResolution       the series' contract size: one base quantum is 10^atomicResolution units.
     * @param priceExponent          the oracle's price exponent.
     * @param expiry                 the expiry, epoch ms.
     * @param isCall                 call or put.
     * @param strike                 the strike, price units.
     * @param size                   signed base quantums, not zero.
     * @param value                  the position's value: a long's mark value (≥ 0), a short's liability (≤ 0).
     * @param initialRequirement     its naked initial requirement.
     * @param maintenanceRequirement its naked maintenance requirement.
     */
    public void add(
        final int seriesId,
        final int oracleId,
        final int atomicResolution,
        final int priceExponent,
        final long expiry,
        final boolean isCall,
        final long strike,
        final long size,
        final long value,
        final long initialRequirement,
        final long maintenanceRequirement)
    {
        if (count == order.length)
        {
            grow();
        }
        final int i = count++;
        this.seriesId[i] = seriesId;
        this.oracle[i] = oracleId;
        this.resolution[i] = atomicResolution;
        this.exponent[i] = priceExponent;
        this.expiry[i] = expiry;
        this.call[i] = isCall;
        this.strike[i] = strike;
        this.size[i] = size;
        this.value[i] = value;
        this.initial[i] = initialRequirement;
        this.maintenance[i] = maintenanceRequirement;
    }

    /**
     * Adds one perpetual position with its standard figures, which long options of its underlying may protect.
     *
     * @param oracleId               the underlying oracle.
     * @param atomicResolution       one base quantum is 10^atomicResolution units.
     * @param priceExponent          the oracle's price exponent.
     * @param size                   signed base quantums, not zero.
     * @param marginPrice            the price its value and requirements were taken at, price units.
     * @param initialRequirement     its initial requirement.
     * @param maintenanceRequirement its maintenance requirement.
     */
    public void addPerpetual(
        final int oracleId,
        final int atomicResolution,
        final int priceExponent,
        final long size,
        final long marginPrice,
        final long initialRequirement,
        final long maintenanceRequirement)
    {
        if (perpetuals == perpOracle.length)
        {
            growPerpetuals();
        }
        final int i = perpetuals++;
        perpOracle[i] = oracleId;
        perpResolution[i] = atomicResolution;
        perpExponent[i] = priceExponent;
        perpSize[i] = size;
        perpPrice[i] = marginPrice;
        perpInitial[i] = initialRequirement;
        perpMaintenance[i] = maintenanceRequirement;
    }

    /**
     * Pairs the legs added since the last {@link #reset}.
     *
     * @return true when some group margins below its naked sum (the savings and credit are then positive or zero),
     * false when every leg stays naked (all three figures zero).
     */
    public boolean compute()
    {
        initialSaving = 0;
        maintenanceSaving = 0;
        initialCredit = 0;
        pairedGroups = 0;
        if (count == 0 || (count == 1 && perpetuals == 0))
        {
            return false;
        }
        sortLegs();
        for (int k = 0; k < count; k++)
        {
            lent[order[k]] = false;
        }
        int start = 0;
        while (start < count)
        {
            int end = start + 1;
            while (end < count && sameGroup(order[start], order[end]))
            {
                end++;
            }
            pairGroup(start, end);
            start = end;
        }
        for (int p = 0; p < perpetuals; p++)
        {
            protect(p);
        }
        return pairedGroups > 0;
    }

    /**
     * How much pairing lowers the initial requirement.
     *
     * @return quote quantums, not negative.
     */
    public long initialSaving()
    {
        return initialSaving;
    }

    /**
     * How much pairing lowers the maintenance requirement.
     *
     * @return quote quantums, not negative.
     */
    public long maintenanceSaving()
    {
        return maintenanceSaving;
    }

    /**
     * The part of long options' value that offsets paired shorts' liabilities in initial net collateral (never
     * more than the longs' value, rounded down as that value is).
     *
     * @return quote quantums, not negative.
     */
    public long initialCredit()
    {
        return initialCredit;
    }

    /**
     * Groups margined below their naked sum by the last {@link #compute}.
     *
     * @return count.
     */
    public int pairedGroups()
    {
        return pairedGroups;
    }

    // ------------------------------------------------------------------------------------------------------------

    private void pairGroup(final int start, final int end)
    {
        long nakedInitial = 0;
        long nakedMaintenance = 0;
        boolean shorts = false;
        boolean longs = false;
        for (int k = start; k < end; k++)
        {
            final int leg = order[k];
            if (size[leg] < 0)
            {
                shorts = true;
                nakedInitial = Math.addExact(nakedInitial, initial[leg]);
                nakedMaintenance = Math.addExact(nakedMaintenance, maintenance[leg]);
            }
            else
            {
                longs = true;
            }
        }
        if (!shorts)
        {
            return;
        }
        // Later groups of the same underlying and contract size that hold only longs lend them (calendars).
        int borrowedEnd = end;
        boolean borrowable = false;
        while (borrowedEnd < count && sameUnderlying(order[start], order[borrowedEnd]))
        {
            borrowedEnd++;
        }
        for (int k = end; k < borrowedEnd; k++)
        {
            member[order[k]] = !lent[order[k]] && pureLongGroupAt(k, borrowedEnd);
            borrowable |= member[order[k]];
        }
        if (!longs && !borrowable)
        {
            return;
        }
        // Best so far: naked. Initial as (credit − requirement), maintenance as a requirement.
        long bestInitial = -nakedInitial;
        long bestMaintenance = nakedMaintenance;
        boolean usedBorrowed = false;
        for (int borrow = 0; borrow <= (borrowable ? 1 : 0); borrow++)
        {
            if (borrow == 0 && !longs)
            {
                continue;
            }
            for (int puts = 0; puts <= 1; puts++)
            {
                if (!candidate(start, end, borrow == 1 ? borrowedEnd : end, puts == 1))
                {
                    continue;
                }
                if (candidateInitial > bestInitial)
                {
                    bestInitial = candidateInitial;
                    usedBorrowed |= candidateUsedBorrowed;
                }
                if (candidateMaintenance < bestMaintenance)
                {
                    bestMaintenance = candidateMaintenance;
                    usedBorrowed |= candidateUsedBorrowed;
                }
            }
        }
        if (bestInitial == -nakedInitial && bestMaintenance == nakedMaintenance)
        {
            return;
        }
        pairedGroups++;
        if (usedBorrowed)
        {
            for (int k = end; k < borrowedEnd; k++)
            {
                if (member[order[k]])
                {
                    lent[order[k]] = true;
                }
            }
        }
        // bestInitial = credit − requirement: a positive figure is a credit with no requirement left.
        final long requirement = bestInitial >= 0 ? 0 : -bestInitial;
        initialCredit = Math.addExact(initialCredit, Math.max(bestInitial, 0));
        initialSaving = Math.addExact(initialSaving, nakedInitial - requirement);
        maintenanceSaving = Math.addExact(maintenanceSaving, nakedMaintenance - bestMaintenance);
    }

    /**
     * A perpetual protected by long options of its underlying that no other rule uses (a long perpetual by puts, a
     * short one by calls; highest put strikes and lowest call strikes first): the protected part can lose at most
     * |K − S| per unit while the option lives, so its initial requirement becomes that loss and its maintenance
     * requirement that loss plus the option's value (which may decay to its intrinsic value), when lower.
     */
    private void protect(final int p)
    {
        final boolean isLong = perpSize[p] > 0;
        for (int k = 0; k < count; k++)
        {
            final int leg = order[k];
            final boolean free = size[leg] > 0 && !lent[leg] && call[leg] != isLong && oracle[leg] == perpOracle[p] &&
                pureLongGroupAt(k, count);
            core[leg] = free ? size[leg] : 0;
        }
        try
        {
            long remaining = Math.absExact(perpSize[p]);
            long saving = 0;
            long maintenanceSaved = 0;
            while (remaining > 0)
            {
                final int leg = bestProtection(isLong);
                if (leg < 0)
                {
                    break;
                }
                // Quantities in units of 10^min(resolutions): the perpetual's part rounded down, the option's used up.
                final int base = Math.min(perpResolution[p], resolution[leg]);
                final long perpScale = FixedPoint.pow10(perpResolution[p] - base);
                final long optionScale = FixedPoint.pow10(resolution[leg] - base);
                final long units = Math.min(Math.multiplyExact(remaining, perpScale),
                    Math.multiplyExact(core[leg], optionScale));
                final long perpPart = units / perpScale;
                final long optionPart = Math.min(core[leg], (units + optionScale - 1) / optionScale);
                core[leg] -= optionPart;
                if (perpPart == 0)
                {
                    continue;
                }
                remaining -= perpPart;
                final long gap = isLong ? Math.max(perpPrice[p] - strike[leg], 0) :
                    Math.max(strike[leg] - perpPrice[p], 0);
                final long loss = PerpetualMath.notionalQuoteQuantums(perpPart, gap, perpExponent[p],
                    perpResolution[p], Rounding.UP);
                final long whole = Math.absExact(perpSize[p]);
                final long initialPart = FixedPoint.mulDiv(perpInitial[p], perpPart, whole, Rounding.DOWN);
                final long maintenancePart = FixedPoint.mulDiv(perpMaintenance[p], perpPart, whole, Rounding.DOWN);
                final long decay = share(value[leg], optionPart, size[leg]);
                saving = Math.addExact(saving, Math.max(0, initialPart - loss));
                maintenanceSaved = Math.addExact(maintenanceSaved,
                    Math.max(0, maintenancePart - Math.addExact(loss, decay)));
                lent[leg] = true;
            }
            if (saving > 0 || maintenanceSaved > 0)
            {
                pairedGroups++;
                initialSaving = Math.addExact(initialSaving, saving);
                maintenanceSaving = Math.addExact(maintenanceSaving, maintenanceSaved);
            }
        }
        catch (final ArithmeticException ex)
        {
            // Quantities that do not fit 64 bits protect nothing: the perpetual keeps its own requirements.
        }
    }

    private int bestProtection(final boolean puts)
    {
        int best = -1;
        for (int k = 0; k < count; k++)
        {
            final int leg = order[k];
            if (core[leg] <= 0)
            {
                continue;
            }
            if (best < 0 || (puts ? strike[leg] > strike[best] : strike[leg] < strike[best]))
            {
                best = leg;
            }
        }
        return best;
    }

    /**
     * One candidate: the group's legs and the borrowable legs in [end, borrowedEnd), with the short calls no long
     * call covers left naked (highest strikes first), and when asked the uncovered short puts too (lowest strikes
     * first); the rest (the core) margined at its maximum loss at the group's expiry.
     */
    private boolean candidate(final int start, final int end, final int borrowedEnd, final boolean nakedPuts)
    {
        try
        {
            candidateUsedBorrowed = false;
            long netCalls = 0;
            long netPuts = 0;
            for (int k = start; k < borrowedEnd; k++)
            {
                final int leg = order[k];
                final boolean in = k < end || member[leg];
                core[leg] = in ? size[leg] : 0;
                if (in && k >= end)
                {
                    candidateUsedBorrowed = true;
                }
                if (call[leg])
                {
                    netCalls = Math.addExact(netCalls, core[leg]);
                }
                else
                {
                    netPuts = Math.addExact(netPuts, core[leg]);
                }
            }
            if (nakedPuts && netPuts >= 0)
            {
                return false;
            }
            long residualInitial = 0;
            long residualMaintenance = 0;
            long residualLiability = 0;
            // Uncovered short calls, highest strike first (the sorted order is by series within the group, so scan
            // for the largest remaining strike each time; groups are small).
            long excess = netCalls < 0 ? -netCalls : 0;
            while (excess > 0)
            {
                final int leg = extremeShort(start, end, true, true);
                final long take = Math.min(excess, -core[leg]);
                residualInitial = Math.addExact(residualInitial, share(initial[leg], take, -size[leg]));
                residualMaintenance = Math.addExact(residualMaintenance, share(maintenance[leg], take, -size[leg]));
                residualLiability = Math.addExact(residualLiability, share(-value[leg], take, -size[leg]));
                core[leg] += take;
                excess -= take;
            }
            excess = nakedPuts ? -netPuts : 0;
            while (excess > 0)
            {
                final int leg = extremeShort(start, end, false, false);
                final long take = Math.min(excess, -core[leg]);
                residualInitial = Math.addExact(residualInitial, share(initial[leg], take, -size[leg]));
                residualMaintenance = Math.addExact(residualMaintenance, share(maintenance[leg], take, -size[leg]));
                residualLiability = Math.addExact(residualLiability, share(-value[leg], take, -size[leg]));
                core[leg] += take;
                excess -= take;
            }
            long liability = 0;
            long longValue = 0;
            for (int k = start; k < borrowedEnd; k++)
            {
                final int leg = order[k];
                if (k < end && size[leg] < 0)
                {
                    liability = Math.addExact(liability, -value[leg]);
                }
                else if (size[leg] > 0 && core[leg] != 0)
                {
                    longValue = Math.addExact(longValue, value[leg]);
                }
            }
            // The core's liability, rounded down: what the residual took was rounded up.
            final long coreLiability = liability - residualLiability;
            final long maxLoss = maxLoss(start, borrowedEnd);
            final long paired = Math.min(coreLiability - maxLoss, longValue);
            candidateInitial = Math.subtractExact(paired, residualInitial);
            // Maintenance net collateral counts the longs at their mark value, so the core must hold its worst loss
            // net of the premium it keeps plus that value: cash + value >= requirement then means cash >= worst loss.
            candidateMaintenance = Math.addExact(residualMaintenance,
                Math.max(0, Math.addExact(maxLoss - coreLiability, longValue)));
            return true;
        }
        catch (final ArithmeticException ex)
        {
            // A candidate whose figures do not fit 64 bits is not taken: the legs stay naked.
            return false;
        }
    }

    /**
     * The core's largest loss at expiry, evaluated at price 0 and at every strike it holds (its only kinks): the
     * legs of a group share their oracle's price exponent and their contract size, so each payoff is the exact sum of
     * sizes times intrinsic values (price units × base quantums), and the worst is converted once to quote quantums,
     * rounded down (a loss rounded up; the conversion is monotone, so the worst sum gives the worst payoff). A sum
     * that does not fit 64 bits throws, and the candidate is not taken.
     */
    private long maxLoss(final int start, final int end)
    {
        long worst = payoffUnitsAt(start, end, 0);
        int leg = -1;
        for (int k = start; k < end; k++)
        {
            final int i = order[k];
            if (core[i] != 0)
            {
                leg = i;
                worst = Math.min(worst, payoffUnitsAt(start, end, strike[i]));
            }
        }
        if (leg < 0 || worst >= 0)
        {
            return 0;
        }
        return -PerpetualMath.notionalQuoteQuantums(worst, 1, exponent[leg], resolution[leg], Rounding.DOWN);
    }

    /** The core's payoff at a settlement price, in price units × base quantums, exact. */
    private long payoffUnitsAt(final int start, final int end, final long price)
    {
        long units = 0;
        for (int k = start; k < end; k++)
        {
            final int i = order[k];
            if (core[i] != 0)
            {
                final long intrinsic = call[i] ? Math.max(price - strike[i], 0) : Math.max(strike[i] - price, 0);
                units = Math.addExact(units, Math.multiplyExact(core[i], intrinsic));
            }
        }
        return units;
    }

    /** The group's short of a type with core left, at the highest or lowest strike (ties: the larger series id). */
    private int extremeShort(final int start, final int end, final boolean isCall, final boolean highest)
    {
        int best = -1;
        for (int k = start; k < end; k++)
        {
            final int leg = order[k];
            if (call[leg] != isCall || core[leg] >= 0)
            {
                continue;
            }
            if (best < 0 || (highest ? strike[leg] >= strike[best] : strike[leg] <= strike[best]))
            {
                best = leg;
            }
        }
        return best;
    }

    /** A part of a leg's amount, in proportion to the part of its size, rounded up. */
    private static long share(final long amount, final long part, final long whole)
    {
        return part == whole ? amount : FixedPoint.mulDiv(amount, part, whole, Rounding.UP);
    }

    private boolean pureLongGroupAt(final int k, final int limit)
    {
        int first = k;
        while (first > 0 && sameGroup(order[first - 1], order[k]))
        {
            first--;
        }
        for (int j = first; j < limit && sameGroup(order[j], order[k]); j++)
        {
            if (size[order[j]] < 0)
            {
                return false;
            }
        }
        return true;
    }

    private boolean sameUnderlying(final int a, final int b)
    {
        return oracle[a] == oracle[b] && resolution[a] == resolution[b];
    }

    private boolean sameGroup(final int a, final int b)
    {
        return sameUnderlying(a, b) && expiry[a] == expiry[b];
    }

    /** Insertion sort of the legs by (oracle, resolution, expiry, series id): stable and allocation-free. */
    private void sortLegs()
    {
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        for (int i = 1; i < count; i++)
        {
            final int leg = order[i];
            int j = i - 1;
            while (j >= 0 && before(leg, order[j]))
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = leg;
        }
    }

    private boolean before(final int a, final int b)
    {
        if (oracle[a] != oracle[b])
        {
            return oracle[a] < oracle[b];
        }
        if (resolution[a] != resolution[b])
        {
            return resolution[a] < resolution[b];
        }
        if (expiry[a] != expiry[b])
        {
            return expiry[a] < expiry[b];
        }
        return seriesId[a] < seriesId[b];
    }

    private void growPerpetuals()
    {
        final int n = perpOracle.length * 2;
        perpOracle = Arrays.copyOf(perpOracle, n);
        perpResolution = Arrays.copyOf(perpResolution, n);
        perpExponent = Arrays.copyOf(perpExponent, n);
        perpSize = Arrays.copyOf(perpSize, n);
        perpPrice = Arrays.copyOf(perpPrice, n);
        perpInitial = Arrays.copyOf(perpInitial, n);
        perpMaintenance = Arrays.copyOf(perpMaintenance, n);
    }

    private void grow()
    {
        final int n = order.length * 2;
        oracle = Arrays.copyOf(oracle, n);
        resolution = Arrays.copyOf(resolution, n);
        exponent = Arrays.copyOf(exponent, n);
        seriesId = Arrays.copyOf(seriesId, n);
        expiry = Arrays.copyOf(expiry, n);
        strike = Arrays.copyOf(strike, n);
        call = Arrays.copyOf(call, n);
        size = Arrays.copyOf(size, n);
        value = Arrays.copyOf(value, n);
        initial = Arrays.copyOf(initial, n);
        maintenance = Arrays.copyOf(maintenance, n);
        order = Arrays.copyOf(order, n);
        core = Arrays.copyOf(core, n);
        lent = Arrays.copyOf(lent, n);
        member = Arrays.copyOf(member, n);
    }
}
