package io.novation.core.engine;

import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.market.OptionSeries;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;
import io.novation.core.pricing.ArbitrageViolation;
import io.novation.core.pricing.SviArbitrageCheck;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.surface.VolSurfaceFeed;

import java.util.Optional;

/**
 * Applies {@code oracleVolSurface}: one registered publisher's signed submission of raw SVI slices (parameters in
 * billionths, expiries in epoch ms) for an underlying. A surface takes effect only once a quorum of the oracle's
 * publishers (its {@code quorum}) has signed the same surface, i.e. the same {@code publishedAt} and slices, each with
 * its own signature, within the oracle's freshness window. In this order, a submission is refused when: its oracle
 * does not exist ({@code UNKNOWN_ORACLE}); it names no publisher or its slices are missing, empty, more than
 * {@link PublishedVolSurface#MAX_SLICES} or one is missing ({@code INVALID_COMMAND}); its publisher is not registered
 * for the oracle ({@code UNKNOWN_PUBLISHER}); {@code publishedAt} is after the command's time plus the oracle's future
 * skew or before it minus the oracle's freshness window ({@code STALE_VOL_SURFACE}); {@code publishedAt} is not after
 * the surface in effect, the held surface or the publisher's own pending submission ({@code VOL_SURFACE_NOT_NEWER}:
 * a replay); the signature does not recover to the publisher ({@code BAD_SIGNATURE}, skipped where signatures are
 * trusted); the expiries are not strictly increasing after {@code publishedAt} ({@code INVALID_COMMAND}); a slice's
 * parameters are inadmissible or the surface has butterfly or calendar arbitrage beyond the tolerance of
 * {@link SviArbitrageCheck#defaults()} ({@code VOL_SURFACE_ARBITRAGE}).
 * <p>
 * An accepted submission joins the pending candidate with the same surface (or starts one), replacing the publisher's
 * earlier pending signature. Below the quorum it is announced as {@code VolSurfaceSubmitted}. At the quorum the
 * candidate becomes the surface in effect ({@code VolSurfaceUpdated}) unless it moves the volatility of a listed,
 * unexpired series beyond the deviation threshold from the surface in effect with fewer co-signers than the oracle's
 * jump quorum and does not confirm a held surface: then it is held ({@code VolSurfaceHeld}) until a following quorum
 * within the surface heartbeat lands within the threshold of it, as {@code OracleNetwork} holds a price jump.
 */
final class VolatilitySurfaces
{
    private final ClearingState state;
    private final SignatureCheck signatures;
    private final SviArbitrageCheck check = SviArbitrageCheck.defaults();
    private int movedSeries;

    VolatilitySurfaces(final ClearingState state, final SignatureCheck signatures)
    {
        this.state = state;
        this.signatures = signatures;
    }

