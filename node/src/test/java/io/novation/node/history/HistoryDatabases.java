package io.novation.node.history;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * The databases the history tests run against: SQLite in a temporary directory, and PostgreSQL when the environment
 * variable {@code NOVATION_TEST_PG_URL} names one (CI starts a server; without it the PostgreSQL half is skipped).
 */
public final class HistoryDatabases
{
    static final String PG_VARIABLE = "NOVATION_TEST_PG_URL";

    private HistoryDatabases()
    {
    }

    /**
     * An empty history database of a kind.
     *
     * @param kind "sqlite" or "postgresql".
     * @param dir  a temporary directory.
     * @return its JDBC URL.
     */
    public static String empty(final String kind, final Path dir)
    {
        final String url;
        if (kind.equals("postgresql"))
        {
            url = System.getenv(PG_VARIABLE);
            Assumptions.assumeTrue(url != null && !url.isBlank(), PG_VARIABLE + " is not set: the PostgreSQL half " +
                "of the history tests is skipped (.ci/run starts a server and sets it)");
        }
        else
        {
            url = "jdbc:sqlite:" + dir.resolve("history-test.sqlite");
        }
        try (HistoryDatabase database = HistoryDatabase.open(url))
        {
            database.reset();
        }
        return url;
    }
}
