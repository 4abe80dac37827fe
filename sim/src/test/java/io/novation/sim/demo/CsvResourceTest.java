package io.novation.sim.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo's one reader of class-path market data: rows after the header in file order, blank lines skipped, cells
 * trimmed; a short row, a cell that does not parse and a missing resource refused with the resource and line named.
 */
class CsvResourceTest
{
    private static final long DAY_START = 1_760_054_400_000L;

    @Test
    void shouldReadEveryRowAfterTheHeaderTrimmedAndInOrder()
    {
        final List<String[]> rows = CsvResource.rows("/csv/bars.csv", 5, cells -> cells);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("1760054400000", "100.5", "101.25", "99.75", "100.125", "3");
        assertThat(rows.get(1)[0]).isEqualTo("1760054460000");
    }

    @Test
    void shouldRefuseARowWithFewerCellsThanTheTableNeedsNamingItsLine()
    {
        assertThatThrownBy(() -> CsvResource.rows("/csv/short-row.csv", 5, cells -> cells))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("/csv/short-row.csv line 3").hasMessageContaining("3 cells, at least 5");
    }

    @Test
    void shouldRefuseACellTheRowReaderCannotParseNamingItsLine()
    {
        // Line 4: the blank line 3 counts, so the message points at the line an editor shows.
        assertThatThrownBy(() -> CsvResource.rows("/csv/bad-number.csv", 5, cells -> Double.parseDouble(cells[2])))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("/csv/bad-number.csv line 4")
            .hasCauseInstanceOf(NumberFormatException.class);
    }

    @Test
    void shouldRefuseAResourceThatIsNotOnTheClassPath()
    {
        assertThatThrownBy(() -> CsvResource.rows("/csv/no-such-table.csv", 1, cells -> cells))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no market data /csv/no-such-table.csv on the class path");
    }

    @Test
    void shouldLoadMinuteBarsThroughTheReaderInPriceUnitsCarryingTheLastClose()
    {
        final MinuteSeries series = MinuteSeries.load("/csv/bars.csv", DAY_START, -3);

        assertThat(series.open(0)).isEqualTo(100_500);
        assertThat(series.high(0)).isEqualTo(101_250);
        assertThat(series.low(0)).isEqualTo(99_750);
        assertThat(series.close(0)).isEqualTo(100_125);
        assertThat(series.close(1)).isEqualTo(100_250);
        assertThat(series.open(2)).isEqualTo(series.close(1));
        assertThat(series.close(MinuteSeries.MINUTES - 1)).isEqualTo(series.close(1));
    }

    @Test
    void shouldRefuseMalformedMinuteBarsInsteadOfSkippingThem()
    {
        assertThatThrownBy(() -> MinuteSeries.load("/csv/bad-number.csv", DAY_START, -3))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 4");
        assertThatThrownBy(() -> MinuteSeries.load("/csv/short-row.csv", DAY_START, -3))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
    }
}
