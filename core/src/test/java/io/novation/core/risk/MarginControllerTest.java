package io.novation.core.risk;

import io.novation.core.pricing.MarginTarget;
import io.novation.core.market.MarginControllerBounds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarginControllerTest
{
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    /** 5 % to 20 %, 1 % a step, one change an hour, raises after 5 minutes, cuts after 6 hours. */
    private static final MarginControllerBounds BOUNDS =
        new MarginControllerBounds(50_000, 200_000, 10_000, HOUR, 5 * MINUTE, 6 * HOUR,
            MarginControllerBounds.RISKMETRICS_HALF_LIFE_MS);

    private final List<String> decisions = new ArrayList<>();
    private final MarginController.Listener listener = new MarginController.Listener()
    {
        @Override
        public void scheduled(final int marketId, final long fromImfPpm, final long toImfPpm, final long targetImfPpm,
            final long volatilityPpm, final long effectiveAt)
        {
            decisions.add("scheduled " + fromImfPpm + "->" + toImfPpm + " at " + effectiveAt);
        }

        @Override
        public void applied(final int marketId, final long fromImfPpm, final long toImfPpm)
        {
            decisions.add("applied " + fromImfPpm + "->" + toImfPpm);
        }

        @Override
        public void cancelled(final int marketId, final long imfPpm, final long effectiveAt)
        {
            decisions.add("cancelled " + imfPpm);
        }
    };
    private MarketRisk risk;
    private long imf;

    @BeforeEach
    void start()
    {
        risk = new MarketRisk(0);
        risk.controller(BOUNDS, 50_000);
        imf = 50_000;
    }

    private void round(final long price, final long time, final boolean endsStaleGap)
    {
        imf = MarginController.onRound(risk, imf, price, time, endsStaleGap, 0, listener);
    }

    @Test
    void shouldChangeNothingInACalmMarket()
    {
        for (int i = 0; i < 120; i++)
        {
            round(100_000 + (i % 2) * 10, i * MINUTE, false);
        }
        assertThat(decisions).isEmpty();
        assertThat(imf).isEqualTo(50_000);
    }

    @Test
    void shouldAnnounceARaiseOfOneStepAndApplyItAfterTheTighteningDelay()
    {
        round(100_000, 0, false);
        round(80_000, MINUTE, false); // a 20 % crash in a minute

        assertThat(decisions).containsExactly("scheduled 50000->60000 at " + (MINUTE + 5 * MINUTE));
        round(80_000, 2 * MINUTE, false);
        assertThat(imf).isEqualTo(50_000);
        round(80_000, 6 * MINUTE, false);
        assertThat(imf).isEqualTo(60_000);
        assertThat(decisions).contains("applied 50000->60000");
    }

    @Test
    void shouldWaitTheMinimumIntervalBeforeTheNextStep()
    {
        round(100_000, 0, false);
        round(80_000, MINUTE, false);
        round(80_000, 6 * MINUTE, false);
        decisions.clear();
        for (long t = 7 * MINUTE; t < 6 * MINUTE + HOUR; t += MINUTE)
        {
            round(80_000, t, false);
        }
        assertThat(decisions).isEmpty();
        round(80_000, 6 * MINUTE + HOUR, false);
        assertThat(decisions).containsExactly("scheduled 60000->70000 at " + (11 * MINUTE + HOUR));
    }

    @Test
    void shouldCancelARaiseWhenTheTargetFallsBack()
    {
        risk.controller(null, 0);
        risk.controller(BOUNDS, 50_000);
        round(100_000, 0, false);
        round(80_000, MINUTE, false);
        // The controller's memory is long; forcing the variance back down stands for a market that calmed.
        risk.restore(risk.lastPrice(), risk.lastRoundAt(), MarginTarget.varianceAt(50_000), risk.pendingImfPpm(),
            risk.pendingEffectiveAt(), risk.lastChangeAt());
        round(80_000, 2 * MINUTE, false);

        assertThat(decisions).containsExactly("scheduled 50000->60000 at " + 6 * MINUTE, "cancelled 60000");
        assertThat(risk.pendingImfPpm()).isZero();
    }

    @Test
    void shouldNeverLoosenAtARoundThatEndsAStaleGap()
    {
        imf = 60_000;
        round(100_000, 0, true);
        assertThat(decisions).isEmpty();
        round(100_000, MINUTE, false);
        assertThat(decisions).containsExactly("scheduled 60000->50000 at " + (MINUTE + 6 * HOUR));

        round(100_000, 7 * HOUR, true);
        assertThat(imf).isEqualTo(60_000);
        round(100_000, 7 * HOUR + MINUTE, false);
        assertThat(imf).isEqualTo(50_000);
    }

    @Test
    void shouldWithdrawAPendingChangeWhenTheBoundsChange()
    {
        round(100_000, 0, false);
        round(80_000, MINUTE, false);
        assertThat(risk.pendingImfPpm()).isEqualTo(60_000);

        risk.controller(new MarginControllerBounds(50_000, 55_000, 10_000, HOUR, 5 * MINUTE, 6 * HOUR,
            MarginControllerBounds.RISKMETRICS_HALF_LIFE_MS), imf);
        assertThat(risk.pendingImfPpm()).isZero();
        round(80_000, 6 * MINUTE, false);
        assertThat(imf).isEqualTo(50_000);
        assertThat(risk.pendingImfPpm()).isEqualTo(55_000);
    }
}
