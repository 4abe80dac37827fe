package io.novation.core.oracle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OracleMedianTest
{
    @Test
    void shouldTakeMiddleValueOfOddCount()
    {
        assertThat(Median.ofFirst(new long[] {5, 1, 9, 3, 7}, 5)).isEqualTo(5);
        assertThat(Median.ofFirst(new long[] {42}, 1)).isEqualTo(42);
    }

    @Test
    void shouldRoundMeanOfTwoMiddlesDownForEvenCount()
    {
        assertThat(Median.ofFirst(new long[] {10, 1, 13, 100}, 4)).isEqualTo(11);
        assertThat(Median.ofFirst(new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1}, 2)).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void shouldUseOnlyTheFirstCountValues()
    {
        assertThat(Median.ofFirst(new long[] {3, 2, 1, 1_000, 1_000}, 3)).isEqualTo(2);
    }

    @Test
    void shouldRefuseEmptyInput()
    {
        assertThatThrownBy(() -> Median.ofFirst(new long[4], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
