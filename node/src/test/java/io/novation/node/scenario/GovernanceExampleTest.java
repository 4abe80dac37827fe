package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import io.novation.core.market.MarketStatus;
import io.novation.core.snapshot.SnapshotCodec;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;
import io.novation.node.sequencer.Refusal;
import io.novation.node.sequencer.SignatureVerifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * examples/08-governance.json: a tightening applied by the sequencer's own command at its effective time, a loosening
 * refused for a short delay then cancelled before it applies, a replayed id, a publisher removed and a second removal
 * refused below quorum, a cancel of an applied change refused, and a key rotated, after which the old key's envelope is
 * refused and the new key's admitted.
 */
class GovernanceExampleTest
{
    private static final String EXAMPLE = "08-governance.json";
    private static final byte[] OLD_KEY = Hex.decode(
        "0x0e0000000000000000000000000000000000000000000000000000000000000e");
    private static final byte[] NEW_KEY = Hex.decode(
        "0x0d0000000000000000000000000000000000000000000000000000000000000d");

    private static List<String> eventTypes(final JsonNode report, final String type, final String field)
    {
        final List<String> values = new ArrayList<>();
        report.get("events").forEach(event ->
        {
            if (event.get("type").asText().equals(type))
            {
                values.add(event.get(field).asText());
            }
        });
        return values;
    }

    @Test
    void shouldApplyTheTighteningAndTheRemovalAtTheirTimeAndNeverTheCancelledLoosening() throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read(EXAMPLE));

        assertThat(report.get("rejectedCount").asInt()).isEqualTo(4);
        assertThat(eventTypes(report, "Rejected", "code")).containsExactly("GOVERNANCE_DELAY_TOO_SHORT",
            "CHANGE_ID_USED", "BELOW_PUBLISHER_QUORUM", "UNKNOWN_CHANGE");
        assertThat(eventTypes(report, "RiskParametersScheduled", "changeId")).containsExactly("1", "2", "3", "4");
        assertThat(eventTypes(report, "RiskParametersScheduled", "loosens"))
            .containsExactly("false", "true", "false", "false");
        assertThat(eventTypes(report, "RiskParametersApplied", "changeId")).containsExactly("1", "3", "4");
        assertThat(eventTypes(report, "RiskParametersCancelled", "changeId")).containsExactly("2");
        assertThat(report.get("markets").get(0).get("initialMargin").asText()).isEqualTo("0.06");
        assertThat(report.get("oracles").get(0).get("publishers").asInt()).isEqualTo(3);
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();

        // The tier applied at 01:01:00, before the price round stamped 01:02:00, as its own sequence.
        JsonNode applied = null;
        JsonNode round = null;
        for (final JsonNode event : report.get("events"))
        {
            if (applied == null && event.get("type").asText().equals("RiskParametersApplied"))
            {
                applied = event;
            }
            if (event.get("type").asText().equals("OraclePriceUpdated") && event.get("price").asLong() == 6020000000L)
            {
                round = event;
            }
        }
        assertThat(applied.get("sequence").asLong()).isLessThan(round.get("sequence").asLong());
    }

    @Test
    void shouldLeaveTheRootUnchangedByTheRefusedRemoval() throws Exception
    {
        final ObjectNode scenario = (ObjectNode)Json.MAPPER.readTree(Examples.read(EXAMPLE));
        final ArrayNode commands = (ArrayNode)scenario.get("commands");
        assertThat(commands.get(18).get("change").get("publisher").asText()).isEqualTo("oracle-3");
        while (commands.size() > 19)
        {
            commands.remove(19);
        }
        final JsonNode afterRefused = new ScenarioRunner().run(scenario.toString()).get("stateRoot");
        commands.remove(18);

        assertThat(afterRefused).isEqualTo(new ScenarioRunner().run(scenario.toString()).get("stateRoot"));
    }

    @Test
    void shouldRefuseTheOldKeyAndAdmitTheNewOneAfterTheRotation() throws Exception
    {
        final ScenarioRunner runner = new ScenarioRunner();
        runner.run(Examples.read(EXAMPLE));
        final ClearingEngine engine = runner.engine();
        final Address oldKey = Address.of(Secp256k1.addressOf(OLD_KEY));
        final Address newKey = Address.of(Secp256k1.addressOf(NEW_KEY));
        assertThat(engine.state().governance().governanceKey()).isEqualTo(newKey);

        final SignatureVerifier verifier = new SignatureVerifier(engine.domainSeparator(),
            new Authority(oldKey, oldKey));
        final SetMarketStatus halt = new SetMarketStatus(0, 0, MarketStatus.HALTED);
        verifier.verify(halt, false, 1, Authority.sign(engine.domainSeparator(), 1, halt, OLD_KEY));

        verifier.follow(engine.state().governance());

        assertThatThrownBy(() -> verifier.verify(halt, false, 2,
            Authority.sign(engine.domainSeparator(), 2, halt, OLD_KEY)))
            .isInstanceOf(Refusal.class).hasMessageContaining("not signed by the governance key " + newKey);
        assertThat(verifier.verify(halt, false, 3, Authority.sign(engine.domainSeparator(), 3, halt, NEW_KEY))
            .command()).isEqualTo(halt);
        assertThat(verifier.authority().bridge()).as("the bridge key was not rotated").isEqualTo(oldKey);
    }

    @Test
    void shouldRestoreTheGovernedStateFromASnapshotToTheSameRoot() throws Exception
    {
        final ScenarioRunner runner = new ScenarioRunner();
        final ObjectNode report = runner.run(Examples.read(EXAMPLE));
        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(runner.engine()),
            runner.engine().config(), EventSink.NONE);

        assertThat(Hex.encode(restored.stateRoot())).isEqualTo(report.get("stateRoot").asText());
        assertThat(restored.state().governance().known(2)).isTrue();
        assertThat(restored.state().governance().pendingCount()).isZero();
        assertThat(restored.state().governance().governanceKey())
            .isEqualTo(runner.engine().state().governance().governanceKey());
    }
}
