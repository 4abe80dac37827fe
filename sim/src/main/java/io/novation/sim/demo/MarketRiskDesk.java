package io.novation.sim.demo;

import io.novation.core.command.Command;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.governance.DepthPenaltyBoundsChange;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.MarginControllerBoundsChange;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.market.MarginControllerBounds;
import io.novation.core.risk.DepthPenalty;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's risk that follows the market (docs/protocol.md, "Risk that follows the market"): governance turns on
 * every market's margin controller and depth penalty before the window, and the venue's matching engine reports the
 * book depth every 10 minutes. The depth is Binance's BTCUSDT book depth of 2025-10-10 (notional within 1 to 5 % of
 * the mid, a sample every 10 minutes, {@code data/btcusdt-book-depth-10m-2025-10-10.csv}) scaled to the demo's
 * venue, a hundredth of Binance's book, and published for every market (the only order-book depth of the day the
 * project holds). Notionals in quote quantums (1e-6 USDC), fractions in ppm, times epoch ms.
 */
final class MarketRiskDesk
{
    /** The demo venue's book is this fraction of Binance's BTCUSDT book. */
    static final double DEPTH_SCALE = 0.01;
    /** The reference liquidation the report charts the penalty for: a long of this notional, USDC. */
    static final long REFERENCE_NOTIONAL_USDC = 100_000;
    /** Minutes between depth reports. */
    static final int DEPTH_EVERY_MINUTES = 10;
    /** Change ids of the desk's governance changes start here. */
    static final long FIRST_CHANGE_ID = 25_000;

    private static final String RESOURCE = "/data/btcusdt-book-depth-10m-2025-10-10.csv";
    private static final long HOUR_MS = 3_600_000L;

    private final List<DemoMarket> markets;
    private final long[] slotMinute;
    private final long[][] bids;
    private final long[][] asks;

    MarketRiskDesk(final List<DemoMarket> markets)
    {
        this.markets = markets;
        final List<long[]> rows = load();
        slotMinute = new long[rows.size()];
        bids = new long[rows.size()][];
        asks = new long[rows.size()][];
        for (int i = 0; i < rows.size(); i++)
        {
            final long[] row = rows.get(i);
            slotMinute[i] = row[0];
            bids[i] = new long[5];
            asks[i] = new long[5];
            long bid = 0;
            long ask = 0;
            for (int k = 0; k < 5; k++)
            {
                // Cumulative by construction; a rounding dip in a published row is held at the level before it.
                bid = Math.max(bid, scaled(row[1 + k]));
                ask = Math.max(ask, scaled(row[6 + k]));
                bids[i][k] = bid;
                asks[i][k] = ask;
            }
        }
    }

    /**
     * The controller's bounds for a market: from its tier's fraction (never lower: turning the controller on then
     * tightens and takes governance's one-hour delay) up to twice it (with five times, the majors' margin rose all
     * day and the liquidations it caused filled the insurance fund beyond AVAX's deficits), a step of a quarter of the
     * tier's fraction at most once an hour, raises 15 minutes and cuts 2 hours after their announcement, and a
     * one-hour half-life, so that the controller follows the day's volatility within the day.
     *
     * @param market the market.
     * @return the bounds.
     */
    static MarginControllerBounds controllerBounds(final DemoMarket market)
    {
        final long imf = market.tier().initialMarginPpm();
        return new MarginControllerBounds(imf, imf * 2, imf / 4, HOUR_MS, 15 * 60_000L, 2 * HOUR_MS, HOUR_MS);
    }

    /**
     * The depth-penalty bounds: spread ratio up to 100 % of maintenance margin, insurance fee up to 1.5 %, a report
     * used for 15 minutes (the reports come every 10).
     *
     * @return the bounds.
     */
    static DepthPenaltyBounds depthBounds()
    {
        return new DepthPenaltyBounds(1_000_000, 15_000, 15 * 60_000L);
    }

    /**
     * The governance changes that turn both on, effective after governance's tightening delay.
     *
     * @param time when they are sent, epoch ms.
     * @return one change per market and mechanism.
     */
    List<Command> turnOn(final long time)
    {
        final List<Command> commands = new ArrayList<>();
        long id = FIRST_CHANGE_ID;
        final long effective = time + GovernanceDelays.TIGHTEN_MS;
        for (final DemoMarket market : markets)
        {
            commands.add(new SetRiskParameters(time, id++, effective,
                new MarginControllerBoundsChange(market.id(), controllerBounds(market))));
            commands.add(new SetRiskParameters(time, id++, effective,
                new DepthPenaltyBoundsChange(market.id(), depthBounds())));
        }
        return commands;
    }

    /**
     * The depth reports due at a minute of the day (one per market every 10 minutes, from the latest sample).
     *
     * @param minute the minute of the day.
     * @param time   the reports' time, epoch ms.
     * @return the reports, none between samples.
     */
    List<Command> depthReports(final int minute, final long time)
    {
        if (minute % DEPTH_EVERY_MINUTES != 0)
        {
            return List.of();
        }
        final List<ReportMarketDepth.Level> levels = levels(minute);
        final List<Command> reports = new ArrayList<>();
        for (final DemoMarket market : markets)
        {
            reports.add(new ReportMarketDepth(time, market.id(), levels));
        }
        return reports;
    }

    /**
     * The depth published at a minute: the latest sample at or before it.
     *
     * @param minute the minute of the day.
     * @return five levels, 1 to 5 % of the mid.
     */
    List<ReportMarketDepth.Level> levels(final int minute)
    {
        int slot = 0;
        for (int i = 0; i < slotMinute.length; i++)
        {
            if (slotMinute[i] <= minute)
            {
                slot = i;
            }
        }
        final List<ReportMarketDepth.Level> levels = new ArrayList<>(5);
        for (int k = 0; k < 5; k++)
        {
            levels.add(new ReportMarketDepth.Level((k + 1) * 10_000L, bids[slot][k], asks[slot][k]));
        }
        return levels;
    }

    /**
     * The penalty of the reference liquidation (a long of {@link #REFERENCE_NOTIONAL_USDC} at the market's tier's
     * maintenance fraction) under the depth published at a minute, with the engine's default liquidation parameters.
     *
     * @param market the market.
     * @param minute the minute of the day.
     * @return the parameters the engine would liquidate with.
     */
    LiquidationParameters referencePenalty(final DemoMarket market, final int minute)
    {
        final long mmf = market.tier().initialMarginPpm() * market.tier().maintenanceFractionPpm() / 1_000_000;
        return DepthPenalty.parameters(LiquidationParameters.defaults(), depthBounds(),
            REFERENCE_NOTIONAL_USDC * 1_000_000L, mmf, levels(minute), true);
    }

    /** Bids within 1 % of the mid at a minute, quote quantums. */
    long bidsWithinOnePercent(final int minute)
    {
        return levels(minute).get(0).bidNotional();
    }

    /** Bids within 5 % of the mid at a minute, quote quantums. */
    long bidsWithinFivePercent(final int minute)
    {
        return levels(minute).get(4).bidNotional();
    }

    private static long scaled(final long usd)
    {
        return Math.round(usd * DEPTH_SCALE) * 1_000_000L;
    }

    private static List<long[]> load()
    {
        // minute, sample time, five bid notionals, five ask notionals.
        return CsvResource.rows(RESOURCE, 12, cells ->
        {
            final long[] row = new long[11];
            row[0] = Long.parseLong(cells[0]);
            for (int k = 0; k < 10; k++)
            {
                row[1 + k] = Long.parseLong(cells[2 + k]);
            }
            return row;
        });
    }
}
