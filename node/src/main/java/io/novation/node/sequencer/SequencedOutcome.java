package io.novation.node.sequencer;

/**
 * What became of the last command a {@link SequencedEngine} sequenced, in one instance the engine fills again on each
 * call (times in epoch ms): for a host that reads it at once on the same thread, so that sequencing builds no
 * {@link CommandOutcome}. Valid until the engine's next {@code sequence} call; never to be kept or queued.
 */
public final class SequencedOutcome
{
    private long sequence;
    private long time;
    private boolean applied;
    private String code;
    private String message;
    private Refusal refusal;

    SequencedOutcome()
    {
    }

    void refused(final Refusal refusal)
    {
        this.sequence = 0;
        this.time = 0;
        this.applied = false;
        this.code = refusal.code();
        this.message = refusal.getMessage();
        this.refusal = refusal;
    }

    void sequenced(final long sequence, final long time, final boolean applied, final String code,
        final String message)
    {
        this.sequence = sequence;
        this.time = time;
        this.applied = applied;
        this.code = code;
        this.message = message;
        this.refusal = null;
    }

    /**
     * The command's sequence.
     *
     * @return sequence, 0 when refused.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * The sequencer time it was applied at.
     *
     * @return epoch ms, 0 when refused.
     */
    public long time()
    {
        return time;
    }

    /**
     * Whether the engine applied it.
     *
     * @return true when applied.
     */
    public boolean applied()
    {
        return applied;
    }

    /**
     * The reason code when not applied.
     *
     * @return code, or null.
     */
    public String code()
    {
        return code;
    }

    /**
     * The reason when not applied.
     *
     * @return message, or null.
     */
    public String message()
    {
        return message;
    }

    /**
     * The refusal at sequencing.
     *
     * @return refusal, or null.
     */
    public Refusal refusal()
    {
        return refusal;
    }
}
