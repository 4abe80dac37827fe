package io.novation.core.risk;

import io.novation.core.command.ReportMarketDepth;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.core.market.DepthPenaltyBounds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The depth penalty along 2025-10-10, the largest liquidation day on record, from Binance's published BTCUSDT book
 * depth (every 10 minutes; core/src/test/resources/data/README.md): the liquidation of a 50 million USDC long on a
 * market with a 3 % maintenance fraction, the static dYdX parameters (spread ratio 10 %, fee 0.5 %) as the floor and
 * caps of 100 % and 1.5 %. Run with {@code -Dnovation.print=true} for the table of docs/protocol.md.
 */
class DepthPenaltyCrashReplayTest
{
    private static final long USDC = 1_000_000L;
    private static final long NOTIONAL = 50_000_000L * USDC;
    private static final long MAINTENANCE_FRACTION_PPM = 30_000;
    private static final DepthPenaltyBounds BOUNDS = new DepthPenaltyBounds(1_000_000, 15_000, 300_000);
    private static final LiquidationParameters BASE = LiquidationParameters.defaults();

    private record Sample(String time, List<ReportMarketDepth.Level> levels, long impactPpm,
        LiquidationParameters parameters)
    {
    }

    private static final List<Sample> DAY = new ArrayList<>();

    @BeforeAll
    static void replay() throws IOException
    {
        final Map<String, long[][]> byTime = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
            DepthPenaltyCrashReplayTest.class.getResourceAsStream(
                "/data/btcusdt-perp-book-depth-2025-10-10-10min.csv")),
            StandardCharsets.UTF_8)))
        {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null)
            {
                final String[] f = line.split(",");
                final int percent = Integer.parseInt(f[1]);
                // Depth is credited down: less depth, a higher penalty.
                final long notional = new BigDecimal(f[3]).movePointRight(6).setScale(0, RoundingMode.DOWN)
                    .longValueExact();
                final long[][] sides = byTime.computeIfAbsent(f[0], t -> new long[2][5]);
                sides[percent < 0 ? 0 : 1][Math.abs(percent) - 1] = notional;
            }
        }
        for (final Map.Entry<String, long[][]> e : byTime.entrySet())
        {
            final List<ReportMarketDepth.Level> levels = new ArrayList<>();
            for (int i = 0; i < 5; i++)
            {
                levels.add(new ReportMarketDepth.Level((i + 1) * 10_000L, e.getValue()[0][i], e.getValue()[1][i]));
            }
            DAY.add(new Sample(e.getKey(), levels, DepthPenalty.unwindImpactPpm(NOTIONAL, levels, true),
                DepthPenalty.parameters(BASE, BOUNDS, NOTIONAL, MAINTENANCE_FRACTION_PPM, levels, true)));
        }
        if (Boolean.getBoolean("novation.print"))
        {
            for (final Sample s : DAY)
            {
                if (s.time().charAt(14) == '0' || s.time().startsWith("2025-10-10 21:2"))
                {
                    System.out.printf("| %s | %d | %d | %d | %.2f %% | %.1f %% | %.3f %% |%n",
                        s.time().substring(11, 16),
                        s.levels().get(0).bidNotional() / USDC / 1_000_000, s.levels().get(1).bidNotional() / USDC /
                        1_000_000, s.levels().get(4).bidNotional() / USDC / 1_000_000, s.impactPpm() / 1e4,
                        s.parameters().spreadToMaintenanceMarginRatioPpm() / 1e4,
                        s.parameters().maxLiquidationFeePpm() / 1e4);
                }
            }
        }
    }

    private static Sample at(final String hhmm)
    {
        return DAY.stream().filter(s -> s.time().substring(11, 16).compareTo(hhmm) >= 0).findFirst().orElseThrow();
    }

    @Test
    void shouldCoverTheWholeDay()
    {
        assertThat(DAY).hasSize(144);
    }

    @Test
    void shouldKeepTheStaticPenaltyWhileTheMorningBookIsDeep()
    {
        assertThat(at("00:00").parameters()).isSameAs(BASE);
        assertThat(at("12:00").parameters()).isSameAs(BASE);
    }

    @Test
    void shouldRaiseThePenaltyThroughTheCrash()
    {
        final LiquidationParameters crash = at("21:20").parameters();
        assertThat(crash.spreadToMaintenanceMarginRatioPpm()).isGreaterThan(BASE.spreadToMaintenanceMarginRatioPpm());
        assertThat(crash.maxLiquidationFeePpm()).isGreaterThan(BASE.maxLiquidationFeePpm());
        assertThat(at("21:20").impactPpm()).isGreaterThan(5 * at("12:00").impactPpm());
    }

    @Test
    void shouldRiseWhereverTheBookThinsAtEveryLevel()
    {
        // For every pair of samples where one book holds no more bids than the other at every distance, its penalty
        // is at least the other's.
        int pairs = 0;
        for (final Sample thin : DAY)
        {
            for (final Sample deep : DAY)
            {
                if (thin != deep && thinnerBids(thin.levels(), deep.levels()))
                {
                    pairs++;
                    assertThat(thin.impactPpm()).isGreaterThanOrEqualTo(deep.impactPpm());
                    assertThat(thin.parameters().spreadToMaintenanceMarginRatioPpm())
                        .isGreaterThanOrEqualTo(deep.parameters().spreadToMaintenanceMarginRatioPpm());
                    assertThat(thin.parameters().maxLiquidationFeePpm())
                        .isGreaterThanOrEqualTo(deep.parameters().maxLiquidationFeePpm());
                }
            }
        }
        assertThat(pairs).isGreaterThan(1_000);
    }

    @Test
    void shouldChargeMoreInTheEveningThanInTheMorningOnAverage()
    {
        final double morning = DAY.stream().filter(s -> s.time().substring(11, 13).compareTo("12") < 0)
            .mapToLong(s -> s.parameters().maxLiquidationFeePpm()).average().orElseThrow();
        final double evening = DAY.stream().filter(s -> s.time().substring(11, 13).compareTo("20") >= 0)
            .mapToLong(s -> s.parameters().maxLiquidationFeePpm()).average().orElseThrow();
        assertThat(evening).isGreaterThan(morning);
    }

    @Test
    void shouldStayWithinTheBoundsAllDay()
    {
        for (final Sample s : DAY)
        {
            assertThat(s.parameters().spreadToMaintenanceMarginRatioPpm())
                .isBetween(BASE.spreadToMaintenanceMarginRatioPpm(), BOUNDS.maxSpreadRatioPpm());
            assertThat(s.parameters().maxLiquidationFeePpm())
                .isBetween(BASE.maxLiquidationFeePpm(), BOUNDS.maxFeePpm());
        }
    }

    private static boolean thinnerBids(final List<ReportMarketDepth.Level> a, final List<ReportMarketDepth.Level> b)
    {
        for (int i = 0; i < a.size(); i++)
        {
            if (a.get(i).bidNotional() > b.get(i).bidNotional())
            {
                return false;
            }
        }
        return true;
    }
}
