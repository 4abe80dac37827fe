package io.novation.core.engine;

import io.novation.core.command.SettleExpiry;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.market.OptionSeries;
import io.novation.core.pricing.OptionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settleExpiry}: each position receives its intrinsic value at the 30-minute TWAP of the index ending at the
 * expiry's last whole minute; longs receive exactly what shorts pay up to rounding, which goes to the fee pool;
 * positions close; the price is fixed before later rounds enter the TWAP.
 */
class OptionExpiryTest
{
    private static final long MINUTE = 60_000L;

    private EngineFixture fx;
    private long expiry;
    private int call;
    private int put;

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture();
        // An expiry on a whole minute, as venues list them (Deribit: 08:00 UTC).
        expiry = (fx.now() + DAY_MS) / MINUTE * MINUTE;
        call = fx.createBtcOption("BTC-1D-60000-C", 60_000, expiry, OptionType.CALL);
        put = fx.createBtcOption("BTC-1D-55000-P", 55_000, expiry, OptionType.PUT);
        assertThat(fx.flatBtcSurface(0.6, expiry)).isTrue();
        for (final String name : new String[] {"alice", "bob", "carol"})
        {
            fx.depositUsdc(name, 0, 50_000);
        }
    }

    @Test
    void shouldPayIntrinsicValueAtTheTwapWithRoundingToTheFeePool()
    {
        // Alice sells 1.01 BTC of calls: 0.37 to Bob, 0.64 to Carol; she also sells 0.5 BTC of puts to Bob.
        assertThat(fx.tradeOption("alice", "bob", call, false, 37, 20_000)).isTrue();
        assertThat(fx.tradeOption("alice", "carol", call, false, 64, 20_000)).isTrue();
        assertThat(fx.tradeOption("alice", "bob", put, false, 50, 5_000)).isTrue();
        final long aliceBefore = fx.usdcBalance("alice", 0);
        final long bobBefore = fx.usdcBalance("bob", 0);
        final long carolBefore = fx.usdcBalance("carol", 0);
        final long feePoolBefore = fx.engine.state().feePool();

        // The index holds 60,000.12345 for the whole window: the call pays 0.12345 USD per BTC.
        fx.advance(expiry - 40 * MINUTE - fx.now());
        assertThat(fx.apply(fx.priceRound(fx.now(), BTC_ORACLE, 6_000_012_345L))).isTrue();
        fx.advance(expiry + 5 * MINUTE - fx.now());
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new SettleExpiry(expiry - 1, call))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.OPTION_NOT_EXPIRED);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        assertThat(fx.apply(new SettleExpiry(fx.tick(), call))).isTrue();

        // Bob: 0.37 · 0.12345 = 0.0456765 USD -> 45,676 quantums (down); Carol 0.64 · 0.12345 = 0.079008 exactly;
        // Alice pays 1.01 · 0.12345 = 0.1246845 -> 124,685 (up); the fee pool keeps the one quantum between.
        assertThat(fx.usdcBalance("bob", 0) - bobBefore).isEqualTo(45_676);
        assertThat(fx.usdcBalance("carol", 0) - carolBefore).isEqualTo(79_008);
        assertThat(fx.usdcBalance("alice", 0) - aliceBefore).isEqualTo(-124_685);
        assertThat(fx.engine.state().feePool() - feePoolBefore).isEqualTo(1);
        assertThat(fx.position("alice", 0, call)).isZero();
        assertThat(fx.position("bob", 0, call)).isZero();
        assertThat(fx.position("bob", 0, put)).isNotZero();
        final OptionSeries series = fx.engine.state().markets().option(call);
        assertThat(series.isSettled()).isTrue();
        assertThat(series.settlementPrice()).isEqualTo(6_000_012_345L);
        assertThat(series.openInterestBaseQuantums()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
        assertThat(fx.events.events()).contains(new Event.OptionSeriesSettled(fx.engine.state().sequence(), call,
            6_000_012_345L, 45_676 + 79_008, 124_685, 1));
        assertThat(fx.events.events()).contains(new Event.OptionSettled(fx.engine.state().sequence(),
            address("bob"), 0, call, 3_700, 45_676));

        // The put expired out of the money: it pays nothing, and every position closes.
        assertThat(fx.apply(new SettleExpiry(fx.tick(), put))).isTrue();
        assertThat(fx.position("alice", 0, put)).isZero();
        assertThat(fx.usdcBalance("bob", 0) - bobBefore).isEqualTo(45_676);
        assertThat(fx.engine.state().accounts().find(address("alice")).subaccount(0).positionCount()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldFixTheTwapAtExpiryBeforeLaterRoundsEnterIt()
    {
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 20_000)).isTrue();
        // 62,000 from 40 minutes before the expiry, 64,000 from 15 minutes before: the TWAP is 63,000.
        fx.advance(expiry - 40 * MINUTE - fx.now());
        assertThat(fx.apply(fx.priceRound(fx.now(), BTC_ORACLE, 62_000 * BTC_USD))).isTrue();
        fx.advance(expiry - 15 * MINUTE - fx.now());
        assertThat(fx.apply(fx.priceRound(fx.now(), BTC_ORACLE, 64_000 * BTC_USD))).isTrue();
        final long bobBefore = fx.usdcBalance("bob", 0);

        // After the expiry the index runs to 66,000 and on for an hour of rounds before anyone settles.
        fx.advance(expiry + MINUTE - fx.now());
        assertThat(fx.apply(fx.priceRound(fx.now(), BTC_ORACLE, 66_000 * BTC_USD))).isTrue();
        assertThat(fx.events.events()).contains(new Event.OptionSettlementFixed(fx.engine.state().sequence(), call,
            63_000 * BTC_USD));
        for (int minute = 0; minute < 60; minute++)
        {
            fx.advance(MINUTE);
            fx.apply(fx.priceRound(fx.now(), BTC_ORACLE, (66_000 + minute) * BTC_USD));
        }

        assertThat(fx.apply(new SettleExpiry(fx.tick(), call))).isTrue();

        assertThat(fx.usdcBalance("bob", 0) - bobBefore).isEqualTo(3_000 * USDC);
        assertThat(fx.engine.state().markets().option(call).settlementPrice()).isEqualTo(63_000 * BTC_USD);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRefuseEarlyRepeatedAndUnknownSettlementsWithTheRootUnchanged()
    {
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 20_000)).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new SettleExpiry(fx.tick(), call))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.OPTION_NOT_EXPIRED);
        assertThat(fx.apply(new SettleExpiry(fx.tick(), OptionSeries.FIRST_ID + 9))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_MARKET);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        fx.advance(expiry - fx.now());
        assertThat(fx.apply(new SettleExpiry(fx.now(), call))).isTrue();
        final byte[] settled = fx.engine.stateRoot();
        assertThat(fx.apply(new SettleExpiry(fx.tick(), call))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.OPTION_SETTLED);
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 20_000)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.OPTION_SETTLED);
        assertThat(fx.engine.stateRoot()).isEqualTo(settled);
    }

    @Test
    void shouldValueAnExpiredUnsettledPositionAtItsIntrinsicValue()
    {
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 20_000)).isTrue();
        fx.advance(expiry - 40 * MINUTE - fx.now());
        fx.apply(fx.priceRound(fx.now(), BTC_ORACLE, 61_000 * BTC_USD));
        fx.advance(45 * MINUTE);
        assertThat(fx.apply(fx.priceRound(fx.now(), BTC_ORACLE, 64_000 * BTC_USD))).isTrue();

        final var calculator = new io.novation.core.margin.MarginCalculator(fx.engine.state().markets(),
            fx.engine.state().oracles(), fx.engine.state().volSurfaces());
        final var margin = new io.novation.core.margin.OptionPositionMargin();
        assertThat(calculator.options().position(fx.engine.state().markets().option(call), 10_000, margin)).isTrue();
        // Fixed at 61,000 by the round at 64,000: the long is worth 1,000 USD whatever the index does now.
        assertThat(margin.value()).isEqualTo(1_000 * USDC);
        assertThat(List.of(margin.volatility())).containsExactly(0.0);
    }
}
