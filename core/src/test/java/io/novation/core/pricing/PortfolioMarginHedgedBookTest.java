package io.novation.core.pricing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard against portfolio margin on books built from Deribit's BTC option chain of 2020-05-21 (mark volatilities,
 * futures prices, expiries; test resource {@code data/options/deribit-btc-option-chain-2020-05-21.csv}): the equity
 * each book needs for initial margin, in USD. Standard margin (Derive's isolated rules, §14.4) does not see hedges;
 * portfolio margin (PM2) does: spreads, calendars and butterflies need 5 to 12 % of the standard requirement; a naked
 * short straddle a third (the grid's ±18 % and vol shocks against 13–15 % of spot per short plus premium); covered calls
 * on a perpetual about as much (the perpetual's −18 % scenario).
 */
class PortfolioMarginHedgedBookTest
{
    private static final String CHAIN = "/data/options/deribit-btc-option-chain-2020-05-21.csv";
    private static final PortfolioMarginParameters PM = PortfolioMarginParameters.derive();

    /** One series of the chain. */
    record Series(String name, long expiry, OptionType type, double strike, double forward, double vol, long time)
    {
    }

    /** One holding of a book. */
    record Holding(Series series, double amount)
    {
    }

    @Test
    void shouldNeedLessPortfolioThanStandardMarginForHedgedBooks() throws IOException
    {
        final Map<String, Series> chain = load();
        final double spot = 9095.83;

        final List<String> lines = new ArrayList<>();
        final double[] straddle = compare("naked short ATM straddle, 10x", spot, 0, List.of(
            new Holding(chain.get("BTC-26JUN20-9000-C"), -10), new Holding(chain.get("BTC-26JUN20-9000-P"), -10)),
            lines);
        final double[] fly = compare("short iron butterfly 7000/9000/11000, 10x", spot, 0, List.of(
            new Holding(chain.get("BTC-26JUN20-9000-C"), -10), new Holding(chain.get("BTC-26JUN20-9000-P"), -10),
            new Holding(chain.get("BTC-26JUN20-11000-C"), 10), new Holding(chain.get("BTC-26JUN20-7000-P"), 10)),
            lines);
        final double[] calendar = compare("call calendar: short Jun 9000 C, long Sep 9000 C, 10x", spot, 0, List.of(
            new Holding(chain.get("BTC-26JUN20-9000-C"), -10), new Holding(chain.get("BTC-25SEP20-9000-C"), 10)),
            lines);
        final double[] covered = compare("covered calls: short Jun 11000 C, long 10 BTC perpetual", spot, 10, List.of(
            new Holding(chain.get("BTC-26JUN20-11000-C"), -10)), lines);
        final double[] vertical = compare("put spread: short Jun 8500 P, long Jun 8000 P, 10x", spot, 0, List.of(
            new Holding(chain.get("BTC-26JUN20-8500-P"), -10), new Holding(chain.get("BTC-26JUN20-8000-P"), 10)),
            lines);
        lines.forEach(System.out::println);

        assertThat(fly[1]).isLessThan(fly[0] * 0.5);
        assertThat(calendar[1]).isLessThan(calendar[0] * 0.5);
        // The perpetual carries the whole downside: portfolio margin charges it the 18 % shock (dYdX's IM is 5 %).
        assertThat(covered[1]).isLessThan(covered[0]).isGreaterThan(covered[0] * 0.5);
        assertThat(vertical[1]).isLessThan(vertical[0]);
        // A naked straddle has no hedge: portfolio margin still asks for a third of the standard requirement.
        assertThat(straddle[1]).isBetween(straddle[0] * 0.25, straddle[0] * 0.5);
        for (final double[] book : List.of(straddle, fly, calendar, covered, vertical))
        {
            assertThat(book[1]).isPositive();
        }
    }

    /**
     * The equity each margin needs: standard = Σ shorts' IM requirements + Σ longs' value (longs do not count in
     * initial net collateral); portfolio = −(worst loss × 1.0 − contingencies), the mark-to-market being equity.
     */
    private static double[] compare(final String name, final double spot, final double perp,
        final List<Holding> book, final List<String> lines)
    {
        double standard = Math.abs(perp) * spot * 0.05;
        final PortfolioRisk risk = new PortfolioRisk(PM).reset(spot, 0.0).perpetual(perp, spot, 0.0);
        final Map<Long, Integer> expiries = new HashMap<>();
        for (final Holding holding : book)
        {
            final Series series = holding.series();
            final double seconds = (series.expiry() - series.time()) / 1000.0;
            final double years = seconds / ScenarioPricer.YEAR_SECONDS;
            final double mark = Black76.price(series.type(), series.forward(), series.strike(), years, 0.0,
                series.vol());
            standard += holding.amount() > 0 ? holding.amount() * mark :
                standardShort(series, -holding.amount(), spot, mark);
            final int expiry = expiries.computeIfAbsent(series.expiry(), e -> risk.expiry(seconds, 0.0, 1.0));
            final double[] values = new double[ScenarioPricer.valueCount(PM)];
            ScenarioPricer.price(PM, seconds, series.forward(), 0.0, series.type(), series.strike(), series.vol(),
                values);
            risk.option(expiry, holding.amount(), series.strike(), values);
        }
        risk.compute();
        final double portfolio = -(risk.initialMargin() - risk.markToMarket());
        lines.add(String.format(Locale.ROOT, "%-58s standard %10.0f USD   portfolio %10.0f USD   (%.0f %%)", name,
            standard, portfolio, 100 * portfolio / standard));
        return new double[] {standard, portfolio};
    }

    /** Derive's standard initial requirement of a short (mainnet parameters), with its liability. */
    private static double standardShort(final Series series, final double amount, final double spot,
        final double mark)
    {
        final double otm = series.type() == OptionType.CALL ? Math.max(series.strike() - spot, 0) :
            Math.max(spot - series.strike(), 0);
        final double initial = amount * spot * Math.max(0.15 - otm / spot, 0.13);
        final double liability = amount * mark;
        if (series.type() == OptionType.CALL)
        {
            return initial + liability;
        }
        final double maintenance = Math.max(0.09 * amount * spot, 0.09 * liability);
        return Math.max(initial, 1.05 * (maintenance + liability) - liability) + liability;
    }

    private static Map<String, Series> load() throws IOException
    {
        final Map<String, Series> chain = new HashMap<>();
        final List<String> rows;
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
            java.util.Objects.requireNonNull(PortfolioMarginHedgedBookTest.class.getResourceAsStream(CHAIN)),
            java.nio.charset.StandardCharsets.UTF_8)))
        {
            rows = reader.lines().toList();
        }
        for (int i = 1; i < rows.size(); i++)
        {
            final List<String> f = split(rows.get(i));
            chain.put(f.get(3), new Series(f.get(3), Long.parseLong(f.get(1)),
                f.get(2).equals("call") ? OptionType.CALL : OptionType.PUT, Double.parseDouble(f.get(4)),
                Double.parseDouble(f.get(5)), Double.parseDouble(f.get(15)) / 100, Long.parseLong(f.get(7))));
        }
        return chain;
    }

    /** A CSV line split on commas outside double quotes. */
    private static List<String> split(final String line)
    {
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.add(field.toString());
                field.setLength(0);
            }
            else
            {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
