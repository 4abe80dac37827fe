package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.market.Asset;

/**
 * The conservation invariant of docs/protocol.md §9, checked exactly per asset: everything deposited minus everything
 * withdrawn equals the sum of all subaccount balances, plus, for the quote asset, the insurance funds (cross and per
 * isolated market), the fee pool and the markets' and option series' funding and loss ledgers (paid in by settled
 * positions and not yet paid out), less the bad debt (losses the whole waterfall could not cover, credited to the
 * accounts that had them and owed by the depositors as a whole).
 */
public final class Conservation
{
    private Conservation()
    {
    }

    /**
     * The imbalance of one asset: (deposits − withdrawals) − (Σ balances + funds). Zero when conserved.
     *
     * @param state   the engine state.
     * @param assetId the asset.
     * @return quantums of imbalance (exact, computed without overflow for realistic states).
     */
    public static long imbalance(final ClearingStateView state, final int assetId)
    {
        long held = 0;
        for (int a = 0; a < state.accounts().count(); a++)
        {
            final Account account = state.accounts().at(a);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                held = Math.addExact(held, subaccount.balance(assetId));
            }
        }
        if (assetId == Asset.QUOTE_ASSET_ID)
        {
            held = Math.addExact(held, Math.addExact(state.feePool(), state.insuranceFund()));
            for (int m = 0; m < state.markets().perpetualCount(); m++)
            {
                held = Math.addExact(held, state.markets().perpetual(m).funding().ledger());
                held = Math.addExact(held, state.markets().perpetual(m).isolatedInsuranceFund());
            }
            for (int i = 0; i < state.markets().optionCount(); i++)
            {
                held = Math.addExact(held, state.markets().optionAt(i).funding().ledger());
            }
            // Bad debt was credited to accounts with no quantum behind it: it is owed by the depositors as a whole.
            held = Math.subtractExact(held, state.badDebt());
        }
        final long net = Math.subtractExact(state.totalDeposited(assetId), state.totalWithdrawn(assetId));
        return Math.subtractExact(net, held);
    }

    /**
     * Whether every asset is conserved exactly.
     *
     * @param state the engine state.
     * @return true when no asset has an imbalance.
     */
    public static boolean holds(final ClearingStateView state)
    {
        for (int assetId = 0; assetId < state.markets().assetCount(); assetId++)
        {
            if (imbalance(state, assetId) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
