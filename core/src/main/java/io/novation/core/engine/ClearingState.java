package io.novation.core.engine;

import io.novation.core.governance.GovernanceBook;
import io.novation.core.account.Accounts;
import io.novation.core.clearing.OrderCancelBook;
import io.novation.core.clearing.OrderFillBook;
import io.novation.core.market.Markets;
import io.novation.core.oracle.OracleBook;
import io.novation.core.surface.VolSurfaceBook;

import java.util.Arrays;

/**
 * The whole state of the clearing engine: markets, option series and assets, oracle prices, volatility surfaces,
 * accounts, order fills, the fee pool and
 * the insurance fund (quote quantums), the running totals of deposits and withdrawals per asset that conservation is
 * checked against, and the sequencer's counters.
 * <p>
 * Its mutators are package-private: only the command handlers of this package change it, hosts read it through
 * {@link ClearingStateView}, and a snapshot restores it through {@link SnapshotRestore}.
 */
public final class ClearingState implements ClearingStateView
{
    final Markets markets = new Markets();
    final OracleBook oracles = new OracleBook();
    final VolSurfaceBook volSurfaces = new VolSurfaceBook();
    final Accounts accounts = new Accounts();
    final OrderFillBook fills = new OrderFillBook();
    final OrderCancelBook cancels = new OrderCancelBook();
    final io.novation.core.risk.RiskBook risk = new io.novation.core.risk.RiskBook();
    long feePool;
    long insuranceFund;
    long badDebt;
    long[] deposited = new long[4];
    long[] withdrawn = new long[4];
    long sequence;
    long time;
    long lastDepositId;
    long withdrawalCount;
    long lastForcedRequestId;
    long batchCount;
    long lastBatchSequence;
    byte[] lastBatchRoot = new byte[32];
    final PendingWithdrawals pendingWithdrawals = new PendingWithdrawals();
    final GovernanceBook governance = new GovernanceBook();
    boolean globalChanged = true;

    /**
     * The scheduled risk parameter changes and the rotated keys.
     *
     * @return the governance book.
     */
    public GovernanceBook governance()
    {
        return governance;
    }

    public Markets markets()
    {
        return markets;
    }

    public OracleBook oracles()
    {
        return oracles;
    }

    /**
     * The latest volatility surface of each underlying.
     *
     * @return the surfaces.
     */
    public VolSurfaceBook volSurfaces()
    {
        return volSurfaces;
    }

    /**
     * The risk state of the perpetual markets: controller bounds and EWMA, depth reports.
     *
     * @return the book.
     */
    public io.novation.core.risk.RiskBook risk()
    {
        return risk;
    }

    public Accounts accounts()
    {
        return accounts;
    }

    public OrderFillBook fills()
    {
        return fills;
    }

    /**
     * The cancelled orders and nonce floors.
     *
     * @return the book.
     */
    public OrderCancelBook cancels()
    {
        return cancels;
    }

    /**
     * Fees collected, net of maker rebates.
     *
     * @return quote quantums.
     */
    public long feePool()
    {
        return feePool;
    }

    /**
     * The insurance fund.
     *
     * @return quote quantums.
     */
    public long insuranceFund()
    {
        return insuranceFund;
    }

    /**
     * Total ever deposited of an asset.
     *
     * @param assetId asset.
     * @return quantums.
     */
    public long totalDeposited(final int assetId)
    {
        return assetId < deposited.length ? deposited[assetId] : 0L;
    }

    /**
     * Total ever withdrawn of an asset.
     *
     * @param assetId asset.
     * @return quantums.
     */
    public long totalWithdrawn(final int assetId)
    {
        return assetId < withdrawn.length ? withdrawn[assetId] : 0L;
    }

    /**
     * Number of commands applied or rejected so far.
     *
     * @return sequence of the last command.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * Sequencer time of the last applied command (rejected commands do not move it).
     *
     * @return epoch ms.
     */
    public long time()
    {
        return time;
    }

    public long lastDepositId()
    {
        return lastDepositId;
    }

    /**
     * Number of withdrawals queued so far; the next withdrawal id.
     *
     * @return count.
     */
    public long withdrawalCount()
    {
        return withdrawalCount;
    }

    /**
     * The last base-chain forced-withdrawal request answered (served or declined).
     *
     * @return request id, 0 before any.
     */
    public long lastForcedRequestId()
    {
        return lastForcedRequestId;
    }

    /**
     * Number of batches sealed so far.
     *
     * @return the last batch number, 0 before the first seal.
     */
    public long batchCount()
    {
        return batchCount;
    }

    /**
     * Sequence of the command that sealed the last batch.
     *
     * @return sequence, 0 before the first seal.
     */
    public long lastBatchSequence()
    {
        return lastBatchSequence;
    }

