package io.novation.core.engine;

import io.novation.core.command.OraclePrice;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.event.Event;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the BTCUSD perpetual mark price of 2025-10-10 (data/README.md) through five honest publishers with a little
 * noise: four rounds a minute follow each 1-minute bar's path (open, then the extreme nearer the open, the other
 * extreme, the close). Every round must be accepted, no market may be held or halted, and the index must follow the
 * collapse to 102,497 at 21:20 UTC. Signatures are trusted here: the signed path is pinned by OracleNetworkTest.
 */
class OracleReplayTest
{
    private static final String[] PUBLISHERS = {"oracle-a", "oracle-b", "oracle-c", "oracle-d", "oracle-e"};
    private static final long FILE_LOW = 10_249_748_513L;
    private static final long ROUND_LATENCY_MS = 1_000;
    private static final long NOISE_BPS = 2;

    record Bar(long openTime, long open, long high, long low, long close)
    {
    }

    @Test
    void shouldFollowTheCrashOfOctoberTenthWithoutHoldingOrHaltingAnyRound() throws IOException
    {
        final List<Bar> bars = readBars("data/btcusd-perp-mark-1m-2025-10-10.csv");
        assertThat(bars).hasSize(1440);
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED, listing ->
        {
            assertThat(listing.apply(new RegisterOraclePublisher(listing.tick(), BTC_ORACLE, address("oracle-d"))))
                .isTrue();
            assertThat(listing.apply(new RegisterOraclePublisher(listing.tick(), BTC_ORACLE, address("oracle-e"))))
                .isTrue();
        });
        fx.events.clear();

        final Random noise = new Random(20251010);
        long acceptedLow = Long.MAX_VALUE;
        long acceptedHigh = 0;
        long lowAt = 0;
        int rounds = 0;
        for (final Bar bar : bars)
        {
            final boolean lowFirst = bar.close() >= bar.open();
            final long[] path = {bar.open(), lowFirst ? bar.low() : bar.high(), lowFirst ? bar.high() : bar.low(),
                bar.close()};
            for (int step = 0; step < path.length; step++)
            {
                final long observedAt = bar.openTime() + step * 15_000L;
                final long now = observedAt + ROUND_LATENCY_MS;
                final List<PriceReport> reports = new ArrayList<>();
                for (final String publisher : PUBLISHERS)
                {
                    final long jitter = noise.nextInt((int)(2 * NOISE_BPS + 1)) - NOISE_BPS;
                    final long price = path[step] + path[step] * jitter / 10_000;
                    reports.add(fx.report(publisher, BTC_ORACLE, price, observedAt + noise.nextInt(500)));
                }
                assertThat(fx.apply(new OraclePrice(now, BTC_ORACLE, reports)))
                    .as("round at %d", now).isTrue();
                rounds++;
                final long index = fx.engine.state().oracles().price(BTC_ORACLE);
                assertThat(fx.engine.state().oracles().updatedAt(BTC_ORACLE)).as("accepted at %d", now)
                    .isEqualTo(now);
                if (index < acceptedLow)
                {
                    acceptedLow = index;
                    lowAt = now;
                }
                acceptedHigh = Math.max(acceptedHigh, index);
            }
        }
        assertThat(rounds).isEqualTo(4 * 1440);
        // The silent ETH oracle turns its own market reduce-only and then halted; BTC-USD never changes status.
        assertThat(fx.events.events()).noneMatch(e -> e instanceof Event.OraclePriceHeld ||
            e instanceof Event.Rejected || e instanceof Event.OracleReportRejected ||
            e instanceof Event.MarketStatusChanged && ((Event.MarketStatusChanged)e).marketId() == EngineFixture.BTC);
        // The low was reached in the minute of 21:20 UTC and followed to within 0.5 %.
        assertThat(lowAt).isBetween(1_760_131_200_000L, 1_760_131_260_000L);
        assertThat(Math.abs(acceptedLow - FILE_LOW) * 1_000).isLessThanOrEqualTo(5 * FILE_LOW);
        // The 30-minute TWAP at the end of the day averages accepted prices.
        final long twap = fx.engine.state().oracles().twap(BTC_ORACLE, fx.engine.state().time());
        assertThat(twap).isBetween(acceptedLow, acceptedHigh);
    }

    private static List<Bar> readBars(final String resource) throws IOException
    {
        final List<Bar> bars = new ArrayList<>();
        try (InputStream in = OracleReplayTest.class.getClassLoader().getResourceAsStream(resource))
        {
            assertThat(in).as(resource).isNotNull();
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            assertThat(line).startsWith("open_time,open,high,low,close");
            while ((line = reader.readLine()) != null)
            {
                final String[] fields = line.split(",");
                bars.add(new Bar(Long.parseLong(fields[0]), priceUnits(fields[1]), priceUnits(fields[2]),
                    priceUnits(fields[3]), priceUnits(fields[4])));
            }
        }
        return bars;
    }

    private static long priceUnits(final String usd)
    {
        return new BigDecimal(usd).multiply(BigDecimal.valueOf(BTC_USD)).setScale(0, RoundingMode.HALF_EVEN)
            .longValueExact();
    }
}
