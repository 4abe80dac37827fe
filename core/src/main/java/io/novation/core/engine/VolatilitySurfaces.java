package io.novation.core.engine;

import io.novation.core.command.OracleVolSurface;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.oracle.PublishedVolSurface;
import io.novation.core.pricing.ArbitrageViolation;
import io.novation.core.pricing.SviArbitrageCheck;

import java.util.Optional;

/**
 * Applies {@code oracleVolSurface}: replaces the volatility surface of an underlying with published raw SVI slices
 * (parameters in billionths, expiries in epoch ms), unless a slice's parameters are inadmissible or the surface has
 * butterfly or calendar arbitrage beyond the tolerance of {@link SviArbitrageCheck#defaults()} (1e-9 on a grid of
 * 1,201 log-moneyness points over [−3, 3]).
 */
final class VolatilitySurfaces
{
    private final ClearingState state;
    private final SviArbitrageCheck check = SviArbitrageCheck.defaults();

    VolatilitySurfaces(final ClearingState state)
    {
        this.state = state;
    }

    boolean publish(final OracleVolSurface command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (!state.oracles.exists(command.oracleId()))
        {
            return rejection.reject(RejectReason.UNKNOWN_ORACLE, "no oracle " + command.oracleId());
        }
        final PublishedVolSurface surface;
        try
        {
            surface = PublishedVolSurface.of(command.oracleId(), command.time(), command.slices());
        }
        catch (final IllegalArgumentException ex)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, ex.getMessage());
        }
        final Optional<ArbitrageViolation> violation = check.firstViolation(surface.surface());
        if (violation.isPresent())
        {
            return rejection.reject(RejectReason.VOL_SURFACE_ARBITRAGE, "surface of " +
                state.oracles.name(command.oracleId()) + " refused: " + violation.get().describe());
        }
        state.volSurfaces.publish(surface);
        state.globalChanged = true;
        events.volSurfaceUpdated(sequence, command.oracleId(), surface.slices().size(),
            surface.slices().get(0).expiry(), surface.slices().get(surface.slices().size() - 1).expiry());
        return true;
    }
}
