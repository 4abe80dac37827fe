package io.novation.sim.demo;

import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Keccak256;
import io.novation.core.pricing.OptionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market makers' prices to the holders: the ask above the surface's mark and the bid below it by the half-spread,
 * on the 1 USD tick away from the holder; no quote before the first surface or once the series has expired; the
 * perpetual hedge five basis points through the index, its size in perpetual quantums.
 */
class OptionQuotesTest
{
    private static final byte[] DOMAIN = Keccak256.hash("demo-domain".getBytes(StandardCharsets.UTF_8));
    private static final int MINUTE = 20 * 60 + 40;
    private static final long AT = DemoMarket.DAY_START + MINUTE * MinuteSeries.MINUTE_MS;

    private final DemoMarket btc = DemoMarket.btc();
    private final ListedSeries series = new ListedSeries(AT);
    private final DeskClock clock = new DeskClock();
    private final SurfaceRounds surfaces = new SurfaceRounds(btc, new PublisherPanel(), series.expiries(), clock);
    private final OptionQuotes quotes = new OptionQuotes(btc, surfaces, clock);
    private final MarketMaker maker = new MarketMaker("market-maker-1", 1, new double[] {3}, 20_000, 1_000_000);
    private final Participant holder = new Participant("options-holder", 1);
    private final OptionListing put = series.find(OptionListing.MONTH_EXPIRY, 110_000, OptionType.PUT);
    private final long index = btc.series().close(MINUTE);

    @BeforeEach
    void setClock()
    {
        clock.set(AT);
    }

    @Test
    void shouldNotQuoteBeforeTheFirstSurface()
    {
        assertThat(quotes.option(maker, holder, put, true, OptionListing.STEP, index, DOMAIN)).isNull();
        assertThat(clock.now()).isEqualTo(AT);
    }

    @Test
    void shouldAskAboveTheMarkAndBidBelowItByTheHalfSpreadOnTheTick()
    {
        surfaces.round(MINUTE, DOMAIN);
        final double indexUsd = btc.usd(index);
        final double mark = surfaces.markUsd(put, indexUsd, clock.now());
        final double half = Math.max(mark * OptionQuotes.HALF_SPREAD, OptionQuotes.MIN_HALF_SPREAD_USD);

        final long ask = quotes.price(put, true, indexUsd, clock.now());
        final long bid = quotes.price(put, false, indexUsd, clock.now());
        assertThat(ask % OptionListing.TICK).isZero();
        assertThat(bid % OptionListing.TICK).isZero();
        assertThat((double)ask / OptionListing.TICK).isGreaterThanOrEqualTo(mark + half).isLessThan(mark + half + 1);
        assertThat((double)bid / OptionListing.TICK).isLessThanOrEqualTo(mark - half).isGreaterThan(mark - half - 1);

        final long time = clock.now();
        final SettleTrade trade = quotes.option(maker, holder, put, true, 2 * OptionListing.STEP, index, DOMAIN);
        assertThat(trade.time()).isEqualTo(time);
        assertThat(trade.marketId()).isEqualTo(put.seriesId());
        assertThat(trade.fillPrice()).isEqualTo(quotes.price(put, true, indexUsd, time));
        assertThat(trade.fillSize()).isEqualTo(2 * OptionListing.STEP);
        assertThat(trade.taker().isBuy()).isTrue();
        assertThat(trade.maker().isBuy()).isFalse();
        assertThat(clock.now()).isEqualTo(time + 1);
    }

    @Test
    void shouldNotQuoteASeriesThatHasExpired()
    {
        surfaces.round(MINUTE, DOMAIN);
        final OptionListing day = series.find(OptionListing.DAY_EXPIRY, 115_000, OptionType.PUT);
        assertThat(quotes.option(maker, holder, day, true, OptionListing.STEP, index, DOMAIN)).isNotNull();
        clock.set(OptionListing.DAY_EXPIRY);
        assertThat(quotes.option(maker, holder, day, true, OptionListing.STEP, index, DOMAIN)).isNull();
        assertThat(quotes.option(maker, holder, null, true, OptionListing.STEP, index, DOMAIN)).isNull();
    }

    @Test
    void shouldHedgeFiveBasisPointsThroughTheIndexInPerpetualQuantums()
    {
        final SettleTrade buy = quotes.perpetual(maker, holder, true, OptionListing.QUANTUMS_PER_BTC, index, DOMAIN);
        final SettleTrade sell = quotes.perpetual(maker, holder, false, OptionListing.QUANTUMS_PER_BTC, index,
            DOMAIN);

        assertThat(buy.marketId()).isEqualTo(btc.id());
        // One BTC of options is one BTC of the perpetual, in its own base quantums.
        final long oneBtc = java.math.BigInteger.TEN.pow(-btc.atomicResolution()).longValueExact();
        assertThat(buy.fillSize()).isEqualTo(sell.fillSize()).isEqualTo(oneBtc);
        assertThat(buy.fillPrice()).isEqualTo(btc.shifted(index, 0.0005, true)).isGreaterThan(index);
        assertThat(sell.fillPrice()).isEqualTo(btc.shifted(index, -0.0005, false)).isLessThan(index);
        assertThat(sell.time()).isEqualTo(buy.time() + 1);
    }
}
