package io.novation.archfixture.cycleb;

import io.novation.archfixture.cyclea.Ping;

/**
 * Planted violation: this package and {@code cyclea} use each other.
 */
public final class Pong
{
    private Pong()
    {
    }

    /**
     * Calls back into the other package.
     *
     * @return a count.
     */
    public static int pong()
    {
        return 0;
    }

    /**
     * Calls into the other package, closing the cycle.
     *
     * @return a count.
     */
    public static int back()
    {
        return Ping.ping();
    }
}
