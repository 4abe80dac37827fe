package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market makers' spread packages of the demo: their schedule, their legs (on the grid, at the index, opposite
 * sides), the turns the makers take and the signatures the node checks.
 */
class SpreadDeskTest
{
    private static final byte[] DOMAIN = Keccak256.hash("demo-domain".getBytes(StandardCharsets.UTF_8));
    private static final DemoMarket BTC = DemoMarket.btc();
    private static final DemoMarket ETH = DemoMarket.eth();

    @Test
    void shouldQuoteOnceEveryHalfHourFromTheWindowStart()
    {
        final SpreadDesk desk = new SpreadDesk(20 * 60 + 30);
        final List<Integer> due = new ArrayList<>();
        for (int minute = 0; minute < 24 * 60; minute++)
        {
            if (desk.due(minute))
            {
                due.add(minute);
            }
        }
        assertThat(due).startsWith(20 * 60 + 45, 21 * 60 + 15, 21 * 60 + 45).hasSize(7)
            .allSatisfy(minute -> assertThat((minute - 20 * 60 - 30) % SpreadDesk.EVERY_MINUTES)
                .isEqualTo(SpreadDesk.OFFSET_MINUTES));
        assertThat(new SpreadDesk(0).due(15)).isTrue();
        assertThat(new SpreadDesk(0).due(16)).isFalse();
    }

    @Test
    void shouldSignAPairPackageAtTheIndexThatTheOtherMakerAccepts()
    {
        final List<MarketMaker> makers = makers();
        final SpreadDesk desk = new SpreadDesk(0);
        final long[] index = {BTC.series().close(900), ETH.series().close(900)};
        final long time = DemoMarket.DAY_START + 900 * MinuteSeries.MINUTE_MS + 58_500;

        final SettleBlockTrade trade = desk.quote(makers, BTC, ETH, index, DOMAIN, time);

        assertThat(trade.time()).isEqualTo(time);
        assertThat(trade.maker().maker()).isEqualTo(makers.get(0).address());
        assertThat(trade.taker().taker()).isEqualTo(makers.get(1).address());
        assertThat(Address.of(Secp256k1.recoverAddress(trade.maker().digest(DOMAIN), trade.maker().signature())))
            .isEqualTo(makers.get(0).address());
        assertThat(Address.of(Secp256k1.recoverAddress(trade.taker().digest(DOMAIN), trade.taker().signature())))
            .isEqualTo(makers.get(1).address());
        assertThat(trade.taker().accepts(trade.maker().digest(DOMAIN))).isTrue();
        assertThat(trade.makerFee()).isEqualTo(SpreadDesk.FEE).isLessThanOrEqualTo(trade.maker().maxFee());
        assertThat(trade.takerFee()).isEqualTo(SpreadDesk.FEE).isLessThanOrEqualTo(trade.taker().maxFee());
        final List<BlockLeg> legs = trade.maker().legs();
        assertThat(legs).extracting(BlockLeg::instrument).containsExactly(BTC.id(), ETH.id());
        assertThat(legs.get(0).makerBuys()).isNotEqualTo(legs.get(1).makerBuys());
        final DemoMarket[] markets = {BTC, ETH};
        for (final BlockLeg leg : legs)
        {
            final DemoMarket market = markets[leg.instrument()];
            assertThat(leg.price() % market.tickSize()).isZero();
            assertThat(leg.size() % market.stepSize()).isZero();
            assertThat(Math.abs(leg.price() - index[leg.instrument()])).as("within a tick of the index")
                .isLessThan(market.tickSize());
            assertThat(market.notionalUsd(leg.size(), leg.price())).isBetween(SpreadDesk.LEG_NOTIONAL_USD * 0.99,
                SpreadDesk.LEG_NOTIONAL_USD * 1.01);
        }
        assertThat(desk.quotes()).hasSize(1);
        assertThat(desk.quotes().get(0).maker()).isEqualTo("market-maker-1");
        assertThat(desk.quotes().get(0).answered()).isFalse();
    }

    @Test
    void shouldSwapTheMakersSoThatEachPairOfPackagesNetsOutAndThenTurnTheDirection()
    {
        final List<MarketMaker> makers = makers();
        final SpreadDesk desk = new SpreadDesk(0);
        final long[] index = {BTC.series().close(600), ETH.series().close(600)};
        final List<SettleBlockTrade> trades = new ArrayList<>();
        for (int k = 0; k < 4; k++)
        {
            trades.add(desk.quote(makers, BTC, ETH, index, DOMAIN, DemoMarket.DAY_START + k));
        }
        final long[][] net = new long[2][2];
        for (final SettleBlockTrade trade : trades)
        {
            final int maker = trade.maker().maker().equals(makers.get(0).address()) ? 0 : 1;
            assertThat(trade.taker().taker()).isEqualTo(makers.get(1 - maker).address());
            for (final BlockLeg leg : trade.maker().legs())
            {
                final long signed = leg.makerBuys() ? leg.size() : -leg.size();
                net[maker][leg.instrument()] += signed;
                net[1 - maker][leg.instrument()] -= signed;
            }
        }
        assertThat(trades).extracting(t -> t.maker().maker()).containsExactly(makers.get(0).address(),
            makers.get(1).address(), makers.get(0).address(), makers.get(1).address());
        assertThat(trades).extracting(t -> t.maker().legs().get(0).makerBuys()).containsExactly(true, true, false,
            false);
        assertThat(net).as("at one index, every two packages leave both makers flat").isEqualTo(new long[2][2]);
        assertThat(trades.get(0).maker().digest(DOMAIN)).isNotEqualTo(trades.get(2).maker().digest(DOMAIN));
    }

    private static List<MarketMaker> makers()
    {
        return List.of(new MarketMaker("market-maker-1", 2, new double[] {3}, 20_000, 1_000_000),
            new MarketMaker("market-maker-2", 2, new double[] {5}, 20_000, 1_000_000));
    }
}
