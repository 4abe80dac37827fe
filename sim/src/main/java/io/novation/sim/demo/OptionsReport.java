package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report's {@code options} section: the series listed, the surface's at-the-money volatility over the window
 * against OKX's mark volatility it follows, the holders and every command the desk sent with the node's answer, the
 * put-spread packages, options PnL by group, the initial margin of the hedged books in standard against portfolio
 * margin, the option liquidations and the intraday expiry's settlement; and the options' invariants. Money in USDC
 * as exact decimal strings, volatilities as fractions per year.
 */
final class OptionsReport
{
    private OptionsReport()
    {
    }

    /**
     * Writes the section and its invariants into the report.
     *
     * @param report   the report.
     * @param desk     the desk, after the run.
     * @param ledger   the journal's replay of the options, closed out.
     * @param settings the demo's settings.
     */
    static void write(final DemoReport report, final OptionDesk desk, final OptionLedger ledger,
        final DemoSettings settings)
    {
        final ObjectNode options = Json.MAPPER.createObjectNode();
        final List<String> failures = new ArrayList<>();
        final Map<String, Boolean> invariants = new LinkedHashMap<>();
        options.put("run", true);
        options.put("model", "BTC options on the BTC-USD index listed by governance; a raw SVI surface co-signed by " +
            "three honest publishers every " + OptionDesk.SURFACE_EVERY_MINUTES + " minutes, its at-the-money " +
            "volatility set so that it prices " + ImpliedVolPath.INSTRUMENT + " at OKX's mark volatility of the " +
            "minute (fixed smile: lambda " + OptionSurface.WING_SHARE + ", rho " + OptionSurface.RHO + ", sigma " +
            OptionSurface.CURVATURE + "; flat term structure); the market makers quote Black-76 marks +/- " +
            Math.round(OptionQuotes.HALF_SPREAD * 100) + " %");
        final ArrayNode series = options.putArray("series");
        final Map<Integer, OptionListing> byId = new HashMap<>();
        for (final OptionListing listing : desk.listings())
        {
            byId.put(listing.seriesId(), listing);
            series.addObject().put("ticker", listing.ticker()).put("expiry", time(listing.expiry()))
                .put("strike", listing.strikeUsd()).put("type", listing.type().name().toLowerCase());
        }
        surface(options, desk, ledger, settings);
        holders(options, desk, ledger, byId);
        commands(options, desk, ledger, invariants, failures);
        packages(options, desk, ledger, invariants, failures);
        options.put("pnlDefinition", "per group: realized PnL of its option positions (trades, liquidations, " +
            "expiry payouts) less option fees, plus the value of the positions still open at the end less their cost");
        final ObjectNode pnl = options.putObject("pnl");
        ledger.pnl().forEach((group, amount) -> pnl.put(group, StateReport.quote(amount)));
        final ObjectNode premiums = options.putObject("premiumsPaidByBuyerGroup");
        ledger.premiumsPaid().forEach((group, amount) -> premiums.put(group, StateReport.quote(amount)));
        margin(options, desk, settings);
        liquidations(options, ledger, byId);
        expiry(options, desk, ledger, byId, invariants, failures);
        report.section("options", options, invariants, failures);
    }

