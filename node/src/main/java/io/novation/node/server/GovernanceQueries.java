package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.Event;
import io.novation.core.governance.GovernanceBook;
import io.novation.core.governance.ScheduledChange;
import io.novation.node.json.Definitions;
import io.novation.node.json.Json;
import io.novation.node.json.RiskParameterKinds;

import java.time.Instant;
import java.util.List;

/**
 * The read of timelocked governance ({@code GET /v1/governance/pending}): the scheduled risk parameter changes not
 * yet applied or cancelled, in id order, each with its effective time and its change in the command's JSON, and the
 * governance and bridge keys in force; run on the engine thread like every read. It also keeps the node's envelope
 * check on the keys governance rotated.
 */
final class GovernanceQueries
{
    private GovernanceQueries()
    {
    }

    /**
     * The pending changes and the keys.
     *
     * @param engine the engine, on its thread.
     * @param host   the host, whose verifier holds the keys in force.
     * @return the reply body.
     */
    static ObjectNode pending(final ClearingEngine engine, final EngineHost host)
    {
        final GovernanceBook book = engine.state().governance();
        final Definitions definitions = Definitions.of(engine);
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("sequence", engine.state().sequence()).put("time", engine.state().time());
        final ArrayNode pending = body.putArray("pending");
        final List<ScheduledChange> changes = book.pendingChanges();
        for (final ScheduledChange change : changes)
        {
            final ObjectNode item = pending.addObject();
            item.put("changeId", change.changeId()).put("kind", change.change().kind())
                .put("scheduledAt", change.scheduledAt()).put("effectiveTime", change.effectiveTime())
                .put("effectiveAt", Instant.ofEpochMilli(change.effectiveTime()).toString());
            item.set("change", RiskParameterKinds.encode(change.change(), definitions));
        }
        body.put("governanceKey", host.verifier().authority().governance().toString())
            .put("bridgeKey", host.verifier().authority().bridge().toString())
            .put("governanceKeyRotated", book.governanceKey() != null)
            .put("bridgeKeyRotated", book.bridgeKey() != null);
        return body;
    }

    /**
     * Keeps the host's envelope check on the keys governance rotated: after each durable publication that applied a
     * rotation, on the engine thread, and once more from the engine thread at start (the host builds its verifier
     * from the recovered state's keys).
     *
     * @param host the host.
     */
    static void followKeys(final EngineHost host)
    {
        host.hub().observeExceptFills(events ->
        {
            for (int i = 0; i < events.size(); i++)
            {
                if (events.get(i) instanceof Event.RiskParametersApplied applied &&
                    (applied.kind().equals("governanceKey") || applied.kind().equals("bridgeKey")))
                {
                    host.verifier().follow(host.engine().state().governance());
                    return;
                }
            }
        });
        host.query(engine ->
        {
            host.verifier().follow(engine.state().governance());
            return null;
        });
    }
}
