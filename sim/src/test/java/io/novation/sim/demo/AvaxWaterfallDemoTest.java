package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.cli.NovationCli;
import io.novation.node.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AVAX wick of 2025-10-10 (24.77 USD at 21:00 UTC, 20.84 at 21:17, 6.02 at 21:21, back to 13.71 a minute later)
 * through a live node: 1,000 traders from 21:00 to 21:45 UTC, BTC-USD and AVAX-USD (the options on BTC, AVAX an
 * isolated market with its own insurance fund), unpaced. The wick empties AVAX's fund and the whole waterfall fires,
 * every run: the fund, auto-deleveraging, and a socialized loss when the shorts who pressed at the low are squeezed
 * and no long in profit is left to take them (docs/demo.md), with amounts that reconcile to the quantum; the margin
 * controller's and the depth penalty's series are in the report; and the command line refuses unknown markets and a
 * window outside the data with exit code 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvaxWaterfallDemoTest
{
    private static final Path OUT = Path.of("target", "avax-demo-test");
    private static final int FROM = 21 * 60;
    private static final int TO = 21 * 60 + 45;

    private DemoOutcome outcome;
    private JsonNode report;

    @BeforeAll
    void run() throws Exception
    {
        final DemoSettings settings = DemoSettings.defaults(OUT).withAccounts(1_000)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(FROM, TO).withMarkets(List.of("BTC", "AVAX"));
        outcome = Demo.run(settings, new PrintStream(OutputStream.nullOutputStream()), false);
        report = Json.MAPPER.readTree(outcome.json().toFile());
    }

    @Test
    void shouldFireEveryStepOfTheWaterfallInAvaxWithAmountsThatReconcile()
    {
        assertThat(outcome.failures()).isEmpty();
        final JsonNode invariants = report.get("invariants");
        assertThat(invariants.get("hold").asBoolean()).isTrue();
        assertThat(invariants.get("waterfallReconciles").asBoolean()).isTrue();
        assertThat(invariants.get("noUncoveredNegativeEquityAfterEveryBatch").asBoolean()).isTrue();
        assertThat(report.get("waterfall").get("uncoveredNegativeEquity").get("batchesChecked").asLong())
            .isEqualTo(invariants.get("batchesChecked").asLong()).isPositive();

        final JsonNode avax = market(report.get("waterfall").get("markets"), "AVAX-USD");
        final BigDecimal fund = amount(avax.get("insuranceFundPaid"));
        final BigDecimal deleveraged = amount(avax.get("deleveraged"));
        final BigDecimal socialized = amount(avax.get("socialized"));
        assertThat(fund).isPositive();
        assertThat(deleveraged).isPositive();
        assertThat(socialized).isPositive();
        assertThat(avax.get("insuranceFundPaid").get("count").asLong()).isPositive();
        assertThat(avax.get("deleveraged").get("offsets").asLong()).isPositive();
        assertThat(avax.get("socialized").get("count").asLong()).isPositive();
        // Exact to the quantum: the amounts are the node's events' quote quantums, as decimal strings of USDC.
        assertThat(fund.add(deleveraged).add(socialized)).isEqualByComparingTo(amount(avax.get("deficits")));
        // The deleveraged amount is counted from the counterparties' balances and positions, each checked against
        // its Deleveraged events (a disagreement would be in the failures above).
        assertThat(report.get("waterfall").get("deleveragedCounterpartiesChecked").asLong()).isPositive();
        assertThat(avax.get("reconciles").asBoolean()).isTrue();
        // AVAX's own fund, not the majors' fees, stood behind its deficits, and it could not pay when ADL fired.
        assertThat(avax.get("insuranceFund").asText()).isEqualTo("isolated");
        assertThat(new BigDecimal(avax.get("fundBeforeFirstDeleveraging").asText())).isLessThan(amount(
            avax.get("deficits")));
        // The fund could not pay (deleveraging fired) in the window, before any loss was socialized.
        assertThat(avax.get("firstDeleveragedAt").asText()).startsWith("2025-10-10T21:");
        assertThat(avax.get("firstDeleveragedAt").asText()).isLessThanOrEqualTo(avax.get("firstSocializedAt")
            .asText());
        // The majors stay cross-margined and their deficits are mostly met by the fund's fees (no loss socialized).
        final JsonNode btc = market(report.get("waterfall").get("markets"), "BTC-USD");
        assertThat(btc.get("insuranceFund").asText()).isEqualTo("cross");
        assertThat(amount(btc.get("socialized"))).isZero();
        assertThat(btc.get("reconciles").asBoolean()).isTrue();
        final JsonNode btcSteps = market(report.get("markets"), "BTC-USD").get("waterfall");
        assertThat(btcSteps.get("keeperFillFundKeptFee").get("count").asLong())
            .isGreaterThan(btcSteps.get("insuranceFundPaidDeficit").get("count").asLong());

        // The same amounts as the audit's own count of the node's events, per market.
        final JsonNode steps = market(report.get("markets"), "AVAX-USD").get("waterfall");
        assertThat(amount(steps.get("insuranceFundPaidDeficit"))).isEqualByComparingTo(fund);
        assertThat(amount(steps.get("socialized"))).isEqualByComparingTo(socialized);
        assertThat(steps.get("deleveraged").get("count").asLong()).isEqualTo(avax.get("deleveraged").get("offsets")
            .asLong());
        assertThat(report.get("waterfall").get("markets")).hasSize(2);
        assertThat(new BigDecimal(report.get("socialized").get("amount").asText())).isEqualByComparingTo(socialized);
    }

    @Test
    void shouldChartTheMarginControllerAgainstVolatilityAndTheDepthPenaltyPerMarket()
    {
        final JsonNode risk = report.get("riskController");
        final int minutes = TO - FROM;
        for (final String ticker : List.of("AVAX-USD"))
        {
            final JsonNode m = market(risk.get("markets"), ticker);
            final double min = Double.parseDouble(m.get("bounds").get("minImf").asText()) * 100;
            final double max = Double.parseDouble(m.get("bounds").get("maxImf").asText()) * 100;
            final JsonNode imf = risk.get("series").get("imf").get(ticker);
            final JsonNode volatility = risk.get("series").get("realizedVolatility").get(ticker);
            assertThat(imf).hasSize(minutes);
            assertThat(volatility).hasSize(minutes);
            for (final JsonNode value : imf)
            {
                assertThat(value.asDouble()).isBetween(min, max);
            }
            assertThat(volatility.get(minutes - 1).asDouble()).isPositive();
            // A depth report every 10 minutes of the window, each accepted by the node (MarketDepthReported).
            assertThat(m.get("depthReports").asLong()).isEqualTo(minutes / MarketRiskDesk.DEPTH_EVERY_MINUTES + 1);
            final JsonNode spread = risk.get("depthPenalty").get("spreadRatio").get(ticker);
            assertThat(spread).hasSize(minutes);
            for (final JsonNode value : spread)
            {
                assertThat(value.asDouble()).isBetween(10.0, 100.0);
            }
        }
        // The wick moves AVAX's controller: a raise applied, within one step of the tier's fraction.
        final JsonNode avax = market(risk.get("markets"), "AVAX-USD");
        assertThat(avax.get("changesApplied")).isNotEmpty();
        assertThat(avax.get("changesApplied").get(0).get("to").asDouble())
            .isGreaterThan(avax.get("changesApplied").get(0).get("from").asDouble());
        assertThat(risk.get("series").get("imf").get("AVAX-USD").get(minutes - 1).asDouble()).isGreaterThan(5.0);
        // The thin crash book raises the reference liquidation's penalty above the static one.
        assertThat(risk.get("depthPenalty").get("fee").get("AVAX-USD").get(20).asDouble()).isGreaterThan(0.5);
    }

    @Test
    void shouldRefuseAnUnknownMarketAndAWindowOutsideTheDataWithExitCodeTwo()
    {
        final CommandLine commandLine = NovationCli.commandLine();
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute("demo", "--markets", "BTC,DOGE")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown market 'DOGE'", "BTC, ETH, AVAX");
        assertThat(commandLine.execute("demo", "--markets", "ETH,eth")).isEqualTo(2);
        assertThat(commandLine.execute("demo", "--from", "23:00", "--to", "24:30")).isEqualTo(2);
        assertThat(commandLine.execute("demo", "--from", "24:00")).isEqualTo(2);
        assertThat(err.toString()).contains("between 00:00 and 24:00", "the window must lie within the day");
    }

    @Test
    void shouldNumberTheMarketsNamedInTheOrderTheNodeCreatesThem()
    {
        final List<DemoMarket> markets = DemoMarket.select(List.of("avax", "BTC-USD"));
        assertThat(markets).extracting(DemoMarket::ticker).containsExactly("BTC-USD", "AVAX-USD");
        assertThat(markets).extracting(DemoMarket::id).containsExactly(0, 1);
        assertThatThrownBy(() -> DemoSettings.defaults(OUT).withMarkets(List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no market named");
    }

    private static JsonNode market(final JsonNode list, final String ticker)
    {
        for (final JsonNode m : list)
        {
            if (m.get("market").asText().equals(ticker))
            {
                return m;
            }
        }
        throw new AssertionError("no " + ticker + " in " + list);
    }

    private static BigDecimal amount(final JsonNode step)
    {
        return new BigDecimal(step.get("amount").asText());
    }
}
