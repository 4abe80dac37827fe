package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.crypto.Hex;
import io.novation.node.sequencer.CommandOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.novation.node.server.Venue.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequencer requests the rows of a drained group's fills ahead of applying them: the outcomes and the state root
 * are those of the same fills applied one by one to an engine that reads nothing ahead.
 */
class SequencerPrefetchTest
{
    @Test
    void shouldApplyGroupsReadAheadWithTheOutcomesAndRootOfFillsAppliedOneByOne(@TempDir final Path dataDir)
        throws IOException
    {
        final Venue venue = new Venue(1_760_000_000_000L);
        try (Node node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0).withWorkers(2)
            .withGenesisKeys(Venue.GOVERNANCE, Venue.BRIDGE), new PrintStream(OutputStream.nullOutputStream())))
        {
            final Http http = new Http(node.port());
            final List<ObjectNode> setUp = new ArrayList<>(venue.genesis());
            setUp.add(venue.deposit("alice", 100_000));
            setUp.add(venue.deposit("bob", 100_000));
            setUp.add(venue.price(60_000));
            for (final ObjectNode command : setUp)
            {
                assertThat(http.post("/v1/commands", command.toString()).status()).isEqualTo(200);
            }

            // Groups of fills longer than the read-ahead group of eight, with refusals among them (a fill replayed,
            // whose orders are already filled, and one far beyond the parties' margin), one of exactly eight (seven
            // and the replayed one) and groups shorter than it.
            final List<List<Command>> groups = List.of(fills(venue, 0, 37), fills(venue, 1, 23), fills(venue, 2, 3),
                fills(venue, 3, 7), fills(venue, 4, 1), fills(venue, 5, 13));
            final List<List<Boolean>> expected = new ArrayList<>();
            for (final List<Command> group : groups)
            {
                final List<Boolean> applied = new ArrayList<>();
                for (final Command fill : group)
                {
                    applied.add(venue.replica.apply(fill));
                }
                expected.add(applied);
            }

            for (int g = 0; g < groups.size(); g++)
            {
                // One group after the other: groups submitted together may reach the sequencer in either order.
                final List<CommandOutcome> outcomes = node.submitCommands(groups.get(g)).join();
                assertThat(outcomes).as(outcomes.toString()).extracting(CommandOutcome::applied)
                    .containsExactlyElementsOf(expected.get(g));
            }

            assertThat(groups).extracting(List::size).containsExactly(39, 25, 3, 8, 1, 15);
            assertThat(expected.get(0)).contains(true, false);
            assertThat(expected.get(1)).contains(true, false);
            assertThat(expected.get(3)).contains(true, false);
            assertThat(http.get("/v1/state").json().get("stateRoot").asText())
                .isEqualTo(Hex.encode(venue.replica.stateRoot()));
        }
    }

    private static List<Command> fills(final Venue venue, final int seed, final int count)
    {
        final List<Command> fills = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final boolean aliceMakes = (i + seed) % 3 != 0;
            final long size = ONE_BTC / 100 * (1 + (i * 7 + seed) % 5);
            fills.add(venue.tradeCommand(aliceMakes ? "alice" : "bob", aliceMakes ? "bob" : "alice", i % 2 == 0, size,
                60_000 + (i % 4) * 10));
            if (i == 5)
            {
                fills.add(fills.get(2));
            }
            if (i == 11)
            {
                fills.add(venue.tradeCommand("alice", "bob", true, ONE_BTC * 1_000, 60_000));
            }
        }
        return fills;
    }
}
