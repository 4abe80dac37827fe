package io.novation.core.engine;

import io.novation.core.clearing.OrderFillBook;
import io.novation.core.liquidation.RiskBooks;

/**
 * A read-only view of the clearing engine's state (amounts in quote quantums or asset quantums, times in epoch ms):
 * what hosts, reports and audits outside the core read. It declares no mutator; the engine changes its state only
 * through {@link ClearingEngine#apply}, and a snapshot restores it through {@link SnapshotRestore}.
 */
public interface ClearingStateView extends RiskBooks
{
    /**
     * The scheduled risk parameter changes and the keys governance rotated.
     *
     * @return the governance book.
     */
    io.novation.core.governance.GovernanceBook governance();

    /**
     * The order fills, by order digest.
     *
     * @return the fill book.
     */
    OrderFillBook fills();

    /**
     * Fees collected, net of maker rebates.
     *
     * @return quote quantums.
     */
    long feePool();

    /**
     * The cross-margin insurance fund.
     *
     * @return quote quantums.
     */
    long insuranceFund();

    /**
     * Losses the whole bankruptcy waterfall could not cover.
     *
     * @return quote quantums, not negative.
     */
    long badDebt();

    /**
     * Total ever deposited of an asset.
     *
     * @param assetId asset.
     * @return quantums.
     */
    long totalDeposited(int assetId);

    /**
     * Total ever withdrawn of an asset.
     *
     * @param assetId asset.
     * @return quantums.
     */
    long totalWithdrawn(int assetId);

    /**
     * Number of asset slots of the deposit and withdrawal totals.
     *
     * @return a bound for iterating {@link #totalDeposited(int)}.
     */
    int assetTotalSlots();

    /**
     * Number of commands applied or rejected so far.
     *
     * @return sequence of the last command.
     */
    long sequence();

    /**
     * Sequencer time of the last applied command.
     *
     * @return epoch ms.
     */
    long time();

    /**
     * The last processed base-chain deposit id.
     *
     * @return deposit id, 0 before any.
     */
    long lastDepositId();

    /**
     * Number of withdrawals queued so far; the next withdrawal id.
     *
     * @return count.
     */
    long withdrawalCount();

    /**
     * The last base-chain forced-withdrawal request answered (served or declined).
     *
     * @return request id, 0 before any.
     */
    long lastForcedRequestId();

    /**
     * Number of batches sealed so far.
     *
     * @return the last batch number, 0 before the first seal.
     */
    long batchCount();

    /**
     * Sequence of the command that sealed the last batch.
     *
     * @return sequence, 0 before the first seal.
     */
    long lastBatchSequence();

    /**
     * State root sealed by the last batch.
     *
     * @return 32 bytes, a copy; zeros before the first seal.
     */
    byte[] lastBatchRoot();

    /**
     * Withdrawals queued since the last seal, in id order.
     *
     * @return a read-only view of the queue.
     */
    PendingWithdrawalsView pendingWithdrawals();
}
