package io.novation.core.engine;

import io.novation.core.command.FundingTick;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.oracle.OracleParameters;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays Deribit's hourly BTC-PERPETUAL funding of 2019-04-30 to 2021-02-25 (16,008 hours) through a market that
 * takes its rate from the matching engine: each hour the index is published and the hour's funding is fed as an
 * 8-hour rate (the hourly rate × 8, rounded to ppb). A 1 BTC long and a 1 BTC short hold throughout. The long's
 * total must equal an independent sum of rate × index × elapsed over the file within the rounding bound, and the
 * short must receive exactly what the long pays.
 */
class DeribitFundingReplayTest
{
    private static final String DATA = "/data/funding/deribit-btc-perpetual-funding-1h-2019-2021.csv";
    private static final long HOUR = 3_600_000L;
    private static final BigDecimal QUANTUMS_PER_USD = BigDecimal.valueOf(USDC);

    record Hour(long timestamp, BigDecimal index, BigDecimal rate1h)
    {
    }

    @Test
    void shouldPayTheLongsFundingToTheShortExactlyAndMatchAnIndependentSum() throws IOException
    {
        final List<Hour> hours = load();
        assertThat(hours).hasSize(16_008);

        final OracleParameters defaults = OracleParameters.DEFAULTS;
        // Hourly index prints move more than the 10 % deviation guard seven times in the file: accept them (set at
        // listing, before the oracle's first price).
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED, listing -> assertThat(listing.apply(
            new SetOracleParameters(listing.tick(), BTC_ORACLE, new OracleParameters(defaults.quorum(),
                defaults.freshnessWindowMs(), defaults.maxFutureSkewMs(), defaults.heartbeatMs(),
                defaults.haltAfterMs(), defaults.deviationThresholdPpm(), defaults.quorum(),
                defaults.staleBandBasePpm(), defaults.staleBandPpmPerMinute(), defaults.staleBandMaxPpm()))))
            .isTrue());
        assertThat(fx.apply(new SetFundingParameters(fx.tick(), BTC,
            FundingParameters.defaults().withMode(FundingMode.EXTERNAL_RATE)))).isTrue();
        assertThat(fx.depositUsdc("long", 0, 1_000_000)).isTrue();
        assertThat(fx.depositUsdc("short", 0, 1_000_000)).isTrue();
        assertThat(fx.tradeBtc("long", "short", true, 10_000, 60_000)).isTrue();
        fx.engine.eventSink(EventSink.NONE);

        // Shift the file, whole hours at a time, to after the fixture's genesis, keeping hour alignment.
        final long shift = (Math.floorDiv(fx.now(), HOUR) + 2) * HOUR - hours.get(0).timestamp() + HOUR;
        long lastTick = fx.engine.state().markets().perpetual(BTC).funding().lastTickTime();
        BigDecimal reference = BigDecimal.ZERO;
        BigDecimal bound = BigDecimal.ZERO;
        for (final Hour hour : hours)
        {
            final long time = hour.timestamp() + shift;
            final long price = hour.index().multiply(BigDecimal.valueOf(BTC_USD)).longValueExact();
            assertThat(fx.apply(fx.priceRound(time, BTC_ORACLE, price))).isTrue();
            final BigDecimal rate8h = hour.rate1h().multiply(BigDecimal.valueOf(8));
            final long rate8hPpb = rate8h.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            assertThat(fx.apply(FundingTick.withRate(time, BTC, rate8hPpb))).isTrue();

            // Independent: what 1 BTC pays over the elapsed time at the exact rate and the index, in quantums.
            final BigDecimal elapsedPeriods = BigDecimal.valueOf(time - lastTick)
                .divide(BigDecimal.valueOf(FundingParameters.RATE_PERIOD_MS), 20, RoundingMode.HALF_EVEN);
            reference = reference.add(rate8h.multiply(elapsedPeriods).multiply(hour.index())
                .multiply(QUANTUMS_PER_USD));
            // Bound per tick: the rate rounded to ppb (half a ppb of the index over the time) and the index
            // delta truncated to a billionth of a quantum per base quantum (1e10 of them in 1 BTC: 10 quantums).
            bound = bound.add(new BigDecimal("0.0000000005").multiply(elapsedPeriods).multiply(hour.index())
                .multiply(QUANTUMS_PER_USD)).add(BigDecimal.valueOf(10 + 1));
            lastTick = time;
        }

        final io.novation.core.event.EventLog events = new io.novation.core.event.EventLog();
        fx.engine.eventSink(events);
        assertThat(fx.position("long", 0, BTC)).isEqualTo(ONE_BTC);
        // Close both positions against each other at the last index: the trade settles their funding.
        final long lastPrice = hours.get(hours.size() - 1).index().longValue();
        fx.apply(fx.priceRound(fx.engine.state().time() + 1, BTC_ORACLE, lastPrice * BTC_USD));
        fx.advance(fx.engine.state().time() + 2 - fx.now());
        assertThat(fx.tradeBtc("long", "short", false, 10_000, lastPrice)).isTrue();

        final long longPaid = -paid(events, "long");
        final long shortReceived = paid(events, "short");
        System.out.printf("Deribit BTC-PERPETUAL replay: %d hours; the long paid %s USDC, the short received %s; "
            + "independent sum %s; bound %s%n", hours.size(), usd(longPaid), usd(shortReceived),
            reference.divide(QUANTUMS_PER_USD, 6, RoundingMode.HALF_EVEN),
            bound.divide(QUANTUMS_PER_USD, 6, RoundingMode.HALF_EVEN));
        assertThat(shortReceived).isEqualTo(longPaid);
        assertThat(BigDecimal.valueOf(longPaid).subtract(reference).abs()).isLessThanOrEqualTo(bound);
        assertThat(fx.engine.state().markets().perpetual(BTC).funding().ledger()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    private static long paid(final io.novation.core.event.EventLog events, final String name)
    {
        return events.events().stream()
            .filter(e -> e instanceof Event.FundingPaid p && p.owner().equals(address(name)))
            .mapToLong(e -> ((Event.FundingPaid)e).amount()).sum();
    }

    private static String usd(final long quantums)
    {
        return BigDecimal.valueOf(quantums).movePointLeft(6).toPlainString();
    }

    private static List<Hour> load() throws IOException
    {
        final List<Hour> hours = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            Objects.requireNonNull(DeribitFundingReplayTest.class.getResourceAsStream(DATA)), StandardCharsets.UTF_8)))
        {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null)
            {
                final String[] cells = line.split(",");
                hours.add(new Hour(Long.parseLong(cells[1]), new BigDecimal(cells[5]), new BigDecimal(cells[4])));
            }
        }
        // Three rows of 2019-10-27 are out of order in the file; funding is applied in time order.
        hours.sort(Comparator.comparingLong(Hour::timestamp));
        return hours;
    }
}
