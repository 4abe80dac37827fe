package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2025-10-10 crash through 1,000 subaccounts: 800 longs and 200 shorts at leverage from 2× to 49× (IMF 2 %, MMF
 * 1.2 %), five market makers on the other side, three keepers. Every minute the BTC mark's low and close are
 * published; keepers then liquidate everything below maintenance (large positions in parts). Conservation is checked
 * after every command; every subaccount that falls below maintenance must be cleared within a bounded number of
 * minutes, and none may end with negative net collateral. The insurance fund's path and the count of each waterfall
 * step are printed.
 */
class LiquidationCascadeTest
{
    private static final String DATA = "/data/btcusd-perp-mark-1m-2025-10-10.csv";
    private static final long USDC = 1_000_000L;
    private static final long ONE_BTC = 10_000_000_000L;
    private static final long STEP = 1_000_000L;
    private static final long PRICE_UNITS_PER_USD = 100_000L;
    private static final int TRADERS = 1_000;
    private static final int MAX_MINUTES_BELOW_MAINTENANCE = 10;

    private final EventSink counter = new EventSink()
    {
        @Override
        public void liquidated(final long sequence, final Address keeper, final int keeperSubaccount,
            final Address target, final int targetSubaccount, final int marketId, final long size,
            final long fillQuote, final long bankruptcyQuote, final long insuranceFundDelta)
        {
            liquidations++;
            if (insuranceFundDelta < 0)
            {
                fundPayments++;
            }
        }

        @Override
        public void deleveraged(final long sequence, final Address target, final int targetSubaccount,
            final Address counterparty, final int counterpartySubaccount, final int marketId, final long size,
            final long quoteAmount)
        {
            deleveragings++;
        }

        @Override
        public void lossSocialized(final long sequence, final Address target, final int targetSubaccount,
            final int marketId, final long amount, final boolean longsPay, final long lossIndex)
        {
            socializations++;
            socialized += amount;
        }

        @Override
        public void rejected(final long sequence, final RejectReason reason, final String message)
        {
            lastRejection = reason;
        }
    };

