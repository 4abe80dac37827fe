package io.novation.core.account;

import java.util.Arrays;

/**
 * One numbered subaccount of an account: collateral balances per asset (quantums of each asset; only the quote
 * balance may be negative) and perpetual positions (signed base quantums), kept sorted by market id. Numbers
 * 0 to 127 are cross-margin subaccounts; 128 to 255 are isolated, holding a single market and only the quote asset.
 */
public final class Subaccount
{
    /** Highest subaccount number. */
    public static final int MAX_NUMBER = 255;
    /** First isolated subaccount number. */
    public static final int FIRST_ISOLATED = 128;
    /** Most positions one subaccount may hold. */
    public static final int MAX_POSITIONS = 64;

    private static final int STRIDE = 4;
    private static final int SIZE = 1;
    private static final int COST_BASIS = 2;
    private static final int FUNDING_INDEX = 3;
    private static final int INITIAL_BALANCE_SLOTS = 1;
    private static final int INITIAL_POSITION_SLOTS = 4;
    /**
     * Word 0 of the hot row: the position count (bits 0 to 15), the flags (bits 16 to 23) and the balance slots
     * (bits 32 to 62); never negative, so that a negative word can mark a row kept elsewhere.
     */
    private static final int HEADER = 0;
    /** Word 1 of the hot row: the realized PnL in quote quantums. */
    private static final int REALIZED_PNL = 1;
    /** Word 2 of the hot row: the account's index (low 32 bits) and the subaccount number (above). */
    private static final int OWNER = 2;
    /** Index of asset 0's balance in the hot row. */
    private static final int BALANCES = 3;
    private static final long COUNT_MASK = 0xFFFFL;
    private static final long PORTFOLIO_MARGIN = 1L << 16;
    private static final long SESSION_KEYS = 1L << 17;
    private static final long CHANGED = 1L << 18;
    /**
     * Words of a hot row kept inline in the subaccount index (one balance and five positions): a row that outgrows
     * them moves to an array of its own.
     */
    static final int INLINE_WORDS = BALANCES + 1 + 5 * STRIDE;

    private final Account account;
    private final Accounts registry;
    private final int accountIndex;
    private final int number;
    /**
     * The hot state in one row of {@code store} from {@code base}, so that a fill reads it without this object: a
     * header word (position count, flags, balance slots), the realized PnL, the owner word, the balances by asset id
     * from {@link #BALANCES}, then the positions in market order, interleaved (market id, size, cost basis, funding
     * index). The row lives inline in the subaccount index's arena while it fits there, else in its own array.
     */
    private long[] store;
    private int base;
    private int capacity;
    private boolean inline;
    private long lastLiquidatedAt;
    private int id;

    Subaccount(final Account account, final int number)
    {
        this.account = account;
        this.registry = account.registry();
        this.accountIndex = account.index();
        this.number = number;
        capacity = BALANCES + INITIAL_BALANCE_SLOTS + INITIAL_POSITION_SLOTS * STRIDE;
        store = new long[capacity];
        store[HEADER] = (long)INITIAL_BALANCE_SLOTS << 32 | (account.usesSessionKeys() ? SESSION_KEYS : 0L);
        store[OWNER] = (long)number << 32 | (accountIndex & 0xFFFF_FFFFL);
    }

    /**
     * Whether the owning account uses session keys ({@link Account#usesSessionKeys()}), read without the account
     * object: a fill's signature check in trusted mode needs the account only when this is true.
     *
     * @return true once the owner registered a session key.
     */
    public boolean usesSessionKeys()
    {
        return (store[base + HEADER] & SESSION_KEYS) != 0;
    }

    void ownerUsesSessionKeys()
    {
        store[base + HEADER] |= SESSION_KEYS;
    }

    /**
     * Dense id of this subaccount over all accounts, in creation order (see {@link Accounts#subaccountById}).
     *
     * @return id from 0.
     */
    public int id()
    {
        return id;
    }

    void id(final int id)
    {
        this.id = id;
    }

    /** A balance, a position or its funding index changed: dirty for the commitment and changed for risk. */
    private void changed()
    {
        registry.markAccountDirty(accountIndex);
        if ((store[base + HEADER] & CHANGED) == 0)
        {
            store[base + HEADER] |= CHANGED;
            registry.onSubaccountChanged(this);
        }
    }

