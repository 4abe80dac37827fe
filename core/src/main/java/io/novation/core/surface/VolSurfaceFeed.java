package io.novation.core.surface;

import io.novation.core.command.OracleVolSurface;
import io.novation.core.oracle.VolSurfaceParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * The volatility surfaces of one underlying under its {@link VolSurfaceParameters}: the surface in effect, the surface
 * the deviation guard holds (with the sequencer time it was held, epoch ms, and its co-signers as a bit set of
 * publisher indices), and the submissions still short of a quorum, each a surface with the bit set of the publishers
 * that signed it, in order of first submission.
 */
public final class VolSurfaceFeed
{
    private final int oracleId;
    private final List<Candidate> candidates = new ArrayList<>();
    private VolSurfaceParameters parameters = VolSurfaceParameters.DEFAULTS;
    private PublishedVolSurface current;
    private PublishedVolSurface held;
    private long heldAt;
    private int heldSigners;

    VolSurfaceFeed(final int oracleId)
    {
        this.oracleId = oracleId;
    }

    public int oracleId()
    {
        return oracleId;
    }

    public VolSurfaceParameters parameters()
    {
        return parameters;
    }

    /**
     * Replaces the underlying's surface parameters.
     *
     * @param newParameters the parameters.
     */
    public void parameters(final VolSurfaceParameters newParameters)
    {
        parameters = java.util.Objects.requireNonNull(newParameters, "parameters");
    }

    /**
     * The surface in effect.
     *
     * @return the surface, or null before the first quorum.
     */
    public PublishedVolSurface current()
    {
        return current;
    }

    /**
     * The surface held by the deviation guard until a following quorum confirms it.
     *
     * @return the surface, or null.
     */
    public PublishedVolSurface held()
    {
        return held;
    }

    /**
     * Sequencer time the held surface was held.
     *
     * @return epoch ms, 0 when none is held.
     */
    public long heldAt()
    {
        return heldAt;
    }

    /**
     * The publishers that co-signed the held surface.
     *
     * @return bit set of publisher indices, 0 when none is held.
     */
    public int heldSigners()
    {
        return heldSigners;
    }

    /**
     * The submissions short of a quorum, in order of first submission.
     *
     * @return an unmodifiable view.
     */
    public List<Candidate> candidates()
    {
        return java.util.Collections.unmodifiableList(candidates);
    }

    /**
     * Whether the feed holds a surface waiting for confirmation, submissions short of a quorum or parameters other
     * than the defaults: state committed besides the surface in effect.
     *
     * @return true when there is such state.
     */
    public boolean hasRounds()
    {
        return held != null || !candidates.isEmpty() || !parameters.equals(VolSurfaceParameters.DEFAULTS);
    }

    /**
     * The candidate a publisher signed.
     *
     * @param publisherIndex index in the oracle's publisher set.
     * @return the candidate, or null.
     */
    public Candidate signedBy(final int publisherIndex)
    {
        for (int i = 0; i < candidates.size(); i++)
        {
            if ((candidates.get(i).signers & (1 << publisherIndex)) != 0)
            {
                return candidates.get(i);
            }
        }
        return null;
    }

    /**
     * The candidate with the same publication time and slices, or null.
     *
     * @param publishedAt epoch ms.
     * @param slices      the slices.
     * @return the candidate, or null.
     */
    public Candidate matching(final long publishedAt, final List<OracleVolSurface.Slice> slices)
    {
        for (int i = 0; i < candidates.size(); i++)
        {
            final PublishedVolSurface surface = candidates.get(i).surface;
            if (surface.publishedAt() == publishedAt && surface.slices().equals(slices))
            {
                return candidates.get(i);
            }
        }
        return null;
    }

