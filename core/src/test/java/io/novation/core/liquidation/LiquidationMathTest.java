package io.novation.core.liquidation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liquidation prices against dYdX v4's published cases ({@code protocol/x/clob/keeper/liquidations_test.go}:
 * {@code TestGetBankruptcyPriceInQuoteQuantums}, {@code TestGetFillablePrice},
 * {@code TestGetLiquidationInsuranceFundDelta}). dYdX states each case as a subaccount; here its figures are worked
 * out by hand from dYdX's test constants: BTC at $50,000 with atomic resolution −8 (0.1 BTC = 10,000,000 base
 * quantums), ETH at $3,000 with −9, both with a 10 % maintenance fraction; amounts in quote quantums (1e-6 USDC).
 */
class LiquidationMathTest
{
    private static final long USD = 1_000_000L;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // TNC, TMMR, DNNV, DMMR, expected
        "long slightly below maintenance (USDC -4501), 499, 500, -5000, -500, 4501000000",
        "short slightly below maintenance (USDC 5499), 499, 500, 5000, -500, -5499000000",
        "long at the bankruptcy price, 0, 500, -5000, -500, 5000000000",
        "long at the bankruptcy price closing half, 0, 500, -2500, -250, 2500000000",
        "short at the bankruptcy price closing half, 0, 500, 2500, -250, -2500000000",
        "short at the bankruptcy price, 0, 500, 5000, -500, -5000000000",
        "long below the bankruptcy price (USDC -5100), -100, 500, -5000, -500, 5100000000",
        "short below the bankruptcy price (USDC 4900), -100, 500, 5000, -500, -4900000000",
        "closing 0.1 ETH long of two longs (USDC -490), 10, 50, -300, -30, 294000000",
        "closing 0.1 ETH short of two shorts (USDC 510), 10, 50, 300, -30, -306000000",
        "closing 0.1 ETH short beside a BTC long (USDC 110), 10, 50, 300, -30, -306000000",
        "long that cannot be liquidated at a loss (USDC 1), 50001, 5000, -50000, -5000, -1000000",
    })
    void shouldReproduceDydxBankruptcyPrices(final String name, final long tnc, final long tmmr, final long dnnv,
        final long dmmr, final long expected)
    {
        assertThat(LiquidationMath.bankruptcyQuote(tnc * USD, tmmr * USD, dnnv * USD, dmmr * USD))
            .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // 0.00021347 BTC of a 1 BTC position: DNNV ∓10,673,500, DMMR −1,067,350; rounded up from ±2,775.11.
        "rounds up closing part of a long (USDC -13), 49987000000, -10673500, 2776",
        "rounds up closing part of a short (USDC 13), -49987000000, 10673500, -2775",
    })
    void shouldRoundBankruptcyPricesUpAsDydxDoes(final String name, final long tnc, final long dnnv,
        final long expected)
    {
        assertThat(LiquidationMath.bankruptcyQuote(tnc, 5_000 * USD, dnnv, -1_067_350)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // PNNV, PMMR, PS, part, TNC, TMMR (all USD except sizes), BA ppm, SMMR ppm, expected quote quantums
        "long slightly below maintenance, 5000, 500, 10000000, 10000000, 499, 500, 1000000, 100000, 4999900000",
        "long with BA 2, 5000, 500, 10000000, 10000000, 499, 500, 2000000, 100000, 4999800000",
        "long with SMMR 20 %, 5000, 500, 10000000, 10000000, 499, 500, 1000000, 200000, 4999800000",
        "short slightly below maintenance, -5000, 500, -10000000, 10000000, 499, 500, 1000000, 100000, -5000100000",
        "short with BA 2, -5000, 500, -10000000, 10000000, 499, 500, 2000000, 100000, -5000200000",
        "short with SMMR 20 %, -5000, 500, -10000000, 10000000, 499, 500, 1000000, 200000, -5000200000",
        "long at the bankruptcy price, 5000, 500, 10000000, 10000000, 0, 500, 1000000, 100000, 4950000000",
        "long at the bankruptcy price closing half, 5000, 500, 10000000, 5000000, 0, 500, 1000000, 100000, 2475000000",
        "short at the bankruptcy price, -5000, 500, -10000000, 10000000, 0, 500, 1000000, 100000, -5050000000",
        "long below the bankruptcy price, 5000, 500, 10000000, 10000000, -500, 500, 1000000, 100000, 4950000000",
        "short below the bankruptcy price, -5000, 500, -10000000, 10000000, -500, 500, 1000000, 100000, -5050000000",
        "0.1 ETH of two longs, 300, 30, 100000000, 100000000, 10, 50, 1000000, 100000, 297600000",
        "BA at max uint32, 5000, 500, 10000000, 10000000, 499, 500, 4294967295, 100000, 4950000000",
        "SMMR of 1 ppm, 5000, 500, 10000000, 10000000, 499, 500, 1000000, 1, 4999999999",
        "SMMR of 100 %, 5000, 500, 10000000, 10000000, 499, 500, 1000000, 1000000, 4999000000",
    })
    void shouldReproduceDydxFillablePrices(final String name, final long pnnv, final long pmmr, final long size,
        final long part, final long tnc, final long tmmr, final long bankruptcyAdjustmentPpm, final long smmrPpm,
        final long expected)
    {
        final LiquidationParameters parameters = new LiquidationParameters(5_000, bankruptcyAdjustmentPpm, smmrPpm,
            100_000 * USD, 200_000, 30_000, 666_667);
        assertThat(LiquidationMath.fillableQuote(pnnv * USD, pmmr * USD, size, part, tnc * USD, tmmr * USD,
            parameters)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // fill, bankruptcy, max fee ppm, expected fund delta
        "long 10 % above bankruptcy pays the max fee, 5610000000, 5100000000, 5000, 28050000",
        "long 10 % above bankruptcy with a 2.5 % cap, 5610000000, 5100000000, 25000, 140250000",
        "long 10 % above bankruptcy with a 100 % cap, 5610000000, 5100000000, 1000000, 510000000",
        "short 10 % above bankruptcy pays the max fee, -4410000000, -4900000000, 5000, 22050000",
        "short 10 % above bankruptcy with a 2.5 % cap, -4410000000, -4900000000, 25000, 110250000",
        "short 10 % above bankruptcy with a 100 % cap, -4410000000, -4900000000, 1000000, 490000000",
        "long 0.1 % above bankruptcy pays less than the cap, 5105100000, 5100000000, 5000, 5100000",
        "short 0.1 % above bankruptcy pays less than the cap, -4895100000, -4900000000, 5000, 4900000",
        "long at the bankruptcy price, 5100000000, 5100000000, 5000, 0",
        "short at the bankruptcy price, -4900000000, -4900000000, 5000, 0",
        "long 1 % below bankruptcy: the fund covers the loss, 5049000000, 5100000000, 5000, -51000000",
        "short 1 % below bankruptcy: the fund covers the loss, -4949000000, -4900000000, 5000, -49000000",
    })
    void shouldReproduceDydxInsuranceFundDeltas(final String name, final long fill, final long bankruptcy,
        final long maxFeePpm, final long expected)
    {
        assertThat(LiquidationMath.insuranceFundDelta(fill, bankruptcy, maxFeePpm)).isEqualTo(expected);
    }
}