    /**
     * State root sealed by the last batch.
     *
     * @return 32 bytes, a copy; zeros before the first seal.
     */
    public byte[] lastBatchRoot()
    {
        return lastBatchRoot.clone();
    }

    /**
     * Withdrawals queued since the last seal, in id order.
     *
     * @return the pending withdrawals.
     */
    public PendingWithdrawals pendingWithdrawals()
    {
        return pendingWithdrawals;
    }

    /**
     * Restores the batch bookkeeping of a snapshot; for {@link SnapshotRestore} only.
     *
     * @param batchCount          batches sealed.
     * @param lastBatchSequence   sequence of the last seal.
     * @param lastBatchRoot       32 bytes.
     * @param lastForcedRequestId last forced-withdrawal request answered.
     */
    void restoreBatches(final long batchCount, final long lastBatchSequence, final byte[] lastBatchRoot,
        final long lastForcedRequestId)
    {
        this.batchCount = batchCount;
        this.lastBatchSequence = lastBatchSequence;
        this.lastBatchRoot = lastBatchRoot.clone();
        this.lastForcedRequestId = lastForcedRequestId;
        globalChanged = true;
    }

    /**
     * Adds fees (or, negative, pays a rebate) to the fee pool.
     *
     * @param delta quote quantums.
     */
    void addToFeePool(final long delta)
    {
        feePool = Math.addExact(feePool, delta);
        globalChanged = true;
    }

    /**
     * Losses the whole bankruptcy waterfall could not cover (insurance fund, deleveraging, socialization to the
     * opposite side, the fee pool): owed to the depositors as a whole, so that every escape claim is paid pro rata.
     *
     * @return quote quantums, not negative.
     */
    public long badDebt()
    {
        return badDebt;
    }

    /**
     * Records a loss the whole waterfall could not cover.
     *
     * @param delta quote quantums, positive.
     */
    void addToBadDebt(final long delta)
    {
        if (delta < 0)
        {
            throw new IllegalArgumentException("bad debt only grows");
        }
        badDebt = Math.addExact(badDebt, delta);
        globalChanged = true;
    }

    /**
     * Adds to (or, negative, pays out of) the cross-margin insurance fund.
     *
     * @param delta quote quantums.
     */
    void addToInsuranceFund(final long delta)
    {
        insuranceFund = Math.addExact(insuranceFund, delta);
        globalChanged = true;
    }

    /**
     * Records that the global state (markets, funding, funds) changed, so the next root rehashes it.
     */
    void markGlobalChanged()
    {
        globalChanged = true;
    }

    /**
     * Whether the global (non-account) state changed since the last call; clears the flag.
     *
     * @return true when it changed.
     */
    boolean consumeGlobalChange()
    {
        final boolean changed = globalChanged;
        globalChanged = false;
        return changed;
    }

    /**
     * Restores the counters and totals of a snapshot into a fresh state; for {@link SnapshotRestore} only.
     *
     * @param sequence        sequence of the last command.
     * @param time            sequencer time of the last applied command, epoch ms.
     * @param lastDepositId   the last processed deposit id.
     * @param withdrawalCount withdrawals queued so far.
     * @param feePool         quote quantums.
     * @param insuranceFund   quote quantums.
     * @param depositedTotals per asset id, quantums ever deposited.
     * @param withdrawnTotals per asset id, quantums ever withdrawn.
     */
    void restoreTotals(final long sequence, final long time, final long lastDepositId,
        final long withdrawalCount, final long feePool, final long insuranceFund, final long[] depositedTotals,
        final long[] withdrawnTotals)
    {
        this.sequence = sequence;
        this.time = time;
        this.lastDepositId = lastDepositId;
        this.withdrawalCount = withdrawalCount;
        this.feePool = feePool;
        this.insuranceFund = insuranceFund;
        this.badDebt = 0;
        this.deposited = Arrays.copyOf(depositedTotals, Math.max(4, depositedTotals.length));
        this.withdrawn = Arrays.copyOf(withdrawnTotals, deposited.length);
        oracles.time(time);
        globalChanged = true;
    }

    /**
     * Number of asset slots of the deposit and withdrawal totals.
     *
     * @return a bound for iterating {@link #totalDeposited(int)}.
     */
    public int assetTotalSlots()
    {
        return deposited.length;
    }

    void ensureAssetTotals(final int assetId)
    {
        if (assetId >= deposited.length)
        {
            deposited = Arrays.copyOf(deposited, Math.max(assetId + 1, deposited.length * 2));
            withdrawn = Arrays.copyOf(withdrawn, deposited.length);
        }
    }
}
