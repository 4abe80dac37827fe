package io.novation.sim.demo;

/**
 * The report page's sections "Waterfall" and "Risk controller" (see {@link RiskReport}): their HTML and the script
 * that fills them from the embedded report with the page's {@code chart()} helper.
 */
final class RiskPage
{
    /** The sections' markup, placed after the page's own tables. */
    static final String HTML = """
        <h2 id="waterfall-section">Waterfall</h2>
        <p class="sub" id="waterfall-summary"></p>
        <div class="charts">
        <figure><figcaption>AVAX-USD oracle index (USD)</figcaption>
          <svg class="chart" id="chart-price-avax" data-chart="price-AVAX-USD"></svg></figure>
        <figure><figcaption>Insurance fund through the AVAX wick (USDC)</figcaption>
          <svg class="chart" id="chart-waterfall-fund" data-chart="waterfall-fund"></svg></figure>
        </div>
        <table id="waterfall"></table>
        <h2 id="risk-section">Risk controller</h2>
        <p class="sub" id="risk-summary"></p>
        <div class="charts" id="risk-charts"></div>
        <table id="risk"></table>
        """;

    /**
     * The script that fills them; runs after the page's own (which defines {@code chart}, {@code row} and more, and
     * counts its own charts), and counts the sections' charts in {@code data-risk-charts-rendered}.
     */
    static final String SCRIPT = """
        (function () {
          const wf = DATA.waterfall, rc = DATA.riskController;
          if (!wf || !rc) return;
          const px = DATA.series.price["AVAX-USD"];
          chart("chart-price-avax", px ? [{name: "AVAX-USD", values: px, color: COLORS[2]}] : [], {});
          const labels = DATA.series.minutes;
          const wick = labels.indexOf("21:17");
          chart("chart-waterfall-fund", [{name: "insurance fund", values: DATA.series.insuranceFund,
            color: COLORS[3]}], {zero: true});
          document.getElementById("waterfall-summary").textContent = "Deficits " + usdc(wf.total.deficits) +
            ": insurance fund " + usdc(wf.total.insuranceFundPaid) + ", auto-deleveraging " +
            usdc(wf.total.deleveraged) + ", socialized " + usdc(wf.total.socialized) + " (" +
            (wf.reconciles ? "reconciles" : "DOES NOT reconcile") + "). " + wf.population +
            (wick >= 0 ? "; the wick starts at 21:17" : "");
          const wt = document.getElementById("waterfall");
          row(wt, ["", "deficits", "insurance fund paid", "deleveraged (offsets)", "socialized", "fund before ADL",
            "first ADL", "first socialized", "reconciles"], true);
          for (const m of wf.markets) {
            row(wt, [m.market, m.deficits.count + " (" + usdc(m.deficits.amount) + ")",
              m.insuranceFundPaid.count + " (" + usdc(m.insuranceFundPaid.amount) + ")",
              m.deleveraged.offsets + " (" + usdc(m.deleveraged.amount) + ")",
              m.socialized.count + " (" + usdc(m.socialized.amount) + ")",
              m.fundBeforeFirstDeleveraging === null ? "-" : usdc(m.fundBeforeFirstDeleveraging),
              m.firstDeleveragedAt ? m.firstDeleveragedAt.substring(11, 19) : "-",
              m.firstSocializedAt ? m.firstSocializedAt.substring(11, 19) : "-",
              {html: m.reconciles ? '<span class="ok">yes</span>' : '<span class="bad">NO</span>'}]);
          }
          const charts = document.getElementById("risk-charts");
          const figure = (id, caption) => {
            const f = document.createElement("figure");
            f.innerHTML = "<figcaption>" + caption + "</figcaption><svg class=\\"chart\\" id=\\"" + id +
              "\\" data-chart=\\"" + id.substring(6) + "\\"></svg>";
            charts.appendChild(f);
          };
          rc.markets.forEach((m, i) => {
            const id = "chart-risk-" + m.market;
            figure(id, m.market + ": initial margin fraction (%) against realized volatility (% a day)");
            chart(id, [{name: "IMF", values: rc.series.imf[m.market], color: COLORS[i % COLORS.length]},
              {name: "realized volatility", values: rc.series.realizedVolatility[m.market], color: "#888"}],
              {zero: true});
          });
          figure("chart-depth-penalty", "Depth penalty of a reference liquidation: spread ratio (% of maintenance " +
            "margin) and insurance fee (% x 10)");
          const pen = [];
          rc.markets.forEach((m, i) => {
            pen.push({name: m.market + " spread", values: rc.depthPenalty.spreadRatio[m.market],
              color: COLORS[i % COLORS.length]});
          });
          if (rc.markets.length > 0) {
            const first = rc.markets[0].market;
            pen.push({name: "fee x 10", values: rc.depthPenalty.fee[first].map(v => v * 10), color: "#888"});
          }
          chart("chart-depth-penalty", pen, {zero: true});
          figure("chart-depth-bids", "Published bids within 1 % and 5 % of the mid (USDC)");
          chart("chart-depth-bids", [{name: "within 1 %", values: rc.depthPenalty.bidsWithin1PercentUsd,
            color: COLORS[0]}, {name: "within 5 %", values: rc.depthPenalty.bidsWithin5PercentUsd,
            color: COLORS[1]}], {zero: true});
          document.getElementById("risk-summary").textContent = rc.depthPenalty.note;
          const rt = document.getElementById("risk");
          row(rt, ["", "IMF bounds", "IMF low / high", "changes applied", "scheduled / cancelled",
            "depth reports"], true);
          for (const m of rc.markets) {
            row(rt, [m.market, m.bounds.minImf + " - " + m.bounds.maxImf, m.imfLow + " / " + m.imfHigh,
              m.changesApplied.map(c => c.time.substring(11, 16) + " " + c.from + "→" + c.to).join(", ") || "none",
              m.changesScheduled + " / " + m.changesCancelled, String(m.depthReports)]);
          }
          document.body.setAttribute("data-risk-charts-rendered",
            String(document.querySelectorAll('#waterfall-section ~ div svg.chart[data-rendered="true"]').length));
        })();
        """;

    private RiskPage()
    {
    }
}
