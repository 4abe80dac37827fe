package io.novation.core.oracle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OracleTwapTest
{
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_760_054_400_000L;

    @Test
    void shouldHaveNoAverageBeforeAWholeMinuteOfHistory()
    {
        final TimeWeightedAverage twap = new TimeWeightedAverage();
        assertThat(twap.average(T0)).isEqualTo(OracleBook.NO_PRICE);
        twap.record(T0 + 10_000, 100);
        assertThat(twap.average(T0 + 50_000)).isEqualTo(OracleBook.NO_PRICE);
        assertThat(twap.average(T0 + MINUTE)).isEqualTo(100);
    }

    @Test
    void shouldWeightEachPriceByTheTimeItHeldInTheLastThirtyWholeMinutes()
    {
        final TimeWeightedAverage twap = new TimeWeightedAverage();
        twap.record(T0, 100);
        twap.record(T0 + 40 * MINUTE, 200);
        // At 50:30 the window is [20:00, 50:00]: 20 minutes at 100 and 10 at 200.
        assertThat(twap.average(T0 + 50 * MINUTE + 30_000)).isEqualTo(133);
        // Long after the last round only the last price remains in the window.
        assertThat(twap.average(T0 + 5 * 60 * MINUTE)).isEqualTo(200);
    }

    @Test
    void shouldAgreeWithDirectIntegrationOverRandomRounds()
    {
        final Random random = new Random(20251010);
        final TimeWeightedAverage twap = new TimeWeightedAverage();
        final List<long[]> rounds = new ArrayList<>();
        long time = T0 + 1_234;
        for (int i = 0; i < 2_000; i++)
        {
            final long price = 10_000_000_000L + random.nextInt(1_000_000_000);
            twap.record(time, price);
            rounds.add(new long[] {time, price});
            final long query = time + random.nextInt(90_000);
            assertThat(twap.average(query)).as("round %d", i).isEqualTo(integrate(rounds, query));
            time = query + (random.nextInt(20) == 0 ? random.nextInt(50) * MINUTE : random.nextInt(3_000));
        }
    }

    /** The definition, computed the slow way: Σ price × overlap over the window, divided by its length. */
    private static long integrate(final List<long[]> rounds, final long now)
    {
        final long end = Math.floorDiv(now, MINUTE) * MINUTE;
        final long start = Math.max(end - TimeWeightedAverage.WINDOW_MS, rounds.get(0)[0]);
        if (end <= start)
        {
            return OracleBook.NO_PRICE;
        }
        java.math.BigInteger sum = java.math.BigInteger.ZERO;
        for (int i = 0; i < rounds.size(); i++)
        {
            final long from = Math.max(rounds.get(i)[0], start);
            final long to = Math.min(i + 1 < rounds.size() ? rounds.get(i + 1)[0] : Long.MAX_VALUE, end);
            if (to > from)
            {
                sum = sum.add(java.math.BigInteger.valueOf(rounds.get(i)[1]).multiply(
                    java.math.BigInteger.valueOf(to - from)));
            }
        }
        return sum.divide(java.math.BigInteger.valueOf(end - start)).longValueExact();
    }
}
