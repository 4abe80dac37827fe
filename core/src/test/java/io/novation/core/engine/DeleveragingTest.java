package io.novation.core.engine;

import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.event.EventSink;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.PerpetualMarket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import io.novation.core.liquidation.BankruptcyPrice;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleveraging against dYdX v4's {@code TestProcessDeleveraging} ({@code x/clob/keeper/deleveraging_test.go}): Carl
 * is short 1 BTC at $50,000 with a 10 % maintenance fraction and USDC that puts his net collateral at 4,999, 0 or −1;
 * Dave is long 1 BTC with USDC from +50,000 down to −50,001. Both close at Carl's bankruptcy price, unless Dave would
 * end with negative net collateral. Balances are set directly, as dYdX's test does; atomic resolutions are dYdX's
 * (BTC −8, ETH −9).
 */
class DeleveragingTest
{
    private static final long USD = 1_000_000L;
    private static final long ONE_BTC = 100_000_000L;
    private static final long ONE_ETH = 1_000_000_000L;

    private final ClearingEngine engine = new ClearingEngine(
        EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
    private final MarginCalculator margin = new MarginCalculator(engine.state().markets(), engine.state().oracles());
    private final Deleveraging deleveraging = new Deleveraging(engine.state(), margin);

    DeleveragingTest()
    {
        final LiquidityTier tier = new LiquidityTier(0, "20/10", 200_000, 500_000, 0, 0, 0);
        engine.apply(new CreatePerpetual(1, 0, "BTC-USD", "BTC-USD", -5, -8, 1, 1, tier, 0, 0, MarketStatus.ACTIVE));
        engine.apply(new CreatePerpetual(1, 1, "ETH-USD", "ETH-USD", -6, -9, 1, 1, tier, 0, 0, MarketStatus.ACTIVE));
        final List<PriceReport> btc = new ArrayList<>();
        final List<PriceReport> eth = new ArrayList<>();
        for (int p = 0; p < 3; p++)
        {
            final Address publisher = address(97 + p);
            engine.apply(new RegisterOraclePublisher(1, 0, publisher));
            engine.apply(new RegisterOraclePublisher(1, 1, publisher));
            btc.add(new PriceReport(0, 50_000L * 100_000, 2, publisher, null));
            eth.add(new PriceReport(1, 3_000L * 1_000_000, 2, publisher, null));
        }
        assertThat(engine.apply(new OraclePrice(2, 0, btc))).isTrue();
        assertThat(engine.apply(new OraclePrice(2, 1, eth))).isTrue();
    }

    private static Address address(final int n)
    {
        final byte[] bytes = new byte[Address.LENGTH];
        bytes[19] = (byte)n;
        return Address.of(bytes);
    }

    private Subaccount subaccount(final int n, final long usdc)
    {
        final Subaccount subaccount = engine.state().accounts().findOrCreate(address(n)).subaccountOrCreate(0);
        subaccount.addBalance(0, usdc);
        return subaccount;
    }

    private long bankruptcy(final Subaccount target, final PerpetualMarket market, final long size)
    {
        final MarginFigures figures = new MarginFigures();
        margin.compute(target, figures);
        final long position = target.positionSizeIn(market.id());
        return BankruptcyPrice.quote(margin, figures, market, position, position - Long.signum(position) * size);
    }

    @ParameterizedTest(name = "Carl TNC {0}, Dave USDC {1}")
    @CsvSource({
        // Carl's USDC beyond his short's 50,000 is his TNC; Dave's USDC; Dave's USDC after, or "refused"
        "4999, 50000, 104999",
        "4999, -45001, 9998",
        "4999, -50000, 4999",
        "4999, -50001, 4998",
        "0, 50000, 100000",
        "0, -45001, 4999",
        "0, -50000, 0",
        "0, -50001, refused",
        "-1, 50000, 99999",
        "-1, -45001, 4998",
        "-1, -50000, refused",
        "-1, -50001, refused",
    })
    void shouldCloseBothAtTheBankruptcyPriceUnlessTheOffsetWouldLeaveTheCounterpartyNegative(
        final long carlTnc, final long daveUsdc, final String expected)
    {
        final PerpetualMarket btc = engine.state().markets().perpetual(0);
        final Subaccount carl = subaccount(1, (50_000 + carlTnc) * USD);
        carl.setPosition(0, -ONE_BTC, -50_000 * USD, 0);
        final Subaccount dave = subaccount(2, daveUsdc * USD);
        dave.setPosition(0, ONE_BTC, 40_000 * USD, 0);
        final long bankruptcy = bankruptcy(carl, btc, ONE_BTC);
        assertThat(bankruptcy).isEqualTo(-(50_000 + carlTnc) * USD);

        final List<Deleveraging.Offset> offsets = new ArrayList<>();
        final long remaining = deleveraging.plan(carl, btc, -ONE_BTC, ONE_BTC, bankruptcy, offsets);

        if ("refused".equals(expected))
        {
            assertThat(offsets).isEmpty();
            assertThat(remaining).isEqualTo(ONE_BTC);
        }
        else
        {
            assertThat(remaining).isZero();
            assertThat(offsets).containsExactly(new Deleveraging.Offset(dave, ONE_BTC, bankruptcy));
            assertThat(daveUsdc * USD - offsets.get(0).targetQuote()).isEqualTo(Long.parseLong(expected) * USD);
        }
    }

    @Test
    void shouldDeleverageAPartOfThePosition()
    {
        final PerpetualMarket btc = engine.state().markets().perpetual(0);
        final Subaccount carl = subaccount(1, 54_999 * USD);
        carl.setPosition(0, -ONE_BTC, -50_000 * USD, 0);
        final Subaccount dave = subaccount(2, 50_000 * USD);
        dave.setPosition(0, ONE_BTC, 40_000 * USD, 0);
        final long tenth = ONE_BTC / 10;

        final List<Deleveraging.Offset> offsets = new ArrayList<>();
        deleveraging.plan(carl, btc, -ONE_BTC, tenth, bankruptcy(carl, btc, tenth), offsets);

        // dYdX: the bankruptcy price of 0.1 BTC is $5,499.9; Carl ends with 54,999 − 5,499.9 USDC and −0.9 BTC.
        assertThat(offsets).containsExactly(new Deleveraging.Offset(dave, tenth, -5_499_900_000L));
    }

    @Test
    void shouldDeleverageOnePositionOfSeveral()
    {
        final PerpetualMarket btc = engine.state().markets().perpetual(0);
        final Subaccount carl = subaccount(1, 80_800 * USD);
        carl.setPosition(0, -ONE_BTC, -50_000 * USD, 0);
        carl.setPosition(1, -10 * ONE_ETH, -30_000 * USD, 0);
        final Subaccount dave = subaccount(2, 50_000 * USD);
        dave.setPosition(0, ONE_BTC, 40_000 * USD, 0);

        final List<Deleveraging.Offset> offsets = new ArrayList<>();
        deleveraging.plan(carl, btc, -ONE_BTC, ONE_BTC, bankruptcy(carl, btc, ONE_BTC), offsets);

        // dYdX: TNC 800, MMR 5,000 (BTC) + 3,000 (ETH): the bankruptcy price of the BTC short is $50,500.
        assertThat(offsets).containsExactly(new Deleveraging.Offset(dave, ONE_BTC, -50_500 * USD));
    }

    @Test
    void shouldRankCounterpartiesByProfitTimesLeverage()
    {
        final PerpetualMarket btc = engine.state().markets().perpetual(0);
        final Subaccount carl = subaccount(1, 49_999 * USD);
        carl.setPosition(0, -ONE_BTC, -50_000 * USD, 0);
        // Same profit (10,000 on 40,000), leverage 50,000/60,000 against 50,000/20,000: the second goes first.
        final Subaccount careful = subaccount(2, 10_000 * USD);
        careful.setPosition(0, ONE_BTC / 2, 20_000 * USD, 0);
        final Subaccount bold = subaccount(3, -20_000 * USD);
        bold.setPosition(0, ONE_BTC / 2, 20_000 * USD, 0);

        final List<Deleveraging.Offset> offsets = new ArrayList<>();
        deleveraging.plan(carl, btc, -ONE_BTC, ONE_BTC, bankruptcy(carl, btc, ONE_BTC), offsets);

        assertThat(offsets).extracting(Deleveraging.Offset::counterparty).containsExactly(bold, careful);
        assertThat(offsets.get(0).targetQuote() + offsets.get(1).targetQuote()).isEqualTo(-49_999 * USD);
    }
}
