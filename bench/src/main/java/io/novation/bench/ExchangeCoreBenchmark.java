package io.novation.bench;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiAdjustUserBalance;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiPlaceOrder;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * exchange-core (exchange.core2:exchange-core from Maven Central) at the same account and symbol counts as
 * {@link SettleTradeBenchmark}, for a side-by-side figure in the same JMH run: fills per second through its own
 * pipeline (grouping, pre-trade risk check, matching, post-trade settlement of positions and balances), one thread
 * each. One operation is one fill: a resting limit order (GTC) placed by one account and an immediate-or-cancel order
 * from another that takes it whole, both risk-checked against the accounts' margin in a futures contract. The
 * fills come from a pre-generated ring of mirrored pairs (A sells to B, later B sells the same back to A) at a fixed
 * price, so positions stay bounded and every order passes its risk check; the tear-down requires one trade per fill
 * and no rejection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ExchangeCoreBenchmark
{
    /** Fills submitted between two waits for the pipeline to drain. */
    public static final int FILLS_PER_BATCH = 1_000;

    private static final int QUOTE = 840;
    private static final int BASE = 1;
    private static final int FIRST_SYMBOL = 100;
    private static final long PRICE = 10_000;

    @Param("100000")
    public int accounts;

    @Param("10")
    public int symbols;

    @Param("200000")
    public int ringFills;

    /** exchange-core's wait strategy for its pipeline threads (BUSY_SPIN needs a core per stage). */
    @Param({"BLOCKING", "YIELDING"})
    public String waitStrategy;

    private ExchangeCore core;
    private ExchangeApi api;
    private ApiPlaceOrder[] ring;
    private int cursor;
    private long submittedFills;
    private volatile long trades;
    private volatile long rejections;

    @Setup(Level.Trial)
    public void setUp()
    {
        final PerformanceConfiguration performance = PerformanceConfiguration.throughputPerformanceBuilder()
            .matchingEnginesNum(1)
            .riskEnginesNum(1)
            .threadFactory(Thread::new)
            .waitStrategy(CoreWaitStrategy.valueOf(waitStrategy))
            .build();
        core = ExchangeCore.builder()
            .resultsConsumer(this::onResult)
            .exchangeConfiguration(ExchangeConfiguration.defaultBuilder().performanceCfg(performance).build())
            .build();
        core.startup();
        api = core.getApi();
        final List<CoreSymbolSpecification> specifications = new ArrayList<>();
        for (int s = 0; s < symbols; s++)
        {
            specifications.add(CoreSymbolSpecification.builder().symbolId(FIRST_SYMBOL + s)
                .type(SymbolType.FUTURES_CONTRACT).baseCurrency(BASE).quoteCurrency(QUOTE).baseScaleK(1)
                .quoteScaleK(1).marginBuy(2_000).marginSell(2_000).takerFee(0).makerFee(0).build());
        }
        api.submitBinaryDataAsync(new BatchAddSymbolsCommand(specifications)).join();
        for (int a = 1; a <= accounts; a++)
        {
            api.submitCommand(ApiAddUser.builder().uid(a).build());
            api.submitCommand(ApiAdjustUserBalance.builder().uid(a).currency(QUOTE).amount(10_000_000_000L)
                .transactionId(a).build());
        }
        drain(ApiAdjustUserBalance.builder().uid(1).currency(QUOTE).amount(1).transactionId(accounts + 1L).build());
        rejections = 0;
        ring = fillRing(new SplittableRandom(7));
        cursor = 0;
        for (int i = 0; i < ring.length / 2; i += FILLS_PER_BATCH)
        {
            fills();
        }
        if (trades != submittedFills || rejections != 0)
        {
            throw new IllegalStateException("warm pass: " + trades + " trades of " + submittedFills + " fills, " +
                rejections + " rejections");
        }
        System.out.printf("%nsetup: exchange-core %,d accounts, %,d symbols, %,d fills in the ring, wait strategy %s%n",
            accounts, symbols, ring.length / 2, waitStrategy);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        final long traded = trades;
        final long rejected = rejections;
        System.out.printf("%nexchange-core: %,d fills submitted, %,d trades, %,d rejections%n",
            submittedFills, traded, rejected);
        core.shutdown();
        if (traded != submittedFills || rejected != 0)
        {
            throw new IllegalStateException("not every fill traded: the figure is not a fill rate");
        }
    }

    /**
     * Submits {@link #FILLS_PER_BATCH} fills (two orders each) and waits until exchange-core has processed them.
     */
    @Benchmark
    @OperationsPerInvocation(FILLS_PER_BATCH)
    public void fills()
    {
        for (int i = 0; i < 2 * FILLS_PER_BATCH - 1; i++)
        {
            api.submitCommand(next());
        }
        drain(next());
        submittedFills += FILLS_PER_BATCH;
    }

    private ApiPlaceOrder next()
    {
        final ApiPlaceOrder order = ring[cursor];
        cursor = cursor + 1 == ring.length ? 0 : cursor + 1;
        return order;
    }

    private void drain(final ApiCommand last)
    {
        final CommandResultCode result = api.submitCommandAsync(last).join();
        if (result != CommandResultCode.SUCCESS)
        {
            throw new IllegalStateException("exchange-core refused " + last + ": " + result);
        }
    }

    /** Called on exchange-core's results thread, in order. */
    private void onResult(final OrderCommand command, final long sequence)
    {
        if (command.resultCode != CommandResultCode.SUCCESS)
        {
            rejections = rejections + 1;
        }
        if (command.command == OrderCommandType.PLACE_ORDER)
        {
            long count = 0;
            for (MatcherTradeEvent event = command.matcherEvent; event != null; event = event.nextEvent)
            {
                if (event.eventType == MatcherEventType.TRADE)
                {
                    count++;
                }
            }
            trades = trades + count;
        }
    }

    /** Maker then taker orders of mirrored fills, two orders a fill, with fresh order ids. */
    private ApiPlaceOrder[] fillRing(final SplittableRandom random)
    {
        final ApiPlaceOrder[] orders = new ApiPlaceOrder[2 * ringFills];
        long orderId = 1;
        for (int f = 0; f < ringFills; f += 2)
        {
            final int symbol = FIRST_SYMBOL + random.nextInt(symbols);
            final long first = 1 + random.nextInt(accounts);
            long second = 1 + random.nextInt(accounts);
            while (second == first)
            {
                second = 1 + random.nextInt(accounts);
            }
            final long size = 1 + random.nextInt(10);
            final int at = 2 * f;
            orders[at] = order(orderId++, first, symbol, OrderAction.ASK, OrderType.GTC, size);
            orders[at + 1] = order(orderId++, second, symbol, OrderAction.BID, OrderType.IOC, size);
            orders[at + 2] = order(orderId++, second, symbol, OrderAction.ASK, OrderType.GTC, size);
            orders[at + 3] = order(orderId++, first, symbol, OrderAction.BID, OrderType.IOC, size);
        }
        return orders;
    }

    private static ApiPlaceOrder order(final long id, final long uid, final int symbol, final OrderAction action,
        final OrderType type, final long size)
    {
        return ApiPlaceOrder.builder().orderId(id).uid(uid).symbol(symbol).action(action).orderType(type)
            .price(PRICE).reservePrice(PRICE).size(size).build();
    }
}
