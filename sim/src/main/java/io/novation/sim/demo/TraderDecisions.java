package io.novation.sim.demo;

import io.novation.core.command.Order;

import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The population's random choices, from one generator seeded by the demo's seed so that a run repeats: the order in
 * which traders open, how many act in a minute and which, and what each one does (sizes in base quantums, prices in
 * price units shifted by the taker's slippage).
 */
final class TraderDecisions
{
    /** How far past the index a trader's order may fill, as a fraction of the index. */
    static final double TAKER_SLIPPAGE = 0.01;

    private final Random random;

    TraderDecisions(final long seed)
    {
        this.random = new Random(seed);
    }

    /** Shuffles the order in which the traders' opening orders reach the book. */
    void shuffle(final List<Integer> order)
    {
        Collections.shuffle(order, random);
    }

    /** One trader drawn at random. */
    Trader pick(final List<Trader> candidates)
    {
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** How many traders act in a minute: Poisson with the given mean (at most 1,000). */
    int actions(final double mean)
    {
        final double limit = StrictMath.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit && count < 1_000)
        {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /**
     * A trader's order this minute, or null: open toward its side; close all or part (more likely when the minute
     * went against it: panic); or, when in profit, top up to its leverage on its equity (deposit plus unrealized
     * profit, fees and funding left out).
     */
    Order decide(final byte[] domain, final Trader trader, final DemoMarket market, final int minute,
        final long index, final long expiry)
    {
        final long position = trader.position();
        final double ret = (double)market.series().close(minute) / market.series().open(minute) - 1;
        final double target = trader.collateral() / 1e6 * trader.leverage();
        final boolean buy;
        final long size;
        final boolean reduceOnly;
        if (position == 0)
        {
            buy = random.nextDouble() < 0.15 != trader.bull();
            size = market.sizeFor(target * (0.3 + 0.7 * random.nextDouble()), index);
            reduceOnly = false;
        }
        else
        {
            final boolean isLong = position > 0;
            final boolean against = isLong ? ret < -0.004 : ret > 0.004;
            if (random.nextDouble() < (against ? 0.8 : 0.3))
            {
                buy = !isLong;
                final double part = random.nextDouble() < 0.5 ? 1.0 : 0.3 + 0.6 * random.nextDouble();
                size = Math.max(market.stepSize(), market.onStep((long)(Math.abs(position) * part)));
                reduceOnly = true;
            }
            else
            {
                final double held = Math.abs(market.notionalUsd(position, index));
                final double unrealized = market.notionalUsd(position, index) -
                    trader.costBasis(market.id()) / 1e6;
                if (unrealized < 0)
                {
                    return null;
                }
                final double equity = trader.collateral() / 1e6 + unrealized;
                final double topUp = equity * trader.leverage() * (0.9 + 0.1 * random.nextDouble()) - held;
                if (topUp < 0.05 * target)
                {
                    return null;
                }
                buy = isLong;
                size = market.sizeFor(topUp, index);
                reduceOnly = false;
            }
        }
        if (size <= 0)
        {
            return null;
        }
        return trader.sign(domain, market.id(), buy, Math.min(size, reduceOnly ? Math.abs(position) : size),
            market.shifted(index, buy ? TAKER_SLIPPAGE : -TAKER_SLIPPAGE, buy), expiry, reduceOnly);
    }
}
