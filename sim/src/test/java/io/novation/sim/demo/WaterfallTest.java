package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.Liquidate;
import io.novation.core.event.Event;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waterfall's count of auto-deleveraging from crafted replays: the deleveraged amount comes from the
 * counterparties' balances and positions before and after the liquidation, and a counterparty whose balance or
 * position disagrees with its {@code Deleveraged} events fails the audit and breaks the waterfall's reconciliation.
 */
class WaterfallTest
{
    private static final int AVAX = 0;
    private static final long PRICE = 10;
    private static final Address KEEPER = Address.parse("0x00000000000000000000000000000000000000aa");
    private static final Address TARGET = Address.parse("0x00000000000000000000000000000000000000bb");
    private static final Address SHORT = Address.parse("0x00000000000000000000000000000000000000cc");
    private static final Waterfall.Key COUNTERPARTY = new Waterfall.Key(SHORT, 128);

    /** A ledger of fixed holdings and funds; a part is worth {@link #PRICE} quote quantums a base quantum. */
    private record Fixed(Map<Waterfall.Key, Waterfall.Holding> holdings, long isolatedFund) implements Waterfall.Ledger
    {
        @Override
        public Waterfall.Holding holding(final Waterfall.Key key, final int marketId)
        {
            return holdings.getOrDefault(key, new Waterfall.Holding(0, 0));
        }

        @Override
        public long valueAtOracle(final int marketId, final long size)
        {
            return size * PRICE;
        }

        @Override
        public long insuranceFund(final int marketId, final boolean isolated)
        {
            return isolated ? isolatedFund : -1;
        }
    }

    @Test
    void shouldCountTheDeleveragedAmountFromTheCounterpartysBalanceAndPosition()
    {
        // A long of 100 deleveraged against a short at 1,300 against 1,000 at the oracle; the short's funding of 50
        // is settled in the same command.
        final Waterfall waterfall = replay(5_000 - 1_300 + 50);

        assertThat(waterfall.failures()).isEmpty();
        final Waterfall.Steps avax = waterfall.steps(AVAX);
        assertThat(avax.deficitAmount).isEqualTo(300);
        assertThat(avax.deleveragedAmount).isEqualTo(300);
        assertThat(avax.fundPaid + avax.deleveragedAmount + avax.socialized).isEqualTo(avax.deficitAmount);
        assertThat(waterfall.counterpartyChecks()).isEqualTo(1);
        // The fund before the liquidate command, not after its payouts.
        assertThat(avax.fundBeforeDeleveraging).isEqualTo(800);
    }

    @Test
    void shouldFailWhenTheCounterpartysBalanceDisagreesWithItsDeleveragedEvent()
    {
        // The short's balance fell by 1,200 only, while its event says it paid 1,300.
        final Waterfall waterfall = replay(5_000 - 1_200 + 50);

        assertThat(waterfall.failures()).singleElement().asString().contains("paid 1200", "1300 for 100");
        final Waterfall.Steps avax = waterfall.steps(AVAX);
        assertThat(avax.deficitAmount).isEqualTo(300);
        assertThat(avax.deleveragedAmount).isEqualTo(200);
        assertThat(avax.fundPaid + avax.deleveragedAmount + avax.socialized).isNotEqualTo(avax.deficitAmount);
    }

    @Test
    void shouldCountAKeeperDeleveragedAgainstFromItsEventsWithoutFailingOnItsOwnFill()
    {
        // The keeper is short 100 and is the deleveraged counterparty for 50 (1,300 for 50, 500 at the oracle:
        // 800 absorbed) while its own fill takes the other 50 at 400, 100 below the oracle: its balance and
        // position move for both, and its own fill must count neither as deleveraged nor as a failure.
        final Waterfall waterfall = new Waterfall(DemoMarket.select(List.of("AVAX")));
        final Waterfall.Key keeper = new Waterfall.Key(KEEPER, 0);
        final Fixed before = new Fixed(Map.of(keeper, new Waterfall.Holding(5_000, -100)), 0);
        final Fixed after = new Fixed(Map.of(keeper, new Waterfall.Holding(5_000 - 1_300 - 400, 0)), 0);
        waterfall.beforeCommand(1_000, before, new Liquidate(1_000, KEEPER, 0, TARGET, 128, AVAX, 100, 1, null),
            before);
        waterfall.onEvent(new Event.Deleveraged(7, TARGET, 128, KEEPER, 0, AVAX, -50, 1_300), after);
        waterfall.end(after);

        assertThat(waterfall.failures()).isEmpty();
        final Waterfall.Steps avax = waterfall.steps(AVAX);
        assertThat(avax.deficitAmount).isEqualTo(800);
        assertThat(avax.deleveragedAmount).isEqualTo(800);
        assertThat(waterfall.counterpartyChecks()).isZero();
    }

    private static Waterfall replay(final long counterpartyBalanceAfter)
    {
        final Waterfall waterfall = new Waterfall(DemoMarket.select(List.of("AVAX")));
        final Fixed before = new Fixed(Map.of(COUNTERPARTY, new Waterfall.Holding(5_000, -100)), 800);
        final Fixed after = new Fixed(Map.of(COUNTERPARTY, new Waterfall.Holding(counterpartyBalanceAfter, 0)), 0);
        waterfall.beforeCommand(1_000, before, new Liquidate(1_000, KEEPER, 0, TARGET, 128, AVAX, 100, 1, null),
            before);
        waterfall.onEvent(new Event.FundingPaid(7, SHORT, 128, AVAX, 50, 0), after);
        waterfall.onEvent(new Event.Deleveraged(7, TARGET, 128, SHORT, 128, AVAX, -100, 1_300), after);
        waterfall.end(after);
        return waterfall;
    }
}
