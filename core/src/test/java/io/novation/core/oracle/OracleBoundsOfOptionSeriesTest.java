package io.novation.core.oracle;

import io.novation.core.market.OptionSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market model states the oracle's price bounds itself (it sits below the oracle layer); these tests pin that
 * its copies equal the oracle's own.
 */
class OracleBoundsOfOptionSeriesTest
{
    @Test
    void shouldBoundStrikesByTheLargestPriceAnOracleAccepts()
    {
        assertThat(OptionSeries.MAX_STRIKE).isEqualTo(TimeWeightedAverage.MAX_PRICE);
    }

    @Test
    void shouldMarkAnUnsettledSeriesWithTheOracleBooksNoPrice()
    {
        assertThat(OptionSeries.UNSETTLED).isEqualTo(OracleBook.NO_PRICE);
    }
}
