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
    private int positionCount;
    private int[] positionMarkets = new int[4];
    private long[] positionSizes = new long[4];
    private long[] positionCostBases = new long[4];
    private long[] positionFundingIndices = new long[4];
    private long realizedPnl;

    Subaccount(final Account account, final int number)
    {
        this.account = account;
        this.number = number;
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
        account.markDirty();
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
        return positionMarkets[index];
    }

    public long positionSize(final int index)
    {
        return positionSizes[index];
    }

    /**
     * Cost basis of a position: the signed quote quantums paid to open what is still open (negative for shorts).
     *
     * @param index position index.
     * @return quote quantums.
     */
    public long positionCostBasis(final int index)
    {
        return positionCostBases[index];
    }

    /**
     * The market's cumulative funding index at which the position last settled funding.
     *
     * @param index position index.
     * @return index value.
     */
    public long positionFundingIndex(final int index)
    {
        return positionFundingIndices[index];
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
            if (positionMarkets[i] == marketId)
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
        return index < 0 ? 0L : positionSizes[index];
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
                final int tail = positionCount - index - 1;
                System.arraycopy(positionMarkets, index + 1, positionMarkets, index, tail);
                System.arraycopy(positionSizes, index + 1, positionSizes, index, tail);
                System.arraycopy(positionCostBases, index + 1, positionCostBases, index, tail);
                System.arraycopy(positionFundingIndices, index + 1, positionFundingIndices, index, tail);
                positionCount--;
            }
            account.markDirty();
            return;
        }
        if (index < 0)
        {
            if (positionCount == positionMarkets.length)
            {
                final int capacity = positionCount * 2;
                positionMarkets = Arrays.copyOf(positionMarkets, capacity);
                positionSizes = Arrays.copyOf(positionSizes, capacity);
                positionCostBases = Arrays.copyOf(positionCostBases, capacity);
                positionFundingIndices = Arrays.copyOf(positionFundingIndices, capacity);
            }
            index = 0;
            while (index < positionCount && positionMarkets[index] < marketId)
            {
                index++;
            }
            final int tail = positionCount - index;
            System.arraycopy(positionMarkets, index, positionMarkets, index + 1, tail);
            System.arraycopy(positionSizes, index, positionSizes, index + 1, tail);
            System.arraycopy(positionCostBases, index, positionCostBases, index + 1, tail);
            System.arraycopy(positionFundingIndices, index, positionFundingIndices, index + 1, tail);
            positionMarkets[index] = marketId;
            positionCount++;
        }
        positionSizes[index] = size;
        positionCostBases[index] = costBasis;
        positionFundingIndices[index] = fundingIndex;
        account.markDirty();
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
