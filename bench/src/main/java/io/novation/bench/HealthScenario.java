package io.novation.bench;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SettleTrade;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An engine populated for the health index: BTC-USD and ETH-USD perpetuals with dYdX v4 units in a tier of IM 2 %,
 * MF 0.6 (MMF 1.2 %, so up to 50x leverage), no fees; a number of traders, each with one cross subaccount funded with
 * 100 to 10,000 USDC (uniform) and a BTC position of 2x to 50x its deposit (uniform leverage), 90 % of them long; one
 * trader in ten also holds an ETH position (the leverage is then split 70/30 between BTC and ETH, each side long or
 * short at random). 64 market makers with 10^9 USDC each take the other side of every fill, at the oracle price.
 * Prices: BTC 60,000 USD (price units of 1e-5 USD), ETH 3,000 USD (1e-6 USD). Oracles accept any move in one round.
 * Amounts are quantums: quote quantums are 1e-6 USDC.
 */
public final class HealthScenario
{
    /** Sequencer time of the set-up commands, epoch ms. */
    public static final long TIME = 1_760_054_400_000L;
    /** BTC at 60,000 USD, in price units of 1e-5 USD. */
    public static final long BTC_PRICE = 6_000_000_000L;
    /** Number of market makers. */
    public static final int MAKERS = 64;

    private static final int BTC = 0;
    private static final int ETH = 1;
    private static final long ETH_PRICE = 3_000_000_000L;
    private static final long USDC = 1_000_000L;
    private static final long MAKER_DEPOSIT = 1_000_000_000L * USDC;
    private static final long STEP = 1_000_000L;
    private static final String[] PUBLISHERS = {"a", "b", "c"};

    private final ClearingEngine engine;
    private final int btcOracle;
    private long time = TIME;
    private long depositId;
    private long nonce;
    private int traderCount;
    private int twoMarketTraders;
    private int shortTraders;

