package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.command.SweepFees;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.market.Asset;

/**
 * The fee pool's treasury: governance sweeps fees out of the pool into a subaccount's quote collateral, quote
 * quantum for quote quantum, so that the sum the conservation invariant checks does not change.
 */
final class Treasury
{
    private final ClearingState state;

    Treasury(final ClearingState state)
    {
        this.state = state;
    }

    boolean sweepFees(final SweepFees command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (command.account() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a fee sweep needs a treasury account");
        }
        if (!Subaccount.isValidNumber(command.subaccount()))
        {
            return rejection.reject(RejectReason.INVALID_SUBACCOUNT, "subaccount " + command.subaccount() +
                " is outside [0, 255]");
        }
        if (command.amount() <= 0)
        {
            return rejection.reject(RejectReason.INVALID_AMOUNT, "a fee sweep's amount must be positive");
        }
        if (state.markets.asset(Asset.QUOTE_ASSET_ID) == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_ASSET, "no quote asset to credit the fees in");
        }
        if (command.amount() > state.feePool)
        {
            return rejection.reject(RejectReason.FEE_POOL_INSUFFICIENT, "the fee pool holds " + state.feePool +
                " quote quantums, less than the " + command.amount() + " asked");
        }
        final Account existing = state.accounts.find(command.account());
        final Subaccount existingSub = existing == null ? null : existing.subaccount(command.subaccount());
        Math.addExact(existingSub == null ? 0 : existingSub.balance(Asset.QUOTE_ASSET_ID), command.amount());

        final Subaccount treasury = state.accounts.findOrCreate(command.account())
            .subaccountOrCreate(command.subaccount());
        treasury.addBalance(Asset.QUOTE_ASSET_ID, command.amount());
        state.addToFeePool(-command.amount());
        events.feesSwept(sequence, command.account(), command.subaccount(), command.amount(), state.feePool);
        return true;
    }
}