    private final ClearingEngine engine = new ClearingEngine(
        EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), counter);
    private final MarginCalculator calculator = new MarginCalculator(engine.state().markets(), engine.state().oracles());
    private final MarginFigures figures = new MarginFigures();
    private final Address[] publishers = {address(9_001), address(9_002), address(9_003)};
    private final Address[] keepers = {address(8_001), address(8_002), address(8_003)};
    private final long[] keeperNonce = new long[keepers.length];
    private long liquidations;
    private long fundPayments;
    private long deleveragings;
    private long socializations;
    private long socialized;
    private long depositId;
    private long orderNonce;
    private long commands;
    private RejectReason lastRejection;

    record Bar(long openTime, long low, long close)
    {
    }

    private static Address address(final int n)
    {
        final byte[] bytes = new byte[Address.LENGTH];
        bytes[16] = (byte)(n >>> 24);
        bytes[17] = (byte)(n >>> 16);
        bytes[18] = (byte)(n >>> 8);
        bytes[19] = (byte)n;
        return Address.of(bytes);
    }

    private boolean apply(final Command command)
    {
        final boolean applied = engine.apply(command);
        commands++;
        assertThat(Conservation.holds(engine.state())).as("conservation after %s", command).isTrue();
        return applied;
    }

    private void price(final long time, final long priceUnits)
    {
        final List<PriceReport> reports = new ArrayList<>();
        for (final Address publisher : publishers)
        {
            reports.add(new PriceReport(0, priceUnits, time, publisher, null));
        }
        assertThat(apply(new OraclePrice(time, 0, reports))).isTrue();
    }

    private void deposit(final long time, final Address owner, final long usdc)
    {
        assertThat(apply(new Deposit(time, owner, 0, 0, usdc * USDC, ++depositId))).isTrue();
    }

    private boolean trade(final long time, final Address maker, final Address taker, final boolean takerBuys,
        final long size, final long price)
    {
        final Order makerOrder = Order.of(maker, 0, 0, !takerBuys, size, price, ++orderNonce, time + 60_000, false,
            null);
        final Order takerOrder = Order.of(taker, 0, 0, takerBuys, size, price, ++orderNonce, time + 60_000, false,
            null);
        return apply(new SettleTrade(time, 0, makerOrder, takerOrder, size, price));
    }

    @Test
    void shouldLiquidateEverySubaccountBelowMaintenanceThroughTheCrashAndLeaveNoneNegative() throws IOException
    {
        final List<Bar> bars = load();
        final long start = bars.get(0).openTime() - 60_000;
        assertThat(apply(new CreatePerpetual(start, 0, "BTC-USD", "BTC-USD", -5, -10, PRICE_UNITS_PER_USD, STEP,
            new LiquidityTier(0, "large-cap", 20_000, 600_000, 0, 0, 0), 0, 0, MarketStatus.ACTIVE))).isTrue();
        for (final Address publisher : publishers)
        {
            assertThat(apply(new RegisterOraclePublisher(start, 0, publisher))).isTrue();
        }
        final long entryPrice = roundToTick(bars.get(0).close());
        price(start, entryPrice);

        final Random random = new Random(20251010L);
        final Address[] makers = new Address[5];
        for (int m = 0; m < makers.length; m++)
        {
            makers[m] = address(7_001 + m);
            deposit(start, makers[m], 50_000_000);
        }
        for (final Address keeper : keepers)
        {
            deposit(start, keeper, 100_000_000);
        }
        final Subaccount[] traders = new Subaccount[TRADERS];
        int longs = 0;
        for (int i = 0; i < TRADERS; i++)
        {
            final Address trader = address(i + 1);
            final long collateral = 1_000 + random.nextInt(49_001);
            final long leverage = 2 + random.nextInt(48);
            final boolean isLong = i % 5 != 0;
            longs += isLong ? 1 : 0;
            deposit(start, trader, collateral);
            final long size = BigDecimal.valueOf(collateral * leverage * USDC)
                .multiply(BigDecimal.valueOf(ONE_BTC))
                .divide(BigDecimal.valueOf(entryPrice / PRICE_UNITS_PER_USD * USDC), 0, RoundingMode.DOWN)
                .longValueExact() / STEP * STEP;
            assertThat(trade(start, makers[i % makers.length], trader, isLong, size, entryPrice))
                .as("trader %d opens %d× %s", i, leverage, isLong ? "long" : "short").isTrue();
            traders[i] = engine.state().accounts().find(trader).subaccount(0);
        }

        final int[] firstBelow = new int[TRADERS];
        java.util.Arrays.fill(firstBelow, -1);
        int worstDelay = 0;
        final StringBuilder fundPath = new StringBuilder();
        for (int minute = 0; minute < bars.size(); minute++)
        {
            final Bar bar = bars.get(minute);
            price(bar.openTime() + 30_000, bar.low());
            liquidateAll(bar.openTime() + 30_001, traders);
            price(bar.openTime() + 59_000, bar.close());
            if (minute % 60 == 59)
            {
                assertThat(apply(FundingTick.computed(bar.openTime() + 59_001, 0))).isTrue();
                fundPath.append(String.format("%02d:00 %s%n", (minute + 1) / 60,
                    usd(engine.state().insuranceFund())));
            }
            liquidateAll(bar.openTime() + 59_002, traders);
            for (int i = 0; i < TRADERS; i++)
            {
                final boolean below = isBelowMaintenance(traders[i]);
                if (below && firstBelow[i] < 0)
                {
                    firstBelow[i] = minute;
                }
                else if (!below && firstBelow[i] >= 0)
                {
                    firstBelow[i] = -1;
                }
                if (firstBelow[i] >= 0)
                {
                    worstDelay = Math.max(worstDelay, minute - firstBelow[i]);
                }
            }
        }

        int negative = 0;
        int liquidatedAccounts = 0;
        for (int a = 0; a < engine.state().accounts().count(); a++)
        {
            final Account account = engine.state().accounts().at(a);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                calculator.compute(subaccount, figures);
                negative += figures.netCollateralMaintenance() < 0 ? 1 : 0;
                liquidatedAccounts += subaccount.lastLiquidatedAt() != 0 ? 1 : 0;
            }
        }
        System.out.printf("Cascade of 2025-10-10: %d subaccounts (%d long), %d commands; %d subaccounts liquidated in "
            + "%d liquidations, %d paid by the insurance fund, %d deleveraging offsets, %d socialized losses (%s USDC);"
            + " slowest clearance %d minutes; insurance fund hourly:%n%s", TRADERS, longs, commands,
            liquidatedAccounts, liquidations, fundPayments, deleveragings, socializations, usd(socialized),
            worstDelay, fundPath);
        assertThat(liquidations).as("the crash liquidates").isGreaterThan(100);
        assertThat(worstDelay).as("minutes a subaccount stays below maintenance").isLessThanOrEqualTo(
            MAX_MINUTES_BELOW_MAINTENANCE);
        assertThat(negative).as("subaccounts with negative net collateral").isZero();
        for (final Subaccount trader : traders)
        {
            assertThat(isBelowMaintenance(trader)).isFalse();
        }
    }

    private boolean isBelowMaintenance(final Subaccount subaccount)
    {
        return calculator.compute(subaccount, figures) && figures.isBelowMaintenance();
    }

    /** The keepers' pass: every subaccount below maintenance, whole positions, or parts when asked. */
    private void liquidateAll(final long time, final Subaccount[] traders)
    {
        int turn = 0;
        for (final Subaccount trader : traders)
        {
            for (int attempt = 0; attempt < 3 && isBelowMaintenance(trader); attempt++)
            {
                final long position = Math.abs(trader.positionSizeIn(0));
                if (position == 0)
                {
                    break;
                }
                final int k = turn++ % keepers.length;
                long size = position;
                if (!apply(liquidate(time, k, trader, size)))
                {
                    if (lastRejection != RejectReason.LIQUIDATION_TOO_LARGE)
                    {
                        break;
                    }
                    size = Math.max(STEP, (position / 5 + STEP - 1) / STEP * STEP);
                    if (!apply(liquidate(time, k, trader, size)))
                    {
                        break;
                    }
                }
            }
        }
    }

    private Liquidate liquidate(final long time, final int keeper, final Subaccount target, final long size)
    {
        return new Liquidate(time, keepers[keeper], 0, target.account().owner(), target.number(), 0, size,
            ++keeperNonce[keeper], null);
    }

    private static long roundToTick(final long priceUnits)
    {
        return priceUnits / PRICE_UNITS_PER_USD * PRICE_UNITS_PER_USD;
    }

    private static String usd(final long quantums)
    {
        return BigDecimal.valueOf(quantums).movePointLeft(6).toPlainString();
    }

    private static List<Bar> load() throws IOException
    {
        final List<Bar> bars = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            Objects.requireNonNull(LiquidationCascadeTest.class.getResourceAsStream(DATA)), StandardCharsets.UTF_8)))
        {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null)
            {
                final String[] cells = line.split(",");
                bars.add(new Bar(Long.parseLong(cells[0]), units(cells[3]), units(cells[4])));
            }
        }
        return bars;
    }

    private static long units(final String usd)
    {
        return new BigDecimal(usd).multiply(BigDecimal.valueOf(PRICE_UNITS_PER_USD))
            .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
