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
     * Adds every unrevoked key the accounts hold; on the engine thread.
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
                if (!key.isRevoked())
                {
                    add(account.owner(), key.key());
                }
            }
        }
    }

    /**
     * Follows a durable group of events: registrations add a key, revocations remove it; on the engine thread.
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
            else if (event instanceof Event.SessionKeyRevoked revoked)
            {
                final Set<Address> held = keys.get(revoked.owner());
                if (held != null)
                {
                    held.remove(revoked.key());
                }
            }
        }
    }

    private void add(final Address owner, final Address key)
    {
        keys.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(key);
    }
}
