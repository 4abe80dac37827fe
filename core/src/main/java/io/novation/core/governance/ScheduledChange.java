package io.novation.core.governance;

import java.util.Objects;

/**
 * A risk parameter change waiting for its effective time.
 *
 * @param changeId      governance's id of the change, positive, used at most once.
 * @param scheduledAt   sequencer time of the command that scheduled it, epoch ms.
 * @param effectiveTime the earliest sequencer time at which it applies, epoch ms.
 * @param change        the change.
 */
public record ScheduledChange(long changeId, long scheduledAt, long effectiveTime, RiskParameterChange change)
{
    /**
     * A scheduled change.
     */
    public ScheduledChange
    {
        Objects.requireNonNull(change, "change");
    }
}
