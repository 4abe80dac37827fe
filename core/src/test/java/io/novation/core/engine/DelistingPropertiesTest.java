package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.FundInsurance;
import io.novation.core.command.Order;
import io.novation.core.command.SettleMarket;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.WithdrawInsurance;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.snapshot.SnapshotCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random sequences of perpetual trades (cross and isolated subaccounts, some on thin margin), price moves of up
 * to 20 % a step, insurance top-ups and withdrawals (cross and isolated funds), a delisting announcement and the final
 * settlement with whatever deficits the moves left: conservation holds exactly after every command, a settled market
 * holds no position and no open interest, and replaying the commands, from genesis or from a snapshot taken midway,
 * gives the same state root.
 */
class DelistingPropertiesTest
{
    private static final String[] TRADERS = {"alice", "bob", "carol", "dave"};
    private static final long MINUTE = 60_000L;

    @Property(tries = 300)
    void shouldConserveAndReplayToTheSameRootThroughDelistingAndTreasuryMoves(@ForAll final long seed)
    {
        final Random random = new Random(seed);
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED);
        final List<Command> commands = new ArrayList<>();
        final int[] subaccounts = new int[TRADERS.length];
        for (int t = 0; t < TRADERS.length; t++)
        {
            subaccounts[t] = random.nextBoolean() ? 0 : 128;
            record(fx, commands, new Deposit(fx.tick(), address(TRADERS[t]), subaccounts[t],
                0, USDC * (1_000 + random.nextInt(30_000)), 1_000 + t));
        }
        long btc = 60_000;
        long nonce = 0;
        long settlementTime = 0;
        byte[] midway = null;
        int midwayAt = 0;
        final int steps = 10 + random.nextInt(20);
        for (int step = 0; step < steps; step++)
        {
            if (step == steps / 2)
            {
                midway = SnapshotCodec.write(fx.engine);
                midwayAt = commands.size();
            }
            final int action = random.nextInt(12);
            if (action < 5)
            {
                final int maker = random.nextInt(TRADERS.length);
                final int taker = (maker + 1 + random.nextInt(TRADERS.length - 1)) % TRADERS.length;
                final long size = ONE_BTC / 100 * (1 + random.nextInt(60));
                final boolean makerBuys = random.nextBoolean();
                final long price = btc * BTC_USD;
                final Order makerOrder = Order.of(address(TRADERS[maker]), subaccounts[maker], BTC, makerBuys, size,
                    price, ++nonce, fx.now() + 10 * 24 * 3_600_000L, false, null);
                final Order takerOrder = Order.of(address(TRADERS[taker]), subaccounts[taker], BTC, !makerBuys, size,
                    price, ++nonce, fx.now() + 10 * 24 * 3_600_000L, false, null);
                record(fx, commands, new SettleTrade(fx.tick(), BTC, makerOrder, takerOrder, size, price));
            }
            else if (action < 8)
            {
                btc = Math.max(1_000, btc * (80 + random.nextInt(41)) / 100);
                fx.advance(MINUTE);
                record(fx, commands, fx.priceRound(fx.tick(), BTC_ORACLE, btc * BTC_USD));
            }
            else if (action < 10)
            {
                final int fund = random.nextBoolean() ? InsuranceFunds.CROSS : BTC;
                record(fx, commands, random.nextBoolean() ?
                    new FundInsurance(fx.tick(), fund, 1 + random.nextInt(20_000_000)) :
                    new WithdrawInsurance(fx.tick(), fund, 1 + random.nextInt(5_000_000)));
            }
            else if (settlementTime == 0)
            {
                final long at = fx.tick();
                settlementTime = at + MarketSettlement.MIN_NOTICE_MS + random.nextInt(3) * MINUTE;
                assertThat(record(fx, commands, new SettleMarket(at, BTC, settlementTime))).isTrue();
            }
            else if (!market(fx).isSettled())
            {
                // Rounds through the TWAP window, perhaps one after the time (which fixes the price), then settle.
                fx.advance(Math.max(0, settlementTime - 35 * MINUTE - fx.now()));
                for (int round = 0; round < 3; round++)
                {
                    btc = Math.max(1_000, btc * (90 + random.nextInt(21)) / 100);
                    record(fx, commands, fx.priceRound(fx.tick(), BTC_ORACLE, btc * BTC_USD));
                    fx.advance(10 * MINUTE);
                }
                if (random.nextBoolean())
                {
                    fx.advance(Math.max(0, settlementTime - fx.now()) + MINUTE);
                    record(fx, commands, fx.priceRound(fx.tick(), BTC_ORACLE, btc * BTC_USD));
                }
                fx.advance(Math.max(0, settlementTime - fx.now()) + random.nextInt(20) * MINUTE);
                assertThat(record(fx, commands, new SettleMarket(fx.tick(), BTC, settlementTime)))
                    .as("settlement: %s", fx.lastRejection()).isTrue();
                assertThat(market(fx).openInterestBaseQuantums()).isZero();
                for (final String trader : TRADERS)
                {
                    final Account account = fx.engine.state().accounts().find(address(trader));
                    for (int s = 0; account != null && s < account.subaccountCount(); s++)
                    {
                        assertThat(account.subaccountAt(s).positionSizeIn(BTC)).isZero();
                    }
                }
            }
        }

        final Event.MarketSettled settled = fx.events.events().stream().filter(Event.MarketSettled.class::isInstance)
            .map(Event.MarketSettled.class::cast).findFirst().orElse(null);
        Statistics.label("settlement").collect(settled == null ? "none" : settled.toBadDebt() > 0 ? "bad debt" :
            settled.socialized() > 0 ? "socialized" : settled.deficits() > 0 ? "insured deficit" : "no deficit");
        Statistics.label("insurance withdrawals").collect(fx.events.events().stream().anyMatch(e ->
            e instanceof Event.InsuranceTreasuryMoved moved && moved.amount() < 0) ? "some" : "none");

        final byte[] root = fx.engine.stateRoot();
        final EngineFixture replay = new EngineFixture(SignatureMode.TRUSTED);
        for (final Command command : commands)
        {
            replay.engine.apply(command);
        }
        assertThat(replay.engine.stateRoot()).as("replay from genesis").isEqualTo(root);
        final ClearingEngine restored = SnapshotCodec.read(midway, fx.engine.config(), EventSink.NONE);
        for (int i = midwayAt; i < commands.size(); i++)
        {
            restored.apply(commands.get(i));
        }
        assertThat(restored.stateRoot()).as("replay from the snapshot").isEqualTo(root);
    }

    private static PerpetualMarket market(final EngineFixture fx)
    {
        return fx.engine.state().markets().perpetual(BTC);
    }

    private static boolean record(final EngineFixture fx, final List<Command> commands, final Command command)
    {
        commands.add(command);
        final boolean applied = fx.apply(command);
        assertThat(Conservation.holds(fx.engine.state())).as("conservation after " + command).isTrue();
        return applied;
    }
}
