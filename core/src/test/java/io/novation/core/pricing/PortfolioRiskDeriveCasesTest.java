package io.novation.core.pricing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Portfolio margin against Derive's published PM2 portfolio cases (derivexyz/v2-core
 * {@code test/risk-managers/unit-tests/PMRM_2/portfolio_cases/}): the inputs of each case (spot, forward, rate and
 * discount, time to expiry in seconds, strikes, amounts and mark volatilities, perpetual price and value) and its
 * published results (worst regular, tail and skew losses, basis contingency, mark-to-market, IM and MM), reproduced
 * to 1e-9 relative.
 */
class PortfolioRiskDeriveCasesTest
{
    private static final PortfolioMarginParameters DERIVE = PortfolioMarginParameters.derive();

    @Test
    void shouldReproduceCase29BasicPerp()
    {
        // test_29_perps_basic_perp: one long perpetual at 3,100, spot 3,000, unrealised funding 10.
        final PortfolioRisk risk = new PortfolioRisk(DERIVE).reset(3000.0, 0.0).perpetual(1.0, 3100.0, 10.0)
            .compute();

        assertClose(worstOf(risk, 0, 23), -557.9999999999995);
        assertClose(worstOf(risk, 23, 29), -111.59999999999998);
        assertClose(risk.markToMarket(), 10.0);
        assertClose(risk.maintenanceContingency(), 45.0);
        assertClose(risk.initialMargin(), -607.9999999999995);
        assertClose(risk.maintenanceMargin(), -481.39999999999964);
        assertThat(risk.worstScenario()).isEqualTo(22);
    }

    @Test
    void shouldReproduceCase20BasicPut()
    {
        // test_20_structures_basic_put: short one put, K = 100,000, 1,399,652 s to expiry, rate 17 %.
        final PortfolioRisk risk = new PortfolioRisk(DERIVE).reset(95663.50604855, 0.0);
        final int expiry = risk.expiry(1399652, 0.16999999999999998, 0.9924833379307125);
        risk.option(expiry, -1.0, 100000.0, values(1399652, 95923.63240250274, 0.16999999999999998, OptionType.PUT,
            100000.0, 0.4547630768795904));
        risk.compute();

        assertThat(ScenarioPricer.volShockScale(DERIVE, 1399652) * 0.5 + 1).isCloseTo(1.6015261094358761,
            within(1e-12));
        assertClose(risk.markToMarket(), -6082.239829372652);
        assertClose(worstOf(risk, 0, 23), -15603.263080487519);
        assertClose(worstOf(risk, 23, 29), -3343.8395538423583);
        assertClose(worstOf(risk, 29, 31), -86.58914724123224);
        assertClose(risk.maintenanceContingency(), 286.99051814565);
        assertClose(risk.initialContingency() + risk.maintenanceContingency(), 478.31753024275);
        assertClose(risk.initialMargin(), -22163.82044010292);
        assertClose(risk.maintenanceMargin(), -18851.840811908318);
    }

    @Test
    void shouldReproduceCase18OtmCallSpread()
    {
        // test_18_structures_OTM_call_spread: short the 4,000 call, long the 4,200 call, 794,852 s, rate 15 %.
        final PortfolioRisk risk = new PortfolioRisk(DERIVE).reset(2681.6029850999994, 0.0);
        final double forward = 2682.9997436016715;
        final double rate = 0.15000000000000002;
        final int expiry = risk.expiry(794852, rate, 0.9962264490688729);
        risk.option(expiry, -1.0, 4000.0, values(794852, forward, rate, OptionType.CALL, 4000.0, 0.8795543651099665));
        risk.option(expiry, 1.0, 4200.0, values(794852, forward, rate, OptionType.CALL, 4200.0, 0.8833255402190362));
        risk.compute();

        assertClose(risk.markToMarket(), -0.1944703408568294);
        assertClose(worstOf(risk, 0, 23), -22.15596034331399);
        assertClose(worstOf(risk, 23, 29), -6.016806447312971);
        assertClose(worstOf(risk, 29, 31), -0.42564850725437114);
        assertClose(risk.basisContingency(), -0.18719471531829726);
        assertClose(risk.maintenanceContingency(), 8.044808955299999);
        assertClose(risk.initialMargin(), -35.75844560967082);
        assertClose(risk.maintenanceMargin(), -25.96404757080802);
        assertThat(risk.worstScenario()).isZero();
    }

    @Test
    void shouldNetNakedShortsPerStrikeAndPriceEachSeriesOnce()
    {
        final double[] call = values(86_400 * 10, 100.0, 0.0, OptionType.CALL, 100.0, 0.6);
        final double[] put = values(86_400 * 10, 100.0, 0.0, OptionType.PUT, 100.0, 0.6);
        final PortfolioRisk risk = new PortfolioRisk(DERIVE).reset(100.0, 0.0);
        final int expiry = risk.expiry(86_400 * 10, 0.0, 1.0);
        // A short call and a long put at one strike cover each other; two more short calls are naked.
        risk.option(expiry, -1.0, 100.0, call).option(expiry, 1.0, 100.0, put).option(expiry, -2.0, 100.0, call)
            .compute();

        assertClose(risk.maintenanceContingency(), 2 * 100.0 * 0.003);
        // The same array serves every holding of a series: nothing was copied or repriced.
        assertThat(call).hasSize(ScenarioPricer.valueCount(DERIVE));
    }

    static double[] values(final double seconds, final double forward, final double rate, final OptionType type,
        final double strike, final double vol)
    {
        final double[] out = new double[ScenarioPricer.valueCount(DERIVE)];
        ScenarioPricer.price(DERIVE, seconds, forward, rate, type, strike, vol, out);
        return out;
    }

    private static double worstOf(final PortfolioRisk risk, final int from, final int to)
    {
        double worst = Double.POSITIVE_INFINITY;
        for (int s = from; s < to; s++)
        {
            worst = Math.min(worst, risk.scenarioPnl(s));
        }
        return worst;
    }

    private static void assertClose(final double actual, final double expected)
    {
        assertThat(actual).isCloseTo(expected, within(Math.max(1e-9, Math.abs(expected) * 1e-9)));
    }
}
