package io.novation.core.surface;

import io.novation.core.commitment.LeafEncoding;
import io.novation.core.oracle.VolSurfaceParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The volatility surfaces of each underlying, by oracle id: the surface in effect (none until a quorum of publishers
 * signs one), the surface the deviation guard holds and the submissions short of a quorum ({@link VolSurfaceFeed}),
 * each under its {@link VolSurfaceParameters}. Margin reads a surface through its views: the volatility of a
 * strike and expiry on the surface in effect and on a held one, each shifted down and up by the stale band once the
 * surface in effect is older than its heartbeat (times in epoch ms).
 * Each underlying has its own parameters, the defaults until governance sets others.
 */
public final class VolSurfaceBook
{
    private final List<VolSurfaceFeed> feeds = new ArrayList<>();
    private int count;

    /**
     * The surface in effect of an underlying, or null.
     *
     * @param oracleId the underlying's oracle.
     * @return the surface or null.
     */
    public PublishedVolSurface surface(final int oracleId)
    {
        final VolSurfaceFeed feed = feed(oracleId);
        return feed == null ? null : feed.current();
    }

    /**
     * The surfaces of an underlying, or null when it has never had a submission.
     *
     * @param oracleId the underlying's oracle.
     * @return the feed or null.
     */
    public VolSurfaceFeed feed(final int oracleId)
    {
        return oracleId >= 0 && oracleId < feeds.size() ? feeds.get(oracleId) : null;
    }

    /**
     * The surfaces of an underlying, created empty when missing (an empty feed is not part of the state root).
     *
     * @param oracleId the underlying's oracle, not negative.
     * @return the feed.
     */
    public VolSurfaceFeed feedFor(final int oracleId)
    {
        while (feeds.size() <= oracleId)
        {
            feeds.add(null);
        }
        VolSurfaceFeed feed = feeds.get(oracleId);
        if (feed == null)
        {
            feed = new VolSurfaceFeed(oracleId);
            feeds.set(oracleId, feed);
        }
        return feed;
    }

    /**
     * Puts a surface in effect for its underlying, clearing any held one.
     *
     * @param surface the new surface.
     */
    public void publish(final PublishedVolSurface surface)
    {
        final VolSurfaceFeed feed = feedFor(surface.oracleId());
        if (feed.current() == null)
        {
            count++;
        }
        feed.accept(surface);
    }

    /**
     * Number of underlyings with a surface in effect.
     *
     * @return count.
     */
    public int count()
    {
        return count;
    }

    /**
     * Number of underlyings with a held surface, submissions short of a quorum or parameters other than the defaults.
     *
     * @return count.
     */
    public int roundCount()
    {
        int rounds = 0;
        for (int i = 0; i < feeds.size(); i++)
        {
            rounds += feeds.get(i) != null && feeds.get(i).hasRounds() ? 1 : 0;
        }
        return rounds;
    }

    /**
     * One past the highest oracle id that may have a surface, for iteration with {@link #surface(int)}.
     *
     * @return bound.
     */
    public int slots()
    {
        return feeds.size();
    }

    /**
     * The surface parameters of an underlying.
     *
     * @param oracleId the underlying's oracle.
     * @return its parameters, the defaults until governance sets others.
     */
    public VolSurfaceParameters parameters(final int oracleId)
    {
        final VolSurfaceFeed feed = feed(oracleId);
        return feed == null ? VolSurfaceParameters.DEFAULTS : feed.parameters();
    }

    /**
     * Replaces the surface parameters of an underlying.
     *
     * @param oracleId      the underlying's oracle, not negative.
     * @param newParameters the parameters.
     */
    public void parameters(final int oracleId, final VolSurfaceParameters newParameters)
    {
        feedFor(oracleId).parameters(newParameters);
    }

    /**
     * Milliseconds since the surface in effect was published.
     *
     * @param oracleId the underlying's oracle.
     * @param now      sequencer time, epoch ms.
     * @return age, at least 0; 0 without a surface.
     */
    public long age(final int oracleId, final long now)
    {
        final PublishedVolSurface current = surface(oracleId);
        return current == null ? 0 : Math.max(0, now - current.publishedAt());
    }

    /**
     * Whether the surface in effect is older than the heartbeat: risk in its options cannot grow.
     *
     * @param oracleId the underlying's oracle.
     * @param now      sequencer time, epoch ms.
     * @return true when stale; false without a surface.
     */
    public boolean isStale(final int oracleId, final long now)
    {
        return age(oracleId, now) > parameters(oracleId).heartbeatMs();
    }

