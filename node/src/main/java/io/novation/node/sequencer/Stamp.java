package io.novation.node.sequencer;

import io.novation.core.command.Command;

/**
 * What the sequencing policy made of one verified submission: the command restamped with its sequencer time (epoch
 * ms) and the governance nonce it consumes, ready to be applied; or the refusal that keeps it out of the sequence.
 *
 * @param command        the command at its sequencer time, or null when refused.
 * @param time           the sequencer time, epoch ms (0 when refused).
 * @param authorityNonce the governance envelope's nonce it consumes, or 0.
 * @param refusal        why it is not sequenced, or null.
 */
public record Stamp(Command command, long time, long authorityNonce, Refusal refusal)
{
    /**
     * A refused submission.
     *
     * @param refusal why.
     * @return the stamp.
     */
    static Stamp refused(final Refusal refusal)
    {
        return new Stamp(null, 0, 0, refusal);
    }

    /**
     * Whether the command may be applied.
     *
     * @return true unless refused.
     */
    public boolean admitted()
    {
        return refusal == null;
    }
}
