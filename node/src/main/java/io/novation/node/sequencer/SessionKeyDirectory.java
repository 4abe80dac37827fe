package io.novation.node.sequencer;

import io.novation.core.account.Account;
import io.novation.core.account.Accounts;
import io.novation.core.account.Address;
import io.novation.core.account.SessionKey;
import io.novation.core.event.Event;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session keys each account's owner registered and has not revoked, as the signature pre-verification sees them:
 * filled from the engine's accounts and kept by its durable events, both on the engine thread, and read from any
 * verifier thread. It only admits a signature for sequencing; the engine decides, at the command's turn, whether the
 * key is live, unexpired and in scope. Thread-safe.
 */
public final class SessionKeyDirectory
{
    private final ConcurrentHashMap<Address, Set<Address>> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Address, Set<Address>> revoked = new ConcurrentHashMap<>();

    /**
     * Whether an address is a registered, unrevoked session key of an owner.
     *
     * @param owner the account's owner.
     * @param key   the signer.
     * @return true when registered.
     */
    public boolean isKeyOf(final Address owner, final Address key)
    {
        if (owner == null || key == null)
        {
            return false;
        }
        final Set<Address> held = keys.get(owner);
        return held != null && held.contains(key);
    }

    /**
     * Whether an address is a session key its owner revoked (and has not registered again), so that a signature by
     * it is refused with {@code SESSION_KEY_REVOKED} rather than as a stranger's.
     *
     * @param owner the account's owner.
     * @param key   the signer.
     * @return true when revoked.
     */
    public boolean isRevokedKeyOf(final Address owner, final Address key)
    {
        if (owner == null || key == null)
        {
            return false;
        }
        final Set<Address> held = revoked.get(owner);
        return held != null && held.contains(key);
    }

    /**
     * Adds every key the accounts hold, live or revoked; on the engine thread.
     *
     * @param accounts the engine's accounts.
     */
    public void load(final Accounts accounts)
    {
        for (int i = 0; i < accounts.count(); i++)
        {
            final Account account = accounts.at(i);
            for (int k = 0; k < account.sessionKeyCount(); k++)
            {
                final SessionKey key = account.sessionKeyAt(k);
                if (key.isRevoked())
                {
                    revoked.computeIfAbsent(account.owner(), o -> ConcurrentHashMap.newKeySet()).add(key.key());
                }
                else
                {
                    add(account.owner(), key.key());
                }
            }
        }
    }

    /**
     * Follows a durable group of events: registrations add a key, revocations move it to the revoked; on the engine
     * thread.
     *
     * @param events the group.
     */
    public void onDurable(final List<Event> events)
    {
        for (int i = 0; i < events.size(); i++)
        {
            final Event event = events.get(i);
            if (event instanceof Event.SessionKeyRegistered registered)
            {
                add(registered.owner(), registered.key());
            }
            else if (event instanceof Event.SessionKeyRevoked revocation)
            {
                final Set<Address> held = keys.get(revocation.owner());
                if (held != null)
                {
                    held.remove(revocation.key());
                }
                revoked.computeIfAbsent(revocation.owner(), o -> ConcurrentHashMap.newKeySet()).add(revocation.key());
            }
        }
    }

    private void add(final Address owner, final Address key)
    {
        final Set<Address> wasRevoked = revoked.get(owner);
        if (wasRevoked != null)
        {
            wasRevoked.remove(key);
        }
        keys.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(key);
    }
}
