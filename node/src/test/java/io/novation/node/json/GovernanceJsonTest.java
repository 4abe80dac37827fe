package io.novation.node.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.CancelRiskParameters;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.core.governance.LiquidityTierChange;
import io.novation.core.governance.MarketFeesChange;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON of the governance commands: a change object per kind, in human units, decoded to the engine's units and
 * encoded back; an unknown kind or a field of another kind is refused.
 */
class GovernanceJsonTest
{
    private final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
    private final CommandDecoder decoder;
    private final CommandEncoder encoder;

    GovernanceJsonTest()
    {
        engine.apply(new CreatePerpetual(0, 0, "BTC-USD", "BTC-USD", -5, -10, 10_000, 1_000_000,
            LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE));
        decoder = new CommandDecoder(engine, AccountNames.ADDRESSES_ONLY);
        encoder = new CommandEncoder(engine.state());
    }

    private Command decode(final String json) throws Exception
    {
        return decoder.decode(Json.MAPPER.readTree(json), 1_000L);
    }

    @Test
    void shouldDecodeATierChangeInHumanUnits() throws Exception
    {
        final Command command = decode("{\"type\":\"setRiskParameters\",\"changeId\":4," +
            "\"effectiveTime\":\"2025-10-10T01:00:00Z\",\"change\":{\"kind\":\"liquidityTier\",\"market\":\"BTC-USD\"," +
            "\"initialMargin\":\"0.06\",\"maintenanceFraction\":\"0.6\",\"openInterestLowerCap\":\"1000000\"," +
            "\"openInterestUpperCap\":\"2000000\"}}");

        assertThat(command).isEqualTo(new SetRiskParameters(1_000L, 4, 1_760_058_000_000L,
            new LiquidityTierChange(0, 60_000, 600_000, 0, 1_000_000_000_000L, 2_000_000_000_000L)));
    }

    @Test
    void shouldEncodeEachCommandSoThatItDecodesBackToItself() throws Exception
    {
        final Command[] commands = {
            new SetRiskParameters(5, 3, 3_600_005, new LiquidityTierChange(0, 60_000, 600_000, 1_000, 7, 9)),
            new SetRiskParameters(5, 4, 3_600_005, new MarketFeesChange(0, -100, 700)),
            new CancelRiskParameters(6, 3)};
        for (final Command command : commands)
        {
            final ObjectNode json = encoder.encode(command, true);
            assertThat(decoder.decode(json, 0)).as(json.toString()).isEqualTo(command);
        }
    }

    @Test
    void shouldRefuseAnUnknownKindAndAFieldOfAnotherKind()
    {
        assertThatThrownBy(() -> decode("{\"type\":\"setRiskParameters\",\"changeId\":1,\"effectiveTime\":5," +
            "\"change\":{\"kind\":\"leverage\",\"market\":\"BTC-USD\"}}"))
            .isInstanceOf(CommandFormatException.class).hasMessageContaining("change.kind");
        assertThatThrownBy(() -> decode("{\"type\":\"setRiskParameters\",\"changeId\":1,\"effectiveTime\":5," +
            "\"change\":{\"kind\":\"marketFees\",\"market\":\"BTC-USD\",\"makerFee\":\"0\",\"takerFee\":\"0.001\"," +
            "\"initialMargin\":\"0.1\"}}"))
            .isInstanceOf(CommandFormatException.class).hasMessageContaining("initialMargin");
    }

    @Test
    void shouldRefuseTheSequencersApplicationFromAClient()
    {
        assertThatThrownBy(() -> decode("{\"type\":\"applyRiskParameters\",\"changeId\":1}"))
            .isInstanceOf(CommandFormatException.class);
    }

    @Test
    void shouldWriteAScheduledEventWithItsChange()
    {
        final JsonNode event = Json.event(new io.novation.core.event.Event.RiskParametersScheduled(3, 4, "marketFees",
            9, true, new MarketFeesChange(0, -100, 700)));
        assertThat(event.get("changeId").asLong()).isEqualTo(4);
        assertThat(event.get("change").get("takerFeePpm").asLong()).isEqualTo(700);
    }
}
