package io.novation.core.snapshot;

import io.novation.core.account.Account;
import io.novation.core.account.Accounts;
import io.novation.core.account.Address;
import io.novation.core.account.SessionKey;
import io.novation.core.clearing.OrderCancelBook;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.engine.ClearingState;

/**
 * The optional snapshot sections of session keys (per account that uses them: owner, then each key's address, scope,
 * subaccounts, expiry in epoch ms and revocation) and of cancels (each cancel's owner, subaccount, order digest and
 * expiry; each nonce floor's owner, subaccount and floor). Neither is written for a state without them.
 */
final class SessionSections
{
    private SessionSections()
    {
    }

    static boolean hasSessionKeys(final ClearingState state)
    {
        final Accounts accounts = state.accounts();
        for (int i = 0; i < accounts.count(); i++)
        {
            if (accounts.at(i).usesSessionKeys())
            {
                return true;
            }
        }
        return false;
    }

    static void writeSessionKeys(final ClearingState state, final BinaryWriter out)
    {
        final Accounts accounts = state.accounts();
        int using = 0;
        for (int i = 0; i < accounts.count(); i++)
        {
            using += accounts.at(i).usesSessionKeys() ? 1 : 0;
        }
        out.putInt(using);
        for (int i = 0; i < accounts.count(); i++)
        {
            final Account account = accounts.at(i);
            if (!account.usesSessionKeys())
            {
                continue;
            }
            out.putAddress(account.owner()).putByte(account.sessionKeyCount());
            for (int k = 0; k < account.sessionKeyCount(); k++)
            {
                final SessionKey key = account.sessionKeyAt(k);
                out.putAddress(key.key()).putInt(key.scope()).putByte(key.subaccountCount());
                for (int s = 0; s < key.subaccountCount(); s++)
                {
                    out.putShort(key.subaccountAt(s));
                }
                out.putLong(key.expiry()).putBoolean(key.isRevoked());
            }
        }
    }

    static void readSessionKeys(final ClearingState state, final BinaryReader in)
    {
        final int using = in.getInt();
        for (int i = 0; i < using; i++)
        {
            final Address owner = in.getAddress();
            final Account account = owner == null ? null : state.accounts().find(owner);
            if (account == null)
            {
                throw new CodecException("session keys of an unknown account " + owner);
            }
            account.useSessionKeys();
            final int keys = in.getUnsignedByte();
            for (int k = 0; k < keys; k++)
            {
                final Address key = in.getAddress();
                final int scope = in.getInt();
                final int[] subaccounts = new int[in.getUnsignedByte()];
                for (int s = 0; s < subaccounts.length; s++)
                {
                    subaccounts[s] = in.getUnsignedShort();
                }
                if (key == null)
                {
                    throw new CodecException("a session key of " + owner + " has no address");
                }
                account.putSessionKey(new SessionKey(key, scope, subaccounts, in.getLong(), in.getBoolean()));
            }
        }
    }

    static void writeCancels(final ClearingState state, final BinaryWriter out)
    {
        final OrderCancelBook cancels = state.cancels();
        out.putInt(cancels.cancelCount());
        cancels.forEachCancel((key, expiry) -> out.putBytes(key, 0, key.length).putLong(expiry));
        out.putInt(cancels.floorCount());
        cancels.forEachFloor((key, floor) -> out.putBytes(key, 0, key.length).putLong(floor));
    }

    static void readCancels(final ClearingState state, final BinaryReader in)
    {
        final int cancels = in.getInt();
        for (int i = 0; i < cancels; i++)
        {
            state.cancels().restoreCancel(in.getBytes(OrderCancelBook.CANCEL_KEY_LENGTH), in.getLong());
        }
        final int floors = in.getInt();
        for (int i = 0; i < floors; i++)
        {
            state.cancels().restoreFloor(in.getBytes(OrderCancelBook.FLOOR_KEY_LENGTH), in.getLong());
        }
    }
}
