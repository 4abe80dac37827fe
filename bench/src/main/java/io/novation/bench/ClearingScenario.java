package io.novation.bench;

import io.novation.core.oracle.OracleParameters;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.PriceReport;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;

import java.util.SplittableRandom;

/**
 * A clearing engine populated for measurement: ten perpetuals with dYdX v4 units (large-cap tier, IM 5 %, MF 0.6,
 * maker rebate 0.01 %, taker fee 0.05 %) at fixed oracle prices on their ticks, and accounts each funded in
 * cross subaccount 0 and holding positions in a fixed run of consecutive markets, in trusted signature mode (orders
 * are verified before sequencing). Amounts are quantums: quote quantums are 1e-6 USDC.
 */
public final class ClearingScenario
{
    /** Number of perpetual markets. */
    public static final int MARKETS = 10;
    /** Sequencer time of every command, epoch ms. */
    public static final long TIME = 1_760_054_400_000L;
    /** Expiry of every order: one day after {@link #TIME}, epoch ms. */
    public static final long ORDER_EXPIRY = TIME + 86_400_000L;
    /** One USDC in quote quantums. */
    public static final long USDC = 1_000_000L;
    /** Largest fill of the fill ring, in steps of the market. */
    public static final int MAX_FILL_STEPS = 10;

    private static final String[] TICKERS =
        {"BTC-USD", "ETH-USD", "SOL-USD", "BNB-USD", "LTC-USD", "BCH-USD", "AVAX-USD", "LINK-USD", "DOT-USD", "ATOM-USD"};
    private static final int[] ATOMIC_RESOLUTIONS = {-10, -9, -9, -9, -10, -10, -9, -9, -9, -9};
    private static final int[] PRICE_EXPONENTS = {-5, -6, -6, -6, -5, -5, -6, -6, -6, -6};
    private static final long[] PRICES =
        {6_000_000_000L, 3_000_000_000L, 150_000_000L, 580_000_000L, 7_000_000L, 35_000_000L, 30_000_000L,
            15_000_000L, 7_000_000L, 8_000_000L};
    private static final long[] TICK_SIZES =
        {10_000L, 100_000L, 10_000L, 10_000L, 1_000L, 1_000L, 1_000L, 1_000L, 1_000L, 1_000L};
    private static final long[] STEP_SIZES =
        {1_000_000L, 1_000_000L, 10_000_000L, 1_000_000L, 100_000_000L, 10_000_000L, 10_000_000L, 100_000_000L,
            100_000_000L, 100_000_000L};
    private static final long MAKER_FEE_PPM = -100;
    private static final long TAKER_FEE_PPM = 500;

    private final ClearingEngine engine;
    private final Address[] owners;
    private final int positionsPerAccount;
    private long depositId;
    private long nonce;

