package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Liquidate;
import io.novation.core.event.Event;
import io.novation.core.crypto.Secp256k1;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keeper whose own subaccount holds the profitable opposite side may be a deleveraging counterparty of the
 * liquidation it sends: its offset and the part it takes over both move its one position, and every position stays
 * accounted for (the keeper's share was once moved from its size before the offset, losing the offset).
 */
class KeeperCounterpartyTest
{
    private final EngineFixture fx = new EngineFixture();

    @Test
    void shouldKeepPositionsZeroSumWhenTheKeeperHoldsTheProfitableOppositeSide()
    {
        // The keeper buys 0.4 BTC from bob at 60,000; alice 0.6 BTC at 71,000 (she is at a loss at 70,000).
        assertThat(fx.depositUsdc("bob", 0, 3_000)).isTrue();
        assertThat(fx.depositUsdc("keeper", 0, 500_000)).isTrue();
        assertThat(fx.depositUsdc("alice", 0, 50_000)).isTrue();
        assertThat(fx.tradeBtc("keeper", "bob", true, 4_000, 60_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 6_000, 71_000)).isTrue();
        // BTC at 70,000: bob, short 1 BTC, has lost 3,400 on 3,000 of collateral; the fund is empty. The keeper's
        // long is the only one in profit: it is deleveraged, and the keeper takes the rest over.
        fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 70_000 * BTC_USD));
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 70_000 * BTC_USD))).isTrue();
        assertThat(fx.engine.state().insuranceFund()).isZero();
        final Liquidate unsigned = new Liquidate(fx.tick(), address("keeper"), 0, address("bob"), 0, BTC, ONE_BTC, 1,
            null);

        assertThat(fx.apply(unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()),
            EngineFixture.key("keeper"))))).isTrue();

        // The keeper held +0.4, was deleveraged by 0.4 and took the other 0.6 over: −0.6; alice keeps her 0.6.
        assertThat(fx.position("keeper", 0, BTC)).isEqualTo(-6 * ONE_BTC / 10);
        assertThat(fx.position("alice", 0, BTC)).isEqualTo(6 * ONE_BTC / 10);
        assertThat(fx.position("bob", 0, BTC)).isZero();
        long sum = 0;
        long longs = 0;
        for (int a = 0; a < fx.engine.state().accounts().count(); a++)
        {
            final Account account = fx.engine.state().accounts().at(a);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                sum += subaccount.positionSizeIn(BTC);
                longs += Math.max(0, subaccount.positionSizeIn(BTC));
            }
        }
        assertThat(fx.events.events()).anyMatch(e -> e instanceof Event.Deleveraged d &&
            d.counterparty().equals(address("keeper")));
        assertThat(sum).isZero();
        assertThat(fx.engine.state().markets().perpetual(BTC).openInterestBaseQuantums()).isEqualTo(longs);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }
}
