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
 * examples/19-non-usdc-withdrawal.json: an ETH withdrawal and a forced ETH withdrawal are queued with the ETH asset
 * id (the bridge pays them in ETH), and a withdrawal of an asset id the bridge holds no token for is rejected with
 * ASSET_NOT_WITHDRAWABLE without changing the state.
 */
class NonUsdcWithdrawalExampleTest
{
    @Test
    void shouldQueueEthWithdrawalsWithTheirAssetIdAndRejectAnAssetTheBridgeDoesNotHold() throws Exception
    {
        final String text = Examples.read("19-non-usdc-withdrawal.json");
        final ObjectNode report = new ScenarioRunner().run(text);

        final List<JsonNode> queued = new ArrayList<>();
        JsonNode rejected = null;
        for (final JsonNode event : report.get("events"))
        {
            if (event.get("type").asText().equals("WithdrawalQueued"))
            {
                queued.add(event);
            }
            if (event.get("type").asText().equals("Rejected"))
            {
                rejected = event;
            }
        }
        assertThat(queued).hasSize(2);
        assertThat(queued).allSatisfy(event -> assertThat(event.get("assetId").asInt()).isEqualTo(1));
        assertThat(queued.get(0).get("amount").asLong()).as("1 ETH, 8 decimals").isEqualTo(100_000_000L);
        assertThat(queued.get(1).get("amount").asLong()).isEqualTo(50_000_000L);
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(1);
        assertThat(rejected.get("code").asText()).isEqualTo("ASSET_NOT_WITHDRAWABLE");
        final JsonNode collateral = report.get("accounts").get(0).get("subaccounts").get(0).get("collateral");
        assertThat(collateral.get("ETH").asText()).isEqualTo("1");
        assertThat(collateral.get("USDC").asText()).isEqualTo("1000");
        assertThat(report.get("conservation").get("ETH").get("withdrawn").asText()).isEqualTo("1.5");
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();

        final ObjectNode withoutRejected = (ObjectNode)Json.MAPPER.readTree(text);
        final ArrayNode commands = (ArrayNode)withoutRejected.get("commands");
        assertThat(commands.get(commands.size() - 1).get("asset").asInt()).isEqualTo(7);
        commands.remove(commands.size() - 1);
        assertThat(new ScenarioRunner().run(withoutRejected.toString()).get("stateRoot"))
            .as("the rejected withdrawal leaves the root unchanged").isEqualTo(report.get("stateRoot"));
    }

}
