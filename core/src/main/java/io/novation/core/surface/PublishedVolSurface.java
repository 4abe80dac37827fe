package io.novation.core.surface;

import io.novation.core.commitment.LeafEncoding;
import io.novation.core.account.Address;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.pricing.SviParameters;
import io.novation.core.pricing.SviSlice;
import io.novation.core.pricing.VolatilitySurface;

import java.util.ArrayList;
import java.util.List;

/**
 * One volatility surface of an underlying, as it is committed (in effect, held or pending a quorum): the publishers'
 * publication time (epoch ms), the first publisher that signed it (unknown for a surface restored from a snapshot
 * older than version 5, when governance published surfaces) and, per expiry (epoch ms), raw SVI parameters as integers
 * in billionths. The doubles pricing uses are derived from them: T = (expiry − publishedAt) / 365 days in years, each
 * parameter the integer divided by 1e9 (a correctly rounded IEEE division, the same on every machine).
 */
public final class PublishedVolSurface
{
    /** Milliseconds in the year of the surface's time to expiry: 365 days (Derive's {@code lyra-utils}). */
    public static final double YEAR_MS = 365.0 * 24 * 60 * 60 * 1000;
    /** Scale of the SVI parameters' fixed-point integers. */
    public static final double NANOS = 1e9;
    /** Most expiries one surface may hold. */
    public static final int MAX_SLICES = 32;
    /** The publisher bytes committed for a surface without one (governance-authorized, before signatures). */
    private static final byte[] NO_PUBLISHER = new byte[20];

    private final int oracleId;
    private final long publishedAt;
    private final Address publisher;
    private final List<OracleVolSurface.Slice> slices;
    private final VolatilitySurface surface;

    private PublishedVolSurface(final int oracleId, final long publishedAt, final Address publisher,
        final List<OracleVolSurface.Slice> slices, final VolatilitySurface surface)
    {
        this.oracleId = oracleId;
        this.publishedAt = publishedAt;
        this.publisher = publisher;
        this.slices = slices;
        this.surface = surface;
    }

    /**
     * A surface from published slices.
     *
     * @param oracleId    the underlying's oracle.
     * @param publishedAt the publisher's time, epoch ms.
     * @param publisher   the publisher, or null when unknown (restored from a snapshot before version 5).
     * @param slices      1 to {@link #MAX_SLICES} slices, none null, expiries strictly increasing after
     *                    {@code publishedAt}.
     * @return the surface.
     * @throws IllegalArgumentException naming what does not fit.
     */
    public static PublishedVolSurface of(final int oracleId, final long publishedAt, final Address publisher,
        final List<OracleVolSurface.Slice> slices)
    {
        if (slices == null || slices.isEmpty() || slices.size() > MAX_SLICES)
        {
            throw new IllegalArgumentException("a volatility surface needs 1 to " + MAX_SLICES + " slices");
        }
        final List<SviSlice> doubles = new ArrayList<>(slices.size());
        long previous = publishedAt;
        for (int i = 0; i < slices.size(); i++)
        {
            final OracleVolSurface.Slice slice = slices.get(i);
            if (slice == null)
            {
                throw new IllegalArgumentException("slice " + i + " is missing");
            }
            if (slice.expiry() <= previous)
            {
                throw new IllegalArgumentException("slice " + i + " expires at " + slice.expiry() + ", not after " +
                    (i == 0 ? "the publication time " : "the slice before, ") + previous);
            }
            previous = slice.expiry();
            doubles.add(SviSlice.of(years(slice.expiry(), publishedAt), parameters(slice)));
        }
        return new PublishedVolSurface(oracleId, publishedAt, publisher, List.copyOf(slices),
            VolatilitySurface.of(doubles));
    }

    /**
     * The SVI parameters of a slice as doubles.
     *
     * @param slice fixed-point slice.
     * @return the parameters.
     */
    public static SviParameters parameters(final OracleVolSurface.Slice slice)
    {
        return SviParameters.of(slice.aNanos() / NANOS, slice.bNanos() / NANOS, slice.rhoNanos() / NANOS,
            slice.mNanos() / NANOS, slice.sigmaNanos() / NANOS);
    }

    /**
     * Time between two instants in years of 365 days.
     *
     * @param later   epoch ms.
     * @param earlier epoch ms.
     * @return years, negative when {@code later} is before {@code earlier}.
     */
    public static double years(final long later, final long earlier)
    {
        return (later - earlier) / YEAR_MS;
    }

    public int oracleId()
    {
        return oracleId;
    }

    /**
     * When the surface was published; its slices' times to expiry are counted from here.
     *
     * @return epoch ms.
     */
    public long publishedAt()
    {
        return publishedAt;
    }

    /**
     * The registered publisher that first signed this surface (a quorum co-signed it before it took effect).
     *
     * @return the address, or null for a surface restored from a snapshot before version 5.
     */
    public Address publisher()
    {
        return publisher;
    }

    /**
     * The published slices, fixed-point, in order of expiry.
     *
     * @return an unmodifiable list.
     */
    public List<OracleVolSurface.Slice> slices()
    {
        return slices;
    }

    /**
     * The surface in doubles, times to expiry counted from the publication.
     *
     * @return the surface.
     */
    public VolatilitySurface surface()
    {
        return surface;
    }

    /**
     * The implied volatility of a strike for an expiry: the surface's at k = ln(K/F) and the expiry's time from the
     * publication (so the volatility of a series does not drift between publications while its time to expiry runs
     * down). An expiry not after the publication (possible for a surface dated up to the oracle's future skew ahead of
     * sequencer time) takes the volatility of the first slice's time, as the surface holds volatility flat before its
     * first slice.
     *
     * @param forward forward price, price units, positive.
     * @param strike  strike, price units, positive.
     * @param expiry  epoch ms.
     * @return annual volatility.
     */
    public double impliedVolatility(final double forward, final double strike, final long expiry)
    {
        final double years = expiry <= publishedAt ? surface.slices().get(0).expiryYears() :
            years(expiry, publishedAt);
        return surface.impliedVolatilityForStrike(forward, strike, years);
    }

    /**
     * The implied volatility at a strike and expiry in millionths, rounded down, for decisions that compare surfaces
     * in integers.
     *
     * @param forward forward (or index) price, price units.
     * @param strike  strike, price units.
     * @param expiry  epoch ms.
     * @return annual volatility in millionths, or -1 when the surface gives no finite volatility there.
     */
    public long impliedVolatilityMicros(final long forward, final long strike, final long expiry)
    {
        final double volatility = impliedVolatility(forward, strike, expiry);
        return Double.isFinite(volatility) && volatility >= 0 && volatility < 1e12 ?
            (long)StrictMath.floor(volatility * 1e6) : -1;
    }

    /**
     * Appends this surface (oracle, publication time, publisher, slices) to the global leaf of the state commitment
     * (docs/commitment.md).
     *
     * @param encoding the leaf being written.
     */
    public void commitTo(final LeafEncoding encoding)
    {
        encoding.putInt(oracleId()).putLong(publishedAt())
            .putBytes(publisher() == null ? NO_PUBLISHER : publisher().toBytes(), 0, 20)
            .putShort(slices().size());
        for (final OracleVolSurface.Slice slice : slices())
        {
            encoding.putLong(slice.expiry()).putLong(slice.aNanos()).putLong(slice.bNanos())
                .putLong(slice.rhoNanos()).putLong(slice.mNanos()).putLong(slice.sigmaNanos());
        }
    }
}
