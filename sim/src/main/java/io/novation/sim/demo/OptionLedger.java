package io.novation.sim.demo;

import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.event.Event;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.market.OptionSeries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The options seen in the replay of the node's journal, a {@link ReplayListener}: it claims the events of option
 * series (trades, liquidations, deleveraging, socialized losses) and of the desk's put-spread packages, so that the
 * audit's per-market figures stay those of the perpetuals, and keeps per party its options PnL (realized PnL of its
 * option positions less option fees, plus at the end the value of what it still holds less its cost), the option
 * liquidations, each series' settlement and the surfaces that took effect. Money in quote quantums.
 */
final class OptionLedger implements ReplayListener
{
    /** An option liquidation: the keeper, the target, the series, the size taken over and the fill. */
    record Liquidation(long sequence, Address keeper, Address target, int seriesId, long size, long fillQuote,
        long insuranceFundDelta)
    {
    }

    /** A series' settlement: its price and what the longs received and the shorts paid. */
    record Settlement(int seriesId, long settlementPrice, long paidToLongs, long paidByShorts, long feePoolDelta)
    {
    }

    /** A holder's figures at the end: net collateral (maintenance), requirements, and positions (id to size). */
    record End(long netCollateral, long initialRequirement, long maintenanceRequirement, Map<Integer, Long> positions)
    {
    }

    private final Map<Address, String> groups;
    private final Map<Address, End> ends = new HashMap<>();
    private final Set<String> packageDigests = new HashSet<>();
    private final Address faulty;
    private final Map<String, Long> pnl = new TreeMap<>();
    private final Map<String, Long> premiumsPaid = new TreeMap<>();
    private final List<Liquidation> liquidations = new ArrayList<>();
    private final List<Settlement> settlements = new ArrayList<>();
    private final Map<Integer, Integer> settledCount = new HashMap<>();
    private final Map<Integer, Long> settlementFixed = new HashMap<>();
    private final List<Long> surfacesUpdated = new ArrayList<>();
    private long optionTrades;
    private long optionFees;
    private long packagesSettled;
    private long surfacesHeld;
    private long faultySubmissions;
    private long shortfall;
    private long shortfallFromFund;
    private long shortfallSocialized;
    private long seriesCreated;
    private int seriesAtEnd;

    /**
     * A ledger.
     *
     * @param groups who is in which group ({@code buyers}, {@code sellers}, {@code marketMakers}, {@code keepers});
     *               others are counted as {@code others}.
     * @param faulty the faulty oracle publisher.
     */
    OptionLedger(final Map<Address, String> groups, final Address faulty)
    {
        this.groups = new HashMap<>(groups);
        this.faulty = faulty;
    }

    /**
     * Claims a put-spread package of the desk by its digest.
     *
     * @param digest hex.
     */
    void claimPackage(final String digest)
    {
        packageDigests.add(normal(digest));
    }

    /**
     * Claims the events of option series (trades, liquidations, deleveraging, socialized losses) and the settlement of
     * the desk's put-spread packages.
     */
    @Override
    public boolean claims(final Event event)
    {
        if (event instanceof Event.TradeSettled e)
        {
            return isOption(e.marketId());
        }
        if (event instanceof Event.Liquidated e)
        {
            return isOption(e.marketId());
        }
        if (event instanceof Event.Deleveraged e)
        {
            return isOption(e.marketId());
        }
        if (event instanceof Event.LossSocialized e)
        {
            return isOption(e.marketId());
        }
        return event instanceof Event.BlockTradeSettled e && packageDigests.contains(normal(e.packageDigest()));
    }

    @Override
    public void onEvent(final long sequence, final Event event, final ClearingEngine engine)
    {
        if (event instanceof Event.TradeSettled e && isOption(e.marketId()))
        {
            optionTrades++;
            optionFees += e.makerFee() + e.takerFee();
            add(e.maker(), -e.makerFee());
            add(e.taker(), -e.takerFee());
            premiumsPaid.merge(group(e.takerIsBuy() ? e.taker() : e.maker()), Math.abs(e.quoteAmount()), Long::sum);
        }
        else if (event instanceof Event.PositionChanged e && isOption(e.marketId()))
        {
            add(e.owner(), e.realizedPnl());
        }
        else if (event instanceof Event.Liquidated e && isOption(e.marketId()))
        {
            liquidations.add(new Liquidation(e.sequence(), e.keeper(), e.target(), e.marketId(), e.size(),
                e.fillQuote(), e.insuranceFundDelta()));
        }
        else if (event instanceof Event.BlockTradeSettled e && packageDigests.contains(normal(e.packageDigest())))
        {
            packagesSettled++;
        }
        else if (event instanceof Event.OptionSeriesCreated)
        {
            seriesCreated++;
        }
        else if (event instanceof Event.OptionSettlementFixed e)
        {
            settlementFixed.put(e.seriesId(), e.settlementPrice());
        }
        else if (event instanceof Event.OptionSeriesSettled e)
        {
            settlements.add(new Settlement(e.seriesId(), e.settlementPrice(), e.paidToLongs(), e.paidByShorts(),
                e.feePoolDelta()));
            settledCount.merge(e.seriesId(), 1, Integer::sum);
        }
        else if (event instanceof Event.OptionExpiryShortfall e)
        {
            shortfall += e.shortfall();
            shortfallFromFund += e.insuranceFundPaid();
            shortfallSocialized += e.socializedToLongs();
        }
        else if (event instanceof Event.VolSurfaceUpdated e)
        {
            surfacesUpdated.add(e.publishedAt());
        }
        else if (event instanceof Event.VolSurfaceHeld)
        {
            surfacesHeld++;
        }
        else if (event instanceof Event.VolSurfaceSubmitted e && faulty.equals(e.publisher()))
        {
            faultySubmissions++;
        }
    }

