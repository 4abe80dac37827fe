package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/10-delisting.json: the announcement turns BTC-USD reduce-only (a trade that grows both positions refused,
 * one that shrinks both accepted), an insurance withdrawal is refused below the floor while dave is liquidatable, an
 * early settlement is refused, the first round after 12:00 fixes the 30-minute TWAP (84,333.33333), settleMarket
 * closes all four positions at it with dave's deficit paid by the fund and then pro rata by bob and carol, and a
 * later trade is refused with MARKET_SETTLED; every refusal leaves the root unchanged.
 */
class DelistingExampleTest
{
    private static final long USDC = 1_000_000L;
    private static final String EXAMPLE = "10-delisting.json";

    private static List<JsonNode> events(final JsonNode report, final String type)
    {
        final List<JsonNode> found = new ArrayList<>();
        report.get("events").forEach(event ->
        {
            if (event.get("type").asText().equals(type))
            {
                found.add(event);
            }
        });
        return found;
    }

    @Test
    void shouldSettleEveryPositionAtTheTwapAndCoverTheDeficitByTheWaterfall() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read(EXAMPLE));

        assertThat(events(report, "Rejected")).extracting(e -> e.get("code").asText()).containsExactly(
            "MARKET_REDUCE_ONLY", "INSURANCE_FLOOR", "SETTLEMENT_NOT_DUE", "MARKET_SETTLED");
        assertThat(events(report, "MarketDelistingAnnounced")).hasSize(1);
        assertThat(events(report, "MarketSettlementFixed").get(0).get("settlementPrice").asLong())
            .isEqualTo(8_433_333_333L);
        final List<JsonNode> settledPositions = events(report, "PositionSettled");
        assertThat(settledPositions).hasSize(4);
        long credits = 0;
        long socializedTotal = 0;
        for (final JsonNode position : settledPositions)
        {
            credits += position.get("amount").asLong() + position.get("socialized").asLong();
            socializedTotal += position.get("socialized").asLong();
        }
        // Longs receive exactly what shorts pay at 84,333.33333 (0.6 and 1 BTC each side: no rounding remainder).
        assertThat(credits).isZero();
        final JsonNode settled = events(report, "MarketSettled").get(0);
        // dave: 5,000 + 9 (rebate) - 90,000 + 84,333.33333 = -657.66667 USDC.
        assertThat(settled.get("deficits").asLong()).isEqualTo(657_666_670L);
        assertThat(settled.get("fromInsurance").asLong()).isEqualTo(20 * USDC);
        assertThat(settled.get("socialized").asLong()).isEqualTo(637_666_670L);
        assertThat(settled.get("toBadDebt").asLong()).isZero();
        // The winners' shares round up: one quantum more than the socialized loss, to the fee pool.
        assertThat(socializedTotal).isEqualTo(637_666_671L);
        assertThat(settled.get("feePoolDelta").asLong()).isEqualTo(1);
        assertThat(report.get("insuranceFund").asText()).isEqualTo("0");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(4);
    }

    @Test
    void shouldLeaveTheRootUnchangedByEachRefusal() throws Exception
    {
        final ObjectNode scenario = (ObjectNode)Json.MAPPER.readTree(Examples.read(EXAMPLE));
        final ArrayNode all = (ArrayNode)scenario.get("commands");
        final ObjectNode report = new ScenarioRunner().run(scenario.toString());
        for (final JsonNode rejected : events(report, "Rejected"))
        {
            final int index = (int)rejected.get("sequence").asLong() - 1;
            final ObjectNode upTo = scenario.deepCopy();
            final ArrayNode commands = (ArrayNode)upTo.get("commands");
            commands.removeAll();
            for (int i = 0; i <= index; i++)
            {
                commands.add(all.get(i));
            }
            final JsonNode withRefused = new ScenarioRunner().run(upTo.toString()).get("stateRoot");
            commands.remove(index);
            assertThat(withRefused).as(rejected.get("code").asText() + " leaves the root unchanged")
                .isEqualTo(new ScenarioRunner().run(upTo.toString()).get("stateRoot"));
        }
    }
}
