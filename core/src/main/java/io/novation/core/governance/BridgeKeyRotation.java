package io.novation.core.governance;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryWriter;

/**
 * Rotates the bridge key, which signs deposits and forced withdrawals observed on the base chain: from its
 * effective time the node admits only envelopes signed by the new key. Waits
 * {@link GovernanceDelays#KEY_ROTATION_MS}, so that a stolen key cannot rotate itself out of reach unseen.
 *
 * @param key the new key's address.
 */
public record BridgeKeyRotation(Address key) implements RiskParameterChange
{
    /** The binary tag. */
    public static final int TAG = 9;
    /** The JSON kind. */
    public static final String KIND = "bridgeKey";

    @Override
    public int tag()
    {
        return TAG;
    }

    @Override
    public String kind()
    {
        return KIND;
    }

    @Override
    public ChangeCheck check(final GovernedBooks books)
    {
        return ChangeCheck.ofNewKey(key);
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        return false;
    }

    @Override
    public long minimumDelayMs(final GovernedBooks books)
    {
        return GovernanceDelays.KEY_ROTATION_MS;
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.bridgeKey(key);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        out.putAddress(key);
    }
}
