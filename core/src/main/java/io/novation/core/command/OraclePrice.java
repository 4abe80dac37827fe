package io.novation.core.command;

import java.util.List;

/**
 * Oracle publishers, relayed by the sequencer: one round of signed price reports for an oracle. The engine accepts the
 * median of the valid reports when a quorum of distinct registered publishers signed them within the freshness
 * window, subject to the deviation guard.
 *
 * @param time     sequencer time, epoch ms.
 * @param oracleId oracle.
 * @param reports  the round's reports, at most {@link io.novation.core.oracle.OracleParameters#MAX_PUBLISHERS}.
 */
public record OraclePrice(long time, int oracleId, List<PriceReport> reports) implements Command
{
    /**
     * Copies the reports.
     */
    public OraclePrice
    {
        reports = reports == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(reports));
    }
}