    private HealthScenario()
    {
        engine = new ClearingEngine(EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
        final LiquidityTier tier = LiquidityTier.of(0, "IM 2 %", 20_000, 600_000, 0, 0, 0);
        require(new CreatePerpetual(TIME, BTC, "BTC-USD", "BTC-USD", -5, -10, 10_000, STEP, tier, 0, 0,
            MarketStatus.ACTIVE));
        require(new CreatePerpetual(TIME, ETH, "ETH-USD", "ETH-USD", -6, -9, 100_000, STEP, tier, 0, 0,
            MarketStatus.ACTIVE));
        btcOracle = engine.state().markets().perpetual(BTC).oracleId();
        final OracleParameters anyMove = new OracleParameters(3, 60_000, 5_000, 3_600_000, 7_200_000, 1_000_000, 3,
            10_000, 10_000, 250_000);
        for (int market = BTC; market <= ETH; market++)
        {
            final int oracleId = engine.state().markets().perpetual(market).oracleId();
            for (final String publisher : PUBLISHERS)
            {
                require(new RegisterOraclePublisher(TIME, oracleId, publisher(publisher)));
            }
            require(new SetOracleParameters(TIME, oracleId, anyMove));
            require(round(oracleId, market == BTC ? BTC_PRICE : ETH_PRICE));
        }
    }

    /**
     * Builds the markets, the makers and the traders.
     *
     * @param traders number of trader subaccounts.
     * @param seed    seed of deposits, leverage and sides.
     * @return the populated scenario.
     */
    public static HealthScenario build(final int traders, final long seed)
    {
        final HealthScenario scenario = new HealthScenario();
        for (int maker = 0; maker < MAKERS; maker++)
        {
            scenario.require(new Deposit(TIME, makerAddress(maker), 0, 0, MAKER_DEPOSIT, ++scenario.depositId));
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < traders; i++)
        {
            scenario.addTrader(i, random);
        }
        scenario.traderCount = traders;
        return scenario;
    }

    public ClearingEngine engine()
    {
        return engine;
    }

    public int traders()
    {
        return traderCount;
    }

    public int twoMarketTraders()
    {
        return twoMarketTraders;
    }

    public int shortTraders()
    {
        return shortTraders;
    }

    /**
     * Applies an oracle round that sets BTC to a price, one millisecond after the last round.
     *
     * @param price price units of 1e-5 USD.
     */
    public void btcRound(final long price)
    {
        time++;
        require(round(btcOracle, price));
    }

    private void addTrader(final int index, final SplittableRandom random)
    {
        final Address owner = traderAddress(index);
        final long deposit = (100 + random.nextInt(9_901)) * USDC;
        require(new Deposit(TIME, owner, 0, 0, deposit, ++depositId));
        // Leverage 2x to 50x (just under, so that IMR = ceil(notional · 2 %) fits the deposit).
        final double leverage = 2.0 + random.nextDouble() * 47.9;
        final boolean btcLong = random.nextInt(10) != 0;
        final boolean twoMarkets = random.nextInt(10) == 0;
        final long notional = (long)(deposit * leverage);
        final Address maker = makerAddress(index % MAKERS);
        if (!btcLong)
        {
            shortTraders++;
        }
        if (twoMarkets)
        {
            twoMarketTraders++;
            trade(BTC, owner, maker, btcLong, notional / 10 * 7, BTC_PRICE);
            trade(ETH, owner, maker, random.nextBoolean(), notional / 10 * 3, ETH_PRICE);
        }
        else
        {
            trade(BTC, owner, maker, btcLong, notional, BTC_PRICE);
        }
    }

    /** A fill of about {@code notional} quote quantums at the oracle price; both markets are at exponent −9. */
    private void trade(final int market, final Address trader, final Address maker, final boolean traderBuys,
        final long notional, final long price)
    {
        final long size = Math.max(STEP, notional * 1_000L / price * 1_000_000L / STEP * STEP);
        final Order traderOrder = order(trader, market, traderBuys, size, price);
        final Order makerOrder = order(maker, market, !traderBuys, size, price);
        require(new SettleTrade(TIME, market, makerOrder, traderOrder, size, price));
    }

    private Order order(final Address owner, final int market, final boolean buy, final long size, final long price)
    {
        final Order order = Order.of(owner, 0, market, buy, size, price, ++nonce, TIME + 86_400_000L, false, null);
        order.digest(engine.domainSeparator());
        return order;
    }

    private OraclePrice round(final int oracleId, final long price)
    {
        final List<PriceReport> reports = new ArrayList<>(PUBLISHERS.length);
        for (final String publisher : PUBLISHERS)
        {
            reports.add(new PriceReport(oracleId, price, time, publisher(publisher), null));
        }
        return new OraclePrice(time, oracleId, reports);
    }

    private void require(final Command command)
    {
        if (!engine.apply(command))
        {
            throw new IllegalStateException("the engine refused " + command);
        }
    }

    private static Address publisher(final String name)
    {
        final byte[] bytes = new byte[Address.LENGTH];
        bytes[0] = (byte)0x0B;
        bytes[Address.LENGTH - 1] = (byte)name.charAt(0);
        return Address.of(bytes);
    }

    private static Address makerAddress(final int maker)
    {
        final byte[] bytes = new byte[Address.LENGTH];
        bytes[0] = (byte)0x0C;
        bytes[Address.LENGTH - 1] = (byte)maker;
        return Address.of(bytes);
    }

    private static Address traderAddress(final int index)
    {
        final byte[] bytes = new byte[Address.LENGTH];
        bytes[0] = (byte)0x0D;
        bytes[16] = (byte)(index >>> 24);
        bytes[17] = (byte)(index >>> 16);
        bytes[18] = (byte)(index >>> 8);
        bytes[19] = (byte)index;
        return Address.of(bytes);
    }
}
