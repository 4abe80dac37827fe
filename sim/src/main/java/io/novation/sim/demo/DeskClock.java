package io.novation.sim.demo;

/**
 * The options desk's clock: the time of its next command, epoch ms, each command one millisecond after the one
 * before it.
 */
final class DeskClock
{
    private long time;

    /**
     * The time the next command will take.
     *
     * @return epoch ms.
     */
    long now()
    {
        return time;
    }

    /**
     * Takes the time for a command and moves on by one millisecond.
     *
     * @return the command's time, epoch ms.
     */
    long next()
    {
        return time++;
    }

    /**
     * Sets the time of the next command.
     *
     * @param at epoch ms.
     */
    void set(final long at)
    {
        time = at;
    }

    /**
     * Moves the clock to a time unless it is already past it.
     *
     * @param at epoch ms.
     */
    void atLeast(final long at)
    {
        time = Math.max(time, at);
    }

    /**
     * Moves on by a number of milliseconds (commands timed elsewhere, e.g. a batch of deposits).
     *
     * @param ms milliseconds.
     */
    void advance(final long ms)
    {
        time += ms;
    }
}
