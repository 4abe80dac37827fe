package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.command.Command;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.market.OptionSeries;
import io.novation.node.cli.NovationCli;
import io.novation.node.journal.JournalObserver;
import io.novation.node.journal.JournalReplayer;
import io.novation.node.journal.ReplayedRecord;
import io.novation.node.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo on ETH-USD and AVAX-USD alone ({@code --markets ETH,AVAX --no-chain}, 200 traders, 21:00 to 21:30 UTC,
 * unpaced), through the command line: the BTC options, whose underlying is BTC-USD's index, are not run; no series
 * is listed and no option command reaches the node's journal; the report says why in its {@code options} key and
 * in the page's Options section, which headless Chromium renders without the options' charts (skipped, saying so,
 * where Chromium is not installed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoMarketsWithoutBtcTest
{
    private static final Path OUT = Path.of("target", "nobtc-demo-test");
    private static final int MINUTES = 30;

    private int exitCode;
    private JsonNode report;

    @BeforeAll
    void run() throws IOException
    {
        exitCode = NovationCli.commandLine().execute("demo", "--out", OUT.toString(), "--markets", "ETH,AVAX",
            "--no-chain", "--accounts", "200", "--speed", "max", "--from", "21:00", "--to", "21:30");
        report = Json.MAPPER.readTree(OUT.resolve("report.json").toFile());
    }

    @Test
    void shouldExitZeroWithEveryInvariantHeldOnTheMarketsChosen()
    {
        assertThat(exitCode).isZero();
        final JsonNode invariants = report.get("invariants");
        assertThat(invariants.get("hold").asBoolean()).isTrue();
        assertThat(invariants.get("failures")).isEmpty();
        final Iterator<Map.Entry<String, JsonNode>> fields = invariants.fields();
        while (fields.hasNext())
        {
            final Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isBoolean())
            {
                assertThat(field.getValue().asBoolean()).as(field.getKey()).isTrue();
            }
        }
        final List<String> markets = new ArrayList<>();
        report.get("markets").forEach(market -> markets.add(market.get("market").asText()));
        assertThat(markets).containsExactly("ETH-USD", "AVAX-USD");
    }

    @Test
    void shouldSettleNoBtcEthPairPackageWithoutBtc()
    {
        // The spread desk's package is a BTC/ETH pair: with ETH and AVAX only, no package is quoted or settled
        // (it used to take the first two markets, whatever they were).
        assertThat(report.get("blockTrades").get("settledInJournal").asLong()).isZero();
    }

    @Test
    void shouldSayInTheReportThatTheOptionsDidNotRunAndWhy()
    {
        final JsonNode options = report.get("options");
        assertThat(options.get("run").asBoolean()).isFalse();
        assertThat(options.get("reason").asText()).isEqualTo("BTC-USD not among --markets");
        assertThat(options.get("sentence").asText()).contains("BTC-USD not among --markets", "ETH-USD, AVAX-USD");
        assertThat(options.has("series")).isFalse();
        assertThat(options.has("holders")).isFalse();
        final List<String> skipped = new ArrayList<>();
        options.get("invariantsSkipped").forEach(name -> skipped.add(name.asText()));
        assertThat(skipped).containsExactly("everyOptionCommandAccountedFor", "optionTradesEqualJournal",
            "optionPackagesEqualJournal", "expirySettledExactlyOnce");
        final JsonNode invariants = report.get("invariants");
        skipped.forEach(name -> assertThat(invariants.has(name)).as(name).isFalse());
        assertThat(invariants.get("noOptionActivityWithoutUnderlying").asBoolean()).isTrue();
        final JsonNode journal = options.get("journal");
        for (final String figure : List.of("seriesCreated", "seriesAtEnd", "optionTrades", "surfacesUpdated",
            "seriesSettled"))
        {
            assertThat(journal.get(figure).asLong()).as(figure).isZero();
        }
    }

    @Test
    void shouldTakeTheOptionsUnderlyingByItsTickerWhereverItStandsAndNoneWithoutIt()
    {
        final DemoMarket btc = DemoMarket.btc().withId(1);
        assertThat(DemoMarket.byTicker(List.of(DemoMarket.eth().withId(0), btc), "BTC-USD")).isSameAs(btc);
        final List<DemoMarket> chosen = DemoMarket.select(List.of("avax", "BTC-USD"));
        assertThat(DemoMarket.byTicker(chosen, OptionDesk.UNDERLYING)).isSameAs(chosen.get(0));
        assertThat(OptionDesk.onUnderlying(chosen, new PublisherPanel(), 0)).isNotNull();
        final List<DemoMarket> withoutBtc = DemoMarket.select(List.of("ETH", "AVAX"));
        assertThat(DemoMarket.byTicker(withoutBtc, OptionDesk.UNDERLYING)).isNull();
        assertThat(OptionDesk.onUnderlying(withoutBtc, new PublisherPanel(), 0)).isNull();
    }

    @Test
    void shouldLeaveEveryOptionCommandOutOfTheNodesJournal()
    {
        final Map<String, Integer> kinds = new TreeMap<>();
        final List<Command> optionCommands = new ArrayList<>();
        JournalReplayer.decodingOnly().observe(new JournalObserver()
        {
            @Override
            public void beforeCommand(final ReplayedRecord record, final io.novation.core.engine.ClearingEngine e)
            {
                final Command command = record.command();
                kinds.merge(command.getClass().getSimpleName(), 1, Integer::sum);
                if (command instanceof CreateOptionSeries || command instanceof OracleVolSurface ||
                    command instanceof SetVolSurfaceParameters || command instanceof SettleExpiry ||
                    command instanceof SettleTrade trade && trade.marketId() >= OptionSeries.FIRST_ID)
                {
                    optionCommands.add(command);
                }
            }
        }).replay(OUT.resolve("node").resolve("journal"), 0, Long.MAX_VALUE);
        assertThat(kinds.get(CreatePerpetual.class.getSimpleName())).as("the two perpetuals listed").isEqualTo(2);
        assertThat(kinds.get(SettleTrade.class.getSimpleName())).as("the traders' fills").isPositive();
        assertThat(optionCommands).isEmpty();
    }

    @Test
    void shouldRenderTheOptionsSentenceInHeadlessChromiumWithoutTheOptionsCharts() throws Exception
    {
        final String chromium = chromium();
        if (chromium == null)
        {
            System.out.println("DemoMarketsWithoutBtcTest: Chromium is not installed (chromium, chromium-browser or " +
                "google-chrome on the PATH); the rendering check of report.html is skipped");
        }
        assumeTrue(chromium != null, "Chromium is not installed: the rendering check of report.html is skipped");
        final String dom = dumpDom(chromium);
        // The page's scripts ran to their ends (each sets its count last) and wrote the sentence in place of the
        // options' charts.
        assertThat(dom).contains("data-charts-rendered=\"", "data-risk-charts-rendered=\"",
            "Options not run: BTC-USD not among --markets",
            "Options' invariants skipped", "id=\"risk-section\"");
        assertThat(dom).doesNotContain("id=\"options-charts\"", "data-chart=\"options-iv\"",
            "data-chart=\"options-margin\"");
        final Matcher charts = Pattern.compile("<svg[^>]*class=\"chart\"[^>]*>").matcher(dom);
        int rendered = 0;
        while (charts.find())
        {
            assertThat(charts.group()).contains("data-rendered=\"true\"").contains("data-points=\"" + MINUTES + "\"");
            rendered++;
        }
        assertThat(rendered).isPositive();
        final Matcher count = Pattern.compile("data-charts-rendered=\"(\\d+)\"").matcher(dom);
        assertThat(count.find()).isTrue();
        // The five charts of the main section, none of the options'.
        assertThat(Integer.parseInt(count.group(1))).isEqualTo(5);
    }

    private static String chromium()
    {
        for (final String name : new String[] {"chromium", "chromium-browser", "google-chrome"})
        {
            for (final String dir : System.getenv().getOrDefault("PATH", "").split(":"))
            {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name)))
                {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    /** Runs headless Chromium on the report, as root and offline, and returns the DOM after its script. */
    private static String dumpDom(final String binary) throws IOException, InterruptedException
    {
        final Path profile = Files.createTempDirectory("novation-chromium-");
        final List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--dump-dom"));
        command.add(OUT.resolve("report.html").toAbsolutePath().toUri().toString());
        final Path output = Files.createTempFile("novation-chromium-", ".out");
        final Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        final String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        return text;
    }
}
