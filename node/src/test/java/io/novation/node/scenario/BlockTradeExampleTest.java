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
 * examples/13-block-trade.json: a call spread package and a perpetual-hedged straddle package settle, each leg as a
 * trade and each package as one BlockTradeSettled event; a package with a leg off its band is refused naming the
 * leg and leaves both parties as they were; a replayed package is refused.
 */
class BlockTradeExampleTest
{
    private static List<String> trail(final JsonNode report)
    {
        final List<String> trail = new ArrayList<>();
        for (final JsonNode event : report.get("events"))
        {
            switch (event.get("type").asText())
            {
                case "Rejected" -> trail.add(event.get("code").asText() + " " +
                    event.get("message").asText().substring(0, 7));
                case "BlockTradeSettled" -> trail.add("package of " + event.get("legs").asInt());
                case "TradeSettled" -> trail.add("leg " + event.get("marketId").asInt());
                default ->
                {
                }
            }
        }
        return trail;
    }

    private static JsonNode subaccount(final JsonNode report, final String owner)
    {
        for (final JsonNode account : report.get("accounts"))
        {
            if (account.get("owner").asText().equals(owner) || account.path("name").asText().equals(owner))
            {
                return account.get("subaccounts").get(0);
            }
        }
        throw new AssertionError("no account " + owner);
    }

    @Test
    void shouldSettleTwoPackagesAndRefuseTheOneOffItsBandAndTheReplay() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("13-block-trade.json"));

        assertThat(trail(report)).containsExactly("leg 65536", "leg 65537", "package of 2", "leg 65538",
            "leg 65539", "leg 0", "package of 3", "BLOCK_TRADE_OFF_BAND leg 1: ", "BLOCK_TRADE_FILLED package");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
        final JsonNode broker = subaccount(report, "broker");
        // The broker had 1 USDC and received the 3 USDC broker fee of the straddle package.
        assertThat(broker.get("collateral").get("USDC").asText()).isEqualTo("4");
    }

    @Test
    void shouldLeaveBothPartiesAsTheyWereAfterTheRefusedPackage() throws Exception
    {
        final ObjectNode scenario = (ObjectNode)Json.MAPPER.readTree(Examples.read("13-block-trade.json"));
        final ArrayNode commands = (ArrayNode)scenario.get("commands");
        final ObjectNode full = new ScenarioRunner().run(scenario.toString());
        // Without the refused packages (the off-band one and the replay), both parties end the same.
        commands.remove(commands.size() - 1);
        commands.remove(commands.size() - 1);
        final ObjectNode without = new ScenarioRunner().run(scenario.toString());

        for (final String party : List.of("desk", "fund"))
        {
            assertThat(subaccount(full, party)).isEqualTo(subaccount(without, party));
        }
        assertThat(subaccount(full, "fund").get("positions")).hasSize(5);
    }
}