    /**
     * Writes the section of a run without the desk: why it did not run, the options' invariants it skips, and in
     * their place one that the journal's replay saw no option series, trade, surface or settlement.
     *
     * @param report  the report.
     * @param ledger  the journal's replay of the options, closed out.
     * @param reason  why the desk did not run, e.g. {@link OptionDesk#NOT_RUN_REASON}.
     * @param markets the markets chosen.
     */
    static void notRun(final DemoReport report, final OptionLedger ledger, final String reason,
        final List<DemoMarket> markets)
    {
        final ObjectNode options = Json.MAPPER.createObjectNode();
        options.put("run", false);
        options.put("reason", reason);
        options.put("sentence", "Options not run: " + reason + " (" + String.join(", ",
            markets.stream().map(DemoMarket::ticker).toList()) + "). The series are BTC options on the " +
            OptionDesk.UNDERLYING + " index and their holders hedge in " + OptionDesk.UNDERLYING + ", so no series " +
            "was listed, no holder funded and no option command sent.");
        options.putArray("invariantsSkipped").add("everyOptionCommandAccountedFor").add("optionTradesEqualJournal")
            .add("optionPackagesEqualJournal").add("expirySettledExactlyOnce");
        final ObjectNode journal = options.putObject("journal");
        journal.put("seriesCreated", ledger.seriesCreated());
        journal.put("seriesAtEnd", ledger.seriesAtEnd());
        journal.put("optionTrades", ledger.optionTrades());
        journal.put("surfacesUpdated", ledger.surfacesUpdated().size());
        journal.put("seriesSettled", ledger.settlements().size());
        final boolean none = ledger.seriesCreated() == 0 && ledger.seriesAtEnd() == 0 && ledger.optionTrades() == 0 &&
            ledger.surfacesUpdated().isEmpty() && ledger.settlements().isEmpty();
        final List<String> failures = new ArrayList<>();
        if (!none)
        {
            failures.add("options: not run, yet the journal's replay has " + ledger.seriesCreated() + " series " +
                "listed, " + ledger.optionTrades() + " option trades, " + ledger.surfacesUpdated().size() +
                " surfaces and " + ledger.settlements().size() + " settlements");
        }
        report.section("options", options, Map.of("noOptionActivityWithoutUnderlying", none), failures);
    }

    private static void surface(final ObjectNode options, final OptionDesk desk, final OptionLedger ledger,
        final DemoSettings settings)
    {
        final ObjectNode surface = options.putObject("surface");
        final Map<Long, SurfaceRounds.Publication> byTime = new HashMap<>();
        long lied = 0;
        for (final SurfaceRounds.Publication publication : desk.publications())
        {
            byTime.put(publication.publishedAt(), publication);
            lied += publication.faultyLied() ? 1 : 0;
        }
        surface.put("published", desk.publications().size());
        surface.put("tookEffect", ledger.surfacesUpdated().size());
        surface.put("held", ledger.surfacesHeld());
        surface.put("faultyPublisherOwnSurfaces", lied);
        surface.put("faultyPublisherSubmissionsOutvoted", ledger.faultySubmissions());
        final ArrayNode atm = Json.MAPPER.createArrayNode();
        final ArrayNode okx = Json.MAPPER.createArrayNode();
        int next = 0;
        double current = 0;
        double low = Double.MAX_VALUE;
        double high = 0;
        final List<Long> updated = ledger.surfacesUpdated();
        for (int m = settings.fromMinute(); m < settings.toMinute(); m++)
        {
            final long end = DemoMarket.DAY_START + (m + 1) * MinuteSeries.MINUTE_MS;
            while (next < updated.size() && updated.get(next) < end)
            {
                final SurfaceRounds.Publication publication = byTime.get(updated.get(next++));
                current = publication == null ? current : publication.atm();
            }
            atm.add(round(current));
            okx.add(round(desk.path().markIv(m)));
            if (current > 0)
            {
                low = Math.min(low, current);
                high = Math.max(high, current);
            }
        }
        surface.put("atmIvLow", round(low == Double.MAX_VALUE ? 0 : low));
        surface.put("atmIvHigh", round(high));
        surface.put("okxMarkIvFirst", round(desk.path().markIv(settings.fromMinute())));
        surface.put("okxMarkIvLast", round(desk.path().markIv(settings.toMinute() - 1)));
        final ObjectNode chart = options.has("chart") ? (ObjectNode)options.get("chart") : options.putObject("chart");
        chart.set("atmIv", atm);
        chart.set("okxMarkIv", okx);
    }

