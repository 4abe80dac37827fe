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

    private final Account account;
    private final int number;
    private long[] balances = new long[4];
    private static final int STRIDE = 4;
    private static final int SIZE = 1;
    private static final int COST_BASIS = 2;
    private static final int FUNDING_INDEX = 3;

    private int positionCount;
    /** Positions in market order, interleaved: market id, size, cost basis, funding index (one cache line each). */
    private long[] positions = new long[4 * STRIDE];
    private long realizedPnl;
    private long lastLiquidatedAt;
    private boolean portfolioMargin;
    private int id;
    private boolean changed;

    Subaccount(final Account account, final int number)
    {
        this.account = account;
        this.number = number;
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
        account.markDirty();
        if (!changed)
        {
            changed = true;
            account.registry().onSubaccountChanged(this);
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
        return assetId < balances.length ? balances[assetId] : 0L;
    }

    /**
     * Highest asset id this subaccount may hold a balance of, plus one.
     *
     * @return bound for iteration over balances.
     */
    public int balanceSlots()
    {
        return balances.length;
    }

    /**
     * Adds to a balance.
     *
     * @param assetId asset.
     * @param delta   quantums, may be negative.
     */
    public void addBalance(final int assetId, final long delta)
    {
        if (assetId >= balances.length)
        {
            balances = Arrays.copyOf(balances, Math.max(assetId + 1, balances.length * 2));
        }
        balances[assetId] = Math.addExact(balances[assetId], delta);
        changed();
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
        return (int)positions[index * STRIDE];
    }

    public long positionSize(final int index)
    {
        return positions[index * STRIDE + SIZE];
    }

    /**
     * Cost basis of a position: the signed quote quantums paid to open what is still open (negative for shorts).
     *
     * @param index position index.
     * @return quote quantums.
     */
    public long positionCostBasis(final int index)
    {
        return positions[index * STRIDE + COST_BASIS];
    }

    /**
     * The market's cumulative funding index at which the position last settled funding.
     *
     * @param index position index.
     * @return index value.
     */
    public long positionFundingIndex(final int index)
    {
        return positions[index * STRIDE + FUNDING_INDEX];
    }

    /**
     * Index of the position in a market, or -1.
     *
     * @param marketId market.
     * @return index or -1.
     */
    public int positionIndex(final int marketId)
    {
        for (int i = 0; i < positionCount; i++)
        {
            if (positions[i * STRIDE] == marketId)
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
        return index < 0 ? 0L : positions[index * STRIDE + SIZE];
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
        account.markDirty();
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
        account.markDirty();
    }

    /**
     * Records that the position at an index has settled funding up to the market's index.
     *
     * @param index        position index in [0, positionCount).
     * @param fundingIndex the market's cumulative funding index.
     */
    public void setPositionFundingIndex(final int index, final long fundingIndex)
    {
        positions[index * STRIDE + FUNDING_INDEX] = fundingIndex;
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
        if (size == 0)
        {
            if (index >= 0)
            {
                System.arraycopy(positions, (index + 1) * STRIDE, positions, index * STRIDE,
                    (positionCount - index - 1) * STRIDE);
                positionCount--;
            }
            changed();
            return;
        }
        if (index < 0)
        {
            if ((positionCount + 1) * STRIDE > positions.length)
            {
                positions = Arrays.copyOf(positions, positions.length * 2);
            }
            index = 0;
            while (index < positionCount && positions[index * STRIDE] < marketId)
            {
                index++;
            }
            System.arraycopy(positions, index * STRIDE, positions, (index + 1) * STRIDE,
                (positionCount - index) * STRIDE);
            positions[index * STRIDE] = marketId;
            positionCount++;
        }
        final int base = index * STRIDE;
        positions[base + SIZE] = size;
        positions[base + COST_BASIS] = costBasis;
        positions[base + FUNDING_INDEX] = fundingIndex;
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
        account.markDirty();
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
        for (final long balance : balances)
        {
            if (balance != 0)
            {
                return false;
            }
        }
        return true;
    }
}
