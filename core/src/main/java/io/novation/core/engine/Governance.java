package io.novation.core.engine;

import io.novation.core.account.Address;
import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.CancelRiskParameters;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.governance.ChangeCheck;
import io.novation.core.governance.GovernanceBook;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.GovernedState;
import io.novation.core.governance.OracleParametersChange;
import io.novation.core.governance.RiskParameterChange;
import io.novation.core.governance.ScheduledChange;
import io.novation.core.liquidation.HealthIndex;
import io.novation.core.market.LiquidationTerms;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.Markets;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.surface.VolSurfaceFeed;

/**
 * Timelocked governance of risk parameters (docs/protocol.md, section "Governance"): schedules a change at an
 * effective time no earlier than its kind's minimum delay, cancels a pending one, and applies one when the sequencer
 * says it is due; times in epoch ms. It is also the state the changes apply to, so that every mutation marks the
 * global leaf changed and, when margins move, the health index.
 */
final class Governance implements GovernedState
{
    private final ClearingState state;
    private final HealthIndex healthIndex;
    private final MarketRiskControl riskControl;
    private final OracleStatusWatch oracleStatus;

    Governance(final ClearingState state, final HealthIndex healthIndex, final OracleStatusWatch oracleStatus,
        final MarketRiskControl riskControl)
    {
        this.state = state;
        this.healthIndex = healthIndex;
        this.riskControl = riskControl;
        this.oracleStatus = oracleStatus;
    }

