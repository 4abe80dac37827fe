package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.client.NovationClient;
import io.novation.client.Reply;
import io.novation.core.account.Address;
import io.novation.core.crypto.Hex;
import io.novation.node.cli.NovationCli;
import io.novation.node.json.Json;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static io.novation.sim.keeper.TestVenue.ONE_BTC;
import static io.novation.sim.keeper.TestVenue.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three keepers against one embedded node. At 60,000 nine traders open 0.5 BTC longs on 1,600 USDC (18.75×), six
 * open the same on 2,600 USDC and a whale opens 3 BTC on 18,564 USDC, all against a market maker. The price then
 * falls to 58,000, which puts the nine below maintenance: the keepers are lined up on that event (each has swept and
 * holds the same nine candidates before any sends), so exactly one wins each position and the other two lose the
 * race. Then the keepers run free and the price falls to 55,000: the six go whole, the whale (165,000 USDC, net
 * collateral above two thirds of its requirement) loses one 20 % part and the other keepers are refused with
 * {@code LIQUIDATION_COOLDOWN}. Every report adds up against the node's positions and conservation holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeeperCompetitionTest
{
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String[] FIRST_WAVE = names("trader", 9);
    private static final String[] SECOND_WAVE = names("swimmer", 6);
    private static final String WHALE = "whale";
    private static final String[] KEEPERS = names("keeper", 3);

    private final TestVenue venue = new TestVenue();
    private final List<Keeper> keepers = new ArrayList<>();
    private final AtomicBoolean lineUp = new AtomicBoolean();
    private final CyclicBarrier barrier = new CyclicBarrier(KEEPERS.length);
    private final Map<String, List<Candidate>> linedUpCandidates = new ConcurrentHashMap<>();
    private Node node;
    private NovationClient client;

    private static String[] names(final String prefix, final int count)
    {
        final String[] names = new String[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = prefix + "-" + (i + 1);
        }
        return names;
    }

    @BeforeAll
    void start(@TempDir final Path dataDir) throws IOException
    {
        node = Node.start(NodeConfig.defaults().withDataDir(dataDir).withPort(0)
            .withGenesisKeys(TestVenue.GOVERNANCE, TestVenue.BRIDGE), new PrintStream(OutputStream.nullOutputStream()));
        client = new NovationClient(URI.create("http://127.0.0.1:" + node.port()));
        for (final ObjectNode command : venue.genesis())
        {
            submit(command);
        }
        submit(venue.price(60_000));
        submit(venue.deposit("maker", 500_000));
        for (final String trader : FIRST_WAVE)
        {
            submit(venue.deposit(trader, 1_600));
            submit(venue.trade(trader, "maker", true, ONE_BTC / 2, 60_000));
        }
        for (final String swimmer : SECOND_WAVE)
        {
            submit(venue.deposit(swimmer, 2_600));
            submit(venue.trade(swimmer, "maker", true, ONE_BTC / 2, 60_000));
        }
        submit(venue.deposit(WHALE, 18_564));
        submit(venue.trade(WHALE, "maker", true, 3 * ONE_BTC, 60_000));
        for (final String keeper : KEEPERS)
        {
            submit(venue.deposit(keeper, 100_000));
        }
        for (final String name : KEEPERS)
        {
            keepers.add(Keeper.start(KeeperSettings.of(client.base(), TestVenue.key(name)).withIdleSweepMs(60_000)
                .withBeforeAttempts(candidates -> lineUp(name, candidates))));
        }
    }

    /** While lining up, each keeper's first sweep with candidates waits until the three have swept. */
    private void lineUp(final String keeper, final List<Candidate> candidates)
    {
        if (!lineUp.get() || linedUpCandidates.putIfAbsent(keeper, candidates) != null)
        {
            return;
        }
        try
        {
            barrier.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the keepers did not line up", ex);
        }
    }

    @AfterAll
    void stop()
    {
        keepers.forEach(Keeper::close);
        if (node != null)
        {
            node.close();
        }
    }

    @Test
    @Order(1)
    void shouldLetExactlyOneKeeperWinEachPositionWhenThreeRaceOnTheSameEvent() throws Exception
    {
        lineUp.set(true);
        submit(venue.price(58_000));
        assertThat(client.read("/v1/liquidatable").get("subaccounts")).hasSize(FIRST_WAVE.length);

        await("every keeper tried every position", () -> keepers.stream()
            .allMatch(k -> k.report().attempts() == FIRST_WAVE.length));
        lineUp.set(false);
        awaitStreams();

        assertThat(linedUpCandidates).hasSize(KEEPERS.length);
        for (final List<Candidate> candidates : linedUpCandidates.values())
        {
            assertThat(targets(candidates)).containsExactlyInAnyOrderElementsOf(addresses(FIRST_WAVE));
        }
        for (final String trader : FIRST_WAVE)
        {
            assertThat(position(trader)).as(trader).isZero();
        }
        assertThat(client.read("/v1/liquidatable").get("subaccounts")).isEmpty();

        final List<KeeperReport> reports = reports();
        assertThat(reports.stream().mapToLong(KeeperReport::won).sum()).isEqualTo(FIRST_WAVE.length);
        assertThat(reports.stream().mapToLong(KeeperReport::lostRaces).sum())
            .isEqualTo(2L * FIRST_WAVE.length);
        assertThat(reports.stream().filter(r -> r.won() > 0).count()).as("keepers that won").isGreaterThanOrEqualTo(2);
        final Map<Address, Integer> winners = new HashMap<>();
        for (final KeeperReport report : reports)
        {
            assertThat(report.won() + report.lostRaces()).isEqualTo(FIRST_WAVE.length);
            assertThat(report.refusals()).isEmpty();
            for (final KeeperReport.Liquidation liquidation : report.liquidations())
            {
                winners.merge(liquidation.target(), 1, Integer::sum);
                // 0.5 BTC at 58,000 is worth 29,000 USDC; the trader's net collateral of 600 against a requirement
                // of 870 gives ABR 0.3103 and a fill 27 USDC under the oracle: the keeper's discount.
                assertThat(liquidation.size()).isEqualTo(ONE_BTC / 2);
                assertThat(liquidation.value()).isEqualTo(29_000 * USDC);
                assertThat(liquidation.earned()).isEqualTo(29_000 * USDC - liquidation.fillQuote());
                assertThat(liquidation.earned()).isBetween(26 * USDC, 28 * USDC);
            }
            assertAddsUp(report);
        }
        assertThat(winners).containsOnlyKeys(addresses(FIRST_WAVE)).allSatisfy((target, wins) ->
            assertThat(wins).as("winners of %s", target).isEqualTo(1));
        assertConservation();
    }

    @Test
    @Order(2)
    void shouldLiquidateEverySubaccountBelowMaintenanceWhileKeepersRunFree() throws Exception
    {
        final long wonBefore = reports().stream().mapToLong(KeeperReport::won).sum();
        submit(venue.price(55_000));

        await("the second wave is liquidated and the whale loses one part", () ->
        {
            for (final String swimmer : SECOND_WAVE)
            {
                if (position(swimmer) != 0)
                {
                    return false;
                }
            }
            return position(WHALE) == 3 * ONE_BTC - 3 * ONE_BTC / 5;
        });
        await("the keepers that did not win the whale's part are refused by its cooldown", () ->
            reports().stream().mapToLong(r -> r.refusals("LIQUIDATION_COOLDOWN")).sum() == KEEPERS.length - 1);
        awaitStreams();

        final List<KeeperReport> reports = reports();
        assertThat(reports.stream().mapToLong(KeeperReport::won).sum() - wonBefore)
            .isEqualTo(SECOND_WAVE.length + 1);
        final List<KeeperReport.Liquidation> whaleParts = new ArrayList<>();
        for (final KeeperReport report : reports)
        {
            assertThat(report.refusals().keySet()).isSubsetOf("LIQUIDATION_COOLDOWN");
            report.liquidations().stream().filter(l -> l.target().equals(TestVenue.address(WHALE)))
                .forEach(whaleParts::add);
            assertAddsUp(report);
            assertThat(report.earned()).isEqualTo(report.liquidations().stream()
                .mapToLong(KeeperReport.Liquidation::earned).sum());
        }
        assertThat(whaleParts).hasSize(1);
        assertThat(whaleParts.get(0).size()).isEqualTo(3 * ONE_BTC / 5);
        assertThat(whaleParts.get(0).earned()).isPositive();
        // The whale stays below maintenance, cooling down; nothing else does.
        assertThat(targets(client.read("/v1/liquidatable").get("subaccounts")))
            .containsExactly(TestVenue.address(WHALE));
        assertConservation();
    }

    @Test
    @Order(3)
    void shouldResynchronizeItsNonceWhenTheKeyWasUsedElsewhere() throws Exception
    {
        submit(venue.deposit("keeper-4", 50_000));
        final AtomicBoolean usedElsewhere = new AtomicBoolean();
        try (Keeper keeper = Keeper.start(KeeperSettings.of(client.base(), TestVenue.key("keeper-4"))
            .withIdleSweepMs(60_000).withBeforeAttempts(candidates ->
            {
                // The key's owner withdraws with the nonce the keeper is about to use.
                if (!usedElsewhere.getAndSet(true))
                {
                    submitQuietly(venue.withdraw("keeper-4", 1, 1));
                }
            })))
        {
            await("the keeper tried the cooling whale", () -> keeper.report().refusals("LIQUIDATION_COOLDOWN") == 1);
            final KeeperReport report = keeper.report();
            assertThat(report.refusals()).containsEntry("NONCE_REUSED", 1L).containsEntry("LIQUIDATION_COOLDOWN", 1L)
                .hasSize(2);
            assertThat(report.attempts()).isEqualTo(2);
            assertThat(report.won()).isZero();
        }
    }

    @Test
    @Order(4)
    void shouldRunAsTheNovationKeeperCommand() throws Exception
    {
        submit(venue.deposit("keeper-5", 50_000));
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = NovationCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        final int exitCode = commandLine.execute("keeper", "--node", client.base().toString(), "--key",
            Hex.encode(TestVenue.key("keeper-5")), "--duration", "2");

        assertThat(exitCode).as(err.toString()).isZero();
        final JsonNode report = Json.MAPPER.readTree(out.toString());
        assertThat(report.get("keeper").asText()).isEqualTo(TestVenue.address("keeper-5").toString());
        assertThat(report.get("refusals").get("LIQUIDATION_COOLDOWN").asLong()).isEqualTo(1);
        assertThat(report.get("won").asLong()).isZero();
        assertThat(report.get("earned").asText()).isEqualTo("0");

        final StringWriter help = new StringWriter();
        commandLine.setOut(new PrintWriter(help, true));
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(help.toString()).contains("keeper", "simulate", "node");
        final CommandLine badKey = NovationCli.commandLine();
        final StringWriter usage = new StringWriter();
        badKey.setErr(new PrintWriter(usage, true));
        assertThat(badKey.execute("keeper", "--key", "0x12")).isEqualTo(2);
        assertThat(usage.toString()).contains("a private key is 32 bytes");
    }

    @Test
    @Order(5)
    void shouldSayWhenItHasSweptAfterTheLastTriggeringEvent() throws Exception
    {
        final Reply price = client.submit(venue.price(55_000));
        assertThat(price.applied()).isTrue();
        final long sequence = price.body().get("sequence").asLong();
        for (final Keeper keeper : keepers)
        {
            assertThat(keeper.awaitCaughtUp(sequence, BOUND.toMillis())).isTrue();
            assertThat(keeper.lastSentSequence()).as("its last liquidate came before").isPositive()
                .isLessThan(sequence);
            assertThat(keeper.awaitCaughtUp(sequence + 1_000, 50)).as("not caught up with the future").isFalse();
        }
    }

    // ---------------------------------------------------------------- checks

    /** The keeper's position on the node is the sum of the sizes it won, and its report says so. */
    private void assertAddsUp(final KeeperReport report) throws IOException
    {
        final long won = report.liquidations().stream().mapToLong(KeeperReport.Liquidation::size).sum();
        final JsonNode subaccount = client.read("/v1/accounts/" + report.keeper() + "/subaccounts/" +
            report.subaccount());
        long onNode = 0;
        for (final JsonNode position : subaccount.get("positions"))
        {
            onNode += btc(position.get("size").asText());
        }
        assertThat(report.liquidations()).hasSize((int)report.won());
        assertThat(onNode).as("position of %s", report.keeper()).isEqualTo(won);
        if (won != 0)
        {
            assertThat(btc(report.positionsTaken().get("BTC-USD"))).isEqualTo(won);
        }
        assertThat(report.earned()).isEqualTo(report.liquidations().stream()
            .mapToLong(KeeperReport.Liquidation::earned).sum());
        assertThat(report.notionalTakenOver()).isEqualTo(report.liquidations().stream()
            .mapToLong(l -> Math.abs(l.value())).sum());
        assertThat(report.paid()).isEqualTo(report.liquidations().stream()
            .mapToLong(KeeperReport.Liquidation::fillQuote).sum());
    }

    private void assertConservation() throws IOException
    {
        assertThat(client.read("/v1/state").get("conservation").asBoolean()).isTrue();
    }

    // ---------------------------------------------------------------- plumbing

    private List<KeeperReport> reports()
    {
        final List<KeeperReport> reports = new ArrayList<>();
        keepers.forEach(k -> reports.add(k.report()));
        return reports;
    }

    private void awaitStreams() throws Exception
    {
        final long sequence = client.read("/v1/state").get("sequence").asLong();
        await("the keepers' streams reach sequence " + sequence, () -> keepers.stream()
            .allMatch(k -> k.streamSequence() >= sequence));
    }

    private long position(final String name)
    {
        try
        {
            final JsonNode subaccount = client.read("/v1/accounts/" + TestVenue.address(name) + "/subaccounts/0");
            long size = 0;
            for (final JsonNode position : subaccount.get("positions"))
            {
                size += btc(position.get("size").asText());
            }
            return size;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static long btc(final String decimal)
    {
        return new java.math.BigDecimal(decimal).movePointRight(10).longValueExact();
    }

    private static Set<Address> addresses(final String... names)
    {
        final Set<Address> addresses = new HashSet<>();
        for (final String name : names)
        {
            addresses.add(TestVenue.address(name));
        }
        return addresses;
    }

    private static List<Address> targets(final List<Candidate> candidates)
    {
        return candidates.stream().map(Candidate::target).toList();
    }

    private static List<Address> targets(final JsonNode subaccounts)
    {
        final List<Address> targets = new ArrayList<>();
        subaccounts.forEach(entry -> targets.add(Address.parse(entry.get("account").asText())));
        return targets;
    }

    private void submit(final ObjectNode command) throws IOException
    {
        final Reply reply = client.submit(command);
        assertThat(reply.applied()).as("%s -> %s", command.get("type"), reply.body()).isTrue();
    }

    private void submitQuietly(final ObjectNode command)
    {
        try
        {
            submit(command);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("not within " + BOUND.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