    private ClearingScenario(final int accounts, final int positionsPerAccount, final long seed)
    {
        if (accounts <= 0 || accounts % (2 * MARKETS) != 0)
        {
            throw new IllegalArgumentException("accounts must be a positive multiple of " + 2 * MARKETS);
        }
        if (positionsPerAccount < 1 || positionsPerAccount > MARKETS)
        {
            throw new IllegalArgumentException("positions per account must be in [1, " + MARKETS + "]");
        }
        this.engine = new ClearingEngine(EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED),
            EventSink.NONE);
        this.positionsPerAccount = positionsPerAccount;
        this.owners = new Address[accounts];
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] bytes = new byte[Address.LENGTH];
        for (int i = 0; i < accounts; i++)
        {
            for (int b = 0; b < Address.LENGTH; b++)
            {
                bytes[b] = (byte)random.nextInt(256);
            }
            owners[i] = Address.of(bytes);
        }
    }

    /**
     * Builds the markets and the accounts: each account deposits into subaccount 0 and then, paired with the account
     * ten places on, opens {@code warmSteps} steps in each of its {@code positionsPerAccount} markets, long in even
     * and short in odd ones of its run (the partner takes the other side). Account {@code i} trades markets
     * {@code i mod 10} to {@code i mod 10 + positionsPerAccount - 1} (mod 10).
     *
     * @param accounts            number of accounts, a multiple of 20.
     * @param positionsPerAccount positions each account holds, 1 to 10.
     * @param depositUsdc         deposit of each account, whole USDC.
     * @param warmSteps           size of each opening position in steps of its market.
     * @param seed                seed of the owner addresses.
     * @return the populated scenario.
     */
    public static ClearingScenario build(
        final int accounts, final int positionsPerAccount, final long depositUsdc, final long warmSteps,
        final long seed)
    {
        final ClearingScenario scenario = new ClearingScenario(accounts, positionsPerAccount, seed);
        scenario.createMarkets();
        scenario.fundAccounts(depositUsdc * USDC);
        scenario.openPositions(warmSteps);
        return scenario;
    }

    /**
     * The engine.
     *
     * @return the engine, whose event sink is {@link EventSink#NONE}.
     */
    public ClearingEngine engine()
    {
        return engine;
    }

    /**
     * Number of accounts.
     *
     * @return count.
     */
    public int accounts()
    {
        return owners.length;
    }

    /**
     * Owner of an account.
     *
     * @param index account index.
     * @return address.
     */
    public Address owner(final int index)
    {
        return owners[index];
    }

    /**
     * A deposit of quote quantums into subaccount 0 of an account, with the next deposit id.
     *
     * @param index  account index.
     * @param amount quote quantums.
     * @return the command.
     */
    public Deposit deposit(final int index, final long amount)
    {
        return new Deposit(TIME, owners[index], 0, 0, amount, ++depositId);
    }

    /**
     * Generates fills between random pairs of accounts that both trade a random market, in mirrored pairs (A buys
     * from B, and somewhere else in the ring A sells the same size back to B) shuffled together, so that one pass
     * over the ring leaves every position as it found it. Sizes are 1 to {@link #MAX_FILL_STEPS} steps, the price
     * is the oracle price, maker and taker are drawn at random. Every order has a fresh nonce and is sized for
     * {@code passes} fills of its size, so the ring can be applied {@code passes} times without overfilling; every
     * order's EIP-712 digest is computed here, as the verifier threads would.
     *
     * @param fills  ring length, even.
     * @param passes how many times each order may be filled.
     * @param seed   seed of the draw.
     * @return the ring.
     */
    public SettleTrade[] fillRing(final int fills, final int passes, final long seed)
    {
        if (fills <= 0 || fills % 2 != 0)
        {
            throw new IllegalArgumentException("the ring needs a positive, even number of fills");
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] markets = new int[fills];
        final int[] buyers = new int[fills];
        final int[] sellers = new int[fills];
        final long[] sizes = new long[fills];
        for (int i = 0; i < fills; i += 2)
        {
            final int market = random.nextInt(MARKETS);
            final int first = accountTrading(market, random);
            int second = accountTrading(market, random);
            while (second == first)
            {
                second = accountTrading(market, random);
            }
            final long size = (1 + random.nextInt(MAX_FILL_STEPS)) * STEP_SIZES[market];
            markets[i] = market;
            markets[i + 1] = market;
            buyers[i] = first;
            sellers[i] = second;
            buyers[i + 1] = second;
            sellers[i + 1] = first;
            sizes[i] = size;
            sizes[i + 1] = size;
        }
        final int[] order = new int[fills];
        for (int i = 0; i < fills; i++)
        {
            order[i] = i;
        }
        for (int i = fills - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        // Allocated in ring order, as a sequencer would hand commands over, not scattered over the heap.
        final SettleTrade[] ring = new SettleTrade[fills];
        for (int i = 0; i < fills; i++)
        {
            final int f = order[i];
            ring[i] = fill(markets[f], buyers[f], sellers[f], random.nextBoolean(), sizes[f], passes);
        }
        return ring;
    }

    /**
     * Copies a ring into fresh objects allocated one fill after another (the command, then each order with its
     * address and digest), so that walking the ring walks memory in order, as commands handed over by the
     * sequencer's decoding and verifying stages sit in recently written memory. Generating the ring leaves its
     * objects scattered: collections that ran while it was built copied them in the collector's order.
     *
     * @param ring the ring.
     * @return the copy, equal fill by fill.
     */
    public SettleTrade[] laidOutInOrder(final SettleTrade[] ring)
    {
        final SettleTrade[] copy = new SettleTrade[ring.length];
        for (int i = 0; i < ring.length; i++)
        {
            final SettleTrade fill = ring[i];
            copy[i] = new SettleTrade(fill.time(), fill.marketId(), copyOf(fill.maker()), copyOf(fill.taker()),
                fill.fillSize(), fill.fillPrice());
        }
        return copy;
    }

    private Order copyOf(final Order order)
    {
        final Order copy = Order.of(Address.of(order.account().toBytes()), order.subaccount(), order.market(),
            order.isBuy(), order.size(), order.limitPrice(), order.nonce(), order.expiry(), order.reduceOnly(),
            order.signature());
        copy.digest(engine.domainSeparator());
        return copy;
    }

    /**
     * A fill where {@code buyer} buys {@code size} from {@code seller} at the oracle price.
     *
     * @param market     market id.
     * @param buyer      buying account index.
     * @param seller     selling account index.
     * @param buyerMakes whether the buyer is the maker.
     * @param size       base quantums, on the step.
     * @param passes     how many fills of this size each order allows.
     * @return the command, with both order digests computed.
     */
    public SettleTrade fill(
        final int market, final int buyer, final int seller, final boolean buyerMakes, final long size,
        final int passes)
    {
        final long price = PRICES[market];
        final long orderSize = Math.multiplyExact(size, passes);
        final Order buy = order(buyer, market, true, orderSize, price);
        final Order sell = order(seller, market, false, orderSize, price);
        return buyerMakes ?
            new SettleTrade(TIME, market, buy, sell, size, price) :
            new SettleTrade(TIME, market, sell, buy, size, price);
    }

    /**
     * Applies a command built by this scenario, and fails loudly when the engine refuses it.
     *
     * @param command the command.
     */
    public void require(final Command command)
    {
        if (!engine.apply(command))
        {
            final RejectionCapture capture = new RejectionCapture();
            engine.eventSink(capture);
            engine.apply(command);
            engine.eventSink(EventSink.NONE);
            throw new IllegalStateException("the engine refused " + command + ": " + capture.reason + " " +
                capture.message);
        }
    }

    private Order order(final int account, final int market, final boolean buy, final long size, final long price)
    {
        // Each order carries its own address object, allocated next to it, as an order decoded from the wire does
        // (sharing one object per trader would add a cache miss per party that a sequencer never has).
        final Order order = Order.of(Address.of(owners[account].toBytes()), 0, market, buy, size, price, ++nonce,
            ORDER_EXPIRY, false, null);
        order.digest(engine.domainSeparator());
        return order;
    }

    private int accountTrading(final int market, final SplittableRandom random)
    {
        final int firstMarket = (market - random.nextInt(positionsPerAccount) + MARKETS) % MARKETS;
        return random.nextInt(owners.length / MARKETS) * MARKETS + firstMarket;
    }

    private void createMarkets()
    {
        for (int market = 0; market < MARKETS; market++)
        {
            require(new CreatePerpetual(TIME, market, TICKERS[market], TICKERS[market], PRICE_EXPONENTS[market],
                ATOMIC_RESOLUTIONS[market], TICK_SIZES[market], STEP_SIZES[market], LiquidityTier.largeCap(),
                MAKER_FEE_PPM, TAKER_FEE_PPM, MarketStatus.ACTIVE));
            final int oracleId = engine.state().markets().perpetual(market).oracleId();
            final java.util.List<PriceReport> reports = new java.util.ArrayList<>();
            for (int publisher = 0; publisher < OracleParameters.DEFAULTS.quorum(); publisher++)
            {
                final Address address = publisherAddress(publisher);
                require(new RegisterOraclePublisher(TIME, oracleId, address));
                reports.add(new PriceReport(oracleId, PRICES[market], TIME, address, null));
            }
            require(new OraclePrice(TIME, oracleId, reports));
        }
    }

    private static Address publisherAddress(final int publisher)
    {
        final byte[] bytes = new byte[Address.LENGTH];
        bytes[0] = (byte)0x0A;
        bytes[Address.LENGTH - 1] = (byte)(publisher + 1);
        return Address.of(bytes);
    }

    private void fundAccounts(final long amount)
    {
        for (int i = 0; i < owners.length; i++)
        {
            require(deposit(i, amount));
        }
    }

    private void openPositions(final long warmSteps)
    {
        for (int block = 0; block < owners.length / MARKETS; block += 2)
        {
            for (int firstMarket = 0; firstMarket < MARKETS; firstMarket++)
            {
                final int account = block * MARKETS + firstMarket;
                final int partner = account + MARKETS;
                for (int k = 0; k < positionsPerAccount; k++)
                {
                    final int market = (firstMarket + k) % MARKETS;
                    final long size = warmSteps * STEP_SIZES[market];
                    final boolean accountBuys = k % 2 == 0;
                    require(fill(market, accountBuys ? account : partner, accountBuys ? partner : account,
                        accountBuys, size, 1));
                }
            }
        }
    }

    /**
     * Keeps the reason of a refusal.
     */
    private static final class RejectionCapture implements EventSink
    {
        private RejectReason reason;
        private String message;

        @Override
        public void rejected(final long sequence, final RejectReason reason, final String message)
        {
            this.reason = reason;
            this.message = message;
        }
    }
}
