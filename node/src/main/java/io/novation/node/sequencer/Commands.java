package io.novation.node.sequencer;

import io.novation.core.command.Command;

/**
 * Rebuilds commands with another sequencer time (epoch ms), keeping every other field (orders keep their cached
 * digests). Kept for the call sites that still use it; new code calls {@link Command#withTime(long)} directly.
 */
public final class Commands
{
    private Commands()
    {
    }

    /**
     * The same command at another time.
     *
     * @param command the command.
     * @param time    epoch ms.
     * @return the command itself when the time is unchanged, else a copy.
     */
    public static Command withTime(final Command command, final long time)
    {
        return command.withTime(time);
    }
}
