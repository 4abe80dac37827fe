package io.novation.core.engine;

import io.novation.core.command.Command;
import io.novation.core.command.FundingSample;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The immediate oracle commands configure only what is not live yet: an oracle's parameters and publishers before its
 * first accepted price; after that each is refused with {@code GOVERNANCE_TIMELOCKED}, naming the scheduled kind, and
 * the root is unchanged. Funding and surface parameters stay immediate (the documented exception).
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
    void shouldKeepFundingParametersImmediateAfterTheFirstSample()
    {
        // Documented exception (docs/protocol.md, Governance): no scheduled kind governs funding parameters yet.
        final EngineFixture fx = new EngineFixture();
        assertThat(fx.apply(new FundingSample(fx.tick(), BTC, 0, 0))).isTrue();
        final FundingParameters external = FundingParameters.defaults().withMode(FundingMode.EXTERNAL_RATE);
        assertThat(fx.apply(new SetFundingParameters(fx.tick(), BTC, external))).isTrue();
        assertThat(fx.engine.state().markets().perpetual(BTC).funding().parameters()).isEqualTo(external);
    }

    @Test
    void shouldKeepSurfaceParametersImmediateAfterTheFirstSurface()
    {
        // Documented exception (docs/protocol.md, Governance): no scheduled kind governs surface parameters yet.
        final VolSurfaceParameters hourly = new VolSurfaceParameters(3_600_000, 100_000, 50_000, 20_000, 300_000);
        final EngineFixture fx = new EngineFixture();
        assertThat(fx.flatBtcSurface(0.5, fx.now() + 30 * DAY_MS)).isTrue();
        assertThat(fx.engine.state().volSurfaces().surface(BTC_ORACLE)).isNotNull();
        assertThat(fx.apply(new SetVolSurfaceParameters(fx.tick(), BTC_ORACLE, hourly))).isTrue();
        assertThat(fx.engine.state().volSurfaces().parameters(BTC_ORACLE)).isEqualTo(hourly);
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
