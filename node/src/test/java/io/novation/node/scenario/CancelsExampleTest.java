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
 * examples/12-cancels.json: an order cancelled before it fills is refused with ORDER_CANCELLED, a stranger's cancel
 * of alice's order changes nothing for it, a nonce floor refuses older orders with ORDER_CANCELLED and fills those at
 * the floor, and a floor that goes down is refused with NONCE_FLOOR_NOT_RAISED.
 */
class CancelsExampleTest
{
    @Test
    void shouldRefuseCancelledOrdersAndThoseBelowTheFloorAndIgnoreAStrangersCancel() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("12-cancels.json"));

        final List<String> rejected = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        report.get("events").forEach(event ->
        {
            types.add(event.get("type").asText());
            if (event.get("type").asText().equals("Rejected"))
            {
                rejected.add(event.get("code").asText());
            }
        });
        assertThat(rejected).containsExactly("ORDER_CANCELLED", "ORDER_CANCELLED", "NONCE_FLOOR_NOT_RAISED");
        assertThat(types.stream().filter("TradeSettled"::equals).count())
            .as("alice's order after mallory's cancel, and the one at the floor").isEqualTo(2);
        assertThat(types.stream().filter("OrdersCancelled"::equals).count()).isEqualTo(2);
        assertThat(types.stream().filter("NonceFloorRaised"::equals).count()).isEqualTo(1);
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
    }

    @Test
    void shouldFillTheOrderWithoutTheOwnersCancelAndNotWithIt() throws Exception
    {
        final ObjectNode scenario = (ObjectNode)Json.MAPPER.readTree(Examples.read("12-cancels.json"));
        ((ArrayNode)scenario.get("commands")).remove(7);

        final JsonNode report = new ScenarioRunner().run(scenario.toString());

        long fills = 0;
        for (final JsonNode event : report.get("events"))
        {
            fills += event.get("type").asText().equals("TradeSettled") ? 1 : 0;
        }
        assertThat(fills).as("without alice's cancel her nonce-7 order fills too").isEqualTo(3);
    }
}
