package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.client.NovationClient;
import io.novation.client.Reply;
import io.novation.core.market.OptionSeries;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference keeper liquidates option positions through a live node: it finds the short call of a subaccount
 * below maintenance in {@code /v1/liquidatable}, its series in {@code /v1/options}, and takes it over.
 */
class KeeperOptionLiquidationTest
{
    private static final long BOUND_MS = 30_000;

    @Test
    void shouldTakeOverAShortCallOfASubaccountBelowMaintenance(@TempDir final Path dataDir) throws Exception
    {
        final TestVenue venue = new TestVenue();
        try (Node node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(TestVenue.GOVERNANCE, TestVenue.BRIDGE), new PrintStream(OutputStream.nullOutputStream())))
        {
            final NovationClient client = new NovationClient(URI.create("http://127.0.0.1:" + node.port()));
            for (final ObjectNode command : venue.genesis())
            {
                submit(client, command);
            }
            submit(client, venue.price(60_000));
            final long expiry = System.currentTimeMillis() + 86_400_000L;
            final String ticker = "BTC-1D-60000-C";
            submit(client, venue.createCall(ticker, 60_000, expiry));
            for (final ObjectNode surface : venue.flatSurface(0.6, expiry))
            {
                submit(client, surface);
            }
            submit(client, venue.deposit("carol", 5_000));
            submit(client, venue.deposit("bob", 50_000));
            submit(client, venue.deposit("keeper", 100_000));
            // Carol writes 0.5 BTC of calls (5,000 contracts of 1e-4 BTC) to bob.
            submit(client, venue.optionTrade("carol", "bob", OptionSeries.FIRST_ID, false, 5_000, 750));
            // BTC to 70,000 (the deviation guard holds the first round): carol is below maintenance, not bankrupt.
            client.submit(venue.price(70_000));
            submit(client, venue.price(70_000));
            for (final ObjectNode surface : venue.flatSurface(0.6, expiry))
            {
                submit(client, surface);
            }
            final JsonNode listed = client.read("/v1/liquidatable").get("subaccounts");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("positions").get(0).get("market").asText()).isEqualTo(ticker);
            assertThat(listed.get(0).get("positions").get(0).get("kind").asText()).isEqualTo("option");

            try (Keeper keeper = Keeper.start(KeeperSettings.of(client.base(), TestVenue.key("keeper"))
                .withIdleSweepMs(200)))
            {
                final long deadline = System.currentTimeMillis() + BOUND_MS;
                // A win counts at the command's reply; its liquidation is recorded when the event arrives on the stream.
                while ((keeper.report().won() == 0 || keeper.report().liquidations().isEmpty()) &&
                    System.currentTimeMillis() < deadline)
                {
                    Thread.sleep(20);
                }
                final KeeperReport report = keeper.report();
                assertThat(report.won()).isEqualTo(1);
                assertThat(report.liquidations()).singleElement().satisfies(liquidation ->
                {
                    assertThat(liquidation.ticker()).isEqualTo(ticker);
                    assertThat(liquidation.target()).isEqualTo(TestVenue.address("carol"));
                    assertThat(liquidation.size()).isEqualTo(-5_000);
                });
            }
            assertThat(position(client, "carol", ticker)).isEqualTo("0");
            assertThat(position(client, "keeper", ticker)).isEqualTo("-0.5");
            assertThat(client.read("/v1/liquidatable").get("subaccounts")).isEmpty();
        }
    }

    private static String position(final NovationClient client, final String name, final String ticker) throws IOException
    {
        final JsonNode subaccount = client.read("/v1/accounts/" + TestVenue.address(name) + "/subaccounts/0");
        for (final JsonNode position : subaccount.get("positions"))
        {
            if (ticker.equals(position.get("market").asText()))
            {
                return position.get("size").asText();
            }
        }
        return "0";
    }

    private static void submit(final NovationClient client, final ObjectNode command) throws IOException
    {
        final Reply reply = client.submit(command);
        assertThat(reply.applied()).as("%s -> %s", command.get("type"), reply.body()).isTrue();
    }
}
