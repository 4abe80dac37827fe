package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.core.governance.PositionCapsChange;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code positionCaps} kind of {@code setRiskParameters}: caps in base units of the market, 0 or absent for none,
 * decoded to base quantums and encoded back.
 */
class PositionCapsJsonTest
{
    private final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
    private final CommandDecoder decoder;
    private final CommandEncoder encoder;

    PositionCapsJsonTest()
    {
        engine.apply(new CreatePerpetual(0, 0, "BTC-USD", "BTC-USD", -5, -10, 10_000, 1_000_000,
            LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE));
        decoder = new CommandDecoder(engine, AccountNames.ADDRESSES_ONLY);
        encoder = new CommandEncoder(engine.state());
    }

    @Test
    void shouldDecodeCapsInBaseUnitsAndEncodeThemBack() throws Exception
    {
        final Command command = decoder.decode(Json.MAPPER.readTree("{\"type\":\"setRiskParameters\"," +
            "\"changeId\":9,\"effectiveTime\":3600000,\"change\":{\"kind\":\"positionCaps\"," +
            "\"market\":\"BTC-USD\",\"openInterestCap\":\"250\",\"positionLimit\":\"12.5\"}}"), 1_000L);

        assertThat(command).isEqualTo(new SetRiskParameters(1_000L, 9, 3_600_000L,
            new PositionCapsChange(0, 250 * 10_000_000_000L, 125 * 1_000_000_000L)));
        final ObjectNode json = encoder.encode(command, true);
        assertThat(json.get("change").get("positionLimit").asText()).isEqualTo("12.5");
        assertThat(decoder.decode(json, 0)).isEqualTo(command);
    }

    @Test
    void shouldTakeAnAbsentCapAsNone() throws Exception
    {
        final Command command = decoder.decode(Json.MAPPER.readTree("{\"type\":\"setRiskParameters\"," +
            "\"changeId\":10,\"effectiveTime\":3600000,\"change\":{\"kind\":\"positionCaps\"," +
            "\"market\":\"BTC-USD\",\"openInterestCap\":\"100\"}}"), 1_000L);

        assertThat(((SetRiskParameters)command).change()).isEqualTo(new PositionCapsChange(0,
            100 * 10_000_000_000L, 0));
    }
}
