package io.novation.sim.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated table of the demo's market data on the class path: a header line, then one row per non-blank line
 * with its cells trimmed; what the cells mean, and their units, is the caller's row reader's.
 */
final class CsvResource
{
    /**
     * Turns one row's cells into a value.
     *
     * @param <T> the row's value.
     */
    @FunctionalInterface
    interface RowReader<T>
    {
        /**
         * Reads a row.
         *
         * @param cells the row's cells, trimmed, at least as many as the table asks for.
         * @return the row's value.
         * @throws RuntimeException (a {@link NumberFormatException}, for instance) when a cell does not parse.
         */
        T read(String[] cells);
    }

    private CsvResource()
    {
    }

    /**
     * Reads every row of a class-path CSV after its header line, blank lines skipped.
     *
     * @param resource class-path resource, e.g. {@code /data/ethusd-spot-1m-2025-10-10.csv}.
     * @param cells    the fewest cells a row must have.
     * @param reader   reads one row.
     * @param <T>      a row's value.
     * @return the rows' values in file order.
     * @throws IllegalArgumentException when the resource is not on the class path, or a row has fewer cells or a cell
     *                                  the reader cannot parse (the message names the resource and the line, 1 being
     *                                  the header).
     * @throws UncheckedIOException     when the resource cannot be read.
     */
    static <T> List<T> rows(final String resource, final int cells, final RowReader<T> reader)
    {
        final List<T> rows = new ArrayList<>();
        try (InputStream in = CsvResource.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no market data " + resource + " on the class path");
            }
            final BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            lines.readLine();
            int number = 1;
            String line;
            while ((line = lines.readLine()) != null)
            {
                number++;
                if (line.isBlank())
                {
                    continue;
                }
                final String[] row = line.split(",", -1);
                if (row.length < cells)
                {
                    throw new IllegalArgumentException(resource + " line " + number + ": " + row.length +
                        " cells, at least " + cells + " expected");
                }
                for (int i = 0; i < row.length; i++)
                {
                    row[i] = row[i].trim();
                }
                try
                {
                    rows.add(reader.read(row));
                }
                catch (final RuntimeException ex)
                {
                    throw new IllegalArgumentException(resource + " line " + number + ": " + ex.getMessage(), ex);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + resource, ex);
        }
        return rows;
    }
}