    void clearChanged()
    {
        store[base + HEADER] &= ~CHANGED;
    }

    /**
     * Moves the hot row into an arena row of {@link #INLINE_WORDS} words when it fits there; it stays where it is
     * otherwise.
     *
     * @param arena the index's arena.
     * @param at    the row's first word in the arena.
     * @return true when the row now lives in the arena.
     */
    boolean moveInline(final long[] arena, final int at)
    {
        if (usedWords() > INLINE_WORDS)
        {
            return false;
        }
        System.arraycopy(store, base, arena, at, usedWords());
        Arrays.fill(arena, at + usedWords(), at + INLINE_WORDS, 0L);
        store = arena;
        base = at;
        capacity = INLINE_WORDS;
        inline = true;
        return true;
    }

    /**
     * Points an inline row at its new place after the index's arena was rebuilt (the words were copied there).
     *
     * @param arena the new arena.
     * @param at    the row's first word in it.
     */
    void rebase(final long[] arena, final int at)
    {
        store = arena;
        base = at;
    }

    boolean isInline()
    {
        return inline;
    }

    private int usedWords()
    {
        final long header = store[base + HEADER];
        return BALANCES + (int)(header >>> 32) + (int)(header & COUNT_MASK) * STRIDE;
    }

    /** Makes room for a row of the given words, moving it to an array of its own when it outgrows its place. */
    private void ensureCapacity(final int words)
    {
        if (words <= capacity)
        {
            return;
        }
        final int grown = Math.max(words, capacity * 2);
        final long[] moved = new long[grown];
        System.arraycopy(store, base, moved, 0, usedWords());
        final boolean wasInline = inline;
        store = moved;
        base = 0;
        capacity = grown;
        inline = false;
        if (wasInline)
        {
            registry.onRowMovedOut(this);
        }
    }

    /**
     * The array holding this subaccount's hot row (see {@link #rowBase()}); for reading with the static row readers
     * of this class.
     *
     * @return the array; read only.
     */
    public long[] rowStore()
    {
        return store;
    }

    /**
     * The first word of this subaccount's hot row in {@link #rowStore()}.
     *
     * @return an index into the array.
     */
    public int rowBase()
    {
        return base;
    }

    /**
     * The number of positions of a hot row, read without the subaccount object.
     *
     * @param row  the row's array.
     * @param base the row's first word.
     * @return count.
     */
    public static int rowPositionCount(final long[] row, final int base)
    {
        return (int)(row[base + HEADER] & COUNT_MASK);
    }

    /**
     * The balance slots of a hot row (the highest asset id it may hold, plus one).
     *
     * @param row  the row's array.
     * @param base the row's first word.
     * @return bound for iteration over balances.
     */
    public static int rowBalanceSlots(final long[] row, final int base)
    {
        return (int)(row[base + HEADER] >>> 32);
    }

    /**
     * A balance of a hot row, in the asset's quantums.
     *
     * @param row     the row's array.
     * @param base    the row's first word.
     * @param assetId asset.
     * @return balance, 0 when never touched.
     */
    public static long rowBalance(final long[] row, final int base, final int assetId)
    {
        return assetId < rowBalanceSlots(row, base) ? row[base + BALANCES + assetId] : 0L;
    }

    /**
     * The word of a hot row's position, from which {@code +1} is its size, {@code +2} its cost basis (quote
     * quantums) and {@code +3} its funding index; the word itself holds the market id.
     *
     * @param row   the row's array.
     * @param base  the row's first word.
     * @param index position index.
     * @return an index into the array.
     */
    public static int rowPosition(final long[] row, final int base, final int index)
    {
        return base + BALANCES + rowBalanceSlots(row, base) + index * STRIDE;
    }

    /**
     * The realized PnL of a hot row, in quote quantums.
     *
     * @param row  the row's array.
     * @param base the row's first word.
     * @return quote quantums.
     */
    public static long rowRealizedPnl(final long[] row, final int base)
    {
        return row[base + REALIZED_PNL];
    }

