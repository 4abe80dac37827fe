package io.novation.core.engine;

/**
 * The price band of a block trade leg (docs/protocol.md, "Block trades"): a perpetual leg within
 * {@value #PERPETUAL_BAND_PPM} ppm of its oracle (index) price; an option leg within {@value #OPTION_BAND_PPM} ppm
 * of its surface mark (below the mark a long is valued at, above the mark a short is valued at), widened to at least
 * {@value #OPTION_FLOOR_PPM} ppm of the underlying's price so that cheap options keep a usable band. Widths are
 * rounded down: the band is never wider than stated.
 */
public final class BlockTradeBand
{
    /** Half-width of a perpetual leg's band, ppm of the oracle price (5%). */
    public static final long PERPETUAL_BAND_PPM = 50_000;
    /** Half-width of an option leg's band, ppm of its mark (15%). */
    public static final long OPTION_BAND_PPM = 150_000;
    /** Least half-width of an option leg's band, ppm of the underlying's price (0.25%). */
    public static final long OPTION_FLOOR_PPM = 2_500;

    private BlockTradeBand()
    {
    }
}
