package io.novation.core.snapshot;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingState;
import io.novation.core.engine.SnapshotRestore;
import io.novation.core.market.MarketStatus;

/**
 * The engine's own snapshot sections: counters and totals (quote quantums), the batch bookkeeping with the withdrawals
 * queued since the last seal, and the oracle status watch.
 */
final class EngineSections
{
    private EngineSections()
    {
    }

    static void writeBatches(final ClearingState state, final BinaryWriter out)
    {
        out.putLong(state.batchCount()).putLong(state.lastBatchSequence()).putBytes(state.lastBatchRoot(), 0, 32)
            .putLong(state.lastForcedRequestId());
        final java.util.List<io.novation.core.engine.PendingWithdrawals.Entry> pending =
            state.pendingWithdrawals().entries();
        out.putInt(pending.size());
        for (final io.novation.core.engine.PendingWithdrawals.Entry entry : pending)
        {
            out.putLong(entry.withdrawalId()).putAddress(entry.owner()).putInt(entry.assetId())
                .putLong(entry.amount());
        }
    }

    static void readBatches(final SnapshotRestore restore, final BinaryReader in)
    {
        restore.batches(in.getLong(), in.getLong(), in.getBytes(32), in.getLong());
        final int pending = in.getInt();
        for (int i = 0; i < pending; i++)
        {
            restore.withdrawal(in.getLong(), in.getAddress(), in.getInt(), in.getLong());
        }
    }

    static void writeCounters(final ClearingEngine engine, final BinaryWriter out)
    {
        final ClearingState state = engine.state();
        out.putLong(engine.config().chainId()).putAddress(engine.config().verifyingContract());
        out.putLong(state.sequence()).putLong(state.time()).putLong(state.lastDepositId())
            .putLong(state.withdrawalCount()).putLong(state.feePool()).putLong(state.insuranceFund());
        final int slots = state.assetTotalSlots();
        out.putShort(slots);
        for (int i = 0; i < slots; i++)
        {
            out.putLong(state.totalDeposited(i)).putLong(state.totalWithdrawn(i));
        }
        out.putLong(state.badDebt());
    }

    static void readCounters(final ClearingEngine engine, final BinaryReader in, final int version)
    {
        final long chainId = in.getLong();
        final Address contract = in.getAddress();
        if (chainId != engine.config().chainId() || !engine.config().verifyingContract().equals(contract))
        {
            throw new CodecException("snapshot of chain " + chainId + " / " + contract + ", not of " +
                engine.config().chainId() + " / " + engine.config().verifyingContract());
        }
        final long sequence = in.getLong();
        final long time = in.getLong();
        final long lastDepositId = in.getLong();
        final long withdrawalCount = in.getLong();
        final long feePool = in.getLong();
        final long insuranceFund = in.getLong();
        final int slots = in.getUnsignedShort();
        final long[] deposited = new long[slots];
        final long[] withdrawn = new long[slots];
        for (int i = 0; i < slots; i++)
        {
            deposited[i] = in.getLong();
            withdrawn[i] = in.getLong();
        }
        new SnapshotRestore(engine).totals(sequence, time, lastDepositId, withdrawalCount, feePool, insuranceFund,
            deposited, withdrawn);
        if (version >= 8)
        {
            final long badDebt = in.getLong();
            if (badDebt < 0)
            {
                throw new CodecException("negative bad debt " + badDebt);
            }
            if (badDebt != 0)
            {
                new SnapshotRestore(engine).badDebt(badDebt);
            }
        }
    }

    static void writeStatusWatch(final ClearingEngine engine, final BinaryWriter out)
    {
        final int oracles = engine.state().oracles().count();
        out.putShort(oracles);
        for (int i = 0; i < oracles; i++)
        {
            out.putByte(engine.announcedOracleStatus(i).ordinal());
        }
        out.putLong(engine.nextOracleStatusDeadline());
    }

    static void readStatusWatch(final ClearingEngine engine, final BinaryReader in, final int version)
    {
        final MarketStatus[] announced = new MarketStatus[in.getUnsignedShort()];
        for (int i = 0; i < announced.length; i++)
        {
            announced[i] = MarketSections.status(in.getUnsignedByte());
        }
        new SnapshotRestore(engine).oracleStatusWatch(announced, in.getLong());
    }
}