    boolean schedule(final SetRiskParameters command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final RiskParameterChange change = command.change();
        if (change == null || command.changeId() <= 0)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a risk parameter change needs a positive id and " +
                "a change");
        }
        if (state.governance.known(command.changeId()))
        {
            return rejection.reject(RejectReason.CHANGE_ID_USED, "change id " + command.changeId() +
                " was already used");
        }
        final ChangeCheck check = change.check(this);
        if (!check.valid())
        {
            return rejection.reject(reasonOf(check.problem()), check.message());
        }
        final boolean loosens = change.loosens(this);
        final long earliest = Math.addExact(command.time(), change.minimumDelayMs(this));
        if (command.effectiveTime() < earliest)
        {
            return rejection.reject(RejectReason.GOVERNANCE_DELAY_TOO_SHORT, "a " + change.kind() + " change " +
                (loosens ? "that loosens risk " : "") + "takes effect at " + earliest + " at the earliest, not " +
                command.effectiveTime());
        }
        if (command.effectiveTime() - command.time() > GovernanceDelays.MAX_DELAY_MS)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "an effective time is at most " +
                GovernanceDelays.MAX_DELAY_MS + " ms after the command");
        }
        state.governance.schedule(new ScheduledChange(command.changeId(), command.time(), command.effectiveTime(),
            change));
        state.markGlobalChanged();
        events.riskParametersScheduled(sequence, command.changeId(), command.effectiveTime(), loosens, change);
        return true;
    }

    boolean cancel(final CancelRiskParameters command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (state.governance.pending(command.changeId()) == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_CHANGE, "no pending change " + command.changeId());
        }
        final ScheduledChange ended = state.governance.end(command.changeId());
        state.markGlobalChanged();
        events.riskParametersCancelled(sequence, command.changeId(), ended.change(), "CANCELLED");
        return true;
    }

    boolean apply(final ApplyRiskParameters command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final ScheduledChange pending = state.governance.pending(command.changeId());
        if (pending == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_CHANGE, "no pending change " + command.changeId());
        }
        if (command.time() < pending.effectiveTime())
        {
            return rejection.reject(RejectReason.CHANGE_NOT_DUE, "change " + command.changeId() + " takes effect at " +
                pending.effectiveTime() + ", not " + command.time());
        }
        final ChangeCheck check = pending.change().check(this);
        state.governance.end(command.changeId());
        state.markGlobalChanged();
        if (!check.valid())
        {
            // The state moved since the change was scheduled (e.g. another publisher left): it is dropped, not
            // applied, and says why.
            events.riskParametersCancelled(sequence, command.changeId(), pending.change(),
                reasonOf(check.problem()).code());
            return true;
        }
        pending.change().applyTo(this);
        events.riskParametersApplied(sequence, command.changeId(), pending.change());
        if (pending.change() instanceof OracleParametersChange)
        {
            // As setOracleParameters: the oracle's status may change with its heartbeat and halt delay.
            oracleStatus.refresh(command.time(), sequence, events);
        }
        return true;
    }

    static RejectReason reasonOf(final ChangeCheck.Problem problem)
    {
        return switch (problem)
        {
            case OUT_OF_RANGE -> RejectReason.RISK_PARAMETER_OUT_OF_RANGE;
            case UNKNOWN_MARKET -> RejectReason.UNKNOWN_MARKET;
            case UNKNOWN_ASSET -> RejectReason.UNKNOWN_ASSET;
            case UNKNOWN_ORACLE -> RejectReason.UNKNOWN_ORACLE;
            case UNKNOWN_PUBLISHER -> RejectReason.UNKNOWN_PUBLISHER;
            case DUPLICATE_PUBLISHER -> RejectReason.DUPLICATE_DEFINITION;
            case BELOW_QUORUM -> RejectReason.BELOW_PUBLISHER_QUORUM;
        };
    }

    @Override
    public Markets markets()
    {
        return state.markets;
    }

    @Override
    public OracleBook oracles()
    {
        return state.oracles;
    }

    @Override
    public GovernanceBook governance()
    {
        return state.governance;
    }

    @Override
    public io.novation.core.market.MarginControllerBounds marginControllerBounds(final int marketId)
    {
        final io.novation.core.risk.MarketRisk risk = state.risk.market(marketId);
        return risk == null ? null : risk.controller();
    }

    @Override
    public io.novation.core.market.DepthPenaltyBounds depthPenaltyBounds(final int marketId)
    {
        final io.novation.core.risk.MarketRisk risk = state.risk.market(marketId);
        return risk == null ? null : risk.depthBounds();
    }

    @Override
    public void marginControllerBounds(final int marketId, final io.novation.core.market.MarginControllerBounds bounds)
    {
        riskControl.controllerBounds(marketId, bounds);
    }

    @Override
    public void depthPenaltyBounds(final int marketId, final io.novation.core.market.DepthPenaltyBounds bounds)
    {
        state.risk.marketFor(marketId).depthBounds(bounds);
    }

    @Override
    public io.novation.core.oracle.VolSurfaceParameters volSurfaceParameters(final int oracleId)
    {
        return state.volSurfaces.parameters(oracleId);
    }

    @Override
    public void fundingParameters(final int marketId, final io.novation.core.funding.FundingParameters parameters)
    {
        state.markets.perpetual(marketId).funding().parameters(parameters);
    }

    @Override
    public void volSurfaceParameters(final int oracleId, final io.novation.core.oracle.VolSurfaceParameters parameters)
    {
        state.volSurfaces.parameters(oracleId, parameters);
        healthIndex.touchAll();
    }

    @Override
    public void liquidityTier(final int marketId, final LiquidityTier tier)
    {
        state.markets.perpetual(marketId).liquidityTier(tier);
        healthIndex.touchAll();
    }

    @Override
    public void fees(final int marketId, final long makerFeePpm, final long takerFeePpm)
    {
        state.markets.perpetual(marketId).fees(makerFeePpm, takerFeePpm);
    }

    @Override
    public void hardCaps(final int marketId, final long openInterestCap, final long positionLimit)
    {
        state.markets.perpetual(marketId).hardCaps(openInterestCap, positionLimit);
    }

    @Override
    public void liquidationTerms(final int marketId, final LiquidationTerms terms)
    {
        state.markets.perpetual(marketId).liquidationTerms(terms);
    }

    @Override
    public void assetWeights(final int assetId, final long initialWeightPpm, final long maintenanceWeightPpm)
    {
        state.markets.assetWeights(assetId, initialWeightPpm, maintenanceWeightPpm);
        healthIndex.touchAll();
    }

    @Override
    public void oracleParameters(final int oracleId, final OracleParameters parameters)
    {
        state.oracles.feed(oracleId).parameters(parameters);
        healthIndex.touchAll();
    }

    @Override
    public void addPublisher(final int oracleId, final Address publisher)
    {
        state.oracles.feed(oracleId).publishers().add(publisher);
    }

    @Override
    public void removePublisher(final int oracleId, final Address publisher)
    {
        final int index = state.oracles.feed(oracleId).publishers().indexOf(publisher);
        state.oracles.feed(oracleId).publishers().remove(publisher);
        final VolSurfaceFeed surfaces = state.volSurfaces.feed(oracleId);
        if (surfaces != null)
        {
            // Surface rounds name their signers by publisher index: the ones after the removed publisher move down.
            surfaces.publisherRemoved(index);
        }
    }

    @Override
    public void governanceKey(final Address key)
    {
        state.governance.governanceKey(key);
    }

    @Override
    public void bridgeKey(final Address key)
    {
        state.governance.bridgeKey(key);
    }
}
