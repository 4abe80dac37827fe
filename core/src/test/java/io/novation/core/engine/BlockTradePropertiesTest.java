package io.novation.core.engine;

import io.novation.core.account.Subaccount;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.Order;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.command.SettleTrade;
import io.novation.core.event.Event;
import io.novation.core.pricing.OptionType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ETH_PERP;
import static io.novation.core.engine.EngineFixture.ETH_USD;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.OPTION_STEP;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A block trade package is its legs applied one by one, in any order, when every leg passes: each party ends with the
 * same positions (size and cost basis), realized PnL and quote balance, the balance compared after adding back the
 * market fees {@code settleTrade} charges per fill (read from its {@code TradeSettled} events), since a package charges
 * the executor's fees (zero here) instead. A package with one leg spoiled (off its band or off its step) changes
 * nothing: the state root is unchanged.
 */
class BlockTradePropertiesTest
{
    /** One leg as generated: instrument index in the venue, maker's side, size in steps, price offset in per mille. */
    record LegSpec(int instrument, boolean makerBuys, int steps, int offsetPerMille)
    {
    }

    private static final class Venue
    {
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED);
        final int[] instruments = new int[5];
        private long nonce = 1;

        Venue()
        {
            final long expiry = fx.now() + 30 * DAY_MS;
            instruments[0] = BTC;
            instruments[1] = ETH_PERP;
            instruments[2] = fx.createBtcOption("C60", 60_000, expiry, OptionType.CALL);
            instruments[3] = fx.createBtcOption("C70", 70_000, expiry, OptionType.CALL);
            instruments[4] = fx.createBtcOption("P55", 55_000, expiry, OptionType.PUT);
            assertThat(fx.flatBtcSurface(0.5, expiry)).isTrue();
            fx.depositUsdc("maker", 0, 5_000_000);
            fx.depositUsdc("taker", 0, 5_000_000);
            // Existing positions, so that legs also reduce and flip.
            assertThat(fx.tradeBtc("maker", "taker", true, 5_000, 60_000)).isTrue();
            assertThat(fx.tradeOption("maker", "taker", instruments[2], false, 50, 20_000)).isTrue();
        }

        BlockLeg leg(final LegSpec spec)
        {
            final int id = instruments[spec.instrument()];
            final long step = fx.engine.state().markets().instrument(id).stepSize();
            final long tick = fx.engine.state().markets().instrument(id).tickSize();
            final long mark = id == BTC ? 60_000 * BTC_USD : id == ETH_PERP ? 3_000 * ETH_USD :
                new BlockTrades(fx).optionMark(id);
            final long price = Math.max(tick, (mark + mark * spec.offsetPerMille() / 1_000) / tick * tick);
            final long size = id == BTC ? spec.steps() * (ONE_BTC / 1_000) : id == ETH_PERP ?
                spec.steps() * step * 1_000 : spec.steps() * OPTION_STEP;
            return new BlockLeg(id, spec.makerBuys(), size, price);
        }

        SettleBlockTrade block(final List<BlockLeg> legs)
        {
            final BlockPackage offer = new BlockPackage(address("maker"), 0, legs, 0, nonce++, fx.now() + DAY_MS,
                null);
            final BlockAcceptance acceptance = new BlockAcceptance(address("taker"), 0,
                offer.digest(fx.engine.domainSeparator()), 0, nonce++, fx.now() + DAY_MS, null);
            return new SettleBlockTrade(fx.tick(), offer, acceptance, 0, 0, null, 0, 0);
        }

        SettleTrade fill(final BlockLeg leg)
        {
            final Order maker = Order.of(address("maker"), 0, leg.instrument(), leg.makerBuys(), leg.size(),
                leg.price(), nonce++, fx.now() + DAY_MS, false, null);
            final Order taker = Order.of(address("taker"), 0, leg.instrument(), !leg.makerBuys(), leg.size(),
                leg.price(), nonce++, fx.now() + DAY_MS, false, null);
            return new SettleTrade(fx.tick(), leg.instrument(), maker, taker, leg.size(), leg.price());
        }

