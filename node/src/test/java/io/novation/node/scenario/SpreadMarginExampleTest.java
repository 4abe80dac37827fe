package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/14-spread-margin.json}: a 100,000/105,000 call spread margined at its maximum loss of 5,000 USDC
 * in one subaccount, against the naked short's 12,350 when the same legs sit in two subaccounts.
 */
class SpreadMarginExampleTest
{
    private static final BigDecimal MAX_LOSS = new BigDecimal("5000");
    private static ObjectNode report;

    @BeforeAll
    static void run() throws Exception
    {
        report = new ScenarioRunner().run(Examples.read("14-spread-margin.json"));
    }

    private static JsonNode subaccount(final String name, final int number)
    {
        for (final JsonNode account : report.get("accounts"))
        {
            if (name.equals(account.path("name").asText()))
            {
                for (final JsonNode subaccount : account.get("subaccounts"))
                {
                    if (subaccount.get("number").asInt() == number)
                    {
                        return subaccount;
                    }
                }
            }
        }
        throw new AssertionError("no subaccount " + number + " of " + name);
    }

    private static BigDecimal decimal(final JsonNode node, final String field)
    {
        return new BigDecimal(node.get(field).asText());
    }

    @Test
    void shouldAcceptTheSpreadInOneSubaccountAndRefuseTheSameShortLegAlone()
    {
        final List<String> trail = new ArrayList<>();
        for (final JsonNode event : report.get("events"))
        {
            switch (event.get("type").asText())
            {
                case "TradeSettled" -> trail.add("trade " + event.get("takerSubaccount").asInt() +
                    (event.get("takerIsBuy").asBoolean() ? " buy" : " sell"));
                case "WithdrawalQueued" -> trail.add("withdrawal");
                case "Rejected" -> trail.add("rejected " + event.get("code").asText());
                default ->
                {
                }
            }
        }
        // Alice's two legs, dave's long in subaccount 0, dave's short in subaccount 1 refused, then the withdrawals.
        assertThat(trail).containsExactly("trade 0 buy", "trade 0 sell", "trade 0 buy", "rejected INSUFFICIENT_MARGIN",
            "withdrawal", "rejected INSUFFICIENT_MARGIN");
    }

    @Test
    void shouldMarginTheSpreadAtItsMaximumLossBelowTheNakedSum()
    {
        final JsonNode alice = subaccount("alice", 0);
        BigDecimal naked = BigDecimal.ZERO;
        BigDecimal liability = BigDecimal.ZERO;
        BigDecimal longValue = BigDecimal.ZERO;
        for (final JsonNode position : alice.get("positions"))
        {
            naked = naked.add(decimal(position, "initialMarginRequirement"));
            if (position.get("size").asText().startsWith("-"))
            {
                liability = liability.subtract(decimal(position, "value"));
            }
            else
            {
                longValue = longValue.add(decimal(position, "value"));
            }
        }
        // The short's naked requirement: 13 % of 95,000.
        assertThat(naked).isEqualByComparingTo("12350");
        // Paired: the maximum loss less the liability net collateral already carries; maintenance net collateral
        // also counts the long at its value, so maintenance adds it back (the cash alone must cover the loss).
        assertThat(longValue).isPositive();
        assertThat(decimal(alice, "initialMarginRequirement")).isEqualByComparingTo(MAX_LOSS.subtract(liability));
        assertThat(decimal(alice, "maintenanceMarginRequirement"))
            .isEqualByComparingTo(MAX_LOSS.subtract(liability).add(longValue));
        // 6,000 − 1,600 + 2,800 − 2,000 withdrawn = 5,200 of cash, 5,000 of it held for the maximum loss.
        assertThat(decimal(alice.get("collateral"), "USDC")).isEqualByComparingTo("5200");
        assertThat(decimal(alice, "freeCollateral")).isEqualByComparingTo("200");
        assertThat(alice.get("liquidatable").asBoolean()).isFalse();
        for (final JsonNode prices : alice.get("liquidationPrices"))
        {
            assertThat(prices.get("above").get("liquidationPriceExists").asBoolean()).isFalse();
            assertThat(prices.get("below").get("liquidationPriceExists").asBoolean()).isFalse();
        }
    }

    @Test
    void shouldMarginTheSameLegsInTwoSubaccountsAsNaked()
    {
        final JsonNode longLeg = subaccount("dave", 0);
        final JsonNode shortSide = subaccount("dave", 1);
        assertThat(longLeg.get("positions")).hasSize(1);
        assertThat(decimal(longLeg, "initialMarginRequirement")).isEqualByComparingTo("0");
        // The refused short left subaccount 1 as it was.
        assertThat(shortSide.get("positions")).isEmpty();
        assertThat(decimal(shortSide.get("collateral"), "USDC")).isEqualByComparingTo("3000");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
    }
}
