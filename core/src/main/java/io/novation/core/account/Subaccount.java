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
    /** Word 0 of the hot array: the position count (low 32 bits) and the balance slots (high 32 bits). */
    private static final int HEADER = 0;
    /** Index of asset 0's balance in the hot array. */
    private static final int BALANCES = 1;

    private final Account account;
    private final Accounts registry;
    private final int accountIndex;
    private final int number;
    private int balanceSlots = INITIAL_BALANCE_SLOTS;
    private int positionCount;
    /**
     * The hot state in one array, so that settling a fill touches one object besides this one: a header word
     * (mirroring {@code positionCount} and {@code balanceSlots}, so that {@link #positionIndex(long[], int)} needs
     * the array alone), the balances by asset id from {@link #BALANCES}, then the positions in market order,
     * interleaved (market id, size, cost basis, funding index).
     */
    private long[] slots = newSlots(INITIAL_BALANCE_SLOTS, INITIAL_POSITION_SLOTS);
    private long realizedPnl;
    private long lastLiquidatedAt;
    private boolean portfolioMargin;
    private int id;
    private boolean changed;
    /** Mirrors {@link Account#usesSessionKeys()}, which is never cleared once set. */
    private boolean ownerUsesSessionKeys;

    Subaccount(final Account account, final int number)
    {
        this.account = account;
        this.registry = account.registry();
        this.accountIndex = account.index();
        this.number = number;
        this.ownerUsesSessionKeys = account.usesSessionKeys();
    }

    /**
     * Whether the owning account uses session keys ({@link Account#usesSessionKeys()}), read without the account
     * object: a fill's signature check in trusted mode needs the account only when this is true.
     *
     * @return true once the owner registered a session key.
     */
    public boolean usesSessionKeys()
    {
        return ownerUsesSessionKeys;
    }

    void ownerUsesSessionKeys()
    {
        ownerUsesSessionKeys = true;
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
        if (!changed)
        {
            changed = true;
            registry.onSubaccountChanged(this);
        }
    }

    void clearChanged()
    {
        changed = false;
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
        return assetId < balanceSlots ? slots[BALANCES + assetId] : 0L;
    }

    /**
     * Highest asset id this subaccount may hold a balance of, plus one.
     *
     * @return bound for iteration over balances.
     */
    public int balanceSlots()
    {
        return balanceSlots;
    }

    /**
     * Adds to a balance.
     *
     * @param assetId asset.
     * @param delta   quantums, may be negative.
     */
    public void addBalance(final int assetId, final long delta)
    {
        if (assetId >= balanceSlots)
        {
            growBalances(Math.max(assetId + 1, balanceSlots * 2));
        }
        slots[BALANCES + assetId] = Math.addExact(slots[BALANCES + assetId], delta);
        changed();
    }

    private void growBalances(final int newBalanceSlots)
    {
        final long[] grown = new long[slots.length - balanceSlots + newBalanceSlots];
        System.arraycopy(slots, BALANCES, grown, BALANCES, balanceSlots);
        System.arraycopy(slots, BALANCES + balanceSlots, grown, BALANCES + newBalanceSlots, positionCount * STRIDE);
        slots = grown;
        balanceSlots = newBalanceSlots;
        writeHeader();
        registry.onHotSlotsMoved(this);
    }

    private static long[] newSlots(final int balanceSlots, final int positionSlots)
    {
        final long[] slots = new long[BALANCES + balanceSlots + positionSlots * STRIDE];
        slots[HEADER] = (long)balanceSlots << 32;
        return slots;
    }

    private void writeHeader()
    {
        slots[HEADER] = (long)balanceSlots << 32 | positionCount;
    }

    /**
     * The hot array: header, balances and positions (see {@link #positionIndex(long[], int)}).
     *
     * @return the array; read only.
     */
    long[] hotSlots()
    {
        return slots;
    }

    /**
     * Index of the position in a market, read from a subaccount's hot array alone, without the subaccount object
     * (so that a look-up of both parties of a fill can load the two arrays together).
     *
     * @param hot      the subaccount's hot array (see {@link Accounts#findSubaccounts}).
     * @param marketId market.
     * @return index or -1.
     */
    public static int positionIndex(final long[] hot, final int marketId)
    {
        final long header = hot[HEADER];
        final int count = (int)header;
        for (int i = 0, at = BALANCES + (int)(header >>> 32); i < count; i++, at += STRIDE)
        {
            if (hot[at] == marketId)
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
        return positionCount;
    }

    public int positionMarket(final int index)
    {
        return (int)slots[BALANCES + balanceSlots + index * STRIDE];
    }

    public long positionSize(final int index)
    {
        return slots[BALANCES + balanceSlots + index * STRIDE + SIZE];
    }

    /**
     * Cost basis of a position: the signed quote quantums paid to open what is still open (negative for shorts).
     *
     * @param index position index.
     * @return quote quantums.
     */
    public long positionCostBasis(final int index)
    {
        return slots[BALANCES + balanceSlots + index * STRIDE + COST_BASIS];
    }

    /**
     * The market's cumulative funding index at which the position last settled funding.
     *
     * @param index position index.
     * @return index value.
     */
    public long positionFundingIndex(final int index)
    {
        return slots[BALANCES + balanceSlots + index * STRIDE + FUNDING_INDEX];
    }

    /**
     * Index of the position in a market, or -1.
     *
     * @param marketId market.
     * @return index or -1.
     */
    public int positionIndex(final int marketId)
    {
        final long[] slots = this.slots;
        for (int i = 0, at = BALANCES + balanceSlots; i < positionCount; i++, at += STRIDE)
        {
            if (slots[at] == marketId)
            {
                return i;
            }
        }
        return -1;
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
        return index < 0 ? 0L : slots[BALANCES + balanceSlots + index * STRIDE + SIZE];
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
        return portfolioMargin;
    }

    /**
     * Chooses the margin mode.
     *
     * @param portfolio true for portfolio margin, false for standard margin.
     */
    public void portfolioMargin(final boolean portfolio)
    {
        portfolioMargin = portfolio;
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
        slots[BALANCES + balanceSlots + index * STRIDE + FUNDING_INDEX] = fundingIndex;
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
        final int base = BALANCES + balanceSlots + index * STRIDE;
        if (size == 0 || index < 0 || index >= positionCount || slots[base] != marketId)
        {
            setPosition(marketId, size, costBasis, fundingIndex);
            return;
        }
        slots[base + SIZE] = size;
        slots[base + COST_BASIS] = costBasis;
        slots[base + FUNDING_INDEX] = fundingIndex;
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
        final int first = BALANCES + balanceSlots;
        if (size == 0)
        {
            if (index >= 0)
            {
                System.arraycopy(slots, first + (index + 1) * STRIDE, slots, first + index * STRIDE,
                    (positionCount - index - 1) * STRIDE);
                positionCount--;
                Arrays.fill(slots, first + positionCount * STRIDE, first + (positionCount + 1) * STRIDE, 0L);
                writeHeader();
                registry.onPositionClosed(this, marketId);
            }
            changed();
            return;
        }
        if (index < 0)
        {
            if (first + (positionCount + 1) * STRIDE > slots.length)
            {
                slots = Arrays.copyOf(slots, first + (slots.length - first) * 2);
                registry.onHotSlotsMoved(this);
            }
            index = 0;
            while (index < positionCount && slots[first + index * STRIDE] < marketId)
            {
                index++;
            }
            System.arraycopy(slots, first + index * STRIDE, slots, first + (index + 1) * STRIDE,
                (positionCount - index) * STRIDE);
            slots[first + index * STRIDE] = marketId;
            positionCount++;
            writeHeader();
            registry.onPositionOpened(this, marketId);
        }
        final int base = first + index * STRIDE;
        slots[base + SIZE] = size;
        slots[base + COST_BASIS] = costBasis;
        slots[base + FUNDING_INDEX] = fundingIndex;
        changed();
    }

    /**
     * Realized PnL of all closed parts of positions, in quote quantums (reporting; cash moved at trade time).
     *
     * @return quote quantums.
     */
    public long realizedPnl()
    {
        return realizedPnl;
    }

    /**
     * Adds realized PnL.
     *
     * @param delta quote quantums.
     */
    public void addRealizedPnl(final long delta)
    {
        realizedPnl = Math.addExact(realizedPnl, delta);
        registry.markAccountDirty(accountIndex);
    }

    /**
     * Whether the subaccount holds nothing at all.
     *
     * @return true when all balances and positions are zero.
     */
    public boolean isEmpty()
    {
        if (positionCount > 0)
        {
            return false;
        }
        for (int assetId = 0; assetId < balanceSlots; assetId++)
        {
            if (slots[BALANCES + assetId] != 0)
            {
                return false;
            }
        }
        return true;
    }
}
