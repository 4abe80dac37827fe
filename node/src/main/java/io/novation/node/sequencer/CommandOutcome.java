package io.novation.node.sequencer;

import io.novation.core.event.Event;

import java.util.List;

/**
 * What became of one submitted command: sequenced (applied, or rejected by the engine with a reason code, in both
 * cases journaled and durable) or refused at sequencing (no sequence number, nothing journaled).
 *
 * @param sequence the command's sequence, 0 when refused.
 * @param time     the sequencer time it was applied at, epoch ms.
 * @param applied  whether the engine applied it.
 * @param code     the reason code when not applied, else null.
 * @param message  the reason when not applied, else null.
 * @param events   its events, when asked for; else an empty list.
 * @param refusal  the refusal at sequencing, else null.
 */
public record CommandOutcome(long sequence, long time, boolean applied, String code, String message,
    List<Event> events, Refusal refusal)
{
}
