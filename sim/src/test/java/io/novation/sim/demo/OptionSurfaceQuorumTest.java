package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The surface rounds ({@link SurfaceRounds}) through the engine (signatures verified): three honest publishers
 * co-sign one surface, which takes effect at the quorum; while the faulty publisher lies about prices its own surface
 * is a lone candidate that never takes effect.
 */
class OptionSurfaceQuorumTest
{
    private static final int LYING_MINUTE = 19 * 60 + 10;
    private static final int HONEST_MINUTE = 20 * 60 + 40;

    @Test
    void shouldLetTheHonestQuorumSetTheSurfaceAndLeaveTheFaultyOneOutvoted()
    {
        final PublisherPanel publishers = new PublisherPanel();
        final DemoMarket btc = DemoMarket.btc();
        final EventLog events = new EventLog();
        final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), events);
        final byte[] domain = engine.domainSeparator();
        final DeskClock clock = new DeskClock();
        final List<Long> expiries = new ListedSeries(DemoMarket.DAY_START).expiries();
        final SurfaceRounds rounds = new SurfaceRounds(btc, publishers, expiries, clock);
        long time = DemoMarket.DAY_START + LYING_MINUTE * MinuteSeries.MINUTE_MS;
        assertThat(engine.apply(btc.definition(time++))).isTrue();
        for (final Address publisher : publishers.addresses())
        {
            assertThat(engine.apply(new RegisterOraclePublisher(time++, btc.id(), publisher))).isTrue();
        }
        assertThat(engine.apply(publishers.honestRound(btc, btc.series().close(LYING_MINUTE), time++, domain)))
            .isTrue();

        clock.set(time + 1_000);
        final List<OracleVolSurface> lying = rounds.round(LYING_MINUTE, domain);
        assertThat(lying).hasSize(4);
        assertThat(lying.get(0).publisher()).isEqualTo(publishers.faulty());
        assertThat(lying.get(0).slices()).isNotEqualTo(lying.get(1).slices());
        assertThat(lying.subList(1, 4)).extracting(OracleVolSurface::publisher).doesNotHaveDuplicates()
            .doesNotContain(publishers.faulty());
        events.clear();
        for (final OracleVolSurface submission : lying)
        {
            assertThat(engine.apply(submission)).as("%s", submission.publisher()).isTrue();
        }
        final List<Event> round = events.events();
        assertThat(round).filteredOn(Event.VolSurfaceUpdated.class::isInstance).singleElement()
            .satisfies(e -> assertThat(((Event.VolSurfaceUpdated)e).publisher()).isEqualTo(lying.get(1).publisher()));
        assertThat(round).filteredOn(Event.VolSurfaceSubmitted.class::isInstance)
            .extracting(e -> ((Event.VolSurfaceSubmitted)e).signers()).containsExactly(1, 1, 2);

        clock.set(DemoMarket.DAY_START + HONEST_MINUTE * MinuteSeries.MINUTE_MS);
        assertThat(engine.apply(publishers.honestRound(btc, btc.series().close(HONEST_MINUTE),
            DemoMarket.DAY_START + HONEST_MINUTE * MinuteSeries.MINUTE_MS - 1, domain))).isTrue();
        final List<OracleVolSurface> honest = rounds.round(HONEST_MINUTE, domain);
        assertThat(honest).hasSize(3).extracting(OracleVolSurface::publisher).doesNotContain(publishers.faulty());
        events.clear();
        honest.forEach(engine::apply);
        assertThat(events.events()).filteredOn(Event.VolSurfaceUpdated.class::isInstance).hasSize(1);
    }
}
