package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.engine.ClearingState;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionMargin;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.market.OptionSeries;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.surface.VolSurfaceBook;
import io.novation.core.oracle.VolSurfaceParameters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code examples/16-surface-quorum.json}: a lone publisher's surface does not take effect, a quorum's does, two liars
 * do not move the mark, and a stale surface stops opening risk in options and values a withdrawal on the
 * conservative side.
 */
class SurfaceQuorumExampleTest
{
    private static final long USDC = 1_000_000L;

    @Test
    void shouldTakeSurfacesFromAQuorumOnlyAndTreatAStaleOneConservatively() throws Exception
    {
        final ScenarioRunner runner = new ScenarioRunner();
        final ObjectNode report = runner.run(Examples.read("16-surface-quorum.json"));

        final List<String> trail = new ArrayList<>();
        for (final JsonNode event : report.get("events"))
        {
            switch (event.get("type").asText())
            {
                case "VolSurfaceSubmitted" -> trail.add("submitted " + event.get("signers").asInt() + " of " +
                    event.get("quorum").asInt());
                case "VolSurfaceUpdated" -> trail.add("updated");
                case "VolSurfaceHeld" -> trail.add("held");
                case "Rejected" -> trail.add("rejected " + event.get("code").asText());
                case "WithdrawalQueued" -> trail.add("withdrawn " + event.get("amount").asLong() / USDC);
                default ->
                {
                }
            }
        }
        assertThat(trail).containsExactly(
            "submitted 1 of 3", "rejected NO_VOL_SURFACE", "submitted 2 of 3", "updated",
            "submitted 1 of 3", "submitted 2 of 3", "submitted 1 of 3", "submitted 2 of 3", "updated",
            "rejected INSUFFICIENT_MARGIN", "rejected STALE_VOL_SURFACE", "rejected INSUFFICIENT_MARGIN",
            "withdrawn 200");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
        final JsonNode surfaceReport = report.get("volSurfaces").get(0);
        assertThat(surfaceReport.get("stale").asBoolean()).isTrue();
        assertThat(surfaceReport.get("staleBand").asText()).isEqualTo("0.15");
        assertThat(surfaceReport.get("pendingCandidates").asInt()).isZero();

        final ClearingState state = runner.engine().state();
        final PublishedVolSurface current = state.volSurfaces().surface(0);
        assertThat(current.publishedAt()).isEqualTo(Instant.parse("2025-12-25T00:01:00Z").toEpochMilli());
        assertThat(current.slices().get(0).aNanos()).isEqualTo(20_000_000L);
        final OptionSeries call = state.markets().optionByTicker("BTC-30JAN26-100000-C");
        assertThat(state.volSurfaces().isStale(0, state.oracles().time())).isTrue();

        // The liars' surface, had it taken effect alone, would have marked the call above 20,000 USD.
        final List<OracleVolSurface.Slice> lie = List.of(
            new OracleVolSurface.Slice(call.expiry(), 400_000_000, 40_000_000, -300_000_000, 0, 120_000_000),
            new OracleVolSurface.Slice(Instant.parse("2026-02-27T08:00:00Z").toEpochMilli(), 450_000_000,
                70_000_000, -300_000_000, 0, 120_000_000));
        final OptionPositionMargin onLie = new OptionPositionMargin();
        assertThat(new OptionMargin(state.oracles(), alone(PublishedVolSurface.of(0, current.publishedAt(), null,
            lie))).position(call, 10_000, onLie)).isTrue();
        assertThat(onLie.markMicros() / 1e6 * 1e-5).isGreaterThan(20_000);

        // The refused 1,000 would have left on the honest surface taken fresh; the stale band holds it back.
        final MarginFigures stale = figures(state, state.volSurfaces());
        final MarginFigures fresh = figures(state, alone(current));
        assertThat(fresh.freeCollateral()).isGreaterThan(1_000 * USDC);
        assertThat(stale.freeCollateral()).isLessThan(1_000 * USDC).isNotNegative();
    }

    @Test
    void shouldRoundTripSurfaceParametersThroughTheJsonEncoderAndApplyThem() throws Exception
    {
        final io.novation.core.engine.ClearingEngine engine = new io.novation.core.engine.ClearingEngine(
            io.novation.core.engine.EngineConfig.defaults(), io.novation.core.event.EventSink.NONE);
        final io.novation.node.json.CommandDecoder decoder = new io.novation.node.json.CommandDecoder(engine,
            new io.novation.node.json.AccountDirectory());
        final io.novation.node.json.CommandEncoder encoder = new io.novation.node.json.CommandEncoder(
            engine.state());
        assertThat(engine.apply(decoder.decode(io.novation.node.json.Json.MAPPER.readTree(
            "{\"type\": \"createPerpetual\", \"ticker\": \"BTC-USD\", \"priceExponent\": -5, " +
            "\"atomicResolution\": -10, \"tickSize\": \"1\", \"stepSize\": \"0.0001\", " +
            "\"liquidityTier\": \"largeCap\"}"), 1_000))).isTrue();

        final io.novation.core.command.Command command = decoder.decode(io.novation.node.json.Json.MAPPER.readTree(
            "{\"type\": \"setVolSurfaceParameters\", \"oracle\": \"BTC-USD\", \"heartbeatMs\": 3600000, " +
            "\"staleBandPerHour\": \"0.02\"}"), 2_000);

        assertThat(command).isEqualTo(new io.novation.core.command.SetVolSurfaceParameters(2_000, 0,
            new VolSurfaceParameters(3_600_000, 250_000, 100_000, 20_000, 500_000)));
        assertThat(decoder.decode(encoder.encode(command, true), 0)).isEqualTo(command);
        assertThat(engine.apply(command)).isTrue();
        assertThat(engine.state().volSurfaces().parameters(0).heartbeatMs()).isEqualTo(3_600_000);
        assertThatThrownBy(() -> decoder.decode(io.novation.node.json.Json.MAPPER.readTree(
            "{\"type\": \"setVolSurfaceParameters\", \"oracle\": \"BTC-USD\", \"staleBandMax\": \"1\"}"),
            3_000)).isInstanceOf(io.novation.node.json.CommandFormatException.class);
    }

    private static VolSurfaceBook alone(final PublishedVolSurface surface)
    {
        final VolSurfaceBook book = new VolSurfaceBook();
        book.parameters(0, new VolSurfaceParameters(7 * 86_400_000L, 250_000, 0, 0, 0));
        book.publish(surface);
        return book;
    }

    private static MarginFigures figures(final ClearingState state, final VolSurfaceBook surfaces)
    {
        final MarginFigures figures = new MarginFigures();
        final var alice = state.accounts().find(io.novation.core.account.Address.of(
            io.novation.core.crypto.Secp256k1.addressOf(io.novation.core.crypto.Hex.decode(
                "0x1111111111111111111111111111111111111111111111111111111111111111"))));
        assertThat(new MarginCalculator(state.markets(), state.oracles(), surfaces).compute(alice.subaccount(0),
            figures)).isTrue();
        return figures;
    }

}
