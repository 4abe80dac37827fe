package io.novation.node.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.command.Command;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.CommandRole;
import io.novation.core.command.CommandType;
import io.novation.core.command.CommandTypes;

/**
 * The published weight of a request, in weight units: {@value #REQUEST} for the request itself (either command
 * route), plus for each command {@value #COMMAND} and {@value #SIGNATURE} per signature the node must recover for it
 * (two for a trade's orders, one per price report of an oracle round, one for an owner's signature or an
 * authority envelope). It is read from the JSON before any decoding or signature recovery.
 */
public final class RequestWeights
{
    /** The weight of a request to a command route, whatever it holds. */
    public static final long REQUEST = 1;
    /** The weight of one command, before its signatures. */
    public static final long COMMAND = 1;
    /** The weight of one signature to recover. */
    public static final long SIGNATURE = 1;
    /** Price reports counted for one oracle round at most (the decoder bounds them anyway). */
    private static final int MAX_COUNTED_REPORTS = 1_000;

    private RequestWeights()
    {
    }

    /**
     * The weight of one command as submitted.
     *
     * @param json     the command object.
     * @param envelope whether it came with an {@code "authority"} envelope.
     * @return its weight.
     */
    public static long command(final JsonNode json, final boolean envelope)
    {
        long signatures = envelope ? 1 : 0;
        if (json == null || !json.isObject())
        {
            return COMMAND + SIGNATURE * signatures;
        }
        final JsonNode typeName = json.get("type");
        final CommandType<?> type = typeName != null && typeName.isTextual() ?
            CommandTypes.byJsonName(typeName.asText()) : null;
        if (type != null && type.role() == CommandRole.OWNER)
        {
            final String name = type.jsonName();
            if ("settleTrade".equals(name))
            {
                signatures += 2;
            }
            else if ("oraclePrice".equals(name))
            {
                final JsonNode reports = json.get("reports");
                signatures += reports != null && reports.isArray() ? Math.min(reports.size(), MAX_COUNTED_REPORTS) : 0;
            }
            else
            {
                signatures += 1;
            }
        }
        return COMMAND + SIGNATURE * signatures;
    }

    /**
     * The weight of one command decoded from the binary feed, counted as {@link #command(JsonNode, boolean)} counts
     * its JSON form.
     *
     * @param command  the decoded command.
     * @param envelope whether it came with a governance envelope.
     * @return its weight.
     */
    public static long decoded(final Command command, final boolean envelope)
    {
        long signatures = envelope ? 1 : 0;
        if (command.role() == CommandRole.OWNER)
        {
            if (command instanceof SettleTrade)
            {
                signatures += 2;
            }
            else if (command instanceof OraclePrice round)
            {
                signatures += round.reports() == null ? 0 : Math.min(round.reports().size(), MAX_COUNTED_REPORTS);
            }
            else
            {
                signatures += 1;
            }
        }
        return COMMAND + SIGNATURE * signatures;
    }
}
