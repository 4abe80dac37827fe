package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.CreateAsset;
import io.novation.core.engine.ClearingEngine;
import io.novation.node.json.Definitions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.novation.node.server.Venue.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveDefinitionsTest
{
    private Node node;
    private Http http;
    private final Venue venue = new Venue(1_760_000_000_000L);

    @BeforeAll
    void start(@TempDir final Path dataDir) throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        http = new Http(node.port());
        for (final ObjectNode command : venue.genesis())
        {
            assertApplied(command);
        }
        assertApplied(venue.deposit("alice", 100_000));
        assertApplied(venue.deposit("bob", 100_000));
        assertApplied(venue.price(60_000));
    }

    @AfterAll
    void stop()
    {
        node.close();
    }

    @Test
    void shouldHoldTheEngineDefinitionsOnceAttached()
    {
        final LiveDefinitions<List<String>> live = attached();

        assertThat(live.current()).contains("ETH").doesNotContain("LINK");
        assertThat(live.current()).isEqualTo(node.query(LiveDefinitionsTest::assetSymbols).join());
        assertThat(live.rebuilds()).isEqualTo(1);
    }

    @Test
    void shouldHoldANewAssetBeforeItsCreationIsAcknowledged()
    {
        final LiveDefinitions<List<String>> live = attached();
        final List<String> before = live.current();

        assertApplied(venue.governance(new CreateAsset(venue.nextTime(), before.size(), "LINK", 8, "LINK-USD", -6,
            700_000, 800_000)));

        // No wait and no read on the engine thread: the snapshot was replaced before the outcome was returned.
        assertThat(live.current()).endsWith("LINK").hasSize(before.size() + 1);
        assertThat(before).doesNotContain("LINK");
        assertThat(live.rebuilds()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheSnapshotThroughPricesAndTrades()
    {
        final LiveDefinitions<List<String>> live = attached();
        assertApplied(venue.deposit("alice", 1_000));
        final long afterDeposit = live.rebuilds();
        final List<String> snapshot = live.current();

        assertApplied(venue.price(61_000));
        assertApplied(venue.trade("alice", "bob", true, ONE_BTC / 100, 61_000));

        assertThat(live.rebuilds()).isEqualTo(afterDeposit);
        assertThat(live.current()).isSameAs(snapshot);
    }

    @Test
    void shouldRebuildTheSnapshotAfterADepositForTheNextDepositIdDefault()
    {
        final LiveDefinitions<List<String>> live = attached();

        assertApplied(venue.deposit("alice", 1_000));

        assertThat(live.rebuilds()).isEqualTo(2);
    }

    @Test
    void shouldRenumberTheSnapshotAfterADepositWithoutTakingItAgain()
    {
        final LiveDefinitions<Definitions> live =
            LiveDefinitions.attach(node, Definitions::of, Definitions::withRequestIdsOf);
        node.query(engine -> engine.state().sequence()).join();
        final Definitions before = live.current();

        assertApplied(venue.deposit("alice", 1_000));

        final Definitions taken = node.query(Definitions::of).join();
        assertThat(live.rebuilds()).isEqualTo(1);
        assertThat(live.renumbers()).isEqualTo(1);
        assertThat(live.current().lastDepositId()).isEqualTo(taken.lastDepositId())
            .isEqualTo(before.lastDepositId() + 1);
        assertThat(live.current().lastForcedRequestId()).isEqualTo(taken.lastForcedRequestId());
        assertThat(live.current().assetBySymbol("ETH")).isEqualTo(taken.assetBySymbol("ETH"));
        assertThat(live.current().nextAssetId()).isEqualTo(taken.nextAssetId());
    }

    @Test
    void shouldTakeTheSnapshotAgainAfterADefinitionChangeRatherThanRenumberIt()
    {
        final LiveDefinitions<Definitions> live =
            LiveDefinitions.attach(node, Definitions::of, Definitions::withRequestIdsOf);
        node.query(engine -> engine.state().sequence()).join();
        final int assets = live.current().nextAssetId();

        assertApplied(venue.governance(new CreateAsset(venue.nextTime(), assets, "UNI" + assets, 8,
            "UNI" + assets + "-USD", -6, 700_000, 800_000)));

        assertThat(live.rebuilds()).isEqualTo(2);
        assertThat(live.renumbers()).isZero();
        assertThat(live.current().nextAssetId()).isEqualTo(assets + 1);
    }

    /** Attaches and waits for the first snapshot: a later read on the engine thread runs after it. */
    private LiveDefinitions<List<String>> attached()
    {
        final LiveDefinitions<List<String>> live = LiveDefinitions.attach(node, LiveDefinitionsTest::assetSymbols);
        node.query(engine -> engine.state().sequence()).join();
        assertThat(live.current()).isNotNull();
        return live;
    }

    private static List<String> assetSymbols(final ClearingEngine engine)
    {
        final List<String> symbols = new ArrayList<>();
        for (int i = 0; i < engine.state().markets().assetCount(); i++)
        {
            symbols.add(engine.state().markets().asset(i).symbol());
        }
        return List.copyOf(symbols);
    }

    private void assertApplied(final ObjectNode command)
    {
        final Http.Response response = http.post("/v1/commands", command.toString());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }
}
