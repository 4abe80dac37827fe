package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.CancelRiskParameters;
import io.novation.core.command.Command;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.GovernanceKeyRotation;
import io.novation.core.governance.MarketFeesChange;
import io.novation.core.market.MarketStatus;
import io.novation.node.json.CommandEncoder;
import io.novation.node.sequencer.Authority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Governance through the node: changes scheduled over HTTP are listed at {@code /v1/governance/pending} until the
 * sequencer applies them at their time; after a key rotation the node refuses envelopes of the old key, before
 * sequencing, and admits the new key's; a restart keeps the rotated key.
 */
class GovernanceNodeTest
{
    private static final long START = 1_760_000_000_000L;
    private static final long DAY = 24 * GovernanceDelays.HOUR_MS;
    private static final byte[] NEW_GOVERNANCE_KEY = Venue.key("governance-2");
    private static final Address NEW_GOVERNANCE = Venue.address("governance-2");

    @TempDir
    Path dataDir;

    private Node node;
    private Http http;
    private final Venue venue = new Venue(START);
    private long nonce = 1_000;

    private void start() throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        http = new Http(node.port());
    }

    @AfterEach
    void stop()
    {
        if (node != null)
        {
            node.close();
        }
    }

    private Http.Response governance(final Command command, final byte[] key)
    {
        final long envelopeNonce = ++nonce;
        final ObjectNode json = CommandEncoder.withAuthority(venue.encoder.encode(command, true), envelopeNonce,
            Authority.sign(venue.domain, envelopeNonce, command, key));
        return http.post("/v1/commands", json.toString());
    }

    private JsonNode pending()
    {
        return http.get("/v1/governance/pending").json();
    }

    @Test
    void shouldListAPendingChangeUntilTheSequencerAppliesItAndRefuseTheOldKeyAfterARotation() throws IOException
    {
        start();
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
        }
        final long t = START + 1_000;
        final String genesisRoot = http.get("/v1/state").json().get("stateRoot").asText();
        final Http.Response stranger = governance(new SetRiskParameters(t - 1, 9, t - 1 + DAY,
            new MarketFeesChange(0, 0, 1_000)), Venue.key("mallory"));
        assertThat(stranger.status()).as("a change signed by a key that is not governance's").isEqualTo(403);
        assertThat(stranger.code()).isEqualTo("NOT_AUTHORIZED");
        assertThat(http.get("/v1/state").json().get("stateRoot").asText()).isEqualTo(genesisRoot);
        assertThat(http.post("/v1/commands", "{\"type\":\"applyRiskParameters\",\"changeId\":9}").status())
            .as("the sequencer's own command from a client").isBetween(400, 403);
        assertThat(governance(new SetRiskParameters(t, 1, t + DAY, new GovernanceKeyRotation(NEW_GOVERNANCE)),
            Venue.GOVERNANCE_KEY).status()).isEqualTo(200);
        assertThat(governance(new SetRiskParameters(t + 1, 2, t + 1 + DAY, new MarketFeesChange(0, -100, 400)),
            Venue.GOVERNANCE_KEY).status()).isEqualTo(200);
        assertThat(governance(new CancelRiskParameters(t + 2, 2), Venue.GOVERNANCE_KEY).status()).isEqualTo(200);

        JsonNode pending = pending();
        assertThat(pending.get("pending")).hasSize(1);
        assertThat(pending.get("pending").get(0).get("changeId").asLong()).isEqualTo(1);
        assertThat(pending.get("pending").get(0).get("change").get("kind").asText()).isEqualTo("governanceKey");
        assertThat(pending.get("pending").get(0).get("change").get("key").asText())
            .isEqualTo(NEW_GOVERNANCE.toString());
        assertThat(pending.get("governanceKey").asText()).isEqualTo(Venue.GOVERNANCE.toString());

        // Signed by the old key and stamped after the rotation's time: the sequencer applies the rotation first and
        // refuses the command.
        final SetMarketStatus halt = new SetMarketStatus(t + DAY + 5, 0, MarketStatus.HALTED);
        final Http.Response late = governance(halt, Venue.GOVERNANCE_KEY);
        assertThat(late.status()).as(late.text()).isEqualTo(403);
        assertThat(late.code()).isEqualTo("NOT_AUTHORIZED");

        pending = pending();
        assertThat(pending.get("pending")).isEmpty();
        assertThat(pending.get("governanceKey").asText()).isEqualTo(NEW_GOVERNANCE.toString());
        assertThat(pending.get("governanceKeyRotated").asBoolean()).isTrue();
        final String root = http.get("/v1/state").json().get("stateRoot").asText();
        final Http.Response old = governance(new SetMarketStatus(t + DAY + 6, 0, MarketStatus.HALTED),
            Venue.GOVERNANCE_KEY);
        assertThat(old.status()).isEqualTo(403);
        assertThat(old.code()).isEqualTo("NOT_AUTHORIZED");
        assertThat(http.get("/v1/state").json().get("stateRoot").asText()).isEqualTo(root);

        final Http.Response fresh = governance(new SetMarketStatus(t + DAY + 7, 0, MarketStatus.HALTED),
            NEW_GOVERNANCE_KEY);
        assertThat(fresh.status()).as(fresh.text()).isEqualTo(200);
        final String rootAfter = http.get("/v1/state").json().get("stateRoot").asText();

        node.close();
        start();
        assertThat(http.get("/v1/state").json().get("stateRoot").asText()).isEqualTo(rootAfter);
        assertThat(pending().get("governanceKey").asText()).isEqualTo(NEW_GOVERNANCE.toString());
        assertThat(governance(new SetMarketStatus(t + DAY + 8, 0, MarketStatus.ACTIVE), Venue.GOVERNANCE_KEY)
            .status()).isEqualTo(403);
        assertThat(governance(new SetMarketStatus(t + DAY + 9, 0, MarketStatus.ACTIVE), NEW_GOVERNANCE_KEY)
            .status()).isEqualTo(200);
    }
}
