package io.novation.core.oracle;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest published volatility surface of each underlying, by oracle id (none until one is published).
 */
public final class VolSurfaceBook
{
    private final List<PublishedVolSurface> surfaces = new ArrayList<>();
    private int count;

    /**
     * The surface of an underlying, or null.
     *
     * @param oracleId the underlying's oracle.
     * @return the surface or null.
     */
    public PublishedVolSurface surface(final int oracleId)
    {
        return oracleId >= 0 && oracleId < surfaces.size() ? surfaces.get(oracleId) : null;
    }

    /**
     * Replaces the surface of its underlying.
     *
     * @param surface the new surface.
     */
    public void publish(final PublishedVolSurface surface)
    {
        while (surfaces.size() <= surface.oracleId())
        {
            surfaces.add(null);
        }
        if (surfaces.get(surface.oracleId()) == null)
        {
            count++;
        }
        surfaces.set(surface.oracleId(), surface);
    }

    /**
     * Number of underlyings with a surface.
     *
     * @return count.
     */
    public int count()
    {
        return count;
    }

    /**
     * One past the highest oracle id that may have a surface, for iteration with {@link #surface(int)}.
     *
     * @return bound.
     */
    public int slots()
    {
        return surfaces.size();
    }
}
