package io.novation.archfixture.clock;

import java.util.Random;

/**
 * Planted violations: a wall-clock read and a random draw, neither of which a deterministic engine may make.
 */
public final class WallClock
{
    private WallClock()
    {
    }

    /**
     * The machine's time.
     *
     * @return epoch ms.
     */
    public static long now()
    {
        return System.currentTimeMillis();
    }

    /**
     * A random draw.
     *
     * @return a number.
     */
    public static int draw()
    {
        return new Random().nextInt();
    }
}
