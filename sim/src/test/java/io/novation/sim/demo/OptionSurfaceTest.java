package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.pricing.SviArbitrageCheck;
import io.novation.core.surface.PublishedVolSurface;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The demo's BTC volatility surface over 2025-10-10: every publication passes the engine's arbitrage check, prices
 * OKX's 31-Oct 80,000 put at its mark volatility of the minute, and moves less than the deviation guard between two
 * publications.
 */
class OptionSurfaceTest
{
    private static final DemoMarket BTC = DemoMarket.btc();
    private static final ImpliedVolPath PATH = ImpliedVolPath.load(DemoMarket.DAY_START);
    private static final List<Long> EXPIRIES = OptionListing.expiries(OptionListing.forWindow(DemoMarket.DAY_START));
    private static final Address PUBLISHER = Address.of(new byte[20]);

    @Test
    void shouldPassTheEnginesArbitrageCheckEveryMinuteOfTheDay()
    {
        for (int minute = 0; minute < MinuteSeries.MINUTES; minute++)
        {
            final long publishedAt = publishedAt(minute);
            final double atm = atm(minute);
            for (final double share : new double[] {1, SurfaceRounds.FAULTY_VOL_SHARE})
            {
                final PublishedVolSurface surface = PublishedVolSurface.of(BTC.id(), publishedAt, PUBLISHER,
                    OptionSurface.slices(EXPIRIES, publishedAt, atm * share));
                assertThat(SviArbitrageCheck.defaults().firstViolation(surface.surface()))
                    .as("minute %d, volatility share %s", minute, share).isEmpty();
            }
        }
    }

    @Test
    void shouldPriceTheReferencePutAtOkxMarkVolatility()
    {
        assertThat(PATH.markIv(0)).isCloseTo(0.686, within(0.001));
        for (int minute = 0; minute < MinuteSeries.MINUTES; minute += 7)
        {
            final long publishedAt = publishedAt(minute);
            final OracleVolSurface.Slice month = monthSlice(publishedAt, atm(minute));
            final double index = BTC.usd(BTC.series().close(minute));
            assertThat(OptionSurface.volatility(month, publishedAt, OptionSurface.REFERENCE_STRIKE, index))
                .as("minute %d", minute).isCloseTo(PATH.markIv(minute), within(1e-6));
            assertThat(OptionSurface.volatility(month, publishedAt, index, index)).isCloseTo(atm(minute),
                within(1e-6));
        }
    }

    @Test
    void shouldMoveLessThanTheDeviationGuardBetweenTwoPublications()
    {
        double low = Double.MAX_VALUE;
        double high = 0;
        for (int minute = OptionDesk.SURFACE_EVERY_MINUTES; minute < MinuteSeries.MINUTES;
            minute += OptionDesk.SURFACE_EVERY_MINUTES)
        {
            final double before = atm(minute - OptionDesk.SURFACE_EVERY_MINUTES);
            final double after = atm(minute);
            // The engine holds a surface that moves a series' volatility by more than 25 % (protocol §14.2).
            assertThat(Math.abs(after - before) / before).as("minute %d", minute).isLessThan(0.25);
            low = Math.min(low, after);
            high = Math.max(high, after);
        }
        assertThat(low).isBetween(0.35, 0.5);
        assertThat(high).isBetween(0.5, 0.65);
    }

    private static OracleVolSurface.Slice monthSlice(final long publishedAt, final double atm)
    {
        for (final OracleVolSurface.Slice slice : OptionSurface.slices(EXPIRIES, publishedAt, atm))
        {
            if (slice.expiry() == OptionListing.MONTH_EXPIRY)
            {
                return slice;
            }
        }
        throw new AssertionError("no 31-Oct slice");
    }

    private static double atm(final int minute)
    {
        return OptionSurface.atmFor(PATH.markIv(minute), BTC.usd(BTC.series().close(minute)));
    }

    private static long publishedAt(final int minute)
    {
        return DemoMarket.DAY_START + minute * MinuteSeries.MINUTE_MS + OptionDesk.OFFSET_MS;
    }
}
