package io.novation.core.risk;

import io.novation.core.command.ReportMarketDepth;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.core.market.DepthPenaltyBounds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DepthPenaltyTest
{
    private static final long USDC = 1_000_000L;
    /** 1 %: 100 M of bids, 200 M of asks; 2 %: 300 M and 400 M. */
    private static final List<ReportMarketDepth.Level> BOOK = List.of(
        new ReportMarketDepth.Level(10_000, 100_000_000 * USDC, 200_000_000 * USDC),
        new ReportMarketDepth.Level(20_000, 300_000_000 * USDC, 400_000_000 * USDC));
    private static final DepthPenaltyBounds BOUNDS = new DepthPenaltyBounds(1_000_000, 20_000, 300_000);

    @Test
    void shouldInterpolateTheImpactWithinTheReportedLevels()
    {
        assertThat(DepthPenalty.unwindImpactPpm(50_000_000 * USDC, BOOK, true)).isEqualTo(5_000);
        assertThat(DepthPenalty.unwindImpactPpm(200_000_000 * USDC, BOOK, true)).isEqualTo(15_000);
        assertThat(DepthPenalty.unwindImpactPpm(200_000_000 * USDC, BOOK, false)).isEqualTo(10_000);
    }

    @Test
    void shouldRoundTheImpactUp()
    {
        assertThat(DepthPenalty.unwindImpactPpm(1, BOOK, true)).isEqualTo(1);
    }

    @Test
    void shouldExtendBeyondTheDeepestLevelAtTheBooksAverageSlope()
    {
        // 600 M against 300 M within 2 %: 4 %.
        assertThat(DepthPenalty.unwindImpactPpm(600_000_000 * USDC, BOOK, true)).isEqualTo(40_000);
    }

    @Test
    void shouldTakeTheWholePriceFromAnEmptySide()
    {
        final List<ReportMarketDepth.Level> noBids = List.of(new ReportMarketDepth.Level(10_000, 0, 5 * USDC));
        assertThat(DepthPenalty.unwindImpactPpm(USDC, noBids, true)).isEqualTo(1_000_000);
    }

    @Test
    void shouldKeepTheStaticPenaltyWhenTheBookAbsorbsThePosition()
    {
        final LiquidationParameters base = LiquidationParameters.defaults();
        // 1 M against 100 M: impact 100 ppm, 0.33 % of a 3 % maintenance margin, below the static 10 %.
        assertThat(DepthPenalty.parameters(base, BOUNDS, USDC * USDC, 30_000, BOOK, true)).isSameAs(base);
    }

    @Test
    void shouldRaiseSpreadAndFeeWhenThePositionOutweighsTheBook()
    {
        final LiquidationParameters base = LiquidationParameters.defaults();
        // 200 M into the bids: impact 1.5 %, half the 3 % maintenance fraction: SMMR 50 %, fee 5 × 0.5 % capped at 2 %.
        final LiquidationParameters raised = DepthPenalty.parameters(base, BOUNDS, 200_000_000 * USDC, 30_000, BOOK,
            true);

        assertThat(raised.spreadToMaintenanceMarginRatioPpm()).isEqualTo(500_000);
        assertThat(raised.maxLiquidationFeePpm()).isEqualTo(20_000);
        assertThat(raised.bankruptcyAdjustmentPpm()).isEqualTo(base.bankruptcyAdjustmentPpm());
    }

    @Test
    void shouldNeverExceedTheBounds()
    {
        final LiquidationParameters base = LiquidationParameters.defaults();
        final DepthPenaltyBounds tight = new DepthPenaltyBounds(250_000, 10_000, 300_000);
        final LiquidationParameters raised = DepthPenalty.parameters(base, tight, Long.MAX_VALUE / 4, 30_000, BOOK,
            false);

        assertThat(raised.spreadToMaintenanceMarginRatioPpm()).isEqualTo(250_000);
        assertThat(raised.maxLiquidationFeePpm()).isEqualTo(10_000);
    }
}
