package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An isolated market's traders withdraw from the subaccount they trade from: a short run with the base chain on and
 * AVAX-USD alone (isolated: each trader's deposit moved to subaccount 128 by a signed transfer at setup, so every
 * trader's withdrawal is an isolated one), 200 traders from 20:50 to 22:00 UTC, in which traders in profit
 * withdraw it, the node applies their withdrawals (each with its account's next nonce, above the transfer's) and
 * the bridge pays them by proof.
 */
class IsolatedWithdrawalDemoTest
{
    private static final Path OUT = Path.of("target", "isolated-withdrawal-test");

    @Test
    void shouldApplyAndPayTheWithdrawalOfAnIsolatedTraderFromSubaccount128() throws Exception
    {
        final DemoSettings settings = DemoSettings.defaults(OUT).withAccounts(200)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(20 * 60 + 50, 22 * 60)
            .withMarkets(List.of("AVAX"));
        final DemoOutcome outcome = Demo.run(settings, ChainSettings.on(),
            new PrintStream(OutputStream.nullOutputStream()), false);
        final JsonNode report = Json.MAPPER.readTree(outcome.json().toFile());
        final JsonNode withdrawals = report.get("baseChain").get("withdrawals");
        final JsonNode isolated = withdrawals.get("fromIsolatedSubaccounts");

        assertThat(outcome.failures()).isEmpty();
        assertThat(isolated.get("paid").asLong()).isPositive();
        assertThat(isolated.get("refused").asLong()).isZero();
        assertThat(withdrawals.get("refused").asLong()).isZero();
        assertThat(withdrawals.get("unpaid").asLong()).isZero();
        assertThat(report.get("invariants").get("hold").asBoolean()).isTrue();
    }
}
