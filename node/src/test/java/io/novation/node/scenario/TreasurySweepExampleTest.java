package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.SweepFees;
import io.novation.node.json.AccountDirectory;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/20-treasury-sweep.json: trades fill the fee pool with 36 USDC (taker fees of 45 less maker rebates of 9),
 * governance sweeps 20 to the treasury's subaccount 1, a sweep of 100 is refused with FEE_POOL_INSUFFICIENT without
 * changing the state, and the treasury withdraws the 20 it received.
 */
class TreasurySweepExampleTest
{
    private static final long USDC = 1_000_000L;

    @Test
    void shouldSweepFeesToTheTreasuryAndRefuseASweepBeyondThePool() throws Exception
    {
        final String text = Examples.read("20-treasury-sweep.json");
        final ObjectNode report = new ScenarioRunner().run(text);

        final Map<String, JsonNode> events = new HashMap<>();
        report.get("events").forEach(event -> events.putIfAbsent(event.get("type").asText(), event));
        final JsonNode swept = events.get("FeesSwept");
        assertThat(swept.get("amount").asLong()).isEqualTo(20 * USDC);
        assertThat(swept.get("feePool").asLong()).isEqualTo(16 * USDC);
        assertThat(swept.get("subaccount").asInt()).isEqualTo(1);
        assertThat(events.get("Rejected").get("code").asText()).isEqualTo("FEE_POOL_INSUFFICIENT");
        assertThat(events.get("WithdrawalQueued").get("amount").asLong()).isEqualTo(20 * USDC);
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(1);
        assertThat(report.get("feePool").asText()).isEqualTo("16");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
        assertThat(report.get("conservation").get("USDC").get("withdrawn").asText()).isEqualTo("20");

        final ObjectNode scenario = (ObjectNode)Json.MAPPER.readTree(text);
        final ArrayNode commands = (ArrayNode)scenario.get("commands");
        assertThat(commands.get(9).get("amount").asText()).isEqualTo("100");
        commands.remove(10);
        final JsonNode afterRefused = new ScenarioRunner().run(scenario.toString()).get("stateRoot");
        commands.remove(9);
        assertThat(afterRefused).as("the refused sweep leaves the root unchanged")
            .isEqualTo(new ScenarioRunner().run(scenario.toString()).get("stateRoot"));
    }

    @Test
    void shouldDecodeTheSweepItsEncoderWrites() throws Exception
    {
        final ScenarioRunner runner = new ScenarioRunner();
        runner.run(Examples.read("20-treasury-sweep.json"));
        final Address treasury = Address.parse("0x97a6ce3cef2f08c89c02ccf7664bb2d859c14629");
        assertThat(runner.engine().state().accounts().find(treasury)).as("the treasury of the example").isNotNull();
        final SweepFees sweep = new SweepFees(1_000, treasury, 1, 20_500_001L);
        final ObjectNode json = new CommandEncoder(runner.engine().state()).encode(sweep, true);

        assertThat(json.get("amount").asText()).isEqualTo("20.500001");
        final Command decoded = new ScenarioDecoder(runner.engine(), new AccountDirectory())
            .decode(json, 0);
        assertThat(decoded).isEqualTo(sweep);
    }
}
