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
    /** The descriptor: binary type id 6, JSON {@code oraclePrice}, role owner. */
    public static final CommandType<OraclePrice> TYPE = CommandType.of(
        6, "oraclePrice", CommandRole.OWNER, OraclePrice.class,
        "Publishers: one round of signed price reports for an oracle.",
        OracleCodecs.ORACLE_PRICE);

    /**
     * Copies the reports.
     */
    public OraclePrice
    {
        reports = reports == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(reports));
    }

    @Override
    public OraclePrice withTime(final long newTime)
    {
        return newTime == time ? this : new OraclePrice(newTime, oracleId, reports);
    }

    @Override
    public CommandType<OraclePrice> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.oraclePrice(this);
    }
}
