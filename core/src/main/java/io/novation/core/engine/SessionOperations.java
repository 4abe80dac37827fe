package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.SessionKey;
import io.novation.core.account.Subaccount;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.CancelledOrder;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;

import java.util.List;

/**
 * The owner's delegation and cancel commands: registering and revoking session keys (owner-signed only; at most
 * {@value #SESSION_KEY_LIMIT} live per account, each for at most {@value #MAX_SESSION_KEY_LIFETIME_MS} ms), and
 * cancelling orders by digest or raising a subaccount's nonce floor (signed by the owner or a session key with the
 * cancel scope). Every check runs before any change. Expired and revoked keys are pruned when the owner registers a
 * key, so that until then their signatures are refused with their own reason.
 */
final class SessionOperations
{
    /** Most live session keys per account. */
    static final int SESSION_KEY_LIMIT = 16;
    /** Longest a session key may live: 30 days, in ms. */
    static final long MAX_SESSION_KEY_LIFETIME_MS = 30L * 24 * 60 * 60 * 1000;

    private final ClearingState state;
    private final SignatureCheck signatures;

    SessionOperations(final ClearingState state, final SignatureCheck signatures)
    {
        this.state = state;
        this.signatures = signatures;
    }

    boolean register(final RegisterSessionKey command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (command.account() == null || command.key() == null || command.subaccounts() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a session key needs an account, a key and a " +
                "subaccount list");
        }
        if (command.key().equals(command.account()))
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "the owner cannot be its own session key");
        }
        if ((command.scope() & ~SessionKey.GRANTABLE) != 0)
        {
            return rejection.reject(RejectReason.OUT_OF_SCOPE, "scope " + command.scope() + " asks for more than " +
                "trade, cancel and transfer (" + SessionKey.GRANTABLE + "): withdrawals and key management are " +
                "never delegated");
        }
        if (command.scope() == 0)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a session key needs a non-empty scope");
        }
        final int[] subaccounts = subaccounts(command.subaccounts(), rejection);
        if (subaccounts == null)
        {
            return false;
        }
        if (command.expiry() <= command.time() ||
            command.expiry() - command.time() > MAX_SESSION_KEY_LIFETIME_MS)
        {
            return rejection.reject(RejectReason.SESSION_KEY_EXPIRY_TOO_LONG, "expiry " + command.expiry() +
                " must be after the command's time " + command.time() + " and at most 30 days after it");
        }
        final Account account = ownerSigned(command.account(), command.nonce(),
            command.digest(signatures.domainSeparator()), command.signature(), command.time(), rejection);
        if (account == null)
        {
            return false;
        }
        final SessionKey existing = account.sessionKey(command.key());
        final int live = account.liveSessionKeyCount(command.time()) -
            (existing != null && existing.isLive(command.time()) ? 1 : 0);
        if (live >= SESSION_KEY_LIMIT)
        {
            return rejection.reject(RejectReason.SESSION_KEY_LIMIT, "account " + account.owner() + " already holds " +
                SESSION_KEY_LIMIT + " live session keys");
        }
        account.pruneSessionKeys(command.time());
        account.putSessionKey(new SessionKey(command.key(), command.scope(), subaccounts, command.expiry(), false));
        account.useNonce(command.nonce());
        events.sessionKeyRegistered(sequence, account.owner(), command.key(), command.scope(),
            command.subaccounts(), command.expiry());
        return true;
    }

    boolean revoke(final RevokeSessionKey command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (command.account() == null || command.key() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a revocation needs an account and a key");
        }
        final Account account = ownerSigned(command.account(), command.nonce(),
            command.digest(signatures.domainSeparator()), command.signature(), command.time(), rejection);
        if (account == null)
        {
            return false;
        }
        final SessionKey key = account.sessionKey(command.key());
        if (key == null || key.isRevoked())
        {
            return rejection.reject(RejectReason.UNKNOWN_SESSION_KEY, "account " + account.owner() +
                " holds no unrevoked session key " + command.key());
        }
        account.putSessionKey(key.revoke());
        account.useNonce(command.nonce());
        events.sessionKeyRevoked(sequence, account.owner(), command.key());
        return true;
    }

    boolean cancelOrders(final CancelOrders command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final List<CancelledOrder> orders = command.orders();
        if (command.account() == null || orders == null || orders.isEmpty() ||
            orders.size() > CancelOrders.MAX_ORDERS)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a cancel names an account and 1 to " +
                CancelOrders.MAX_ORDERS + " orders, got " + (orders == null ? 0 : orders.size()));
        }
        for (final CancelledOrder order : orders)
        {
            if (order == null)
            {
                return rejection.reject(RejectReason.INVALID_COMMAND, "a cancel names no null order");
            }
        }
        final Account account = cancelSigner(command.account(), command.subaccount(), command.nonce(),
            command.digest(signatures.domainSeparator()), command.signature(), command.time(), rejection);
        if (account == null)
        {
            return false;
        }
        for (final CancelledOrder order : orders)
        {
            if (order.expiry() > command.time())
            {
                state.cancels.cancel(account.owner(), command.subaccount(), order.digest(), order.expiry());
            }
        }
        account.useNonce(command.nonce());
        events.ordersCancelled(sequence, account.owner(), command.subaccount(), orders.size(),
            signatures.lastSigner());
        return true;
    }

    boolean setNonceFloor(final SetNonceFloor command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (command.account() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a nonce floor names an account");
        }
        final Account account = cancelSigner(command.account(), command.subaccount(), command.nonce(),
            command.digest(signatures.domainSeparator()), command.signature(), command.time(), rejection);
        if (account == null)
        {
            return false;
        }
        if (!account.owner().equals(signatures.lastSigner()) && command.floor() > SessionKey.MAX_KEY_NONCE_FLOOR)
        {
            return rejection.reject(RejectReason.OUT_OF_SCOPE, "session key " + signatures.lastSigner() +
                " may set a nonce floor of at most " + SessionKey.MAX_KEY_NONCE_FLOOR + ", not " + command.floor());
        }
        final long current = state.cancels.nonceFloor(account.owner(), command.subaccount());
        if (command.floor() <= current)
        {
            return rejection.reject(RejectReason.NONCE_FLOOR_NOT_RAISED, "nonce floor " + command.floor() +
                " of subaccount " + command.subaccount() + " is not above the current " + current);
        }
        state.cancels.raiseFloor(account.owner(), command.subaccount(), command.floor());
        account.useNonce(command.nonce());
        events.nonceFloorRaised(sequence, account.owner(), command.subaccount(), command.floor(),
            signatures.lastSigner());
        return true;
    }

    /** The subaccount list of a key, checked: increasing numbers in [0, 255], at most 16. */
    private static int[] subaccounts(final List<Integer> listed, final Rejection rejection)
    {
        if (listed.size() > SessionKey.MAX_SUBACCOUNTS)
        {
            rejection.reject(RejectReason.INVALID_COMMAND, "a session key lists at most " +
                SessionKey.MAX_SUBACCOUNTS + " subaccounts (none for all), got " + listed.size());
            return null;
        }
        final int[] numbers = new int[listed.size()];
        for (int i = 0; i < numbers.length; i++)
        {
            final Integer number = listed.get(i);
            if (number == null || !Subaccount.isValidNumber(number))
            {
                rejection.reject(RejectReason.INVALID_SUBACCOUNT, "subaccount " + number + " is outside [0, 255]");
                return null;
            }
            if (i > 0 && number <= numbers[i - 1])
            {
                rejection.reject(RejectReason.INVALID_COMMAND, "a session key's subaccounts are listed in " +
                    "increasing order, each once");
                return null;
            }
            numbers[i] = number;
        }
        return numbers;
    }

    /** The account of a command only its owner may sign, or null with the reason recorded. */
    private Account ownerSigned(final io.novation.core.account.Address owner, final long nonce, final byte[] digest,
        final io.novation.core.crypto.EcdsaSignature signature, final long time, final Rejection rejection)
    {
        final Account account = knownAccount(owner, nonce, rejection);
        if (account == null)
        {
            return null;
        }
        final RejectReason refused = signatures.authorize(digest, signature, owner, account, 0, 0, 0, time);
        if (refused != null)
        {
            rejection.reject(refused, refused == RejectReason.BAD_SIGNATURE ? "not signed by " + owner :
                "signed by session key " + signatures.lastSigner() + ": only the owner manages session keys");
            return null;
        }
        return account;
    }

    /** The account of a cancel, signed by its owner or a session key with the cancel scope, or null. */
    private Account cancelSigner(final io.novation.core.account.Address owner, final int subaccount,
        final long nonce, final byte[] digest, final io.novation.core.crypto.EcdsaSignature signature,
        final long time, final Rejection rejection)
    {
        if (!Subaccount.isValidNumber(subaccount))
        {
            rejection.reject(RejectReason.INVALID_SUBACCOUNT, "subaccount " + subaccount + " is outside [0, 255]");
            return null;
        }
        final Account account = knownAccount(owner, nonce, rejection);
        if (account == null)
        {
            return null;
        }
        final RejectReason refused = signatures.authorize(digest, signature, owner, account, SessionKey.CANCEL,
            subaccount, subaccount, time);
        if (refused != null)
        {
            rejection.reject(refused, refused == RejectReason.BAD_SIGNATURE ? "not signed by " + owner +
                " or one of its session keys" : "signed by session key " + signatures.lastSigner() + ": " +
                refused.code());
            return null;
        }
        if (signatures.keyRaisesNonceTooFar(owner, account.lastNonce(), nonce))
        {
            rejection.reject(RejectReason.OUT_OF_SCOPE, "session key " + signatures.lastSigner() + " may raise " +
                "the account nonce by at most " + SessionKey.MAX_NONCE_STEP);
            return null;
        }
        return account;
    }

    private Account knownAccount(final io.novation.core.account.Address owner, final long nonce,
        final Rejection rejection)
    {
        final Account account = state.accounts.find(owner);
        if (account == null)
        {
            rejection.reject(RejectReason.UNKNOWN_ACCOUNT, "account " + owner + " has no collateral");
            return null;
        }
        if (nonce <= account.lastNonce())
        {
            rejection.reject(RejectReason.NONCE_REUSED, "nonce " + nonce + " is not above the last nonce " +
                account.lastNonce());
            return null;
        }
        return account;
    }
}
