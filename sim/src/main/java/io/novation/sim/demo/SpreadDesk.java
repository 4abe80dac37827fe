package io.novation.sim.demo;

import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.crypto.Hex;

import java.util.ArrayList;
import java.util.List;

/**
 * The market makers' spread packages: every {@value #EVERY_MINUTES} simulated minutes of the replay (the
 * {@value #OFFSET_MINUTES}th minute of each half hour counted from the window's start) one market maker signs a
 * BTC/ETH pair package, long one perpetual and short the other for about {@value #LEG_NOTIONAL_USD} USD a leg, each
 * leg priced at the minute's closing index on its tick, and the next market maker accepts it; the executor settles it
 * as {@code settleBlockTrade}. The makers take turns as maker; two consecutive packages have the same direction (the
 * second undoes the first for both makers at one index) and the next two the other direction. Sizes in base
 * quantums, prices in price units, fees in quote quantums.
 */
final class SpreadDesk
{
    /** Minutes of the replay between two packages. */
    static final int EVERY_MINUTES = 30;
    /** The minute of each period at which the package is quoted. */
    static final int OFFSET_MINUTES = 15;
    /** USD notional of each leg. */
    static final double LEG_NOTIONAL_USD = 100_000;
    /** What the executor charges each side, quote quantums (1 USDC). */
    static final long FEE = 1_000_000;
    /** The most fee each side signs for, quote quantums (5 USDC). */
    static final long MAX_FEE = 5_000_000;
    /** How long after the minute's start a package stays valid, ms. */
    static final long VALIDITY_MS = 600_000;

    /**
     * One leg as the report shows it.
     *
     * @param market      the ticker.
     * @param makerBuys   whether the maker buys.
     * @param size        base quantums.
     * @param price       price units.
     * @param notionalUsd the leg's USD notional.
     */
    record Leg(DemoMarket market, boolean makerBuys, long size, long price, double notionalUsd)
    {
    }

    /** A package the desk sent, and what became of it (the node's reason code when refused). */
    static final class Quote
    {
        private final long time;
        private final String maker;
        private final String taker;
        private final String digest;
        private final List<Leg> legs;
        private String code;
        private boolean answered;

        Quote(final long time, final String maker, final String taker, final String digest, final List<Leg> legs)
        {
            this.time = time;
            this.maker = maker;
            this.taker = taker;
            this.digest = digest;
            this.legs = List.copyOf(legs);
        }

        long time()
        {
            return time;
        }

        String maker()
        {
            return maker;
        }

        String taker()
        {
            return taker;
        }

        String digest()
        {
            return digest;
        }

        List<Leg> legs()
        {
            return legs;
        }

        /** The node's reason code, or null when it applied the package (or has not answered). */
        String code()
        {
            return code;
        }

        /** Whether the node has answered. */
        boolean answered()
        {
            return answered;
        }

        void answer(final String reasonCode)
        {
            this.code = reasonCode;
            this.answered = true;
        }

        /** The package's USD notional, its legs' together. */
        double notionalUsd()
        {
            double sum = 0;
            for (final Leg leg : legs)
            {
                sum += leg.notionalUsd();
            }
            return sum;
        }
    }

    private final int fromMinute;
    private final List<Quote> quotes = new ArrayList<>();

    /**
     * A desk for a replay window.
     *
     * @param fromMinute the window's first minute of the day.
     */
    SpreadDesk(final int fromMinute)
    {
        this.fromMinute = fromMinute;
    }

    /**
     * Whether a package is quoted in a minute.
     *
     * @param minute the minute of the day.
     * @return true on the schedule.
     */
    boolean due(final int minute)
    {
        return minute >= fromMinute && (minute - fromMinute) % EVERY_MINUTES == OFFSET_MINUTES;
    }

    /**
     * Signs the minute's package and its acceptance and records the quote: BTC and ETH legs at their closing index.
     *
     * @param makers  the market makers (at least two).
     * @param btc     the first market.
     * @param eth     the second market.
     * @param index   each market's closing index by market id, price units.
     * @param domain  the node's EIP-712 domain separator.
     * @param time    the command's time, epoch ms.
     * @return the command, or null when a leg would be smaller than a step.
     */
    SettleBlockTrade quote(final List<MarketMaker> makers, final DemoMarket btc, final DemoMarket eth,
        final long[] index, final byte[] domain, final long time)
    {
        final int turn = quotes.size();
        final MarketMaker maker = makers.get(turn % makers.size());
        final MarketMaker taker = makers.get((turn + 1) % makers.size());
        // Each pair of turns swaps the roles at one direction (the pair nets out), the next pair the other way.
        final boolean makerBuysBtc = turn / 2 % 2 == 0;
        final Leg first = leg(btc, makerBuysBtc, index[btc.id()]);
        final Leg second = leg(eth, !makerBuysBtc, index[eth.id()]);
        if (first.size() == 0 || second.size() == 0)
        {
            return null;
        }
        final List<BlockLeg> legs = List.of(
            new BlockLeg(btc.id(), first.makerBuys(), first.size(), first.price()),
            new BlockLeg(eth.id(), second.makerBuys(), second.size(), second.price()));
        final long expiry = time + VALIDITY_MS;
        final BlockPackage offer = maker.signPackage(domain, legs, MAX_FEE, expiry);
        final BlockAcceptance acceptance = taker.signAcceptance(domain, offer, MAX_FEE, expiry);
        quotes.add(new Quote(time, maker.name(), taker.name(), Hex.encode(offer.digest(domain)),
            List.of(first, second)));
        for (final Leg leg : List.of(first, second))
        {
            maker.filled(leg.market().id(), leg.makerBuys() ? leg.size() : -leg.size());
            taker.filled(leg.market().id(), leg.makerBuys() ? -leg.size() : leg.size());
        }
        return new SettleBlockTrade(time, offer, acceptance, FEE, FEE, null, 0, 0);
    }

    /**
     * The packages quoted so far, in time order.
     *
     * @return the quotes.
     */
    List<Quote> quotes()
    {
        return quotes;
    }

    private static Leg leg(final DemoMarket market, final boolean makerBuys, final long index)
    {
        // On the tick, in the maker's favour by less than a tick: far inside the ±5 % band around the index.
        final long price = market.shifted(index, 0, !makerBuys);
        // Sized at the index, so the two directions of a pair at one index have the same sizes.
        final long size = market.sizeFor(LEG_NOTIONAL_USD, index);
        return new Leg(market, makerBuys, size, price, market.notionalUsd(size, price));
    }
}