        Subaccount subaccount(final String name)
        {
            return fx.engine.state().accounts().findSubaccount(address(name), 0);
        }
    }

    @Provide
    Arbitrary<List<LegSpec>> packages()
    {
        final Arbitrary<LegSpec> leg = Combinators.combine(Arbitraries.integers().between(0, 4),
            Arbitraries.of(true, false), Arbitraries.integers().between(1, 40),
            Arbitraries.integers().between(-40, 40)).as(LegSpec::new);
        return leg.list().ofMinSize(1).ofMaxSize(5).uniqueElements(LegSpec::instrument);
    }

    @Property(tries = 60)
    void shouldEqualItsLegsAppliedOneByOneInAnyOrder(@ForAll("packages") final List<LegSpec> specs,
        @ForAll final long shuffleSeed)
    {
        final Venue whole = new Venue();
        final Venue oneByOne = new Venue();
        final List<BlockLeg> legs = specs.stream().map(whole::leg).toList();

        assertThat(whole.fx.apply(whole.block(legs))).as("%s", whole.fx.lastRejection()).isTrue();

        final List<BlockLeg> shuffled = new ArrayList<>(legs);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        final int firstEvent = oneByOne.fx.events.events().size();
        for (final BlockLeg leg : shuffled)
        {
            assertThat(oneByOne.fx.apply(oneByOne.fill(leg))).as("%s", oneByOne.fx.lastRejection()).isTrue();
        }
        long makerFees = 0;
        long takerFees = 0;
        for (final Event event : oneByOne.fx.events.events().subList(firstEvent, oneByOne.fx.events.events().size()))
        {
            if (event instanceof Event.TradeSettled t)
            {
                makerFees += t.makerFee();
                takerFees += t.takerFee();
            }
        }

        for (final String party : List.of("maker", "taker"))
        {
            final Subaccount a = whole.subaccount(party);
            final Subaccount b = oneByOne.subaccount(party);
            assertThat(a.positionCount()).isEqualTo(b.positionCount());
            for (int i = 0; i < a.positionCount(); i++)
            {
                assertThat(a.positionMarket(i)).isEqualTo(b.positionMarket(i));
                assertThat(a.positionSize(i)).isEqualTo(b.positionSize(i));
                assertThat(a.positionCostBasis(i)).isEqualTo(b.positionCostBasis(i));
            }
            assertThat(a.realizedPnl()).isEqualTo(b.realizedPnl());
            final long fees = party.equals("maker") ? makerFees : takerFees;
            assertThat(a.balance(0)).isEqualTo(b.balance(0) + fees);
        }
        for (final int id : whole.instruments)
        {
            assertThat(whole.fx.engine.state().markets().instrument(id).openInterestBaseQuantums())
                .isEqualTo(oneByOne.fx.engine.state().markets().instrument(id).openInterestBaseQuantums());
        }
        assertThat(Conservation.holds(whole.fx.engine.state())).isTrue();
    }

    @Property(tries = 40)
    void shouldChangeNothingWhenOneLegFails(@ForAll("packages") final List<LegSpec> specs,
        @ForAll final int spoiledSeed, @ForAll final boolean offBand)
    {
        final Venue venue = new Venue();
        final List<BlockLeg> legs = new ArrayList<>(specs.stream().map(venue::leg).toList());
        final int spoiled = Math.floorMod(spoiledSeed, legs.size());
        final BlockLeg leg = legs.get(spoiled);
        legs.set(spoiled, offBand ? new BlockLeg(leg.instrument(), leg.makerBuys(), leg.size(), leg.price() * 3) :
            new BlockLeg(leg.instrument(), leg.makerBuys(), leg.size() + 1, leg.price()));
        final byte[] root = venue.fx.engine.stateRoot();

        assertThat(venue.fx.apply(venue.block(legs))).isFalse();
        assertThat(venue.fx.lastRejection().message()).startsWith("leg " + spoiled + ": ");
        assertThat(venue.fx.engine.stateRoot()).isEqualTo(root);
    }
}
