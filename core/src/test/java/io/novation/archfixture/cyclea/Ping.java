package io.novation.archfixture.cyclea;

import io.novation.archfixture.cycleb.Pong;

/**
 * Planted violation: this package and {@code cycleb} use each other.
 */
public final class Ping
{
    private Ping()
    {
    }

    /**
     * Calls into the other package.
     *
     * @return a count.
     */
    public static int ping()
    {
        return Pong.pong() + 1;
    }
}
