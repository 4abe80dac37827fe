package io.novation.core.governance;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.oracle.PublisherSet;

/**
 * Removes a publisher from an oracle (a faulty or compromised one), after {@link GovernanceDelays#PUBLISHER_REMOVAL_MS}
 * (counted as tightening); refused when the oracle would keep fewer publishers than its quorum.
 *
 * @param oracleId  the oracle.
 * @param publisher the publisher's address.
 */
public record PublisherRemoval(int oracleId, Address publisher) implements RiskParameterChange
{
    /** The binary tag. */
    public static final int TAG = 7;
    /** The JSON kind. */
    public static final String KIND = "publisherRemoval";

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
        final PublisherSet publishers = books.oracles().feed(oracleId).publishers();
        if (publisher == null || publishers.indexOf(publisher) < 0)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.UNKNOWN_PUBLISHER, publisher + " is not a publisher of " +
                "oracle " + oracleId);
        }
        final int quorum = books.oracles().feed(oracleId).parameters().quorum();
        if (publishers.count() - 1 < quorum)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.BELOW_QUORUM, "removing " + publisher + " would leave " +
                (publishers.count() - 1) + " publishers, below the quorum of " + quorum);
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        return false;
    }

    @Override
    public long minimumDelayMs(final GovernedBooks books)
    {
        return GovernanceDelays.PUBLISHER_REMOVAL_MS;
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.removePublisher(oracleId, publisher);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        out.putInt(oracleId).putAddress(publisher);
    }
}
