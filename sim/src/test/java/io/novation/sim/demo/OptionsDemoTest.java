package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The options of {@code novation demo} through the crash: a short window (20:30 to 21:30 UTC, 200 traders) that
 * holds the intraday expiry (21:20), a put-spread package (21:10) and the crash's low; the report's {@code options}
 * section and its invariants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionsDemoTest
{
    private static final int FROM = 20 * 60 + 30;
    private static final int TO = 21 * 60 + 30;
    private static final Path OUT = Path.of("target", "options-demo-test");

    private DemoOutcome outcome;
    private JsonNode report;
    private JsonNode options;

    @BeforeAll
    void run() throws Exception
    {
        final DemoSettings settings = DemoSettings.defaults(OUT).withAccounts(200)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(FROM, TO);
        outcome = Demo.run(settings, new PrintStream(OutputStream.nullOutputStream()), false);
        report = Json.MAPPER.readTree(outcome.json().toFile());
        options = report.get("options");
    }

    @Test
    void shouldKeepEveryInvariantWithOptions()
    {
        assertThat(outcome.failures()).isEmpty();
        final JsonNode invariants = report.get("invariants");
        assertThat(invariants.get("everyOptionCommandAccountedFor").asBoolean()).isTrue();
        assertThat(invariants.get("optionTradesEqualJournal").asBoolean()).isTrue();
        assertThat(invariants.get("optionPackagesEqualJournal").asBoolean()).isTrue();
        assertThat(invariants.get("expirySettledExactlyOnce").asBoolean()).isTrue();
        assertThat(invariants.get("hold").asBoolean()).isTrue();
    }

    @Test
    void shouldAccountForEveryCommandOfTheDeskAppliedOrRefusedWithItsCode()
    {
        final JsonNode commands = options.get("commands");
        long refused = 0;
        for (final JsonNode count : commands.get("refusedByCode"))
        {
            refused += count.asLong();
        }
        assertThat(commands.get("refusedByCode").has("NOT_ANSWERED")).isFalse();
        assertThat(commands.get("applied").asLong() + refused).isEqualTo(commands.get("sent").asLong());
        final JsonNode kinds = commands.get("byKind");
        assertThat(kinds.get("createOptionSeries").get("applied").asInt()).isEqualTo(options.get("series").size())
            .isEqualTo(15);
        assertThat(kinds.get("setMarginMode").get("applied").asInt())
            .isEqualTo(options.get("holders").get("portfolioMargin").asInt()).isEqualTo(12);
        assertThat(kinds.get("settleExpiry").get("applied").asInt()).isEqualTo(5);
        assertThat(commands.get("optionTradesApplied").asLong()).isGreaterThan(30);
        assertThat(commands.get("optionTradesInJournal").asLong()).isEqualTo(
            commands.get("optionTradesApplied").asLong() + commands.get("optionPackageLegsApplied").asLong());
    }

    @Test
    void shouldFollowOkxMarkVolatilityWithAQuorumSurfaceEveryTenMinutes()
    {
        final JsonNode surface = options.get("surface");
        // One before the opening, then one every ten minutes of the window after its first.
        assertThat(surface.get("published").asInt()).isEqualTo(1 + (TO - FROM - 1) / OptionDesk.SURFACE_EVERY_MINUTES);
        assertThat(surface.get("tookEffect").asInt()).isEqualTo(surface.get("published").asInt());
        assertThat(surface.get("held").asInt()).isZero();
        final JsonNode atm = options.get("chart").get("atmIv");
        final JsonNode okx = options.get("chart").get("okxMarkIv");
        final ImpliedVolPath path = ImpliedVolPath.load(DemoMarket.DAY_START);
        assertThat(atm).hasSize(TO - FROM);
        assertThat(okx).hasSize(TO - FROM);
        for (int i = 0; i < TO - FROM; i++)
        {
            assertThat(okx.get(i).asDouble()).isCloseTo(path.markIv(FROM + i), within(1e-6));
            // The 80,000 put lies deep in the put wing: its volatility is well above the at-the-money level.
            assertThat(atm.get(i).asDouble()).isBetween(0.4, 0.6).isLessThan(okx.get(i).asDouble());
        }
    }

    @Test
    void shouldSettleTheIntradayExpiryOnceAtTheTwapOfTheCrash()
    {
        final JsonNode expiry = options.get("expiry");
        assertThat(expiry.get("settledInWindow")).hasSize(1);
        assertThat(expiry.get("settledInWindow").get(0).asText()).isEqualTo("2025-10-10T21:20:00Z");
        final JsonNode btc = report.get("markets").get(0);
        BigDecimal paid = BigDecimal.ZERO;
        for (final JsonNode series : expiry.get("series"))
        {
            assertThat(series.get("settlements").asInt()).isEqualTo(1);
            assertThat(series.get("settlementPrice").asDouble()).isBetween(btc.get("indexLow").asDouble(),
                btc.get("indexHigh").asDouble());
            // The longs receive what the shorts pay, less than a quantum per position to the fee pool.
            assertThat(new BigDecimal(series.get("paidByShorts").asText())
                .subtract(new BigDecimal(series.get("paidToLongs").asText()))
                .subtract(new BigDecimal(series.get("feePoolDelta").asText()))).isEqualByComparingTo("0");
            paid = paid.add(new BigDecimal(series.get("paidToLongs").asText()));
        }
        // The index fell through 115,000 in the TWAP's half hour: the intraday puts' holders are paid.
        assertThat(paid).isPositive();
    }

    @Test
    void shouldLiquidateShortPremiumSellersInTheCrash()
    {
        final Set<String> sellers = new HashSet<>();
        for (final JsonNode holder : options.get("holders").get("list"))
        {
            if (holder.get("book").asText().equals("NAKED_PUT"))
            {
                sellers.add(holder.get("account").asText());
            }
        }
        final JsonNode liquidations = options.get("liquidations");
        assertThat(liquidations.get("count").asInt()).isPositive();
        for (final JsonNode liquidation : liquidations.get("list"))
        {
            assertThat(sellers).contains(liquidation.get("target").asText());
            assertThat(liquidation.get("series").asText()).endsWith("-P");
        }
    }

    @Test
    void shouldBalanceOptionsPnlAcrossTheGroupsLessFees()
    {
        final JsonNode pnl = options.get("pnl");
        assertThat(new BigDecimal(pnl.get("sellers").asText())).isNegative();
        assertThat(new BigDecimal(pnl.get("buyers").asText())).isPositive();
        BigDecimal sum = BigDecimal.ZERO;
        for (final Iterator<Map.Entry<String, JsonNode>> it = pnl.fields(); it.hasNext(); )
        {
            sum = sum.add(new BigDecimal(it.next().getValue().asText()));
        }
        // What the groups made together is what left the options: fees, the fund's liquidation fees, the fee pool's
        // settlement remainders; the end marks round each side in the protocol's favour by less than a cent.
        BigDecimal out = new BigDecimal(options.get("commands").get("optionFees").asText());
        for (final JsonNode liquidation : options.get("liquidations").get("list"))
        {
            out = out.add(new BigDecimal(liquidation.get("insuranceFundDelta").asText()));
        }
        for (final JsonNode series : options.get("expiry").get("series"))
        {
            out = out.add(new BigDecimal(series.get("feePoolDelta").asText()));
        }
        assertThat(sum.add(out).abs()).isLessThan(new BigDecimal("0.01"));
    }

    @Test
    void shouldReadTheHedgedBooksMarginBothWays()
    {
        final JsonNode margin = options.get("margin");
        assertThat(margin.get("samples").size()).isEqualTo(1 + (TO - FROM - 1) / OptionDesk.SURFACE_EVERY_MINUTES);
        final JsonNode open = margin.get("samples").get(0);
        // Portfolio margin nets the straddle's legs and its hedge: far less than the legs margined one by one.
        assertThat(open.get("HEDGED_STRADDLE").get("pairs").asInt()).isEqualTo(4);
        assertThat(open.get("HEDGED_STRADDLE").get("portfolio").asDouble())
            .isLessThan(open.get("HEDGED_STRADDLE").get("standard").asDouble() * 0.8);
        assertThat(margin.get("standardAtOpen").asDouble()).isPositive();
        assertThat(margin.get("savedAtOpen").asDouble()).isCloseTo(margin.get("standardAtOpen").asDouble() -
            margin.get("portfolioAtOpen").asDouble(), within(0.011));
    }
}
