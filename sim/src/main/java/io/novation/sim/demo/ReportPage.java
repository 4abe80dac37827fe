package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code report.html}: one self-contained page with the summary of a demo run (invariants, liquidations by market and
 * waterfall step, insurance fund, funding, batches and the final root, throughput, keepers) and charts of the oracle
 * prices, open interest, liquidations per minute and the insurance fund. The report's JSON is embedded in the page
 * and an inline script draws the charts as SVG from it: no network access, no library.
 */
public final class ReportPage
{
    private ReportPage()
    {
    }

    /**
     * The page of a report.
     *
     * @param report the report's JSON.
     * @return HTML.
     */
    public static String render(final ObjectNode report)
    {
        final String data;
        try
        {
            data = Json.MAPPER.writeValueAsString(report).replace("</", "<\\/");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final StringBuilder html = new StringBuilder(16_384 + data.length());
        html.append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Novation demo: 2025-10-10 through a live node</title>
            <style>
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto;
                   max-width: 1200px; color: #1d2330; padding: 0 16px; }
            h1 { font-size: 22px; margin-bottom: 4px; }
            h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #dde2ea; padding-bottom: 4px; }
            .sub { color: #5b6578; margin-top: 0; }
            .ok { color: #0a7d32; font-weight: 600; }
            .bad { color: #b3261e; font-weight: 600; }
            table { border-collapse: collapse; margin: 6px 0 12px; }
            th, td { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; }
            th { color: #5b6578; font-weight: 500; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            code { font-size: 12px; word-break: break-all; }
            .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
            figure { margin: 0; border: 1px solid #e3e7ee; border-radius: 6px; padding: 8px 10px; }
            figcaption { font-weight: 600; margin-bottom: 4px; }
            svg.chart { width: 100%; height: 240px; display: block; }
            svg text { font: 11px system-ui, sans-serif; fill: #5b6578; }
            .legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
            .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
            </style>
            </head>
            <body>
            <h1>The 2025-10-10 crash through a live Novation node</h1>
            <p class="sub" id="subtitle"></p>
            <h2>Invariants</h2>
            <table id="invariants"></table>
            <h2>Charts</h2>
            <div class="charts">
            <figure><figcaption>BTC-USD oracle index (USD)</figcaption>
              <svg class="chart" id="chart-price-btc" data-chart="price-BTC-USD"></svg></figure>
            <figure><figcaption>ETH-USD oracle index (USD)</figcaption>
              <svg class="chart" id="chart-price-eth" data-chart="price-ETH-USD"></svg></figure>
            <figure><figcaption>Open interest (USD notional)</figcaption>
              <svg class="chart" id="chart-oi" data-chart="open-interest"></svg>
              <div class="legend" id="legend-oi"></div></figure>
            <figure><figcaption>Liquidations per minute</figcaption>
              <svg class="chart" id="chart-liquidations" data-chart="liquidations"></svg>
              <div class="legend" id="legend-liquidations"></div></figure>
            <figure><figcaption>Insurance fund (USDC)</figcaption>
              <svg class="chart" id="chart-insurance" data-chart="insurance-fund"></svg></figure>
            </div>
            <h2>Liquidations and the bankruptcy waterfall</h2>
            <table id="markets"></table>
            <h2>Run</h2>
            <table id="run"></table>
            <h2>Keepers</h2>
            <table id="keepers"></table>
            <h2>Block trades: the market makers' spread packages</h2>
            <p class="sub" id="blocks-summary"></p>
            <table id="blocks"></table>
            <table id="blocks-refused"></table>
            <h2>Options</h2>
            <p class="sub" id="options-summary"></p>
            <div class="charts" id="options-charts">
            <figure><figcaption>BTC surface ATM volatility and OKX's 31-Oct 80,000 put mark volatility</figcaption>
              <svg class="chart" id="chart-options-iv" data-chart="options-iv"></svg>
              <div class="legend" id="legend-options-iv"></div></figure>
            <figure><figcaption>Initial margin of the hedged option books (USDC), standard and portfolio</figcaption>
              <svg class="chart" id="chart-options-margin" data-chart="options-margin"></svg>
              <div class="legend" id="legend-options-margin"></div></figure>
            </div>
            <table id="options"></table>
            """);
        html.append(RiskPage.HTML);
        html.append("""
            <section id="base-chain" hidden>
            <h2>Base chain</h2>
            <p class="sub" id="chain-summary"></p>
            <table id="chain"></table>
            </section>
            """);
        html.append(ProofPage.HTML);
        html.append("""
            <script type="application/json" id="report-data">""");
        html.append(data);
        html.append("""
            </script>
            <script>
            "use strict";
            const DATA = JSON.parse(document.getElementById("report-data").textContent);
            const COLORS = ["#e8891d", "#4062bb", "#0a7d32", "#b3261e"];
            const SVG = "http://www.w3.org/2000/svg";
            function el(name, attrs, parent) {
              const node = document.createElementNS(SVG, name);
              for (const k in attrs) node.setAttribute(k, attrs[k]);
              if (parent) parent.appendChild(node);
              return node;
            }
            function fmt(v) {
              const a = Math.abs(v);
              if (a >= 1e9) return (v / 1e9).toFixed(2) + "B";
              if (a >= 1e6) return (v / 1e6).toFixed(2) + "M";
              if (a >= 1e4) return (v / 1e3).toFixed(1) + "k";
              return (Math.round(v * 100) / 100).toLocaleString("en-US");
            }
            function chart(id, series, options) {
              const svg = document.getElementById(id);
              const W = 560, H = 240, L = 58, R = 10, T = 10, B = 24;
              svg.setAttribute("viewBox", "0 0 " + W + " " + H);
              const labels = DATA.series.minutes;
              const n = labels.length;
              let lo = Infinity, hi = -Infinity;
              if (options.stacked) {
                lo = 0;
                for (let i = 0; i < n; i++) {
                  let s = 0;
                  for (const se of series) s += se.values[i];
                  hi = Math.max(hi, s);
                }
              } else {
                for (const se of series) {
                  for (const v of se.values) {
                    if (v > 0 || options.zero) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
                  }
                }
              }
              if (options.zero) lo = Math.min(lo, 0);
              if (!isFinite(lo)) { lo = 0; hi = 1; }
              if (hi === lo) { hi = lo + 1; }
              const pad = options.stacked || options.zero ? 0 : (hi - lo) * 0.05;
              lo -= pad; hi += pad;
              const x = i => L + (W - L - R) * (n <= 1 ? 0 : i / (n - 1));
              const y = v => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
              el("rect", {x: L, y: T, width: W - L - R, height: H - T - B, fill: "#fbfcfe", stroke: "#e3e7ee"}, svg);
              for (let k = 0; k <= 4; k++) {
                const v = lo + (hi - lo) * k / 4;
                el("line", {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#edf0f5"}, svg);
                el("text", {x: L - 4, y: y(v) + 4, "text-anchor": "end"}, svg).textContent = fmt(v);
              }
              const every = Math.max(1, Math.round(n / 8 / 60) * 60 || Math.ceil(n / 8));
              for (let i = 0; i < n; i += every) {
                el("text", {x: x(i), y: H - 6, "text-anchor": "middle"}, svg).textContent = labels[i];
              }
              if (options.stacked) {
                const base = new Array(n).fill(0);
                const w = Math.max(1, (W - L - R) / n);
                series.forEach((se, k) => {
                  let d = "";
                  for (let i = 0; i < n; i++) {
                    const v = se.values[i];
                    if (v > 0) {
                      const y0 = y(base[i]), y1 = y(base[i] + v);
                      d += "M" + x(i).toFixed(1) + " " + y0.toFixed(1) + "V" + y1.toFixed(1);
                      base[i] += v;
                    }
                  }
                  el("path", {d: d || "M0 0", class: "series", stroke: se.color, "stroke-width": Math.max(1.2, w),
                    fill: "none", "data-series": se.name}, svg);
                });
              } else {
                for (const se of series) {
                  let d = "";
                  for (let i = 0; i < n; i++) {
                    const v = se.values[i];
                    if (!(v > 0) && !options.zero) continue;
                    d += (d ? "L" : "M") + x(i).toFixed(1) + " " + y(v).toFixed(1);
                  }
                  el("path", {d: d || "M0 0", class: "series", stroke: se.color, "stroke-width": 1.4, fill: "none",
                    "data-series": se.name}, svg);
                }
              }
              svg.setAttribute("data-rendered", "true");
              svg.setAttribute("data-points", String(n));
            }
            function legend(id, series) {
              document.getElementById(id).innerHTML = series.map(s =>
                '<span><i style="background:' + s.color + '"></i>' + s.name + "</span>").join("");
            }
            function row(table, cells, header) {
              const tr = document.createElement("tr");
              cells.forEach((c, i) => {
                const td = document.createElement(header ? "th" : "td");
                if (typeof c === "object" && c !== null) { td.innerHTML = c.html; if (c.num) td.className = "num"; }
                else { td.textContent = c; if (i > 0 && /^-?[0-9.,]+$/.test(String(c))) td.className = "num"; }
                tr.appendChild(td);
              });
              table.appendChild(tr);
            }
            function usdc(s) { return Number(s).toLocaleString("en-US", {maximumFractionDigits: 0}) + " USDC"; }
            const markets = DATA.markets.map(m => m.market);
            const color = {};
            markets.forEach((m, i) => color[m] = COLORS[i % COLORS.length]);
            const d = DATA.demo;
            document.getElementById("subtitle").textContent = d.from.substring(0, 16).replace("T", " ") + " to " +
              d.to.substring(0, 16).replace("T", " ") + " UTC, " + d.accounts.toLocaleString("en-US") + " traders, " +
              d.keepers + " keepers, " + d.oraclePublishers + " oracle publishers (one faulty), speed " + d.speed +
              "; data: " + d.data.map(x => x.file).join(", ");
            const inv = DATA.invariants;
            const mark = ok => ({html: ok ? '<span class="ok">holds</span>' : '<span class="bad">FAILS</span>'});
            const it = document.getElementById("invariants");
            row(it, ["Conservation exact after every batch (" + inv.batchesChecked + " batches)",
              mark(inv.conservationExactAfterEveryBatch)]);
            row(it, ["Batch roots equal the replay's", mark(inv.batchRootsEqualReplay)]);
            row(it, ["No negative net collateral left", mark(inv.noNegativeNetCollateral)]);
            row(it, ["Final root equals an independent replay of the journal (" +
              inv.commandsReplayed.toLocaleString("en-US") + " commands)", mark(inv.rootEqualsIndependentReplay)]);
            row(it, ["Final root", {html: "<code>" + DATA.batches.finalRoot + "</code>"}]);
            if ("chainRootsEqualNodeAndReplay" in inv) {
              row(it, ["Base chain: every committed root equals the node's and the replay's",
                mark(inv.chainRootsEqualNodeAndReplay)]);
              row(it, ["Base chain: escape claims within the bridge's holdings after every batch",
                mark(inv.escapeClaimsWithinBridgeHoldings)]);
            }
            for (const f of inv.failures) row(it, ["Failure", f]);
            const price = m => DATA.series.price[m] ? [{name: m, values: DATA.series.price[m], color: color[m]}] : [];
            chart("chart-price-btc", price("BTC-USD"), {});
            chart("chart-price-eth", price("ETH-USD"), {});
            const oi = markets.map(m => ({name: m, values: DATA.series.openInterestUsd[m], color: color[m]}));
            chart("chart-oi", oi, {zero: true}); legend("legend-oi", oi);
            const lq = markets.map(m => ({name: m, values: DATA.series.liquidationsPerMinute[m], color: color[m]}));
            chart("chart-liquidations", lq, {stacked: true}); legend("legend-liquidations", lq);
            chart("chart-insurance", [{name: "insurance fund", values: DATA.series.insuranceFund, color: COLORS[2]}],
              {zero: true});
            const mt = document.getElementById("markets");
            row(mt, ["", "liquidations", "fund kept a fee", "fund paid the deficit", "deleveraged", "socialized",
              "funding paid", "index low / high", "index vs honest price"], true);
            for (const m of DATA.markets) {
              const w = m.waterfall;
              row(mt, [m.market, m.liquidations.count.toLocaleString("en-US"),
                w.keeperFillFundKeptFee.count + " (" + usdc(w.keeperFillFundKeptFee.amount) + ")",
                w.insuranceFundPaidDeficit.count + " (" + usdc(w.insuranceFundPaidDeficit.amount) + ")",
                w.deleveraged.count + " (" + usdc(w.deleveraged.amount) + ")",
                w.socialized.count + " (" + usdc(w.socialized.amount) + ")",
                usdc(m.funding.paid), fmt(m.indexLow) + " / " + fmt(m.indexHigh),
                "≤ " + (Number(m.oracle.maxIndexDistanceFromHonestPrice) * 1e4).toFixed(2) + " bp"]);
            }
            const rt = document.getElementById("run");
            const tp = DATA.throughput, tm = DATA.timings, fund = DATA.insuranceFund;
            row(rt, ["Insurance fund", "fees kept " + usdc(fund.feesKept) + ", deficits paid " +
              usdc(fund.deficitsPaid) + ", end " + usdc(fund.end)]);
            row(rt, ["Batches", DATA.batches.count + " sealed"]);
            row(rt, ["Commands sequenced", tp.commands.toLocaleString("en-US") + " (" +
              tp.replayCommandsPerSecond.toLocaleString("en-US") + " commands/s while replaying the minutes)"]);
            row(rt, ["Fills", tp.fills.toLocaleString("en-US") + " from " + tp.takerOrders.toLocaleString("en-US") +
              " taker orders"]);
            const fr = DATA.oracle.faultyPublisherRounds || {};
            row(rt, ["Faulty publisher", d.faultyPublisher + "; in this window it lied in " + (fr.lying || 0) +
              " rounds and was silent in " + (fr.silent || 0) + "; the index stayed within " +
              DATA.markets.map(m => (Number(m.oracle.maxIndexDistanceFromHonestPrice) * 1e4).toFixed(2) + " bp")
                .join(" and ") +
              " of the honest price"]);
            row(rt, ["Wall-clock time", "setup " + tm.setupSeconds + " s, opening " + tm.openingSeconds +
              " s, replay " + tm.replaySeconds + " s, audit " + tm.auditSeconds + " s, total " + tm.totalSeconds +
              " s"]);
            const kt = document.getElementById("keepers");
            row(kt, ["keeper", "won", "lost races", "notional taken over", "earned (discount)"], true);
            for (const k of DATA.keepers) {
              row(kt, [{html: "<code>" + k.keeper + "</code>"}, String(k.won), String(k.lostRaces),
                usdc(k.notionalTakenOver), usdc(k.earned)]);
            }
            const bk = DATA.blockTrades;
            if (bk) {
              document.getElementById("blocks-summary").textContent = bk.count + " packages settled (" + bk.legs +
                " legs, " + fmt(bk.notionalUsd) + " USD notional; the journal's replay: " + bk.settledInJournal +
                "), " + bk.refused.length + " refused; " + bk.schedule;
              const bt = document.getElementById("blocks");
              row(bt, ["time", "maker", "taker", "legs (maker's side)", "notional (USD)", "status"], true);
              const legText = p => p.legs.map(l => l.makerSide + " " + l.size + " " + l.market + " @ " + l.price)
                .join(", ");
              for (const p of bk.packages) {
                row(bt, [p.time.substring(11, 16), p.maker, p.taker, legText(p), fmt(p.notionalUsd),
                  p.status === "settled" ? "settled" : {html: '<span class="bad">' + p.code + "</span>"}]);
              }
              if (bk.refused.length > 0) {
                const rf = document.getElementById("blocks-refused");
                row(rf, ["refused package", "time", "reason code"], true);
                for (const p of bk.refused) row(rf, [{html: "<code>" + p.package + "</code>"},
                  p.time.substring(11, 16), p.code]);
              }
            }
            const op = DATA.options;
            if (op && op.run === false) {
              // Not run (its underlying not among the markets): the sentence, the check that replaces its invariants,
              // and no empty charts.
              document.getElementById("options-charts").remove();
              document.getElementById("options-summary").textContent = op.sentence;
              const ot = document.getElementById("options");
              row(ot, ["Options' invariants skipped", op.invariantsSkipped.join(", ")]);
              const jr = op.journal;
              row(ot, ["No option series, trade, surface or settlement in the journal (" + jr.seriesCreated +
                " series listed, " + jr.optionTrades + " trades, " + jr.surfacesUpdated + " surfaces, " +
                jr.seriesSettled + " settlements)", mark(DATA.invariants.noOptionActivityWithoutUnderlying)]);
            } else if (op) {
              const iv = [{name: "surface ATM volatility", values: op.chart.atmIv, color: COLORS[0]},
                {name: "OKX BTC-251031-80000-P mark volatility", values: op.chart.okxMarkIv, color: COLORS[1]}];
              chart("chart-options-iv", iv, {}); legend("legend-options-iv", iv);
              const mg = [{name: "standard margin", values: op.chart.standardMargin, color: COLORS[3]},
                {name: "portfolio margin", values: op.chart.portfolioMargin, color: COLORS[2]}];
              chart("chart-options-margin", mg, {zero: true}); legend("legend-options-margin", mg);
              document.getElementById("options-summary").textContent = op.series.length + " series listed, " +
                op.holders.count + " option holders (" + op.holders.portfolioMargin + " in portfolio margin); " +
                op.model;
              const ot = document.getElementById("options");
              const sf = op.surface;
              row(ot, ["Surface", sf.published + " published, " + sf.tookEffect + " took effect, " + sf.held +
                " held; the faulty publisher's own surfaces: " + sf.faultyPublisherOwnSurfaces + " (" +
                sf.faultyPublisherSubmissionsOutvoted + " left without a quorum); ATM volatility " +
                sf.atmIvLow + " to " + sf.atmIvHigh]);
              const cm = op.commands;
              row(ot, ["Commands of the desk", cm.sent + " sent, " + cm.applied + " applied, " + cm.refused +
                " refused (" + Object.entries(cm.refusedByCode).map(e => e[0] + " " + e[1]).join(", ") + ")"]);
              row(ot, ["Option trades", cm.optionTradesApplied + " applied and " + cm.optionPackageLegsApplied +
                " package legs; the journal's replay: " + cm.optionTradesInJournal]);
              for (const p of op.blockTrades.packages) {
                row(ot, ["Put spread " + p.time.substring(11, 16), p.maker + " from " + p.taker + ": " + p.legs +
                  " (" + (p.status === "settled" ? "settled" : p.code) + ")"]);
              }
              row(ot, ["Options PnL", Object.entries(op.pnl).map(e => e[0] + " " + usdc(e[1])).join(", ")]);
              const mr = op.margin;
              row(ot, ["Hedged books' initial margin", "standard " + usdc(mr.standardAtOpen) + ", portfolio " +
                usdc(mr.portfolioAtOpen) + " at the opening; standard " + usdc(mr.standardAtEnd) + ", portfolio " +
                usdc(mr.portfolioAtEnd) + " at the end (saved: " + usdc(mr.savedAtEnd) + ")"]);
              row(ot, ["Option liquidations", op.liquidations.count + " (" + op.liquidations.sizeBtc + " BTC)"]);
              for (const s of op.expiry.series) {
                row(ot, ["Expiry " + s.series, "settled " + s.settlements + "x at " + s.settlementPrice +
                  ": longs received " + usdc(s.paidToLongs) + ", shorts paid " + usdc(s.paidByShorts)]);
              }
              const inv = DATA.invariants;
              row(ot, ["Every option command answered", mark(inv.everyOptionCommandAccountedFor)]);
              row(ot, ["Option trades equal the journal's", mark(inv.optionTradesEqualJournal)]);
              row(ot, ["Expiry settled exactly once", mark(inv.expirySettledExactlyOnce)]);
            }
            const bc = DATA.baseChain;
            if (bc) {
              document.getElementById("base-chain").hidden = false;
              document.getElementById("chain-summary").textContent = "Local EVM (ganache, chain id " + bc.chainId +
                "), bridge " + bc.bridge + "; solvency verifier: " + bc.solvencyVerifier;
              const ct = document.getElementById("chain");
              const dp = bc.deposits, cm = bc.commits, wd = bc.withdrawals;
              row(ct, ["Deposits through the bridge", dp.onChain.toLocaleString("en-US") + " (" + dp.ownKey +
                " with their own keys, " + dp.batched.toLocaleString("en-US") + " batched) in " + dp.transactions +
                " transactions, " + fmt(dp.gas) + " gas (" + fmt(dp.gasPerDeposit) + " per deposit), " +
                dp.wallSeconds + " s; credited by the chain watcher: " + dp.creditedByWatcher.toLocaleString("en-US")]);
              row(ct, ["Batch commits", cm.count + " commits, gas mean " + fmt(cm.gasMean) + ", max " +
                fmt(cm.gasMax) + "; time to finality (seal seen to commit receipt) mean " + cm.finalityMsMean +
                " ms, max " + cm.finalityMsMax + " ms"]);
              row(ct, ["Withdrawals paid by proof", wd.paid + " of " + wd.requested + " requested (" + wd.refused +
                " refused, " + wd.queuedAfterLastCommit + " queued after the last commit), " + usdc(wd.amount) +
                ", " + fmt(wd.gasPerWithdrawal) + " gas each"]);
              row(ct, ["Escape claims within the bridge's holdings", bc.claims.batchesChecked + " batches, largest " +
                "share of the holdings " + bc.claims.largestShareOfHoldings]);
              const es = bc.escape;
              if (es) {
                row(ct, ["Escape (operator gone)", "frozen after the grace period (before it: " +
                  (es.freezeBeforeGracePeriod ? "accepted" : "refused") + "); " + es.escaped + " accounts escaped (" +
                  fmt(es.escapeGasMean) + " gas each), " + es.paid + " paid " + usdc(es.paidAmount) + " (" +
                  fmt(es.payoutGasMean) + " gas each); " + es.accounts.toLocaleString("en-US") +
                  " accounts valued (" + es.viewedByContract.toLocaleString("en-US") +
                  " by the contract's view), claims " + usdc(es.claimsOfAllAccounts) + " of holdings " +
                  usdc(es.bridgeHoldings) + ", " + es.viewMismatches + " mismatches"]);
              }
              for (const f of bc.failures) row(ct, ["Failure", f]);
              // The chart exists only with a base chain: a page without one has no empty chart.
              const gasFigure = document.createElement("figure");
              const gasCaption = document.createElement("figcaption");
              gasCaption.textContent = "Gas per batch commit";
              gasFigure.appendChild(gasCaption);
              el("svg", {"class": "chart", id: "chart-commit-gas", "data-chart": "commit-gas"}, gasFigure);
              document.getElementById("base-chain").appendChild(gasFigure);
              chart("chart-commit-gas", [{name: "commit gas", values: cm.batches.map(b => b.gas),
                color: COLORS[1]}], {zero: true});
            }
            document.body.setAttribute("data-charts-rendered",
              String(document.querySelectorAll('svg.chart[data-rendered="true"]').length));
            """);
        html.append(RiskPage.SCRIPT);
        html.append(ProofPage.SCRIPT);
        html.append("""
            </script>
            </body>
            </html>
            """);
        return html.toString();
    }
}