    private static void holders(final ObjectNode options, final OptionDesk desk, final OptionLedger ledger,
        final Map<Integer, OptionListing> byId)
    {
        final ObjectNode holders = options.putObject("holders");
        final Map<String, Integer> books = new TreeMap<>();
        int portfolio = 0;
        for (final OptionHolders.Holder holder : desk.holders())
        {
            books.merge(holder.book().name(), 1, Integer::sum);
            portfolio += holder.portfolio() ? 1 : 0;
        }
        holders.put("count", desk.holders().size());
        holders.put("standardMargin", desk.holders().size() - portfolio);
        holders.put("portfolioMargin", portfolio);
        final ObjectNode byBook = holders.putObject("books");
        books.forEach(byBook::put);
        final ArrayNode list = holders.putArray("list");
        for (final OptionHolders.Holder holder : desk.holders())
        {
            final ObjectNode json = list.addObject().put("name", holder.participant().name())
                .put("account", holder.participant().address().toString()).put("book", holder.book().name())
                .put("margin", holder.portfolio() ? "portfolio" : "standard")
                .put("deposit", StateReport.quote(holder.deposit()));
            final OptionLedger.End end = ledger.ends().get(holder.participant().address());
            if (end != null)
            {
                json.put("endNetCollateral", StateReport.quote(end.netCollateral()))
                    .put("endInitialMarginRequirement", StateReport.quote(end.initialRequirement()))
                    .put("endMaintenanceMarginRequirement", StateReport.quote(end.maintenanceRequirement()));
                final ObjectNode positions = json.putObject("endPositions");
                end.positions().forEach((id, size) ->
                {
                    final OptionListing listing = byId.get(id);
                    positions.put(listing == null ? "BTC-USD" : listing.ticker(), BigDecimal.valueOf(size)
                        .movePointRight(listing == null ? -10 : OptionListing.ATOMIC_RESOLUTION).stripTrailingZeros()
                        .toPlainString());
                });
            }
        }
    }

    private static void commands(final ObjectNode options, final OptionDesk desk, final OptionLedger ledger,
        final Map<String, Boolean> invariants, final List<String> failures)
    {
        final ObjectNode commands = options.putObject("commands");
        final Map<String, long[]> byKind = new TreeMap<>();
        final Map<String, Long> refused = new TreeMap<>();
        long applied = 0;
        long unanswered = 0;
        long tradesApplied = 0;
        for (final OptionDesk.Sent sent : desk.sent())
        {
            final long[] counts = byKind.computeIfAbsent(sent.kind(), k -> new long[3]);
            counts[0]++;
            if (sent.code() == null)
            {
                counts[1]++;
                applied++;
                tradesApplied += sent.kind().equals("settleTrade (option)") ? 1 : 0;
            }
            else
            {
                counts[2]++;
                refused.merge(sent.code(), 1L, Long::sum);
                unanswered += sent.code().equals(Operator.NOT_ANSWERED) ? 1 : 0;
            }
        }
        commands.put("sent", desk.sent().size());
        commands.put("applied", applied);
        commands.put("refused", desk.sent().size() - applied);
        final ObjectNode codes = commands.putObject("refusedByCode");
        refused.forEach(codes::put);
        final ObjectNode kinds = commands.putObject("byKind");
        byKind.forEach((kind, c) -> kinds.putObject(kind).put("sent", c[0]).put("applied", c[1]).put("refused", c[2]));
        long legs = 0;
        for (final PutSpreads.Package p : desk.packages())
        {
            legs += desk.sent().get(p.index()).code() == null ? PutSpreads.PACKAGE_LEGS : 0;
        }
        commands.put("optionTradesApplied", tradesApplied);
        commands.put("optionPackageLegsApplied", legs);
        commands.put("optionTradesInJournal", ledger.optionTrades());
        commands.put("optionFees", StateReport.quote(ledger.optionFees()));
        final boolean answered = unanswered == 0;
        invariants.put("everyOptionCommandAccountedFor", answered);
        if (!answered)
        {
            failures.add("options: " + unanswered + " commands of the desk without the node's answer");
        }
        // A package settles each leg as a trade (TradeSettled), after its legs' checks.
        final boolean trades = tradesApplied + legs == ledger.optionTrades();
        invariants.put("optionTradesEqualJournal", trades);
        if (!trades)
        {
            failures.add("options: " + tradesApplied + " option trades and " + legs + " package legs applied by " +
                "the node, " + ledger.optionTrades() + " option trades in the journal's replay");
        }
    }

