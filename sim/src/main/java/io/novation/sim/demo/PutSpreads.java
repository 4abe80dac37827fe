package io.novation.sim.demo;

import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.crypto.Hex;
import io.novation.core.pricing.OptionType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The put spreads the two market makers trade with each other as block packages: taking turns, one buys the 31-Oct
 * 110,000 put and sells the 100,000 put, {@value #BLOCK_SIZE} base quantums (0.0001 BTC) a leg, each leg at its mark
 * on the 1 USD tick (rounded down for the leg bought, up for the leg sold), a fee of 1 USDC (quote quantums) each side;
 * prices in the index's price units.
 */
final class PutSpreads
{
    /** Each leg of the put-spread package, BTC. */
    static final long BLOCK_SIZE = 5 * OptionListing.QUANTUMS_PER_BTC;
    /** Legs of a put-spread package. */
    static final int PACKAGE_LEGS = 2;
    private static final long BLOCK_FEE = 1_000_000;

    /**
     * A put-spread package.
     *
     * @param time   epoch ms.
     * @param maker  the maker's name.
     * @param taker  the taker's name.
     * @param digest the package digest, hex.
     * @param legs   a description of the legs.
     * @param index  the sent command's position in the desk's commands ({@link OptionDesk#sent()}).
     */
    record Package(long time, String maker, String taker, String digest, String legs, int index)
    {
    }

    private final DemoMarket btc;
    private final ListedSeries series;
    private final SurfaceRounds surfaces;
    private final DeskClock clock;
    private final List<Package> packages = new ArrayList<>();

    /**
     * The packages of a window.
     *
     * @param btc      the BTC perpetual, whose index the options follow.
     * @param series   the listed series.
     * @param surfaces the surface rounds, for the marks.
     * @param clock    the desk's clock.
     */
    PutSpreads(final DemoMarket btc, final ListedSeries series, final SurfaceRounds surfaces, final DeskClock clock)
    {
        this.btc = btc;
        this.series = series;
        this.surfaces = surfaces;
        this.clock = clock;
    }

    /**
     * The next package, signed by both makers: the maker offers, the other accepts.
     *
     * @param makers the market makers (two at least).
     * @param index  the index, price units.
     * @param domain the node's EIP-712 domain separator.
     * @param at     the package command's position in the desk's commands, for the report.
     * @return the command, or null when a leg is not listed, fewer than two makers trade, or a leg is worth nothing.
     */
    SettleBlockTrade quote(final List<MarketMaker> makers, final long index, final byte[] domain, final int at)
    {
        final OptionListing high = series.find(OptionListing.MONTH_EXPIRY, 110_000, OptionType.PUT);
        final OptionListing low = series.find(OptionListing.MONTH_EXPIRY, 100_000, OptionType.PUT);
        if (high == null || low == null || makers.size() < 2)
        {
            return null;
        }
        final MarketMaker maker = makers.get(packages.size() % 2);
        final MarketMaker taker = makers.get((packages.size() + 1) % 2);
        final double indexUsd = btc.usd(index);
        // The maker buys the put spread: long the 110,000 put, short the 100,000 put, each at its mark on the tick.
        final long buyPrice = OptionQuotes.ticks(Math.floor(surfaces.markUsd(high, indexUsd, clock.now())));
        final long sellPrice = OptionQuotes.ticks(Math.ceil(surfaces.markUsd(low, indexUsd, clock.now())));
        if (buyPrice <= 0 || sellPrice <= 0)
        {
            return null;
        }
        final List<BlockLeg> legs = List.of(new BlockLeg(high.seriesId(), true, BLOCK_SIZE, buyPrice),
            new BlockLeg(low.seriesId(), false, BLOCK_SIZE, sellPrice));
        final long expiry = clock.now() + OptionQuotes.ORDER_VALIDITY_MS;
        final BlockPackage offer = maker.signPackage(domain, legs, 5 * BLOCK_FEE, expiry);
        final BlockAcceptance acceptance = taker.signAcceptance(domain, offer, 5 * BLOCK_FEE, expiry);
        final String digest = Hex.encode(offer.digest(domain));
        final long time = clock.next();
        packages.add(new Package(time, maker.name(), taker.name(), digest,
            "buy " + size(BLOCK_SIZE) + " " + high.ticker() + " @ " + usd(buyPrice) + ", sell " + size(BLOCK_SIZE) +
            " " + low.ticker() + " @ " + usd(sellPrice), at));
        return new SettleBlockTrade(time, offer, acceptance, BLOCK_FEE, BLOCK_FEE, null, 0, 0);
    }

    /**
     * The packages quoted so far, in order.
     *
     * @return the packages.
     */
    List<Package> packages()
    {
        return packages;
    }

    private String usd(final long price)
    {
        return BigDecimal.valueOf(price).movePointRight(btc.priceExponent()).stripTrailingZeros().toPlainString();
    }

    private static String size(final long quantums)
    {
        return BigDecimal.valueOf(quantums).movePointRight(OptionListing.ATOMIC_RESOLUTION).stripTrailingZeros()
            .toPlainString();
    }
}
