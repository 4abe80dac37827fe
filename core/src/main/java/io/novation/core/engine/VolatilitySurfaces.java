package io.novation.core.engine;

import io.novation.core.command.OracleVolSurface;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.PublishedVolSurface;
import io.novation.core.pricing.ArbitrageViolation;
import io.novation.core.pricing.SviArbitrageCheck;

import java.util.Optional;

/**
 * Applies {@code oracleVolSurface}: replaces the volatility surface of an underlying with raw SVI slices (parameters
 * in billionths, expiries in epoch ms) signed by one publisher registered for the underlying's oracle. In this order,
 * a surface is refused when: its oracle does not exist ({@code UNKNOWN_ORACLE}); it names no publisher or its slices
 * are missing, empty, more than {@link PublishedVolSurface#MAX_SLICES} or one is missing ({@code INVALID_COMMAND});
 * its publisher is not registered for the oracle ({@code UNKNOWN_PUBLISHER}); {@code publishedAt} is after the
 * command's time plus the oracle's future skew or before it minus the oracle's freshness window
 * ({@code STALE_VOL_SURFACE}); {@code publishedAt} is not after the current surface's ({@code VOL_SURFACE_NOT_NEWER}:
 * a replay); the signature does not recover to the publisher ({@code BAD_SIGNATURE}, skipped where signatures are
 * trusted); the expiries are not strictly increasing after {@code publishedAt} ({@code INVALID_COMMAND}); a slice's
 * parameters are inadmissible or the surface has butterfly or calendar arbitrage beyond the tolerance of
 * {@link SviArbitrageCheck#defaults()} (1e-9 on a grid of 1,201 log-moneyness points over [−3, 3]:
 * {@code VOL_SURFACE_ARBITRAGE}).
 * <p>
 * One registered publisher's surface suffices: unlike prices, surfaces are not a median of several publishers' reports,
 * since a median of SVI parameter sets is not itself an arbitrage-free surface. The arbitrage check is what guards
 * against a bad surface from a registered publisher.
 */
final class VolatilitySurfaces
{
    private final ClearingState state;
    private final SignatureCheck signatures;
    private final SviArbitrageCheck check = SviArbitrageCheck.defaults();

    VolatilitySurfaces(final ClearingState state, final SignatureCheck signatures)
    {
        this.state = state;
        this.signatures = signatures;
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
        final OracleFeed feed = state.oracles.feed(oracleId);
        final String oracle = state.oracles.name(oracleId);
        if (feed.publishers().indexOf(command.publisher()) < 0)
        {
            return rejection.reject(RejectReason.UNKNOWN_PUBLISHER, command.publisher() + " is not a publisher of " +
                oracle);
        }
        final OracleParameters parameters = feed.parameters();
        final long now = command.time();
        if (command.publishedAt() > now + parameters.maxFutureSkewMs() ||
            command.publishedAt() < now - parameters.freshnessWindowMs())
        {
            return rejection.reject(RejectReason.STALE_VOL_SURFACE, "surface of " + oracle + " published at " +
                command.publishedAt() + ", outside [" + (now - parameters.freshnessWindowMs()) + ", " +
                (now + parameters.maxFutureSkewMs()) + "] at " + now);
        }
        final PublishedVolSurface current = state.volSurfaces.surface(oracleId);
        if (current != null && command.publishedAt() <= current.publishedAt())
        {
            return rejection.reject(RejectReason.VOL_SURFACE_NOT_NEWER, "surface of " + oracle + " published at " +
                command.publishedAt() + ", not after the current one's " + current.publishedAt());
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
        state.volSurfaces.publish(surface);
        state.globalChanged = true;
        events.volSurfaceUpdated(sequence, oracleId, command.publisher(), command.publishedAt(),
            surface.slices().size(), surface.slices().get(0).expiry(),
            surface.slices().get(surface.slices().size() - 1).expiry());
        return true;
    }
}