    /**
     * The relative shift of volatility margin applies to the surface in effect.
     *
     * @param oracleId the underlying's oracle.
     * @param now      sequencer time, epoch ms.
     * @return parts per million; 0 while fresh.
     */
    public long staleBandPpm(final int oracleId, final long now)
    {
        return parameters(oracleId).staleBandPpm(age(oracleId, now));
    }

    /**
     * Whether margin values the underlying's options on more than one volatility (stale, or a surface held).
     *
     * @param oracleId the underlying's oracle.
     * @param now      sequencer time, epoch ms.
     * @return true when uncertain.
     */
    public boolean isUncertain(final int oracleId, final long now)
    {
        return viewCount(oracleId, now) > 1;
    }

    /**
     * The number of volatility views margin takes the worst of: 0 without a surface in effect, 1 when it is fresh
     * and nothing is held, twice as many with a held surface, three times as many once stale (shifted down, as
     * published, shifted up).
     *
     * @param oracleId the underlying's oracle.
     * @param now      sequencer time, epoch ms.
     * @return the count.
     */
    public int viewCount(final int oracleId, final long now)
    {
        final VolSurfaceFeed feed = feed(oracleId);
        if (feed == null || feed.current() == null)
        {
            return 0;
        }
        return (feed.held() == null ? 1 : 2) * (staleBandPpm(oracleId, now) == 0 ? 1 : 3);
    }

    /**
     * The volatility of a strike and expiry in one view ({@link PublishedVolSurface#impliedVolatility}, then the
     * stale shift: view {@code v} reads the surface in effect for {@code v / bands == 0} and the held one otherwise,
     * and multiplies by 1, 1 − band or 1 + band for {@code v % bands} = 0, 1, 2).
     *
     * @param oracleId the underlying's oracle, with a surface in effect.
     * @param now      sequencer time, epoch ms.
     * @param view     0 to {@link #viewCount} − 1.
     * @param forward  forward price, price units, positive.
     * @param strike   strike, price units, positive.
     * @param expiry   epoch ms.
     * @return annual volatility (NaN when the surface cannot price it).
     */
    public double volatility(final int oracleId, final long now, final int view, final double forward,
        final double strike, final long expiry)
    {
        final VolSurfaceFeed feed = feed(oracleId);
        final long band = staleBandPpm(oracleId, now);
        final int bands = band == 0 ? 1 : 3;
        final PublishedVolSurface surface = view / bands == 0 ? feed.current() : feed.held();
        final double volatility = surface.impliedVolatility(forward, strike, expiry);
        return switch (view % bands)
        {
            case 1 -> volatility * (1.0 - band / 1e6);
            case 2 -> volatility * (1.0 + band / 1e6);
            default -> volatility;
        };
    }

    /**
     * Appends the surfaces' rounds to the global leaf of the state commitment, only when there are any (so the root
     * of a state without them is unchanged): count of underlyings (2), per underlying in oracle order its oracle id
     * (4) ‖ heartbeat (8) ‖ deviation threshold (8) ‖ band base (8) ‖ band per hour (8) ‖ band max (8) ‖ held (1)
     * [‖ held at (8) ‖ held signers (4) ‖ surface] ‖ candidate count (2) ‖ per candidate its signers (4) ‖ surface;
     * parameters other than the defaults, surfaces held by the deviation guard and submissions short of a quorum.
     *
     * @param encoding the leaf being written.
     */
    public void commitRoundsTo(final LeafEncoding encoding)
    {
        final int rounds = roundCount();
        if (rounds == 0)
        {
            return;
        }
        encoding.putShort(rounds);
        for (int i = 0; i < slots(); i++)
        {
            final VolSurfaceFeed feed = feed(i);
            if (feed == null || !feed.hasRounds())
            {
                continue;
            }
            final VolSurfaceParameters parameters = feed.parameters();
            encoding.putInt(i).putLong(parameters.heartbeatMs()).putLong(parameters.deviationThresholdPpm())
                .putLong(parameters.staleBandBasePpm()).putLong(parameters.staleBandPpmPerHour())
                .putLong(parameters.staleBandMaxPpm()).putByte(feed.held() == null ? 0 : 1);
            if (feed.held() != null)
            {
                encoding.putLong(feed.heldAt()).putInt(feed.heldSigners());
                feed.held().commitTo(encoding);
            }
            encoding.putShort(feed.candidates().size());
            for (final VolSurfaceFeed.Candidate candidate : feed.candidates())
            {
                encoding.putInt(candidate.signers());
                candidate.surface().commitTo(encoding);
            }
        }
    }
}
