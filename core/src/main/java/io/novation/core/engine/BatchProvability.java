package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Accounts;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.commitment.LeafEncoding;

import java.math.BigInteger;

/**
 * Whether a batch sealed now could be proven solvent (docs/solvency.md): no account may be short at the batch's
 * escape price table after its own collateral covered what it could (an uncovered deficit, quote quantums), the very
 * rule by which the solvency tree refuses a leaf ({@code SolvencyLeaves} calls {@link #shortfall}). It does not stop a
 * seal: the escape valuation counts options at intrinsic value while liquidation counts their mark, so an account can
 * be short here and healthy for the liquidator, and refusing seals on it would let one account stop every batch
 * (docs/solvency.md, "A batch that cannot be proven"). Accounts without a position or a negative balance are skipped
 * (they cannot be short); the others are valued, so a check costs up to a valuation per account.
 */
public final class BatchProvability
{
    private BatchProvability()
    {
    }

    /**
     * An account a batch cannot be proven with.
     *
     * @param owner     the account's owner.
     * @param shortfall its uncovered deficit, quote quantums, positive.
     */
    public record Uncovered(Address owner, BigInteger shortfall)
    {
    }

    /**
     * An account's uncovered deficit at a price table: what {@link EscapeValuation#accountShortfall} gives; positive
     * means the account cannot be a leaf of a solvency tree.
     *
     * @param stateLeaf  the account's state leaf data (docs/protocol.md §8).
     * @param priceTable the version-2 escape price table.
     * @return quote quantums, at least 0.
     */
    public static BigInteger shortfall(final byte[] stateLeaf, final byte[] priceTable)
    {
        return EscapeValuation.accountShortfall(stateLeaf, priceTable);
    }

    /**
     * Whether an account holds nothing that can make it short: no position and no negative balance in any
     * subaccount, so that the escape valuation sums non-negative balances only (its shortfall is 0).
     */
    private static boolean cannotBeShort(final Account account)
    {
        for (int s = 0; s < account.subaccountCount(); s++)
        {
            final Subaccount subaccount = account.subaccountAt(s);
            if (subaccount.positionCount() > 0)
            {
                return false;
            }
            for (int asset = 0; asset < subaccount.balanceSlots(); asset++)
            {
                if (subaccount.balance(asset) < 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The first account, in the state's account order, whose leaf has an uncovered deficit at the state's escape
     * price table.
     *
     * @param state the state a seal would commit.
     * @return the account, or null when every account can be a leaf.
     */
    public static Uncovered firstUncovered(final ClearingState state)
    {
        final Accounts accounts = state.accounts();
        if (accounts.count() == 0)
        {
            return null;
        }
        final byte[] table = EscapeValuation.priceTable(state);
        for (int i = 0; i < accounts.count(); i++)
        {
            final Account account = accounts.at(i);
            if (cannotBeShort(account))
            {
                continue;
            }
            final BigInteger shortfall;
            try
            {
                shortfall = shortfall(new LeafEncoding().putAccount(account).toBytes(), table);
            }
            catch (final IllegalArgumentException ex)
            {
                continue; // a leaf the table cannot value: no definite deficit to refuse a seal for
            }
            if (shortfall.signum() > 0)
            {
                return new Uncovered(account.owner(), shortfall);
            }
        }
        return null;
    }
}
