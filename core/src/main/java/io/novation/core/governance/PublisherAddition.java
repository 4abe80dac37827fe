package io.novation.core.governance;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.PublisherSet;

/**
 * Adds a publisher to an oracle: a new voice in its median, trusted only after
 * {@link GovernanceDelays#PUBLISHER_ADDITION_MS} (counted as loosening).
 *
 * @param oracleId  the oracle.
 * @param publisher the publisher's address.
 */
public record PublisherAddition(int oracleId, Address publisher) implements RiskParameterChange
{
    /** The binary tag. */
    public static final int TAG = 6;
    /** The JSON kind. */
    public static final String KIND = "publisherAddition";

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
        if (!books.oracles().exists(oracleId))
        {
            return ChangeCheck.fail(ChangeCheck.Problem.UNKNOWN_ORACLE, "no oracle " + oracleId);
        }
        if (publisher == null)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.OUT_OF_RANGE, "a publisher address is required");
        }
        final PublisherSet publishers = books.oracles().feed(oracleId).publishers();
        if (publishers.indexOf(publisher) >= 0)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.DUPLICATE_PUBLISHER, publisher +
                " is already a publisher of oracle " + oracleId);
        }
        if (publishers.count() >= OracleParameters.MAX_PUBLISHERS)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.OUT_OF_RANGE, "an oracle has at most " +
                OracleParameters.MAX_PUBLISHERS + " publishers");
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        return true;
    }

    @Override
    public long minimumDelayMs(final GovernedBooks books)
    {
        return GovernanceDelays.PUBLISHER_ADDITION_MS;
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.addPublisher(oracleId, publisher);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        out.putInt(oracleId).putAddress(publisher);
    }
}
