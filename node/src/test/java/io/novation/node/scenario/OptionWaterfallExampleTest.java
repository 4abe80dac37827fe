package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/15-option-liquidation-and-expiry-shortfall.json}: an option liquidation at the mark plus the
 * discount, a healthy one refused, and an expiry shortfall covered by the insurance fund and then by the longs.
 */
class OptionWaterfallExampleTest
{
    private static JsonNode subaccount(final ObjectNode report, final String name)
    {
        for (final JsonNode account : report.get("accounts"))
        {
            if (name.equals(account.path("name").asText()))
            {
                return account.get("subaccounts").get(0);
            }
        }
        throw new AssertionError("no account " + name);
    }

    @Test
    void shouldLiquidateAShortCallAndCoverTheExpiryShortfallFromTheFundThenTheLongs() throws Exception
    {
        final ObjectNode report =
            new ScenarioRunner().run(Examples.read("15-option-liquidation-and-expiry-shortfall.json"));

        final List<String> trail = new ArrayList<>();
        long fundFee = 0;
        JsonNode shortfall = null;
        for (final JsonNode event : report.get("events"))
        {
            switch (event.get("type").asText())
            {
                case "Liquidated" ->
                {
                    trail.add("liquidated " + event.get("size").asLong());
                    fundFee = event.get("insuranceFundDelta").asLong();
                }
                case "Rejected" -> trail.add("rejected " + event.get("code").asText());
                case "OptionExpiryShortfall" ->
                {
                    trail.add("shortfall");
                    shortfall = event;
                }
                default ->
                {
                }
            }
        }
        // keeper-1 takes carol's 0.5 BTC of calls (5,000 base quantums); alice is refused; the expiry falls short.
        assertThat(trail).containsExactly("liquidated 5000", "rejected NOT_LIQUIDATABLE", "shortfall");
        assertThat(fundFee).isPositive();
        // Alice held 8,000 + 375 of premium and owed 0.5 · 20,000: 1,625 USDC short; the fund pays its fee back.
        assertThat(shortfall.get("shortfall").asLong()).isEqualTo(1_625_000_000L);
        assertThat(shortfall.get("insuranceFundPaid").asLong()).isEqualTo(fundFee);
        assertThat(shortfall.get("socializedToLongs").asLong()).isEqualTo(1_625_000_000L - fundFee);
        // Bob, long 1 BTC, is owed 20,000 and receives floor(20,000 · (20,000 − socialized) / 20,000).
        final long received = 20_000_000_000L - (1_625_000_000L - fundFee);
        assertThat(subaccount(report, "bob").get("collateral").get("USDC").asText())
            .isEqualTo(new java.math.BigDecimal(50_000_000_000L - 750_000_000L + received).movePointLeft(6)
                .stripTrailingZeros().toPlainString());
        assertThat(subaccount(report, "alice").get("netCollateral").asText()).isEqualTo("0");
        assertThat(report.get("insuranceFund").asText()).isEqualTo("0");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
    }
}
