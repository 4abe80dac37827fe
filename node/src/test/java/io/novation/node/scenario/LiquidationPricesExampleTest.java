package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/17-liquidation-prices.json}: the state output after the trades publishes each subaccount's
 * liquidation and bankruptcy prices per oracle and per position; the example's later oracle rounds sit exactly at
 * those published prices (alice's, perpetuals only: at the unit and one unit above; carol's, with an option whose
 * time decay moves her price between rounds: 1 USD either side), and the run shows a keeper refused before each price
 * and liquidating at (or just past) it.
 */
class LiquidationPricesExampleTest
{
    private static final BigDecimal UNIT = new BigDecimal("0.00001");

    @Test
    void shouldLiquidateEachSubaccountAtItsPublishedPriceAndNotOneUnitBefore() throws Exception
    {
        final ObjectNode scenario = (ObjectNode)Json.MAPPER.readTree(Examples.read("17-liquidation-prices.json"));
        final ObjectNode prefix = scenario.deepCopy();
        final ArrayNode commands = (ArrayNode)prefix.get("commands");
        while (!"settleTrade".equals(commands.get(commands.size() - 1).get("type").asText()))
        {
            commands.remove(commands.size() - 1);
        }
        final ObjectNode published = new ScenarioRunner().run(prefix.toString());

        final JsonNode alice = belowBtc(subaccount(published, "alice"));
        final JsonNode carol = belowBtc(subaccount(published, "carol"));
        assertThat(subaccount(published, "alice").get("marginModel").asText()).isEqualTo("portfolio");
        assertThat(subaccount(published, "carol").get("marginModel").asText()).isEqualTo("standard");
        // A portfolio long: bankruptcy below liquidation; both published per position too.
        final BigDecimal aliceLiquidation = new BigDecimal(alice.get("liquidationPrice").asText());
        assertThat(new BigDecimal(alice.get("bankruptcyPrice").asText())).isLessThan(aliceLiquidation);
        final JsonNode alicePosition = subaccount(published, "alice").get("positions").get(0);
        assertThat(alicePosition.get("liquidationPrice").asText()).isEqualTo(alice.get("liquidationPrice").asText());
        assertThat(alicePosition.get("liquidationSide").asText()).isEqualTo("below");
        // Carol's option position carries her subaccount's price on its oracle.
        final BigDecimal carolLiquidation = new BigDecimal(carol.get("liquidationPrice").asText());
        for (final JsonNode position : subaccount(published, "carol").get("positions"))
        {
            assertThat(position.get("liquidationPrice").asText()).isEqualTo(carol.get("liquidationPrice").asText());
            assertThat(position.get("liquidationPriceExists").asBoolean()).isTrue();
        }
        // Nothing above 95,000 liquidates either of them: said explicitly.
        final JsonNode aliceAbove = subaccount(published, "alice").get("liquidationPrices").get(0).get("above");
        assertThat(aliceAbove.get("liquidationPrice").isNull()).isTrue();
        assertThat(aliceAbove.get("liquidationPriceExists").asBoolean()).isFalse();
        assertThat(aliceAbove.get("searchedTo").asText()).isEqualTo("950000");

        // The example's rounds before each keeper are those prices.
        assertThat(roundsBeforeLiquidations(scenario, "carol")).containsExactly(
            carolLiquidation.add(BigDecimal.ONE), carolLiquidation.subtract(BigDecimal.ONE));
        assertThat(roundsBeforeLiquidations(scenario, "alice")).containsExactly(
            aliceLiquidation.add(UNIT), aliceLiquidation);

        final ObjectNode report = new ScenarioRunner().run(Examples.read("17-liquidation-prices.json"));
        final List<String> trail = new ArrayList<>();
        final String aliceAddress = owner(report, "alice");
        for (final JsonNode event : report.get("events"))
        {
            switch (event.get("type").asText())
            {
                case "Liquidated" -> trail.add("liquidated " +
                    (event.get("target").asText().equalsIgnoreCase(aliceAddress) ? "alice" : "carol"));
                case "Rejected" -> trail.add(event.get("code").asText() + " " +
                    (event.get("message").asText().contains(aliceAddress) ? "alice" : "carol"));
                default ->
                {
                }
            }
        }
        assertThat(trail).containsExactly("NOT_LIQUIDATABLE carol", "liquidated carol", "NOT_LIQUIDATABLE alice",
            "liquidated alice");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
        assertThat(subaccount(report, "alice").get("positions").get(0).get("size").asText()).isEqualTo("0.9");
    }

    private static List<BigDecimal> roundsBeforeLiquidations(final JsonNode scenario, final String target)
    {
        final List<BigDecimal> prices = new ArrayList<>();
        BigDecimal last = null;
        for (final JsonNode command : scenario.get("commands"))
        {
            if ("oraclePrice".equals(command.get("type").asText()))
            {
                last = new BigDecimal(command.get("price").asText());
            }
            if ("liquidate".equals(command.get("type").asText()) && target.equals(command.get("target").asText()))
            {
                prices.add(last);
            }
        }
        return prices;
    }

    private static JsonNode belowBtc(final JsonNode subaccount)
    {
        final JsonNode prices = subaccount.get("liquidationPrices").get(0);
        assertThat(prices.get("oracle").asText()).isEqualTo("BTC-USD");
        final JsonNode below = prices.get("below");
        assertThat(below.get("liquidationPriceExists").asBoolean()).isTrue();
        assertThat(below.get("bankruptcyPriceExists").asBoolean()).isTrue();
        return below;
    }

    private static String owner(final JsonNode report, final String name)
    {
        for (final JsonNode account : report.get("accounts"))
        {
            if (name.equals(account.path("name").asText()))
            {
                return account.get("owner").asText();
            }
        }
        throw new AssertionError("no account " + name);
    }

    private static JsonNode subaccount(final JsonNode report, final String name)
    {
        for (final JsonNode account : report.get("accounts"))
        {
            if (name.equals(account.path("name").asText()))
            {
                return account.get("subaccounts").get(0);
            }
        }
        throw new AssertionError("no subaccount " + name + "/0");
    }

}