    private static void packages(final ObjectNode options, final OptionDesk desk, final OptionLedger ledger,
        final Map<String, Boolean> invariants, final List<String> failures)
    {
        final ObjectNode blocks = options.putObject("blockTrades");
        blocks.put("schedule", "every " + OptionDesk.BLOCK_EVERY_MINUTES + " minutes of the replay (minute " +
            OptionDesk.BLOCK_OFFSET_MINUTES + "), one market maker buys a 31-Oct 110,000/100,000 put spread from the " +
            "other, each leg at its mark on the tick; settleBlockTrade");
        final ArrayNode list = blocks.putArray("packages");
        long settled = 0;
        for (final PutSpreads.Package p : desk.packages())
        {
            final String code = desk.sent().get(p.index()).code();
            final ObjectNode json = list.addObject().put("time", time(p.time())).put("maker", p.maker())
                .put("taker", p.taker()).put("package", p.digest()).put("legs", p.legs())
                .put("status", code == null ? "settled" : "refused");
            if (code != null)
            {
                json.put("code", code);
            }
            settled += code == null ? 1 : 0;
        }
        blocks.put("sent", desk.packages().size());
        blocks.put("count", settled);
        blocks.put("settledInJournal", ledger.packagesSettled());
        final boolean equal = settled == ledger.packagesSettled();
        invariants.put("optionPackagesEqualJournal", equal);
        if (!equal)
        {
            failures.add("options: " + settled + " put-spread packages settled by the node, " +
                ledger.packagesSettled() + " in the journal's replay");
        }
    }

    private static void margin(final ObjectNode options, final OptionDesk desk, final DemoSettings settings)
    {
        final ObjectNode margin = options.putObject("margin");
        margin.put("method", "each hedged book is held twice with the same trades, one subaccount in standard " +
            "margin and one in portfolio margin; every " + OptionDesk.SURFACE_EVERY_MINUTES + " minutes the node's " +
            "initial margin requirement of both (GET /v1/accounts/{address}/subaccounts/0) is read, for the pairs " +
            "whose positions are still the same");
        final ArrayNode samples = margin.putArray("samples");
        final ArrayNode standard = Json.MAPPER.createArrayNode();
        final ArrayNode portfolio = Json.MAPPER.createArrayNode();
        int next = 0;
        double sm = 0;
        double pm = 0;
        final List<TwinMargins.MarginSample> list = desk.margins();
        for (final TwinMargins.MarginSample sample : list)
        {
            final ObjectNode json = samples.addObject().put("time", time(DemoMarket.DAY_START +
                sample.minute() * MinuteSeries.MINUTE_MS).substring(11, 16));
            for (final OptionHolders.Book book : sample.pairs().keySet())
            {
                json.putObject(book.name()).put("pairs", sample.pairs().get(book))
                    .put("standard", cents(sample.standard().get(book)))
                    .put("portfolio", cents(sample.portfolio().get(book)));
            }
            json.put("standard", cents(total(sample.standard()))).put("portfolio", cents(total(sample.portfolio())));
        }
        for (int m = settings.fromMinute(); m < settings.toMinute(); m++)
        {
            while (next < list.size() && list.get(next).minute() <= m)
            {
                sm = total(list.get(next).standard());
                pm = total(list.get(next++).portfolio());
            }
            standard.add(cents(sm));
            portfolio.add(cents(pm));
        }
        if (!list.isEmpty())
        {
            final TwinMargins.MarginSample first = list.get(0);
            final TwinMargins.MarginSample last = list.get(list.size() - 1);
            margin.put("standardAtOpen", cents(total(first.standard())));
            margin.put("portfolioAtOpen", cents(total(first.portfolio())));
            margin.put("savedAtOpen", cents(total(first.standard()) - total(first.portfolio())));
            margin.put("standardAtEnd", cents(total(last.standard())));
            margin.put("portfolioAtEnd", cents(total(last.portfolio())));
            margin.put("savedAtEnd", cents(total(last.standard()) - total(last.portfolio())));
        }
        final ObjectNode chart = options.has("chart") ? (ObjectNode)options.get("chart") : options.putObject("chart");
        chart.set("standardMargin", standard);
        chart.set("portfolioMargin", portfolio);
    }

