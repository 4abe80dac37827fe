package io.novation.core.engine;

import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ETH_PERP;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ClearingEngine#prefetch} reads ahead and changes nothing: fills applied in batches whose rows were
 * prefetched first settle and refuse exactly as the same fills applied alone, to the same state root.
 */
class PrefetchTest
{
    private static final String[] TRADERS = {"alice", "bob", "carol", "dave", "erin"};

    @Test
    void shouldSettleBatchesWithPrefetchedRowsExactlyAsFillsAppliedAlone()
    {
        final List<Command> commands = commands();
        final EngineFixture alone = new EngineFixture();
        final EngineFixture batched = new EngineFixture();
        assertThat(batched.engine.stateRoot()).isEqualTo(alone.engine.stateRoot());

        final List<Boolean> aloneOutcomes = new ArrayList<>();
        for (final Command command : commands)
        {
            aloneOutcomes.add(alone.engine.apply(command));
        }
        final List<Boolean> batchedOutcomes = new ArrayList<>();
        long prefetched = 0;
        for (int from = 0; from < commands.size(); from += 8)
        {
            final int to = Math.min(commands.size(), from + 8);
            final byte[] rootBefore = batched.engine.stateRoot();
            for (int i = from; i < to; i++)
            {
                prefetched += batched.engine.prefetch(commands.get(i));
            }
            assertThat(batched.engine.stateRoot()).as("prefetching changes nothing").isEqualTo(rootBefore);
            for (int i = from; i < to; i++)
            {
                batchedOutcomes.add(batched.engine.apply(commands.get(i)));
            }
        }

        assertThat(batchedOutcomes).isEqualTo(aloneOutcomes);
        assertThat(aloneOutcomes).contains(true, false);
        assertThat(batched.engine.stateRoot()).isEqualTo(alone.engine.stateRoot());
        assertThat(prefetched).as("the fills' rows were read").isNotZero();
    }

    @Test
    void shouldIgnoreCommandsThatAreNotWellFormedFills()
    {
        final EngineFixture fx = new EngineFixture();
        assertThat(fx.depositUsdc("alice", 0, 1_000)).isTrue();
        final byte[] root = fx.engine.stateRoot();
        final Order order = fx.order("alice", 0, BTC, true, ONE_BTC / 100, 60_000 * BTC_USD, false);

        assertThat(fx.engine.prefetch(null)).isZero();
        assertThat(fx.engine.prefetch(new Deposit(fx.now(), address("alice"), 0, 0, USDC, 99))).isZero();
        assertThat(fx.engine.prefetch(new SettleTrade(fx.now(), BTC, order, null, ONE_BTC / 100, 60_000 * BTC_USD)))
            .isZero();
        assertThat(fx.engine.prefetch(new SettleTrade(fx.now(), BTC, order, order, ONE_BTC / 100, 60_000 * BTC_USD)))
            .as("a fill of one existing subaccount reads its rows").isNotZero();
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    /** Deposits for four of the five traders (the fifth has no account), then random fills, some refused. */
    private static List<Command> commands()
    {
        final EngineFixture builder = new EngineFixture();
        final List<Command> commands = new ArrayList<>();
        long depositId = 1_000;
        for (int i = 0; i < TRADERS.length - 1; i++)
        {
            commands.add(new Deposit(builder.tick(), address(TRADERS[i]), 0, 0, (5_000 + 20_000L * i) * USDC,
                ++depositId));
        }
        final SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 120; i++)
        {
            final String maker = TRADERS[random.nextInt(TRADERS.length)];
            final String taker = TRADERS[random.nextInt(TRADERS.length)];
            final int market = random.nextBoolean() ? BTC : ETH_PERP;
            final long size = market == BTC ? (1 + random.nextInt(40)) * (ONE_BTC / 100) :
                (1 + random.nextInt(40)) * 100_000_000L;
            final long price = market == BTC ? (59_000 + random.nextInt(2_000)) * BTC_USD :
                builder.engine.state().oracles().price(builder.engine.state().markets().perpetual(ETH_PERP)
                    .oracleId());
            final boolean makerBuys = random.nextBoolean();
            final Order makerOrder = builder.order(maker, 0, market, makerBuys, size, price, false);
            final Order takerOrder = builder.order(taker, 0, market, !makerBuys, size, price, false);
            commands.add(new SettleTrade(builder.tick(), market, makerOrder, takerOrder, size, price));
        }
        return commands;
    }
}
