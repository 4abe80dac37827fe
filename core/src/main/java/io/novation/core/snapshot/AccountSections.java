package io.novation.core.snapshot;

import io.novation.core.account.Account;
import io.novation.core.account.Accounts;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.engine.ClearingState;

/**
 * The accounts' snapshot sections: every account with its subaccounts, balances (quantums) and positions (base
 * quantums), and the order fill book.
 */
final class AccountSections
{
    private AccountSections()
    {
    }

    static void writeAccounts(final ClearingState state, final BinaryWriter out)
    {
        final Accounts accounts = state.accounts();
        out.putInt(accounts.count());
        for (int i = 0; i < accounts.count(); i++)
        {
            final Account account = accounts.at(i);
            out.putAddress(account.owner()).putLong(account.lastNonce()).putShort(account.subaccountCount());
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                out.putShort(subaccount.number()).putLong(subaccount.realizedPnl())
                    .putLong(subaccount.lastLiquidatedAt()).putBoolean(subaccount.isPortfolioMargin());
                int balances = 0;
                for (int a = 0; a < subaccount.balanceSlots(); a++)
                {
                    balances += subaccount.balance(a) != 0 ? 1 : 0;
                }
                out.putShort(balances);
                for (int a = 0; a < subaccount.balanceSlots(); a++)
                {
                    if (subaccount.balance(a) != 0)
                    {
                        out.putShort(a).putLong(subaccount.balance(a));
                    }
                }
                out.putShort(subaccount.positionCount());
                for (int p = 0; p < subaccount.positionCount(); p++)
                {
                    out.putInt(subaccount.positionMarket(p)).putLong(subaccount.positionSize(p))
                        .putLong(subaccount.positionCostBasis(p)).putLong(subaccount.positionFundingIndex(p));
                }
            }
        }
    }

    static void readAccounts(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getInt();
        for (int i = 0; i < count; i++)
        {
            final Address owner = in.getAddress();
            if (owner == null || state.accounts().find(owner) != null)
            {
                throw new CodecException("account " + i + " has no owner or a duplicate one");
            }
            final Account account = state.accounts().findOrCreate(owner);
            final long lastNonce = in.getLong();
            if (lastNonce != 0)
            {
                account.useNonce(lastNonce);
            }
            final int subaccounts = in.getUnsignedShort();
            for (int s = 0; s < subaccounts; s++)
            {
                final Subaccount subaccount = account.subaccountOrCreate(in.getUnsignedShort());
                final long realizedPnl = in.getLong();
                if (realizedPnl != 0)
                {
                    subaccount.addRealizedPnl(realizedPnl);
                }
                final long lastLiquidatedAt = in.getLong();
                if (lastLiquidatedAt != 0)
                {
                    subaccount.lastLiquidatedAt(lastLiquidatedAt);
                }
                if (version >= 3 && in.getBoolean())
                {
                    subaccount.portfolioMargin(true);
                }
                final int balances = in.getUnsignedShort();
                for (int b = 0; b < balances; b++)
                {
                    subaccount.addBalance(in.getUnsignedShort(), in.getLong());
                }
                final int positions = in.getUnsignedShort();
                for (int p = 0; p < positions; p++)
                {
                    subaccount.setPosition(in.getInt(), in.getLong(), in.getLong(), in.getLong());
                }
            }
        }
    }

    static void writeFills(final ClearingState state, final BinaryWriter out)
    {
        out.putInt(state.fills().size());
        state.fills().forEach((digests, offset, filled, expiry) ->
            out.putBytes(digests, offset, 32).putLong(filled).putLong(expiry));
    }

    static void readFills(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getInt();
        for (int i = 0; i < count; i++)
        {
            final byte[] digest = in.getBytes(32);
            final long filled = in.getLong();
            // Version 4 added the orders' expiries; older snapshots keep their fills until a restart from a new one.
            state.fills().setFilled(digest, filled, version >= 4 ? in.getLong() : Long.MAX_VALUE);
        }
    }
}