    /**
     * Records a publisher's signature: withdraws it from any other candidate, then adds it to the matching candidate
     * or to a new one made of {@code surface}.
     *
     * @param publisherIndex index in the oracle's publisher set.
     * @param surface        the submitted surface.
     * @return the candidate it joined.
     */
    public Candidate sign(final int publisherIndex, final PublishedVolSurface surface)
    {
        final int bit = 1 << publisherIndex;
        for (int i = candidates.size() - 1; i >= 0; i--)
        {
            final Candidate candidate = candidates.get(i);
            candidate.signers &= ~bit;
            if (candidate.signers == 0)
            {
                candidates.remove(i);
            }
        }
        Candidate candidate = matching(surface.publishedAt(), surface.slices());
        if (candidate == null)
        {
            candidate = new Candidate(surface, 0);
            candidates.add(candidate);
        }
        candidate.signers |= bit;
        return candidate;
    }

    /**
     * Forgets the candidates published before a time or not after another.
     *
     * @param oldest  candidates published before this are dropped, epoch ms.
     * @param notNewer candidates published at or before this are dropped, epoch ms.
     */
    public void prune(final long oldest, final long notNewer)
    {
        for (int i = candidates.size() - 1; i >= 0; i--)
        {
            final long publishedAt = candidates.get(i).surface.publishedAt();
            if (publishedAt < oldest || publishedAt <= notNewer)
            {
                candidates.remove(i);
            }
        }
    }

    /**
     * Puts a surface in effect and clears any held one.
     *
     * @param surface the surface.
     */
    public void accept(final PublishedVolSurface surface)
    {
        current = surface;
        held = null;
        heldAt = 0;
        heldSigners = 0;
    }

    /**
     * Holds a surface that moved a series beyond the deviation threshold.
     *
     * @param surface the surface.
     * @param time    sequencer time, epoch ms.
     * @param signers bit set of its co-signers.
     */
    public void hold(final PublishedVolSurface surface, final long time, final int signers)
    {
        held = surface;
        heldAt = time;
        heldSigners = signers;
    }

    /**
     * Forgets a publisher removed from the oracle's set: its signatures go and the publishers after it move down one
     * index, in every candidate and in the held surface's co-signers; candidates left unsigned are dropped.
     *
     * @param publisherIndex the removed publisher's index before the removal.
     */
    public void publisherRemoved(final int publisherIndex)
    {
        for (int i = candidates.size() - 1; i >= 0; i--)
        {
            final Candidate candidate = candidates.get(i);
            candidate.signers = withoutIndex(candidate.signers, publisherIndex);
            if (candidate.signers == 0)
            {
                candidates.remove(i);
            }
        }
        heldSigners = withoutIndex(heldSigners, publisherIndex);
    }

    private static int withoutIndex(final int bits, final int index)
    {
        final int below = bits & ((1 << index) - 1);
        return below | ((bits >>> (index + 1)) << index);
    }

    /**
     * Restores a candidate of a snapshot, in order; for snapshots only.
     *
     * @param surface the surface.
     * @param signers bit set of publisher indices.
     */
    public void restoreCandidate(final PublishedVolSurface surface, final int signers)
    {
        candidates.add(new Candidate(surface, signers));
    }

    /**
     * The latest publication time the feed has seen in effect or held.
     *
     * @return epoch ms, or {@link Long#MIN_VALUE} when there is neither.
     */
    public long newestPublishedAt()
    {
        long newest = current == null ? Long.MIN_VALUE : current.publishedAt();
        return held == null ? newest : Math.max(newest, held.publishedAt());
    }

    /**
     * One submitted surface short of a quorum and the publishers that signed it.
     */
    public static final class Candidate
    {
        private final PublishedVolSurface surface;
        private int signers;

        Candidate(final PublishedVolSurface surface, final int signers)
        {
            this.surface = surface;
            this.signers = signers;
        }

        public PublishedVolSurface surface()
        {
            return surface;
        }

        /**
         * The publishers that signed it.
         *
         * @return bit set of publisher indices.
         */
        public int signers()
        {
            return signers;
        }
    }
}