    /** At the end of the replay: the open option positions' value ({@link #closeOut}). */
    @Override
    public void onFinished(final ClearingEngine engine, final List<String> failures)
    {
        seriesAtEnd = engine.state().markets().optionCount();
        closeOut(engine.state());
    }

    /**
     * Adds, per group, the value of the option positions still open at the end less their cost (unrealized PnL), on
     * the replayed state.
     *
     * @param state the replayed engine's state.
     */
    void closeOut(final ClearingStateView state)
    {
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        final OptionPositionMargin margin = new OptionPositionMargin();
        for (final Address owner : groups.keySet())
        {
            final Account account = state.accounts().find(owner);
            final Subaccount subaccount = account == null ? null : account.subaccount(0);
            if (subaccount == null)
            {
                continue;
            }
            final MarginFigures figures = new MarginFigures();
            final Map<Integer, Long> positions = new TreeMap<>();
            for (int p = 0; p < subaccount.positionCount(); p++)
            {
                positions.put(subaccount.positionMarket(p), subaccount.positionSize(p));
            }
            if (calculator.compute(subaccount, figures))
            {
                ends.put(owner, new End(figures.netCollateralMaintenance(), figures.initialMarginRequirement(),
                    figures.maintenanceMarginRequirement(), positions));
            }
            for (int p = 0; p < subaccount.positionCount(); p++)
            {
                final int id = subaccount.positionMarket(p);
                final long size = subaccount.positionSize(p);
                if (!isOption(id) || size == 0)
                {
                    continue;
                }
                final OptionSeries series = state.markets().option(id);
                if (series != null && calculator.options().position(series, size, margin))
                {
                    add(owner, margin.value() - subaccount.positionCostBasis(p));
                }
            }
        }
    }

    private void add(final Address owner, final long amount)
    {
        pnl.merge(group(owner), amount, Long::sum);
    }

    private String group(final Address owner)
    {
        return groups.getOrDefault(owner, "others");
    }

    private static boolean isOption(final int marketId)
    {
        return marketId >= OptionSeries.FIRST_ID;
    }

    private static String normal(final String hex)
    {
        final String lower = hex.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("0x") ? lower.substring(2) : lower;
    }

    /** Each party's figures at the end, on the replayed state. */
    Map<Address, End> ends()
    {
        return ends;
    }

    /** Options PnL per group, quote quantums. */
    Map<String, Long> pnl()
    {
        return pnl;
    }

    /** Premiums paid per group of the buyer, quote quantums. */
    Map<String, Long> premiumsPaid()
    {
        return premiumsPaid;
    }

    List<Liquidation> liquidations()
    {
        return liquidations;
    }

    List<Settlement> settlements()
    {
        return settlements;
    }

    /** Per series id, how many times it was settled. */
    Map<Integer, Integer> settledCount()
    {
        return settledCount;
    }

    Map<Integer, Long> settlementFixed()
    {
        return settlementFixed;
    }

    /** The {@code publishedAt} of every surface that took effect, in order. */
    List<Long> surfacesUpdated()
    {
        return surfacesUpdated;
    }

    long optionTrades()
    {
        return optionTrades;
    }

    long optionFees()
    {
        return optionFees;
    }

    long packagesSettled()
    {
        return packagesSettled;
    }

    long surfacesHeld()
    {
        return surfacesHeld;
    }

    long faultySubmissions()
    {
        return faultySubmissions;
    }

    long shortfall()
    {
        return shortfall;
    }

    long shortfallFromFund()
    {
        return shortfallFromFund;
    }

    long shortfallSocialized()
    {
        return shortfallSocialized;
    }

    /** The option series listed in the journal ({@code OptionSeriesCreated}). */
    long seriesCreated()
    {
        return seriesCreated;
    }

    /** The option series in the replayed state at the end. */
    int seriesAtEnd()
    {
        return seriesAtEnd;
    }
}
