package io.novation.core.engine;

import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.Command;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.FundingSample;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.governance.FundingParametersChange;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.VolSurfaceParametersChange;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The immediate governance commands configure only what is not live yet: an oracle's parameters and publishers
 * before its first accepted price, a market's funding parameters before its first sample or tick, an underlying's
 * surface parameters before its first surface in effect; after that each is refused with
 * {@code GOVERNANCE_TIMELOCKED}, naming the scheduled kind, and the root is unchanged.
 */
class GovernanceTimelockTest
{
    private static final OracleParameters LOOSER = new OracleParameters(2, 120_000, 5_000, 60_000, 300_000,
        200_000, 2, 5_000, 5_000, 100_000);

    @Test
    void shouldSetOracleParametersAtListingAndRefuseThemOnceTheOracleHasAPrice()
    {
        final EngineFixture listed = new EngineFixture(listing ->
            assertThat(listing.apply(new SetOracleParameters(listing.tick(), BTC_ORACLE, LOOSER))).isTrue());
        assertThat(listed.engine.state().oracles().feed(BTC_ORACLE).parameters()).isEqualTo(LOOSER);

        final EngineFixture fx = new EngineFixture();
        assertRefusedAsTimelocked(fx, new SetOracleParameters(fx.tick(), BTC_ORACLE, LOOSER), "oracleParameters");
        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).parameters()).isEqualTo(OracleParameters.DEFAULTS);
    }

    @Test
    void shouldRegisterAPublisherAtListingAndRefuseItOnceTheOracleHasAPrice()
    {
        final EngineFixture listed = new EngineFixture(listing -> assertThat(listing.apply(
            new RegisterOraclePublisher(listing.tick(), BTC_ORACLE, address("oracle-d")))).isTrue());
        assertThat(listed.engine.state().oracles().feed(BTC_ORACLE).publishers().indexOf(address("oracle-d")))
            .isGreaterThanOrEqualTo(0);

        final EngineFixture fx = new EngineFixture();
        assertRefusedAsTimelocked(fx, new RegisterOraclePublisher(fx.tick(), BTC_ORACLE, address("oracle-d")),
            "publisherAddition");
        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).publishers().indexOf(address("oracle-d")))
            .isNegative();
    }

    @Test
    void shouldSetFundingParametersBeforeTheFirstSampleAndScheduleThemAfter()
    {
        final EngineFixture fx = new EngineFixture();
        final FundingParameters external = FundingParameters.defaults().withMode(FundingMode.EXTERNAL_RATE);
        assertThat(fx.apply(new SetFundingParameters(fx.tick(), BTC, external))).isTrue();
        assertThat(fx.engine.state().markets().perpetual(BTC).funding().parameters()).isEqualTo(external);

        final EngineFixture sampled = new EngineFixture();
        assertThat(sampled.apply(new FundingSample(sampled.tick(), BTC, 0, 0))).isTrue();
        assertRefusedAsTimelocked(sampled, new SetFundingParameters(sampled.tick(), BTC, external),
            "fundingParameters");
        assertThat(sampled.engine.state().markets().perpetual(BTC).funding().parameters())
            .isEqualTo(FundingParameters.defaults());

        // Any change of the funding parameters waits the loosening delay, then applies.
        final FundingParametersChange change = new FundingParametersChange(BTC, external);
        final long now = sampled.tick();
        assertThat(sampled.apply(new SetRiskParameters(now, 1, now + GovernanceDelays.TIGHTEN_MS, change))).isFalse();
        assertThat(sampled.lastRejection().code()).isEqualTo(RejectReason.GOVERNANCE_DELAY_TOO_SHORT);
        assertThat(sampled.apply(new SetRiskParameters(now, 1, now + GovernanceDelays.LOOSEN_MS, change))).isTrue();
        applyDue(sampled, GovernanceDelays.LOOSEN_MS);
        assertThat(sampled.engine.state().markets().perpetual(BTC).funding().parameters()).isEqualTo(external);
    }

    @Test
    void shouldSetSurfaceParametersBeforeTheFirstSurfaceAndScheduleThemAfter()
    {
        final VolSurfaceParameters hourly = new VolSurfaceParameters(3_600_000, 100_000, 50_000, 20_000, 300_000);
        final EngineFixture fx = new EngineFixture();
        assertThat(fx.apply(new SetVolSurfaceParameters(fx.tick(), BTC_ORACLE, hourly))).isTrue();
        assertThat(fx.engine.state().volSurfaces().parameters(BTC_ORACLE)).isEqualTo(hourly);

        final EngineFixture published = new EngineFixture();
        assertThat(published.flatBtcSurface(0.5, published.now() + 30 * DAY_MS)).isTrue();
        assertThat(published.engine.state().volSurfaces().surface(BTC_ORACLE)).isNotNull();
        assertRefusedAsTimelocked(published, new SetVolSurfaceParameters(published.tick(), BTC_ORACLE, hourly),
            "volSurfaceParameters");
        assertThat(published.engine.state().volSurfaces().parameters(BTC_ORACLE))
            .isEqualTo(VolSurfaceParameters.DEFAULTS);

        // A shorter heartbeat, a narrower jump threshold and a wider band only tighten: the short delay.
        final long now = published.tick();
        assertThat(published.apply(new SetRiskParameters(now, 1, now + GovernanceDelays.TIGHTEN_MS,
            new VolSurfaceParametersChange(BTC_ORACLE, hourly)))).isFalse();
        assertThat(published.lastRejection().code()).as("a narrower stale band loosens")
            .isEqualTo(RejectReason.GOVERNANCE_DELAY_TOO_SHORT);
        final VolSurfaceParameters d = VolSurfaceParameters.DEFAULTS;
        final VolSurfaceParameters tighter = new VolSurfaceParameters(d.heartbeatMs() / 2,
            d.deviationThresholdPpm() / 2, d.staleBandBasePpm(), d.staleBandPpmPerHour(), d.staleBandMaxPpm());
        assertThat(published.apply(new SetRiskParameters(now, 2, now + GovernanceDelays.TIGHTEN_MS,
            new VolSurfaceParametersChange(BTC_ORACLE, tighter)))).isTrue();
        applyDue(published, GovernanceDelays.TIGHTEN_MS);
        assertThat(published.engine.state().volSurfaces().parameters(BTC_ORACLE)).isEqualTo(tighter);
    }

    @Test
    void shouldRoundTripTheNewKindsThroughTheBinaryCodec()
    {
        final FundingParameters external = FundingParameters.defaults().withMode(FundingMode.EXTERNAL_RATE);
        final VolSurfaceParameters hourly = new VolSurfaceParameters(3_600_000, 100_000, 50_000, 20_000, 300_000);
        for (final SetRiskParameters command : java.util.List.of(
            new SetRiskParameters(1_000, 7, 90_000_000, new FundingParametersChange(BTC, external)),
            new SetRiskParameters(1_000, 8, 90_000_000, new VolSurfaceParametersChange(BTC_ORACLE, hourly))))
        {
            assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
        }
    }

    private static void applyDue(final EngineFixture fx, final long delay)
    {
        fx.advance(delay);
        ApplyRiskParameters due;
        int applied = 0;
        while ((due = fx.engine.dueRiskParameters(fx.now(), fx.engine.state().time())) != null)
        {
            assertThat(fx.apply(due)).isTrue();
            applied++;
        }
        assertThat(applied).isEqualTo(1);
    }

    private static void assertRefusedAsTimelocked(final EngineFixture fx, final Command command, final String kind)
    {
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(command)).isFalse();
        final Event.Rejected rejected = fx.lastRejection();
        assertThat(rejected.code()).isEqualTo(RejectReason.GOVERNANCE_TIMELOCKED);
        assertThat(rejected.message()).contains("setRiskParameters kind " + kind);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }
}
