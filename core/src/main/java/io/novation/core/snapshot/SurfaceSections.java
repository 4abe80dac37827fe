package io.novation.core.snapshot;

import io.novation.core.account.Address;
import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.command.CommandCodec;
import io.novation.core.engine.ClearingState;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.surface.VolSurfaceBook;
import io.novation.core.surface.VolSurfaceFeed;

/**
 * The volatility surfaces' snapshot sections: the published surface of each underlying and the quorum rounds in
 * progress (volatilities in the SVI parameters' fixed point).
 */
final class SurfaceSections
{
    private SurfaceSections()
    {
    }

    static void writeVolSurfaces(final ClearingState state, final BinaryWriter out)
    {
        final VolSurfaceBook surfaces = state.volSurfaces();
        out.putShort(surfaces.count());
        for (int i = 0; i < surfaces.slots(); i++)
        {
            final PublishedVolSurface surface = surfaces.surface(i);
            if (surface != null)
            {
                out.putInt(surface.oracleId()).putLong(surface.publishedAt()).putAddress(surface.publisher());
                CommandCodec.putSlices(out, surface.slices());
            }
        }
    }

    static void readVolSurfaces(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final int oracleId = in.getInt();
            final long publishedAt = in.getLong();
            final Address publisher = version >= 5 ? in.getAddress() : null;
            state.volSurfaces().publish(PublishedVolSurface.of(oracleId, publishedAt, publisher,
                CommandCodec.getSlices(in)));
        }
    }

    static void writeVolSurfaceRounds(final ClearingState state, final BinaryWriter out)
    {
        final VolSurfaceBook surfaces = state.volSurfaces();
        out.putShort(surfaces.roundCount());
        for (int i = 0; i < surfaces.slots(); i++)
        {
            final VolSurfaceFeed feed = surfaces.feed(i);
            if (feed == null || !feed.hasRounds())
            {
                continue;
            }
            out.putInt(i);
            CommandCodec.putVolSurfaceParameters(out, feed.parameters());
            out.putBoolean(feed.held() != null);
            if (feed.held() != null)
            {
                out.putLong(feed.heldAt()).putInt(feed.heldSigners());
                writeSurface(feed.held(), out);
            }
            out.putShort(feed.candidates().size());
            for (final VolSurfaceFeed.Candidate candidate : feed.candidates())
            {
                out.putInt(candidate.signers());
                writeSurface(candidate.surface(), out);
            }
        }
    }

    static void writeSurface(final PublishedVolSurface surface, final BinaryWriter out)
    {
        out.putLong(surface.publishedAt()).putAddress(surface.publisher());
        CommandCodec.putSlices(out, surface.slices());
    }

    static PublishedVolSurface readSurface(final int oracleId, final BinaryReader in)
    {
        final long publishedAt = in.getLong();
        final Address publisher = in.getAddress();
        return PublishedVolSurface.of(oracleId, publishedAt, publisher, CommandCodec.getSlices(in));
    }

    static void readVolSurfaceRounds(final ClearingState state, final BinaryReader in)
    {
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final int oracleId = in.getInt();
            if (oracleId < 0 || oracleId > Short.MAX_VALUE)
            {
                throw new CodecException("volatility surface rounds of oracle " + oracleId);
            }
            final VolSurfaceFeed feed = state.volSurfaces().feedFor(oracleId);
            final io.novation.core.oracle.VolSurfaceParameters parameters = CommandCodec.getVolSurfaceParameters(in);
            if (parameters == null)
            {
                throw new CodecException("volatility surface rounds of oracle " + oracleId + " without parameters");
            }
            feed.parameters(parameters);
            if (in.getBoolean())
            {
                final long heldAt = in.getLong();
                final int signers = in.getInt();
                feed.hold(readSurface(oracleId, in), heldAt, signers);
            }
            final int candidates = in.getUnsignedShort();
            for (int c = 0; c < candidates; c++)
            {
                final int signers = in.getInt();
                feed.restoreCandidate(readSurface(oracleId, in), signers);
            }
        }
    }
}
