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
 * examples/11-session-keys.json: a session key's order settles as alice's, its withdrawal is refused with
 * OUT_OF_SCOPE (alice's own passes), a revoked key's order is refused with SESSION_KEY_REVOKED, and after the key's
 * expiry its order is refused with SESSION_KEY_EXPIRED while alice's own order still fills.
 */
class SessionKeysExampleTest
{
    private static List<String> codes(final JsonNode report)
    {
        final List<String> codes = new ArrayList<>();
        report.get("events").forEach(event ->
        {
            if (event.get("type").asText().equals("Rejected"))
            {
                codes.add(event.get("code").asText());
            }
        });
        return codes;
    }

    private static long count(final JsonNode report, final String type)
    {
        long count = 0;
        for (final JsonNode event : report.get("events"))
        {
            count += event.get("type").asText().equals(type) ? 1 : 0;
        }
        return count;
    }

    @Test
    void shouldTradeWithAKeyRefuseItsWithdrawalAndRefuseItOnceRevokedOrExpired() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read("11-session-keys.json"));

        assertThat(codes(report)).containsExactly("OUT_OF_SCOPE", "SESSION_KEY_REVOKED", "SESSION_KEY_EXPIRED");
        assertThat(count(report, "TradeSettled")).as("the key's fill and alice's own after expiry").isEqualTo(2);
        assertThat(count(report, "SessionKeyRegistered")).isEqualTo(2);
        assertThat(count(report, "SessionKeyRevoked")).isEqualTo(1);
        assertThat(count(report, "WithdrawalQueued")).as("alice's own withdrawal").isEqualTo(1);
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
    }

    @Test
    void shouldLeaveTheRootUnchangedByTheRefusedWithdrawal() throws Exception
    {
        final String text = Examples.read("11-session-keys.json");
        final ObjectNode scenario = (ObjectNode)Json.MAPPER.readTree(text);
        final ArrayNode commands = (ArrayNode)scenario.get("commands");
        assertThat(commands.get(8).get("signer").asText()).isEqualTo("alice-bot");
        final ObjectNode withoutRefused = scenario.deepCopy();
        ((ArrayNode)withoutRefused.get("commands")).remove(8);
        // The refused withdrawal does not use its nonce: the owner's next withdrawal takes the same one.
        assertThat(new ScenarioRunner().run(scenario.toString()).get("stateRoot"))
            .isEqualTo(new ScenarioRunner().run(withoutRefused.toString()).get("stateRoot"));
    }
}
