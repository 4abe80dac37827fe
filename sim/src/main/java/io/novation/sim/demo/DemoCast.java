package io.novation.sim.demo;

import io.novation.core.account.Address;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's participants and what each deposits (quote quantums, 1e-6 USDC): the trader population (long-skewed,
 * each in one market), two market makers sized to the population's target notional, and the keepers' desks.
 */
final class DemoCast
{
    private final List<Trader> traders;
    private final List<List<Trader>> tradersByMarket = new ArrayList<>();
    private final List<MarketMaker> makers = new ArrayList<>();
    private final List<Participant> desks = new ArrayList<>();
    private final double targetNotional;

    private DemoCast(final DemoSettings settings, final List<DemoMarket> markets)
    {
        traders = Population.draw(settings.accounts(), markets, settings.seed());
        for (int m = 0; m < markets.size(); m++)
        {
            tradersByMarket.add(new ArrayList<>());
        }
        double target = 0;
        for (final Trader trader : traders)
        {
            tradersByMarket.get(trader.market().id()).add(trader);
            target += trader.collateral() / 1e6 * trader.leverage();
        }
        targetNotional = target;
        final double level = Math.max(20_000, targetNotional / 1_000);
        makers.add(new MarketMaker("market-maker-1", markets.size(), new double[] {3, 8, 20}, level,
            targetNotional * 0.2));
        makers.add(new MarketMaker("market-maker-2", markets.size(), new double[] {5, 12, 30}, level * 0.75,
            targetNotional * 0.2));
        for (int k = 1; k <= settings.keepers(); k++)
        {
            desks.add(new Participant("keeper-" + k, markets.size()));
        }
    }

    /**
     * Draws the population of the settings' size and seed, then sizes the market makers to it.
     *
     * @param settings the demo's settings.
     * @param markets  the markets.
     * @return the cast.
     */
    static DemoCast draw(final DemoSettings settings, final List<DemoMarket> markets)
    {
        return new DemoCast(settings, markets);
    }

    /** Every trader. */
    List<Trader> traders()
    {
        return traders;
    }

    /** The traders of one market. */
    List<Trader> traders(final int marketId)
    {
        return tradersByMarket.get(marketId);
    }

    /** The market makers. */
    List<MarketMaker> makers()
    {
        return makers;
    }

    /** The keepers' desks, one per keeper. */
    List<Participant> desks()
    {
        return desks;
    }

    /** Traders, then market makers, then desks. */
    List<Participant> everyone()
    {
        final List<Participant> everyone = new ArrayList<>(traders);
        everyone.addAll(makers);
        everyone.addAll(desks);
        return everyone;
    }

    /** The accounts that deposit, in the order of {@link #deposits()}. */
    List<Address> accounts()
    {
        final List<Address> accounts = new ArrayList<>();
        for (final Participant participant : everyone())
        {
            accounts.add(participant.address());
        }
        return accounts;
    }

    /**
     * What each account deposits, quote quantums: a trader its collateral, a market maker a quarter of the target
     * notional (at least 1 M USDC), a desk a hundredth of it (at least 250 k USDC).
     */
    long[] deposits()
    {
        final long[] amounts = new long[traders.size() + makers.size() + desks.size()];
        int i = 0;
        for (final Trader trader : traders)
        {
            amounts[i++] = trader.collateral();
        }
        for (int m = 0; m < makers.size(); m++)
        {
            amounts[i++] = usdc(Math.max(1_000_000, targetNotional * 0.25));
        }
        for (int d = 0; d < desks.size(); d++)
        {
            amounts[i++] = usdc(Math.max(250_000, targetNotional * 0.01));
        }
        return amounts;
    }

    private static long usdc(final double amount)
    {
        return Math.round(amount) * 1_000_000L;
    }
}
