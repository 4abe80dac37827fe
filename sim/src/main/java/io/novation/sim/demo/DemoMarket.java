package io.novation.sim.demo;

import io.novation.core.command.CreatePerpetual;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A perpetual market of the demo and the minute series its oracle replays. Prices are price units of
 * 10^priceExponent USD per base unit, sizes base quantums of 10^atomicResolution base units (dYdX v4's layout);
 * fees in ppm of notional.
 *
 * @param id               market id (and oracle id: each market has its own oracle, created with it).
 * @param ticker           e.g. {@code BTC-USD}; also the oracle's name.
 * @param priceExponent    one price unit is 10^priceExponent USD.
 * @param atomicResolution one base quantum is 10^atomicResolution base units.
 * @param tickSize         price grid, price units.
 * @param stepSize         size grid, base quantums.
 * @param tier             margin fractions.
 * @param makerFeePpm      maker fee, ppm.
 * @param takerFeePpm      taker fee, ppm.
 * @param series           the day's minute bars, in this market's price units.
 */
public record DemoMarket(int id, String ticker, int priceExponent, int atomicResolution, long tickSize,
    long stepSize, LiquidityTier tier, long makerFeePpm, long takerFeePpm, MinuteSeries series)
{
    /** 2025-10-10T00:00:00Z, epoch ms. */
    public static final long DAY_START = 1_760_054_400_000L;

    /**
     * The margin tier of both markets: initial margin 2 % (50×), maintenance 60 % of it (1.2 %), as in the engine's
     * cascade test and dYdX's local-testnet genesis; no size premium, no open-interest caps.
     */
    public static final LiquidityTier TIER = LiquidityTier.of(0, "Demo 50x", 20_000, 600_000, 0, 0, 0);

    /**
     * BTC-USD: dYdX v4's units (atomic resolution −10, price exponent −5), tick 1 USD, step 0.0001 BTC, fees 0 and
     * 0.05 %, replaying Binance's BTCUSD_PERP mark price of 2025-10-10.
     *
     * @return the market.
     */
    public static DemoMarket btc()
    {
        return new DemoMarket(0, "BTC-USD", -5, -10, 100_000, 1_000_000, TIER, 0, 500,
            MinuteSeries.load("/data/btcusd-perp-mark-1m-2025-10-10.csv", DAY_START, -5));
    }

    /**
     * ETH-USD: atomic resolution −9, price exponent −6, tick 0.1 USD, step 0.001 ETH, fees 0 and 0.05 %, replaying
     * Gemini's ETHUSD spot minutes of 2025-10-10.
     *
     * @return the market.
     */
    public static DemoMarket eth()
    {
        return new DemoMarket(1, "ETH-USD", -6, -9, 100_000, 1_000_000, TIER, 0, 500,
            MinuteSeries.load("/data/ethusd-spot-1m-2025-10-10.csv", DAY_START, -6));
    }

    /**
     * The riskier tier of AVAX-USD, a smaller and thinner market: initial margin 5 % (20×), maintenance 60 % of it
     * (3 %), as a venue lists a mid-cap perpetual below its majors; no size premium, no open-interest caps.
     */
    public static final LiquidityTier AVAX_TIER = LiquidityTier.of(1, "Demo 20x", 50_000, 600_000, 0, 0, 0);

    /** The names {@code --markets} accepts, in the order the markets are created. */
    public static final List<String> NAMES = List.of("BTC", "ETH", "AVAX");

    /**
     * AVAX-USD: atomic resolution −7, price exponent −4, tick 0.001 USD, step 0.1 AVAX, the riskier
     * {@link #AVAX_TIER}, fees 0 and 0.05 %, replaying Binance's AVAXUSD_PERP minutes of 2025-10-10 (28.41 USD at
     * midnight, 6.02 at 21:21 UTC).
     *
     * @return the market.
     */
    public static DemoMarket avax()
    {
        return new DemoMarket(2, "AVAX-USD", -4, -7, 10, 1_000_000, AVAX_TIER, 0, 500,
            MinuteSeries.load("/data/avaxusd-perp-1m-2025-10-10.csv", DAY_START, -4));
    }

    /** The subaccount from which the traders of an isolated market trade it (dYdX v4's first isolated number). */
    public static final int ISOLATED_SUBACCOUNT = 128;

    /**
     * Whether the market is listed as an isolated market (dYdX v4's isolated markets): its traders trade it from an
     * isolated subaccount, and their deficits are paid by the market's own insurance fund, which holds only the fees
     * of its own isolated liquidations (docs/protocol.md §12). AVAX-USD is; the majors are cross-margined.
     *
     * @return true for AVAX-USD.
     */
    public boolean isolated()
    {
        return AVAX_TIER.equals(tier);
    }

    /**
     * The subaccount the market's traders trade it from.
     *
     * @return {@link #ISOLATED_SUBACCOUNT} in an isolated market, else 0.
     */
    public int traderSubaccount()
    {
        return isolated() ? ISOLATED_SUBACCOUNT : 0;
    }

    /**
     * The markets named, in the order of {@link #NAMES}, numbered from 0 as the node creates them.
     *
     * @param names e.g. {@code [BTC, AVAX]} (case-insensitive; {@code BTC-USD} is accepted too).
     * @return the markets.
     * @throws IllegalArgumentException for an unknown or repeated name, or none.
     */
    public static List<DemoMarket> select(final List<String> names)
    {
        final boolean[] wanted = chosen(names);
        final List<DemoMarket> markets = new ArrayList<>();
        for (int i = 0; i < wanted.length; i++)
        {
            if (wanted[i])
            {
                final DemoMarket market = i == 0 ? btc() : i == 1 ? eth() : avax();
                markets.add(market.withId(markets.size()));
            }
        }
        return List.copyOf(markets);
    }

    /**
     * The market of a ticker among those chosen, wherever it stands in the list.
     *
     * @param markets the markets chosen.
     * @param ticker  e.g. {@code BTC-USD}.
     * @return the market, or null when it is not among them.
     */
    public static DemoMarket byTicker(final List<DemoMarket> markets, final String ticker)
    {
        for (final DemoMarket market : markets)
        {
            if (market.ticker().equals(ticker))
            {
                return market;
            }
        }
        return null;
    }

    /**
     * Which of {@link #NAMES} a list names.
     *
     * @param names e.g. {@code [BTC, AVAX]} (case-insensitive; {@code BTC-USD} is accepted too).
     * @return one flag per name of {@link #NAMES}.
     * @throws IllegalArgumentException for an unknown or repeated name, or none.
     */
    public static boolean[] chosen(final List<String> names)
    {
        final boolean[] wanted = new boolean[NAMES.size()];
        for (final String raw : names)
        {
            final String name = raw.trim().toUpperCase(Locale.ROOT).replace("-USD", "");
            final int index = NAMES.indexOf(name);
            if (index < 0)
            {
                throw new IllegalArgumentException("unknown market '" + raw.trim() + "': the demo's markets are " +
                    String.join(", ", NAMES));
            }
            if (wanted[index])
            {
                throw new IllegalArgumentException("market " + name + " named twice");
            }
            wanted[index] = true;
        }
        if (names.isEmpty())
        {
            throw new IllegalArgumentException("no market named: the demo's markets are " + String.join(", ", NAMES));
        }
        return wanted;
    }

    /**
     * The same market under another id.
     *
     * @param newId the id the node gives it.
     * @return the market.
     */
    public DemoMarket withId(final int newId)
    {
        return new DemoMarket(newId, ticker, priceExponent, atomicResolution, tickSize, stepSize, tier, makerFeePpm,
            takerFeePpm, series);
    }

    /**
     * The governance command that creates the market (and its oracle).
     *
     * @param time epoch ms.
     * @return the command.
     */
    public CreatePerpetual definition(final long time)
    {
        return new CreatePerpetual(time, id, ticker, ticker, priceExponent, atomicResolution, tickSize, stepSize,
            tier, makerFeePpm, takerFeePpm, MarketStatus.ACTIVE);
    }

    /**
     * USD as price units.
     *
     * @param price price units.
     * @return USD per base unit.
     */
    public double usd(final long price)
    {
        return price * Math.pow(10, priceExponent);
    }

    /**
     * A price moved by a fraction and rounded to the tick, down or up.
     *
     * @param price    price units.
     * @param fraction e.g. 0.01 for 1 % above.
     * @param up       round up (else down).
     * @return price units on the tick grid, at least one tick.
     */
    public long shifted(final long price, final double fraction, final boolean up)
    {
        final double raw = price * (1 + fraction) / tickSize;
        final long ticks = up ? (long)Math.ceil(raw) : (long)Math.floor(raw);
        return Math.max(1, ticks) * tickSize;
    }

    /**
     * The size worth a USD notional at a price, rounded down to the step.
     *
     * @param notionalUsd USD.
     * @param price       price units.
     * @return base quantums, a multiple of the step (possibly 0).
     */
    public long sizeFor(final double notionalUsd, final long price)
    {
        final double baseUnits = notionalUsd / usd(price);
        final double quantums = baseUnits * Math.pow(10, -atomicResolution);
        return (long)Math.floor(quantums / stepSize) * stepSize;
    }

    /**
     * A size rounded down to the step.
     *
     * @param size base quantums.
     * @return base quantums.
     */
    public long onStep(final long size)
    {
        return size / stepSize * stepSize;
    }

    /**
     * The USD notional of a size at a price.
     *
     * @param size  base quantums (signed).
     * @param price price units.
     * @return USD.
     */
    public double notionalUsd(final long size, final long price)
    {
        return size * Math.pow(10, atomicResolution) * usd(price);
    }
}
