package io.novation.core.account;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every account, found by owner address, iterated only in creation order (never in hash order), with the set of
 * accounts changed since the last state commitment; and every subaccount by a dense id in creation order, with a
 * second, independent channel of subaccounts changed since the risk side (the health index) last read it.
 */
public final class Accounts
{
    /** Owner index, open addressing over one array: per slot the address's three words and 1 + the account's index. */
    private final MarketHolders marketHolders = new MarketHolders();
    private long[] owners = new long[1024 * OWNER_STRIDE];
    private int ownerCapacity = 1024;
    private static final int OWNER_STRIDE = 4;
    /**
     * Subaccount index, open addressing over one arena of rows of {@link #ROW_STRIDE} words: per slot the owner's two
     * high words, its low word with the subaccount number above it, and 1 + the subaccount's dense id, followed by
     * the subaccount's hot row ({@link Subaccount#INLINE_WORDS} words, or a negative first word when the row lives
     * in an array of its own); a fill finds its subaccount and reads its balances and positions in one probe,
     * without touching the subaccount or the account.
     */
    private long[] arena = new long[1024 * ROW_STRIDE];
    private int subaccountKeyCapacity = 1024;
    private static final int KEY_WORDS = 4;
    private static final int ROW_STRIDE = KEY_WORDS + Subaccount.INLINE_WORDS;
    /** The first word of a row that does not live in the arena. */
    private static final long ROW_ELSEWHERE = -1L;
    /** The subaccount at each slot of the subaccount index (a reference the fill carries without reading it). */
    private Subaccount[] subaccountAtSlot = new Subaccount[1024];
    private final List<Account> inCreationOrder = new ArrayList<>();
    /** Accounts changed since the last commitment: a bit per account index, and the indexes in first-change order. */
    private long[] dirtyBits = new long[16];
    private int[] dirtyIndexes = new int[16];
    private int dirtyCount;
    private Subaccount[] subaccountsById = new Subaccount[16];
    private int subaccountCount;
    private Subaccount[] changedSubaccounts = new Subaccount[16];
    private int changedSubaccountCount;
    private boolean changeChannelClaimed;

    /**
     * The account of an owner, or null.
     *
     * @param owner address.
     * @return account or null.
     */
    public Account find(final Address owner)
    {
        final int slot = slotOf(owner);
        return owners[slot * OWNER_STRIDE + 3] == 0 ? null :
            inCreationOrder.get((int)owners[slot * OWNER_STRIDE + 3] - 1);
    }

