package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.command.FundInsurance;
import io.novation.core.command.SweepFees;
import io.novation.core.command.WithdrawInsurance;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.liquidation.HealthIndex;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.Asset;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

/**
 * The fee pool's treasury: governance sweeps fees out of the pool into a subaccount's quote collateral, and moves
 * quote quantums between the pool and the insurance funds ({@code fundInsurance}, {@code withdrawInsurance}), quote
 * quantum for quote quantum, so that the sum the conservation invariant checks does not change. A withdrawal from a
 * fund takes at most {@link #MAX_WITHDRAWAL_PPM} of its balance, and while any subaccount the fund backs is below
 * maintenance it may not leave the fund below its floor: the sum of those subaccounts' maintenance shortfalls.
 */
final class Treasury
{
    /** The largest share of a fund's balance one withdrawal may take: 25 %, in ppm. */
    static final long MAX_WITHDRAWAL_PPM = 250_000;

    private final ClearingState state;
    private final HealthIndex healthIndex;
    private final MarginCalculator margin;
    private final MarginFigures figures = new MarginFigures();

    Treasury(final ClearingState state, final HealthIndex healthIndex)
    {
        this.state = state;
        this.healthIndex = healthIndex;
        this.margin = new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
    }

    boolean fundInsurance(final FundInsurance command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (!checkFund(command.fundMarketId(), command.amount(), rejection))
        {
            return false;
        }
        if (command.amount() > state.feePool)
        {
            return rejection.reject(RejectReason.FEE_POOL_INSUFFICIENT, "the fee pool holds " + state.feePool +
                " quote quantums, less than the " + command.amount() + " asked");
        }
        Math.addExact(InsuranceFunds.balance(state, command.fundMarketId()), command.amount());

        state.addToFeePool(-command.amount());
        InsuranceFunds.add(state, command.fundMarketId(), command.amount(), sequence, events);
        events.insuranceTreasuryMoved(sequence, command.fundMarketId(), command.amount(),
            InsuranceFunds.balance(state, command.fundMarketId()), state.feePool);
        return true;
    }

    boolean withdrawInsurance(final WithdrawInsurance command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (!checkFund(command.fundMarketId(), command.amount(), rejection))
        {
            return false;
        }
        final long balance = InsuranceFunds.balance(state, command.fundMarketId());
        final long limit = FixedPoint.mulPpm(Math.max(0, balance), MAX_WITHDRAWAL_PPM, Rounding.DOWN);
        if (command.amount() > limit)
        {
            return rejection.reject(RejectReason.INSURANCE_WITHDRAWAL_LIMIT, "one withdrawal may take at most " +
                limit + " of the fund's " + balance + " quote quantums, not " + command.amount());
        }
        final long floor = floor(command.fundMarketId());
        if (balance - command.amount() < floor)
        {
            return rejection.reject(RejectReason.INSURANCE_FLOOR, "the fund would keep " +
                (balance - command.amount()) + " quote quantums, below its floor " + floor +
                " while subaccounts it backs are liquidatable");
        }
        Math.addExact(state.feePool, command.amount());

        InsuranceFunds.add(state, command.fundMarketId(), -command.amount(), sequence, events);
        state.addToFeePool(command.amount());
        events.insuranceTreasuryMoved(sequence, command.fundMarketId(), -command.amount(),
            InsuranceFunds.balance(state, command.fundMarketId()), state.feePool);
        return true;
    }

    private boolean checkFund(final int fundMarketId, final long amount, final Rejection rejection)
    {
        if (fundMarketId != InsuranceFunds.CROSS && state.markets.perpetual(fundMarketId) == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no insurance fund " + fundMarketId +
                ": -1 (cross) or a perpetual market");
        }
        if (amount <= 0)
        {
            return rejection.reject(RejectReason.INVALID_AMOUNT, "an insurance move's amount must be positive");
        }
        return true;
    }

    /**
     * The fund's floor: the sum of the maintenance shortfalls ({@code MMR − NC_maintenance}, quote quantums) of the
     * liquidatable subaccounts it backs (an isolated subaccount is backed by its market's fund, every other by the
     * cross fund); 0 when none is liquidatable.
     */
    private long floor(final int fundMarketId)
    {
        long floor = 0;
        for (int i = 0; i < healthIndex.liquidatableCount(); i++)
        {
            final Subaccount subaccount = healthIndex.liquidatable(i);
            final int fund = subaccount.isIsolated() && subaccount.positionCount() > 0 ?
                subaccount.positionMarket(0) : InsuranceFunds.CROSS;
            if (fund != fundMarketId || !margin.compute(subaccount, figures))
            {
                continue;
            }
            floor = Math.addExact(floor, Math.max(0,
                figures.maintenanceMarginRequirement() - figures.netCollateralMaintenance()));
        }
        return floor;
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
