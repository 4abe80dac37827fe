package io.novation.node.json;

import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.CancelRiskParameters;
import io.novation.core.command.SetRiskParameters;

import java.time.Instant;
import java.util.List;

import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.OBJECT;
import static io.novation.node.json.JsonType.TIME;

/**
 * The JSON codecs of timelocked governance: {@code setRiskParameters} (a change id, an effective time and a
 * {@code change} object whose {@code kind} selects its fields, see {@link RiskParameterKinds}),
 * {@code cancelRiskParameters} and the sequencer's {@code applyRiskParameters} (encoded for readers, never decoded).
 */
final class GovernanceCodecs
{
    private static final JsonField CHANGE_ID = required("changeId", INTEGER,
        "governance's id of the change, positive, used at most once", "");

    static final JsonCommandCodec<SetRiskParameters> SET_RISK_PARAMETERS = new JsonCommandCodec<>(
        "setRiskParameters", SetRiskParameters.class,
        List.of(CHANGE_ID,
            required("effectiveTime", TIME, "when the change applies, at least its kind's minimum delay after the " +
                "command", "epoch ms or ISO-8601"),
            required("change", OBJECT, "the change: its \"kind\" (" + String.join(", ", RiskParameterKinds.names()) +
                ") and that kind's fields", "").with(RiskParameterKinds.allFields().toArray(JsonField[]::new))),
        (fields, time, context) -> new SetRiskParameters(time, fields.integer("changeId"),
            fields.time("effectiveTime"), RiskParameterKinds.decode(fields.object("change"), context)),
        (c, json, definitions) ->
        {
            json.put("changeId", c.changeId())
                .put("effectiveTime", Instant.ofEpochMilli(c.effectiveTime()).toString());
            json.set("change", RiskParameterKinds.encode(c.change(), definitions));
        });

    static final JsonCommandCodec<CancelRiskParameters> CANCEL_RISK_PARAMETERS = new JsonCommandCodec<>(
        "cancelRiskParameters", CancelRiskParameters.class,
        List.of(required("changeId", INTEGER, "the pending change's id", "")),
        (fields, time, context) -> new CancelRiskParameters(time, fields.integer("changeId")),
        (c, json, definitions) -> json.put("changeId", c.changeId()));

    /** The sequencer's application of a due change, for readers of the journal; clients cannot send it. */
    static final JsonCommandCodec<ApplyRiskParameters> APPLY_RISK_PARAMETERS = new JsonCommandCodec<>(
        "applyRiskParameters", ApplyRiskParameters.class,
        List.of(required("changeId", INTEGER, "the pending change's id", "")), null,
        (c, json, definitions) -> json.put("changeId", c.changeId()));

    private GovernanceCodecs()
    {
    }
}
