package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.crypto.Keccak256;
import io.novation.core.pricing.OptionType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The surface rounds on their own: who signs each round, how the desk's clock times the submissions, and the marks
 * before and after the first round.
 */
class SurfaceRoundsTest
{
    private static final byte[] DOMAIN = Keccak256.hash("demo-domain".getBytes(StandardCharsets.UTF_8));
    private static final int HONEST_MINUTE = 20 * 60 + 40;
    private static final int LYING_MINUTE = 19 * 60 + 10;
    private static final long WINDOW_START = DemoMarket.DAY_START + (20 * 60 + 30) * MinuteSeries.MINUTE_MS;

    private final PublisherPanel publishers = new PublisherPanel();
    private final DemoMarket btc = DemoMarket.btc();
    private final ListedSeries series = new ListedSeries(WINDOW_START);
    private final DeskClock clock = new DeskClock();
    private final SurfaceRounds rounds = new SurfaceRounds(btc, publishers, series.expiries(), clock);

    @Test
    void shouldRotateTheHonestQuorumSoEveryHonestPublisherSignsAlike()
    {
        final Map<Address, Integer> signed = new HashMap<>();
        Address previousFirst = null;
        clock.set(WINDOW_START);
        for (int round = 0; round < 4; round++)
        {
            final List<OracleVolSurface> submissions = rounds.round(HONEST_MINUTE + round * 10, DOMAIN);
            assertThat(submissions).hasSize(SurfaceRounds.SIGNERS).extracting(OracleVolSurface::publisher)
                .doesNotHaveDuplicates().doesNotContain(publishers.faulty());
            assertThat(submissions.get(0).publisher()).isNotEqualTo(previousFirst);
            previousFirst = submissions.get(0).publisher();
            submissions.forEach(s -> signed.merge(s.publisher(), 1, Integer::sum));
        }
        assertThat(signed).hasSize(publishers.addresses().size() - 1).allSatisfy((publisher, count) ->
            assertThat(count).isEqualTo(3));
        assertThat(rounds.publications()).hasSize(4).noneMatch(SurfaceRounds.Publication::faultyLied);
    }

    @Test
    void shouldTimeEverySubmissionOneMillisecondAfterTheLastWithTheRoundsFirstTimeAsPublishedAt()
    {
        final long start = DemoMarket.DAY_START + LYING_MINUTE * MinuteSeries.MINUTE_MS + OptionDesk.OFFSET_MS;
        clock.set(start);
        final List<OracleVolSurface> lying = rounds.round(LYING_MINUTE, DOMAIN);

        assertThat(lying).hasSize(SurfaceRounds.SIGNERS + 1);
        for (int i = 0; i < lying.size(); i++)
        {
            assertThat(lying.get(i).time()).isEqualTo(start + i);
            assertThat(lying.get(i).publishedAt()).isEqualTo(start);
        }
        assertThat(clock.now()).isEqualTo(start + lying.size());
        assertThat(rounds.publications()).singleElement()
            .satisfies(p -> assertThat(p.faultyLied()).isTrue())
            .satisfies(p -> assertThat(p.publishedAt()).isEqualTo(start));
    }

    @Test
    void shouldMarkAtIntrinsicValueUntilTheFirstRoundThenAboveIt()
    {
        final OptionListing put = series.find(OptionListing.MONTH_EXPIRY, 110_000, OptionType.PUT);
        final double indexUsd = 112_000;
        final long at = DemoMarket.DAY_START + HONEST_MINUTE * MinuteSeries.MINUTE_MS;

        assertThat(rounds.published()).isFalse();
        assertThat(rounds.markUsd(put, indexUsd, at)).isZero();
        assertThat(rounds.markUsd(put, 100_000, at)).isCloseTo(10_000, within(1e-9));

        clock.set(at);
        rounds.round(HONEST_MINUTE, DOMAIN);
        assertThat(rounds.published()).isTrue();
        final double mark = rounds.markUsd(put, indexUsd, at);
        assertThat(mark).isGreaterThan(0);
        // A put's delta lies between -1 and 0, a call's between 0 and 1.
        assertThat(rounds.delta(put, indexUsd, at)).isBetween(-1.0, 0.0);
        final OptionListing call = series.find(OptionListing.MONTH_EXPIRY, 120_000, OptionType.CALL);
        assertThat(rounds.delta(call, indexUsd, at)).isBetween(0.0, 1.0);
    }
}