    /**
     * Whether a hot row's subaccount is in portfolio margin.
     *
     * @param row  the row's array.
     * @param base the row's first word.
     * @return true for portfolio margin.
     */
    public static boolean rowIsPortfolioMargin(final long[] row, final int base)
    {
        return (row[base + HEADER] & PORTFOLIO_MARGIN) != 0;
    }

    /**
     * Whether a hot row's owner uses session keys (see {@link #usesSessionKeys()}).
     *
     * @param row  the row's array.
     * @param base the row's first word.
     * @return true once the owner registered a session key.
     */
    public static boolean rowUsesSessionKeys(final long[] row, final int base)
    {
        return (row[base + HEADER] & SESSION_KEYS) != 0;
    }

    /**
     * Whether a hot row's subaccount is isolated (numbers 128 to 255).
     *
     * @param row  the row's array.
     * @param base the row's first word.
     * @return true when isolated.
     */
    public static boolean rowIsIsolated(final long[] row, final int base)
    {
        return (int)(row[base + OWNER] >>> 32) >= FIRST_ISOLATED;
    }

    /**
     * Settles a fill's change to one party through its hot row: adds to the quote balance and the realized PnL,
     * writes the position in place when the index holds the market (else as {@link #setPosition}), and records the
     * change; the subaccount object is read only for a position opened or closed.
     *
     * @param subaccount   the subaccount whose row it is.
     * @param row          the row's array.
     * @param base         the row's first word.
     * @param quoteDelta   change of the quote balance, quote quantums.
     * @param realizedPnl  realized PnL to add, quote quantums.
     * @param index        the position's index, or -1.
     * @param marketId     market.
     * @param size         new signed size in base quantums.
     * @param costBasis    new cost basis in quote quantums.
     * @param fundingIndex funding index the position is settled at.
     * @param registry     the accounts.
     */
    public static void settleInRow(final Subaccount subaccount, final long[] row, final int base,
        final long quoteDelta, final long realizedPnl, final int index, final int marketId, final long size,
        final long costBasis, final long fundingIndex, final Accounts registry)
    {
        row[base + BALANCES] = Math.addExact(row[base + BALANCES], quoteDelta);
        row[base + REALIZED_PNL] = Math.addExact(row[base + REALIZED_PNL], realizedPnl);
        final int at = rowPosition(row, base, index);
        if (size == 0 || index < 0 || index >= rowPositionCount(row, base) || row[at] != marketId)
        {
            subaccount.setPosition(marketId, size, costBasis, fundingIndex);
            return;
        }
        row[at + SIZE] = size;
        row[at + COST_BASIS] = costBasis;
        row[at + FUNDING_INDEX] = fundingIndex;
        registry.markAccountDirty((int)row[base + OWNER]);
        if ((row[base + HEADER] & CHANGED) == 0)
        {
            row[base + HEADER] |= CHANGED;
            registry.onSubaccountChanged(subaccount);
        }
    }

    /**
     * Whether the number denotes a valid subaccount.
     *
     * @param number candidate.
     * @return true when in [0, 255].
     */
    public static boolean isValidNumber(final int number)
    {
        return number >= 0 && number <= MAX_NUMBER;
    }

    public Account account()
    {
        return account;
    }

    public int number()
    {
        return number;
    }

    /**
     * Whether this subaccount is isolated (one market, quote collateral only).
     *
     * @return true for numbers 128 to 255.
     */
    public boolean isIsolated()
    {
        return number >= FIRST_ISOLATED;
    }

    /**
     * Balance of an asset in its quantums.
     *
     * @param assetId asset.
     * @return balance, 0 when never touched.
     */
    public long balance(final int assetId)
    {
        return rowBalance(store, base, assetId);
    }

    /**
     * Highest asset id this subaccount may hold a balance of, plus one.
     *
     * @return bound for iteration over balances.
     */
    public int balanceSlots()
    {
        return rowBalanceSlots(store, base);
    }

    /**
     * Adds to a balance.
     *
     * @param assetId asset.
     * @param delta   quantums, may be negative.
     */
    public void addBalance(final int assetId, final long delta)
    {
        final int balanceSlots = balanceSlots();
        if (assetId >= balanceSlots)
        {
            growBalances(balanceSlots, Math.max(assetId + 1, balanceSlots * 2));
        }
        store[base + BALANCES + assetId] = Math.addExact(store[base + BALANCES + assetId], delta);
        changed();
    }