    private static void liquidations(final ObjectNode options, final OptionLedger ledger,
        final Map<Integer, OptionListing> byId)
    {
        final ObjectNode liquidations = options.putObject("liquidations");
        liquidations.put("count", ledger.liquidations().size());
        final Set<Long> commands = new TreeSet<>();
        ledger.liquidations().forEach(l -> commands.add(l.sequence()));
        liquidations.put("liquidateCommandsApplied", commands.size());
        long size = 0;
        final ArrayNode list = liquidations.putArray("list");
        for (final OptionLedger.Liquidation l : ledger.liquidations())
        {
            size += Math.abs(l.size());
            final OptionListing listing = byId.get(l.seriesId());
            list.addObject().put("sequence", l.sequence()).put("keeper", l.keeper().toString())
                .put("target", l.target().toString())
                .put("series", listing == null ? String.valueOf(l.seriesId()) : listing.ticker())
                .put("size", BigDecimal.valueOf(l.size()).movePointRight(OptionListing.ATOMIC_RESOLUTION)
                    .stripTrailingZeros().toPlainString())
                .put("fillQuote", StateReport.quote(l.fillQuote()))
                .put("insuranceFundDelta", StateReport.quote(l.insuranceFundDelta()));
        }
        liquidations.put("sizeBtc", BigDecimal.valueOf(size).movePointRight(OptionListing.ATOMIC_RESOLUTION)
            .stripTrailingZeros().toPlainString());
    }

    private static void expiry(final ObjectNode options, final OptionDesk desk, final OptionLedger ledger,
        final Map<Integer, OptionListing> byId, final Map<String, Boolean> invariants, final List<String> failures)
    {
        final ObjectNode expiry = options.putObject("expiry");
        final ArrayNode expiries = expiry.putArray("settledInWindow");
        desk.settledExpiries().forEach(e -> expiries.add(time(e)));
        final ArrayNode list = expiry.putArray("series");
        boolean once = true;
        for (final OptionListing listing : desk.listings())
        {
            if (!desk.settledExpiries().contains(listing.expiry()))
            {
                continue;
            }
            final int times = ledger.settledCount().getOrDefault(listing.seriesId(), 0);
            once &= times == 1;
            final ObjectNode json = list.addObject().put("series", listing.ticker()).put("settlements", times);
            for (final OptionLedger.Settlement s : ledger.settlements())
            {
                if (s.seriesId() == listing.seriesId())
                {
                    json.put("settlementPrice", BigDecimal.valueOf(s.settlementPrice()).movePointLeft(5)
                        .stripTrailingZeros().toPlainString())
                        .put("paidToLongs", StateReport.quote(s.paidToLongs()))
                        .put("paidByShorts", StateReport.quote(s.paidByShorts()))
                        .put("feePoolDelta", StateReport.quote(s.feePoolDelta()));
                }
            }
        }
        for (final Map.Entry<Integer, Integer> e : ledger.settledCount().entrySet())
        {
            final OptionListing listing = byId.get(e.getKey());
            if (listing == null || !desk.settledExpiries().contains(listing.expiry()))
            {
                once = false;
            }
        }
        expiry.put("shortfall", StateReport.quote(ledger.shortfall()));
        expiry.put("shortfallPaidByInsuranceFund", StateReport.quote(ledger.shortfallFromFund()));
        expiry.put("shortfallSocializedToLongs", StateReport.quote(ledger.shortfallSocialized()));
        invariants.put("expirySettledExactlyOnce", once);
        if (!once)
        {
            failures.add("options: a series of a settled expiry was settled " +
                "other than exactly once in the journal's replay: " + ledger.settledCount());
        }
    }

    private static double total(final Map<OptionHolders.Book, Double> values)
    {
        double sum = 0;
        for (final double v : values.values())
        {
            sum += v;
        }
        return sum;
    }

    private static double cents(final double usd)
    {
        return Math.round(usd * 100) / 100.0;
    }

    private static double round(final double v)
    {
        return Math.round(v * 1e6) / 1e6;
    }

    private static String time(final long epochMs)
    {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