    /** The slot holding the owner, or the empty slot where it would go. */
    private int slotOf(final Address owner)
    {
        final long high = owner.high();
        final long middle = owner.middle();
        final long low = owner.low();
        final int mask = ownerCapacity - 1;
        int slot = owner.hashCode() & mask;
        int base;
        while (owners[(base = slot * OWNER_STRIDE) + 3] != 0)
        {
            if (owners[base] == high && owners[base + 1] == middle && owners[base + 2] == low)
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void growOwners()
    {
        final long[] old = owners;
        final int oldCapacity = ownerCapacity;
        ownerCapacity *= 2;
        owners = new long[ownerCapacity * OWNER_STRIDE];
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            final int base = slot * OWNER_STRIDE;
            if (old[base + 3] != 0)
            {
                final Address owner = inCreationOrder.get((int)old[base + 3] - 1).owner();
                final int target = slotOf(owner) * OWNER_STRIDE;
                System.arraycopy(old, base, owners, target, OWNER_STRIDE);
            }
        }
    }

    /**
     * The account of an owner, created empty when absent.
     *
     * @param owner address.
     * @return the account.
     */
    public Account findOrCreate(final Address owner)
    {
        Account account = find(owner);
        if (account == null)
        {
            if ((inCreationOrder.size() + 1) * 4L > ownerCapacity * 3L)
            {
                growOwners();
            }
            account = new Account(owner, inCreationOrder.size(), this);
            inCreationOrder.add(account);
            final int base = slotOf(owner) * OWNER_STRIDE;
            owners[base] = owner.high();
            owners[base + 1] = owner.middle();
            owners[base + 2] = owner.low();
            owners[base + 3] = inCreationOrder.size();
        }
        return account;
    }

    /**
     * Number of accounts.
     *
     * @return count.
     */
    public int count()
    {
        return inCreationOrder.size();
    }

    /**
     * Account by creation order.
     *
     * @param index from 0 to count - 1.
     * @return account.
     */
    public Account at(final int index)
    {
        return inCreationOrder.get(index);
    }

    /**
     * Number of accounts changed since the last {@link #drainDirty(Consumer)}.
     *
     * @return count.
     */
    public int dirtyCount()
    {
        return dirtyCount;
    }

    /**
     * Hands each changed account to the consumer, in the order they first changed, and marks them clean.
     *
     * @param consumer receives each dirty account.
     */
    public void drainDirty(final Consumer<Account> consumer)
    {
        for (int i = 0, n = dirtyCount; i < n; i++)
        {
            final int index = dirtyIndexes[i];
            dirtyBits[index >>> 6] &= ~(1L << index);
            consumer.accept(inCreationOrder.get(index));
        }
        dirtyCount = 0;
    }

    boolean isAccountDirty(final int index)
    {
        return (index >>> 6) < dirtyBits.length && (dirtyBits[index >>> 6] & (1L << index)) != 0;
    }

    void markAccountDirty(final int index)
    {
        final int word = index >>> 6;
        if (word >= dirtyBits.length)
        {
            dirtyBits = Arrays.copyOf(dirtyBits, Math.max(word + 1, dirtyBits.length * 2));
        }
        final long bit = 1L << index;
        if ((dirtyBits[word] & bit) == 0)
        {
            dirtyBits[word] |= bit;
            if (dirtyCount == dirtyIndexes.length)
            {
                dirtyIndexes = Arrays.copyOf(dirtyIndexes, dirtyCount * 2);
            }
            dirtyIndexes[dirtyCount++] = index;
        }
    }

    /**
     * A subaccount by owner and number, found in one probe of the subaccount index, or null.
     *
     * @param owner  the account's owner.
     * @param number subaccount number.
     * @return the subaccount, or null when the account or the subaccount does not exist.
     */
    public Subaccount findSubaccount(final Address owner, final int number)
    {
        final long id = arena[subaccountSlotOf(owner.high(), owner.middle(), lowWithNumber(owner, number)) *
            ROW_STRIDE + 3];
        return id == 0 ? null : subaccountsById[(int)id - 1];
    }

    /**
     * Finds the two parties of a fill, their hot rows and their positions in its market at once: as
     * {@link #findSubaccount} and {@link Subaccount#positionIndex(int)} do for each, but with both index rows read
     * together, so that the cache misses of the two parties overlap; a row inline in the index is read in the same
     * probe as its key, without the subaccount object.
     *
     * @param firstOwner      the first account's owner.
     * @param firstNumber     the first subaccount number.
     * @param secondOwner     the second account's owner.
     * @param secondNumber    the second subaccount number.
     * @param marketId        the market whose positions are wanted.
     * @param out             receives the first subaccount at index 0 and the second at index 1, each null when
     *                        absent.
     * @param rows            receives each one's hot-row array (see {@link Subaccount#rowStore()}), null when absent.
     * @param rowBases        receives each one's first word in its row array.
     * @param positionIndexes receives each one's position index in the market, -1 when it holds none (or is absent).
     */
    public void findParties(final Address firstOwner, final int firstNumber, final Address secondOwner,
        final int secondNumber, final int marketId, final Subaccount[] out, final long[][] rows, final int[] rowBases,
        final int[] positionIndexes)
    {
        final long[] keys = arena;
        final int capacity = subaccountKeyCapacity;
        final long firstHigh = firstOwner.high();
        final long firstMiddle = firstOwner.middle();
        final long firstLow = lowWithNumber(firstOwner, firstNumber);
        final long secondHigh = secondOwner.high();
        final long secondMiddle = secondOwner.middle();
        final long secondLow = lowWithNumber(secondOwner, secondNumber);
        int firstSlot = home(firstHigh, firstMiddle, firstLow, capacity);
        int secondSlot = home(secondHigh, secondMiddle, secondLow, capacity);
        // Both home rows are read before either is compared.
        final int firstBase = firstSlot * ROW_STRIDE;
        final int secondBase = secondSlot * ROW_STRIDE;
        if (keys[firstBase + 2] != firstLow || keys[firstBase] != firstHigh || keys[firstBase + 1] != firstMiddle ||
            keys[firstBase + 3] == 0)
        {
            firstSlot = subaccountSlotOf(firstHigh, firstMiddle, firstLow);
        }
        if (keys[secondBase + 2] != secondLow || keys[secondBase] != secondHigh ||
            keys[secondBase + 1] != secondMiddle || keys[secondBase + 3] == 0)
        {
            secondSlot = subaccountSlotOf(secondHigh, secondMiddle, secondLow);
        }
        bind(firstSlot, marketId, 0, out, rows, rowBases, positionIndexes);
        bind(secondSlot, marketId, 1, out, rows, rowBases, positionIndexes);
    }

    private void bind(final int slot, final int marketId, final int party, final Subaccount[] out,
        final long[][] rows, final int[] rowBases, final int[] positionIndexes)
    {
        final Subaccount subaccount = subaccountAtSlot[slot];
        out[party] = subaccount;
        if (subaccount == null)
        {
            rows[party] = null;
            rowBases[party] = 0;
            positionIndexes[party] = -1;
            return;
        }
        final int at = slot * ROW_STRIDE + KEY_WORDS;
        if (arena[at] == ROW_ELSEWHERE)
        {
            final long[] row = subaccount.rowStore();
            final int base = subaccount.rowBase();
            rows[party] = row;
            rowBases[party] = base;
            positionIndexes[party] = Subaccount.positionIndex(row, base, marketId);
            return;
        }
        rows[party] = arena;
        rowBases[party] = at;
        positionIndexes[party] = Subaccount.positionIndex(arena, at, marketId);
    }

    /**
     * Reads what {@link #findParties} will read for a subaccount (its index row at the home slot, with the hot row
     * inline in it) and changes nothing, so that a host holding a batch of fills can have all their parties' rows in
     * flight at once before it settles them one by one.
     *
     * @param owner  the account's owner.
     * @param number subaccount number.
     * @return a word made of what was read, to be consumed so that the reads are not elided; it means nothing.
     */
    public long prefetch(final Address owner, final int number)
    {
        final long lowWithNumber = lowWithNumber(owner, number);
        final int slot = home(owner.high(), owner.middle(), lowWithNumber, subaccountKeyCapacity);
        final int base = slot * ROW_STRIDE;
        final long[] keys = arena;
        // One word in every 64-byte line the row may span (a row of 224 bytes starts anywhere on an 8-byte
        // boundary: four or five lines), the key's line first, and the slot's subaccount reference.
        return keys[base] + keys[base + 8] + keys[base + 16] + keys[base + 24] + keys[base + ROW_STRIDE - 1] +
            (subaccountAtSlot[slot] == null ? 0 : 1);
    }

    /**
     * The home slot of a key: its mixed hash mapped onto [0, capacity) by a multiplication (the capacity need not be
     * a power of two, so that the arena can grow by half rather than double).
     */
    private static int home(final long high, final long middle, final long lowWithNumber, final int capacity)
    {
        long h = high * 0x9E3779B97F4A7C15L ^ middle * 0xC2B2AE3D27D4EB4FL ^ lowWithNumber * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        return (int)(((h ^ (h >>> 32)) & 0xFFFF_FFFFL) * capacity >>> 32);
    }

    private static long lowWithNumber(final Address owner, final int number)
    {
        return (owner.low() & 0xFFFF_FFFFL) | ((long)number << 32);
    }

    private int subaccountSlotOf(final long high, final long middle, final long lowWithNumber)
    {
        final int capacity = subaccountKeyCapacity;
        int slot = home(high, middle, lowWithNumber, capacity);
        final long[] keys = arena;
        int base;
        while (keys[(base = slot * ROW_STRIDE) + 3] != 0)
        {
            if (keys[base + 2] == lowWithNumber && keys[base] == high && keys[base + 1] == middle)
            {
                return slot;
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        return slot;
    }

    void onRowMovedOut(final Subaccount subaccount)
    {
        final Address owner = subaccount.account().owner();
        arena[subaccountSlotOf(owner.high(), owner.middle(), lowWithNumber(owner, subaccount.number())) * ROW_STRIDE +
            KEY_WORDS] = ROW_ELSEWHERE;
    }

    void indexSubaccount(final Subaccount subaccount)
    {
        if ((subaccountCount + 1) * 4L > subaccountKeyCapacity * 3L)
        {
            final long[] old = arena;
            final Subaccount[] oldSubaccounts = subaccountAtSlot;
            // By half, not double: every slot holds a whole row, so an emptier table costs a row per empty slot.
            subaccountKeyCapacity += subaccountKeyCapacity >> 1;
            arena = new long[subaccountKeyCapacity * ROW_STRIDE];
            subaccountAtSlot = new Subaccount[subaccountKeyCapacity];
            for (int slot = 0; slot < oldSubaccounts.length; slot++)
            {
                final int base = slot * ROW_STRIDE;
                if (old[base + 3] != 0)
                {
                    final int target = subaccountSlotOf(old[base], old[base + 1], old[base + 2]);
                    System.arraycopy(old, base, arena, target * ROW_STRIDE, ROW_STRIDE);
                    final Subaccount moved = oldSubaccounts[slot];
                    subaccountAtSlot[target] = moved;
                    if (moved.isInline())
                    {
                        moved.rebase(arena, target * ROW_STRIDE + KEY_WORDS);
                    }
                }
            }
        }
        final Address owner = subaccount.account().owner();
        final long lowWithNumber = lowWithNumber(owner, subaccount.number());
        final int slot = subaccountSlotOf(owner.high(), owner.middle(), lowWithNumber);
        final int base = slot * ROW_STRIDE;
        arena[base] = owner.high();
        arena[base + 1] = owner.middle();
        arena[base + 2] = lowWithNumber;
        arena[base + 3] = subaccount.id() + 1L;
        subaccountAtSlot[slot] = subaccount;
        if (!subaccount.moveInline(arena, base + KEY_WORDS))
        {
            arena[base + KEY_WORDS] = ROW_ELSEWHERE;
        }
    }

    /**
     * Number of subaccounts ever created; their ids are 0 to count - 1.
     *
     * @return count.
     */
    public int subaccountCount()
    {
        return subaccountCount;
    }

    /**
     * Subaccount by its dense id (creation order over all accounts).
     *
     * @param id from 0 to {@link #subaccountCount()} - 1.
     * @return the subaccount.
     */
    public Subaccount subaccountById(final int id)
    {
        return subaccountsById[id];
    }

    /**
     * Claims the channel of changed subaccounts for its one reader: a second reader would take changes the first
     * never sees.
     *
     * @throws IllegalStateException when the channel already has its reader.
     */
    public void claimChangedSubaccounts()
    {
        if (changeChannelClaimed)
        {
            throw new IllegalStateException("the changed-subaccount channel already has a reader");
        }
        changeChannelClaimed = true;
    }

    /**
     * Number of subaccounts whose balances or positions changed since the last {@link #clearChangedSubaccounts()}.
     * This channel is independent of the dirty accounts the state commitment drains.
     *
     * @return count.
     */
    public int changedSubaccountCount()
    {
        return changedSubaccountCount;
    }

    /**
     * A changed subaccount, in the order they first changed.
     *
     * @param index from 0 to {@link #changedSubaccountCount()} - 1.
     * @return the subaccount.
     */
    public Subaccount changedSubaccount(final int index)
    {
        return changedSubaccounts[index];
    }

    /**
     * Forgets the changed subaccounts (after the reader has taken them).
     */
    public void clearChangedSubaccounts()
    {
        for (int i = 0; i < changedSubaccountCount; i++)
        {
            changedSubaccounts[i].clearChanged();
            changedSubaccounts[i] = null;
        }
        changedSubaccountCount = 0;
    }

    int nextSubaccountId(final Subaccount subaccount)
    {
        if (subaccountCount == subaccountsById.length)
        {
            subaccountsById = Arrays.copyOf(subaccountsById, subaccountCount * 2);
        }
        subaccountsById[subaccountCount] = subaccount;
        return subaccountCount++;
    }

    /**
     * The subaccounts holding a position in each market (derived, not committed).
     *
     * @return the holders by market.
     */
    public MarketHolders marketHolders()
    {
        return marketHolders;
    }

    void onPositionOpened(final Subaccount subaccount, final int marketId)
    {
        marketHolders.opened(marketId, subaccount);
    }

    void onPositionClosed(final Subaccount subaccount, final int marketId)
    {
        marketHolders.closed(marketId, subaccount);
    }

    void onSubaccountChanged(final Subaccount subaccount)
    {
        if (changedSubaccountCount == changedSubaccounts.length)
        {
            changedSubaccounts = Arrays.copyOf(changedSubaccounts, changedSubaccountCount * 2);
        }
        changedSubaccounts[changedSubaccountCount++] = subaccount;
    }
}