    private void growBalances(final int balanceSlots, final int newBalanceSlots)
    {
        final int positionCount = positionCount();
        ensureCapacity(BALANCES + newBalanceSlots + positionCount * STRIDE);
        final int first = base + BALANCES;
        System.arraycopy(store, first + balanceSlots, store, first + newBalanceSlots, positionCount * STRIDE);
        Arrays.fill(store, first + balanceSlots, first + newBalanceSlots, 0L);
        writeHeader(newBalanceSlots, positionCount);
    }

    private void writeHeader(final int balanceSlots, final int positionCount)
    {
        store[base + HEADER] = (long)balanceSlots << 32 | store[base + HEADER] & 0xFF_0000L | positionCount;
    }

    /**
     * Index of the position in a market, read from a hot row alone, without the subaccount object (so that a
     * look-up of both parties of a fill can load the two rows together).
     *
     * @param row      the row's array (see {@link Accounts#findParties}).
     * @param base     the row's first word.
     * @param marketId market.
     * @return index or -1.
     */
    public static int positionIndex(final long[] row, final int base, final int marketId)
    {
        final long header = row[base + HEADER];
        final int count = (int)(header & COUNT_MASK);
        for (int i = 0, at = base + BALANCES + (int)(header >>> 32); i < count; i++, at += STRIDE)
        {
            if (row[at] == marketId)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Number of open positions.
     *
     * @return count.
     */
    public int positionCount()
    {
        return rowPositionCount(store, base);
    }

    public int positionMarket(final int index)
    {
        return (int)store[rowPosition(store, base, index)];
    }

    public long positionSize(final int index)
    {
        return store[rowPosition(store, base, index) + SIZE];
    }

    /**
     * Cost basis of a position: the signed quote quantums paid to open what is still open (negative for shorts).
     *
     * @param index position index.
     * @return quote quantums.
     */
    public long positionCostBasis(final int index)
    {
        return store[rowPosition(store, base, index) + COST_BASIS];
    }

    /**
     * The market's cumulative funding index at which the position last settled funding.
     *
     * @param index position index.
     * @return index value.
     */
    public long positionFundingIndex(final int index)
    {
        return store[rowPosition(store, base, index) + FUNDING_INDEX];
    }

    /**
     * Index of the position in a market, or -1.
     *
     * @param marketId market.
     * @return index or -1.
     */
    public int positionIndex(final int marketId)
    {
        return positionIndex(store, base, marketId);
    }

    /**
     * Signed size in a market, in base quantums.
     *
     * @param marketId market.
     * @return size, 0 when flat.
     */
    public long positionSizeIn(final int marketId)
    {
        final int index = positionIndex(marketId);
        return index < 0 ? 0L : positionSize(index);
    }

    /**
     * Sequencer time of the last liquidation of this subaccount (the partial-liquidation cooldown runs from it).
     *
     * @return epoch ms, or 0 when never liquidated.
     */
    public long lastLiquidatedAt()
    {
        return lastLiquidatedAt;
    }

    /**
     * Records a liquidation.
     *
     * @param time sequencer time, epoch ms.
     */
    public void lastLiquidatedAt(final long time)
    {
        lastLiquidatedAt = time;
        registry.markAccountDirty(accountIndex);
    }

    /**
     * Whether the subaccount opted into portfolio margin (Derive PM2 scenarios per underlying) instead of standard
     * margin.
     *
     * @return true for portfolio margin.
     */
    public boolean isPortfolioMargin()
    {
        return rowIsPortfolioMargin(store, base);
    }

    /**
     * Chooses the margin mode.
     *
     * @param portfolio true for portfolio margin, false for standard margin.
     */
    public void portfolioMargin(final boolean portfolio)
    {
        store[base + HEADER] = portfolio ? store[base + HEADER] | PORTFOLIO_MARGIN :
            store[base + HEADER] & ~PORTFOLIO_MARGIN;
        // The requirements change with the mode: risk must look at the subaccount again.
        changed();
    }

    /**
     * Records that the position at an index has settled funding up to the market's index.
     *
     * @param index        position index in [0, positionCount).
     * @param fundingIndex the market's cumulative funding index.
     */
    public void setPositionFundingIndex(final int index, final long fundingIndex)
    {
        store[rowPosition(store, base, index) + FUNDING_INDEX] = fundingIndex;
        changed();
    }

    /**
     * Sets the position in a market whose index the caller has looked up since the positions last moved: writes it in
     * place when the index holds the market and the size is not zero, and otherwise does what
     * {@link #setPosition(int, long, long, long)} does.
     *
     * @param index        the position's index, or -1 when the subaccount holds none in the market.
     * @param marketId     market.
     * @param size         new signed size in base quantums.
     * @param costBasis    new cost basis in quote quantums.
     * @param fundingIndex funding index the position is settled at.
     */
    public void setPositionAt(final int index, final int marketId, final long size, final long costBasis,
        final long fundingIndex)
    {
        final int at = rowPosition(store, base, index);
        if (size == 0 || index < 0 || index >= positionCount() || store[at] != marketId)
        {
            setPosition(marketId, size, costBasis, fundingIndex);
            return;
        }
        store[at + SIZE] = size;
        store[at + COST_BASIS] = costBasis;
        store[at + FUNDING_INDEX] = fundingIndex;
        changed();
    }

    /**
     * Sets the position in a market, inserting it in market order, or removing it when the size is zero.
     *
     * @param marketId     market.
     * @param size         new signed size in base quantums.
     * @param costBasis    new cost basis in quote quantums.
     * @param fundingIndex funding index the position is settled at.
     */
    public void setPosition(final int marketId, final long size, final long costBasis, final long fundingIndex)
    {
        int index = positionIndex(marketId);
        final int balanceSlots = balanceSlots();
        int positionCount = positionCount();
        if (size == 0)
        {
            if (index >= 0)
            {
                final int first = base + BALANCES + balanceSlots;
                System.arraycopy(store, first + (index + 1) * STRIDE, store, first + index * STRIDE,
                    (positionCount - index - 1) * STRIDE);
                positionCount--;
                Arrays.fill(store, first + positionCount * STRIDE, first + (positionCount + 1) * STRIDE, 0L);
                writeHeader(balanceSlots, positionCount);
                registry.onPositionClosed(this, marketId);
            }
            changed();
            return;
        }
        if (index < 0)
        {
            ensureCapacity(BALANCES + balanceSlots + (positionCount + 1) * STRIDE);
            final int first = base + BALANCES + balanceSlots;
            index = 0;
            while (index < positionCount && store[first + index * STRIDE] < marketId)
            {
                index++;
            }
            System.arraycopy(store, first + index * STRIDE, store, first + (index + 1) * STRIDE,
                (positionCount - index) * STRIDE);
            store[first + index * STRIDE] = marketId;
            positionCount++;
            writeHeader(balanceSlots, positionCount);
            registry.onPositionOpened(this, marketId);
        }
        final int at = rowPosition(store, base, index);
        store[at + SIZE] = size;
        store[at + COST_BASIS] = costBasis;
        store[at + FUNDING_INDEX] = fundingIndex;
        changed();
    }

    /**
     * Realized PnL of all closed parts of positions, in quote quantums (reporting; cash moved at trade time).
     *
     * @return quote quantums.
     */
    public long realizedPnl()
    {
        return store[base + REALIZED_PNL];
    }

    /**
     * Adds realized PnL.
     *
     * @param delta quote quantums.
     */
    public void addRealizedPnl(final long delta)
    {
        store[base + REALIZED_PNL] = Math.addExact(store[base + REALIZED_PNL], delta);
        registry.markAccountDirty(accountIndex);
    }

    /**
     * Whether the subaccount holds nothing at all.
     *
     * @return true when all balances and positions are zero.
     */
    public boolean isEmpty()
    {
        if (positionCount() > 0)
        {
            return false;
        }
        for (int assetId = 0, slots = balanceSlots(); assetId < slots; assetId++)
        {
            if (store[base + BALANCES + assetId] != 0)
            {
                return false;
            }
        }
        return true;
    }
}