    /**
     * Governance: replaces an underlying's surface parameters; refused for an unknown oracle or without parameters,
     * and once the underlying has a surface in effect ({@code GOVERNANCE_TIMELOCKED}: a scheduled change instead).
     */
    boolean setParameters(final SetVolSurfaceParameters command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (!state.oracles.exists(command.oracleId()))
        {
            return rejection.reject(RejectReason.UNKNOWN_ORACLE, "no oracle " + command.oracleId());
        }
        if (command.parameters() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "parameters are required");
        }
        if (state.volSurfaces.surface(command.oracleId()) != null)
        {
            return rejection.reject(RejectReason.GOVERNANCE_TIMELOCKED, state.oracles.name(command.oracleId()) +
                " has a surface in effect: change its surface parameters with setRiskParameters kind " +
                "volSurfaceParameters");
        }
        state.volSurfaces.parameters(command.oracleId(), command.parameters());
        state.globalChanged = true;
        events.volSurfaceParametersSet(sequence, command.oracleId(), command.parameters());
        return true;
    }

    boolean publish(final OracleVolSurface command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final int oracleId = command.oracleId();
        if (!state.oracles.exists(oracleId))
        {
            return rejection.reject(RejectReason.UNKNOWN_ORACLE, "no oracle " + oracleId);
        }
        if (command.publisher() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a volatility surface names its publisher");
        }
        if (!command.hasSlices() || command.slices().isEmpty() ||
            command.slices().size() > PublishedVolSurface.MAX_SLICES)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a volatility surface needs 1 to " +
                PublishedVolSurface.MAX_SLICES + " slices, none missing");
        }
        final OracleFeed oracleFeed = state.oracles.feed(oracleId);
        final String oracle = state.oracles.name(oracleId);
        final int publisherIndex = oracleFeed.publishers().indexOf(command.publisher());
        if (publisherIndex < 0)
        {
            return rejection.reject(RejectReason.UNKNOWN_PUBLISHER, command.publisher() + " is not a publisher of " +
                oracle);
        }
        final OracleParameters parameters = oracleFeed.parameters();
        final long now = command.time();
        if (command.publishedAt() > now + parameters.maxFutureSkewMs() ||
            command.publishedAt() < now - parameters.freshnessWindowMs())
        {
            return rejection.reject(RejectReason.STALE_VOL_SURFACE, "surface of " + oracle + " published at " +
                command.publishedAt() + ", outside [" + (now - parameters.freshnessWindowMs()) + ", " +
                (now + parameters.maxFutureSkewMs()) + "] at " + now);
        }
        final VolSurfaceFeed existing = state.volSurfaces.feed(oracleId);
        if (existing != null && command.publishedAt() <= existing.newestPublishedAt())
        {
            return rejection.reject(RejectReason.VOL_SURFACE_NOT_NEWER, "surface of " + oracle + " published at " +
                command.publishedAt() + ", not after the " + (existing.held() != null ? "held" : "current") +
                " one's " + existing.newestPublishedAt());
        }
        final VolSurfaceFeed.Candidate own = existing == null ? null : existing.signedBy(publisherIndex);
        if (own != null && command.publishedAt() <= own.surface().publishedAt())
        {
            return rejection.reject(RejectReason.VOL_SURFACE_NOT_NEWER, "surface of " + oracle + " published at " +
                command.publishedAt() + ", not after " + command.publisher() + "'s pending one of " +
                own.surface().publishedAt());
        }
        if (!signatures.isSignedBy(command.digest(signatures.domainSeparator()), command.signature(),
            command.publisher()))
        {
            return rejection.reject(RejectReason.BAD_SIGNATURE, "the surface of " + oracle + " is not signed by " +
                command.publisher());
        }
        final PublishedVolSurface surface;
        try
        {
            surface = PublishedVolSurface.of(oracleId, command.publishedAt(), command.publisher(), command.slices());
        }
        catch (final IllegalArgumentException ex)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, ex.getMessage());
        }
        final Optional<ArbitrageViolation> violation = check.firstViolation(surface.surface());
        if (violation.isPresent())
        {
            return rejection.reject(RejectReason.VOL_SURFACE_ARBITRAGE, "surface of " + oracle + " refused: " +
                violation.get().describe());
        }
        final VolSurfaceFeed feed = state.volSurfaces.feedFor(oracleId);
        feed.prune(now - parameters.freshnessWindowMs(), feed.newestPublishedAt());
        final VolSurfaceFeed.Candidate candidate = feed.sign(publisherIndex, surface);
        state.globalChanged = true;
        final int signers = Integer.bitCount(candidate.signers());
        if (signers < parameters.quorum())
        {
            events.volSurfaceSubmitted(sequence, oracleId, command.publisher(), command.publishedAt(), signers,
                parameters.quorum());
            return true;
        }
        final PublishedVolSurface agreed = candidate.surface();
        final int signerBits = candidate.signers();
        // Every candidate not newer than the agreed surface is outdated once it takes effect or is held.
        feed.prune(now - parameters.freshnessWindowMs(), agreed.publishedAt());
        final VolSurfaceParameters surfaceParameters = feed.parameters();
        if (feed.current() != null && signers < parameters.jumpQuorum() &&
            deviates(agreed, feed.current(), oracleId, now, surfaceParameters.deviationThresholdPpm()))
        {
            final int moved = movedSeries;
            if (!confirmsHeld(feed, agreed, oracleId, now, surfaceParameters))
            {
                feed.hold(agreed, now, signerBits);
                events.volSurfaceHeld(sequence, oracleId, agreed.publishedAt(), signers, moved);
                return true;
            }
        }
        state.volSurfaces.publish(agreed);
        events.volSurfaceUpdated(sequence, oracleId, agreed.publisher(), agreed.publishedAt(),
            agreed.slices().size(), agreed.slices().get(0).expiry(),
            agreed.slices().get(agreed.slices().size() - 1).expiry());
        return true;
    }

    /**
     * A held surface is confirmed by a following quorum, within one surface heartbeat of the hold, whose surface lies
     * within the threshold of the held one for every listed series.
     */
    private boolean confirmsHeld(final VolSurfaceFeed feed, final PublishedVolSurface agreed, final int oracleId,
        final long now, final VolSurfaceParameters parameters)
    {
        return feed.held() != null && now - feed.heldAt() <= parameters.heartbeatMs() &&
            !deviates(agreed, feed.held(), oracleId, now, parameters.deviationThresholdPpm());
    }

    /**
     * Whether, at the index, the volatility of any listed, unsettled series of the underlying expiring after now moves
     * by more than the threshold, relative to the reference surface's; the first such series is left in
     * {@link #movedSeries}. Without an index nothing can be marked, so nothing deviates.
     */
    private boolean deviates(final PublishedVolSurface candidate, final PublishedVolSurface reference,
        final int oracleId, final long now, final long thresholdPpm)
    {
        final long index = state.oracles.price(oracleId);
        if (index == OracleBook.NO_PRICE)
        {
            return false;
        }
        for (int i = 0; i < state.markets.optionCount(); i++)
        {
            final OptionSeries series = state.markets.optionAt(i);
            if (series.oracleId() != oracleId || series.isSettled() || series.expiry() <= now)
            {
                continue;
            }
            // Volatilities in millionths, compared exactly: |moved − was| · 1e6 > threshold · was.
            final long moved = candidate.impliedVolatilityMicros(index, series.strike(), series.expiry());
            final long was = reference.impliedVolatilityMicros(index, series.strike(), series.expiry());
            if (moved < 0 || was < 0 ||
                FixedPoint.compareProducts(Math.abs(moved - was), FixedPoint.PPM, thresholdPpm, was) > 0)
            {
                movedSeries = series.id();
                return true;
            }
        }
        return false;
    }
}
