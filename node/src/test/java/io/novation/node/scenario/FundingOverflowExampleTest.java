package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/18-funding-overflow.json}: a 12 % tick over 8 hours at atomic resolution −7, whose intermediate
 * does not fit 64 bits, is applied and charged in full.
 */
class FundingOverflowExampleTest
{
    @Test
    void shouldChargeTheTwelvePercentTickWhoseIntermediateExceedsALong() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("18-funding-overflow.json"));

        assertThat(report.get("rejectedCount").asInt()).isZero();
        long paid = 0;
        long received = 0;
        long delta = 0;
        for (final JsonNode event : report.get("events"))
        {
            if ("FundingTicked".equals(event.get("type").asText()))
            {
                delta = event.get("indexDelta").asLong();
            }
            if ("FundingPaid".equals(event.get("type").asText()))
            {
                final long amount = event.get("amount").asLong();
                paid += Math.min(0, amount);
                received += Math.max(0, amount);
            }
        }
        // 12 % of 60,000 USD per BTC is 7,200 USD per 1e7 base quantums: 720 quote quantums, 7.2e11 ppb, each.
        assertThat(delta).isEqualTo(720_000_000_000L);
        assertThat(paid).isEqualTo(-7_200_000_000L);
        assertThat(received).isEqualTo(7_200_000_000L);
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
    }
}
