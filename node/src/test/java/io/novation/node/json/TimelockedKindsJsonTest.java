package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.governance.FundingParametersChange;
import io.novation.core.governance.VolSurfaceParametersChange;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.VolSurfaceParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON of the scheduled kinds {@code fundingParameters} and {@code volSurfaceParameters}: the fields of
 * {@code setFundingParameters} and {@code setVolSurfaceParameters} (absent ones unchanged), encoded back to themselves.
 */
class TimelockedKindsJsonTest
{
    private final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
    private final CommandDecoder decoder;
    private final CommandEncoder encoder;

    TimelockedKindsJsonTest()
    {
        engine.apply(new CreatePerpetual(0, 0, "BTC-USD", "BTC-USD", -5, -10, 10_000, 1_000_000,
            LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE));
        decoder = new CommandDecoder(engine, AccountNames.ADDRESSES_ONLY);
        encoder = new CommandEncoder(engine.state());
    }

    @Test
    void shouldDecodeAFundingChangeWithAbsentFieldsUnchanged() throws Exception
    {
        final Command command = decoder.decode(Json.MAPPER.readTree("{\"type\":\"setRiskParameters\"," +
            "\"changeId\":9,\"effectiveTime\":90000000,\"change\":{\"kind\":\"fundingParameters\"," +
            "\"market\":\"BTC-USD\",\"mode\":\"external\",\"interestRate\":\"0.0002\"}}"), 1_000L);

        final FundingParameters d = FundingParameters.defaults();
        assertThat(command).isEqualTo(new SetRiskParameters(1_000L, 9, 90_000_000L, new FundingParametersChange(0,
            new FundingParameters(FundingMode.EXTERNAL_RATE, d.sampleIntervalMs(), d.tickIntervalMs(), 200_000,
                d.interestClampPpb(), d.rateClampFactorPpm(), d.premiumClampFactorPpm()))));
    }

    @Test
    void shouldEncodeEachNewKindSoThatItDecodesBackToItself() throws Exception
    {
        final Command[] commands = {
            new SetRiskParameters(5, 3, 90_000_005, new FundingParametersChange(0,
                FundingParameters.defaults().withMode(FundingMode.EXTERNAL_RATE))),
            new SetRiskParameters(5, 4, 3_600_005, new VolSurfaceParametersChange(0,
                new VolSurfaceParameters(3_600_000, 100_000, 50_000, 20_000, 300_000)))};
        for (final Command command : commands)
        {
            final ObjectNode json = encoder.encode(command, true);
            assertThat(decoder.decode(json, 0)).as(json.toString()).isEqualTo(command);
        }
    }
}
