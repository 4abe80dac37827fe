package io.novation.node.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The history database behind a JDBC URL: SQLite (a file, the default) or PostgreSQL, its schema brought up to date
 * from the SQL migrations in the class path ({@code /history/V<n>__*.sql}), a key for signing page cursors, and a
 * small pool of read connections. Amounts in it are the engine's integers; times are epoch ms.
 */
public final class HistoryDatabase implements AutoCloseable
{
    /** The database engines the history runs on. */
    public enum Dialect
    {
        /** SQLite through {@code org.xerial:sqlite-jdbc}. */
        SQLITE,
        /** PostgreSQL through {@code org.postgresql:postgresql}. */
        POSTGRESQL
    }

    /** The tables the migrations create (dropped by a rebuild); the schema table and the cursor key stay. */
    static final List<String> DATA_TABLES = List.of("history_watermark", "history_accounts", "history_markets",
        "history_fills", "history_funding", "history_liquidations", "history_transfers", "history_pnl",
        "history_candles", "history_block_trades");

    private static final int POOL = 4;
    /** The writer's SQLite page cache, KiB. */
    static final int WRITER_CACHE_KIB = 32_768;
    /** WAL pages between the writer's automatic checkpoints. */
    static final int WRITER_CHECKPOINT_PAGES = 10_000;

    private final String url;
    private final Dialect dialect;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private byte[] cursorKey;
    private volatile boolean closed;

    private HistoryDatabase(final String url)
    {
        this.url = url;
        if (url.startsWith("jdbc:sqlite:"))
        {
            dialect = Dialect.SQLITE;
        }
        else if (url.startsWith("jdbc:postgresql:"))
        {
            dialect = Dialect.POSTGRESQL;
        }
        else
        {
            throw new IllegalArgumentException("history database: expected jdbc:sqlite:FILE or " +
                "jdbc:postgresql://HOST/DB, got " + url);
        }
    }

    /**
     * The JDBC URL of the default history database: a SQLite file in a node's data directory.
     *
     * @param dataDir the node's data directory.
     * @return the URL.
     */
    public static String sqliteIn(final Path dataDir)
    {
        return "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("history.sqlite");
    }

    /**
     * Opens a history database and migrates its schema to the newest version.
     *
     * @param url a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL.
     * @return the database.
     * @throws HistoryException when it cannot be opened or migrated.
     */
    public static HistoryDatabase open(final String url)
    {
        final HistoryDatabase database = new HistoryDatabase(url);
        try
        {
            database.migrate();
        }
        catch (final SQLException | IOException ex)
        {
            throw new HistoryException("cannot open the history database " + redacted(url) + ": " +
                ex.getMessage(), ex);
        }
        return database;
    }

    /**
     * The engine behind the URL.
     *
     * @return the dialect.
     */
    public Dialect dialect()
    {
        return dialect;
    }

    /**
     * The URL without its query string (which may hold a password).
     *
     * @return the URL for logs.
     */
    public String describe()
    {
        return redacted(url);
    }

    static String redacted(final String url)
    {
        final int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }

    /**
     * A new connection, for the one writer.
     *
     * @return a connection with auto-commit off.
     * @throws SQLException when the database refuses.
     */
    Connection connect() throws SQLException
    {
        final Connection connection = DriverManager.getConnection(url);
        if (dialect == Dialect.SQLITE)
        {
            try (Statement statement = connection.createStatement())
            {
                statement.execute("PRAGMA busy_timeout = 10000");
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = NORMAL");
            }
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /**
     * The writer's connection: {@link #connect()} with, on SQLite, a page cache of {@value #WRITER_CACHE_KIB} KiB (the
     * primary-key indexes of the fills of a thousand accounts stay in memory instead of being read back page by page
     * from the file) and a WAL checkpoint every {@value #WRITER_CHECKPOINT_PAGES} pages rather than 1,000 (a page
     * written by many passes is copied into the database once per checkpoint). Neither changes a row.
     *
     * @return a connection with auto-commit off.
     * @throws SQLException when the database refuses.
     */
    Connection connectWriter() throws SQLException
    {
        final Connection connection = connect();
        if (dialect == Dialect.SQLITE)
        {
            try (Statement statement = connection.createStatement())
            {
                statement.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
                statement.execute("PRAGMA wal_autocheckpoint = " + WRITER_CHECKPOINT_PAGES);
            }
        }
        return connection;
    }

    /**
     * A pooled read connection; give it back with {@link #release}.
     *
     * @return a connection.
     * @throws SQLException when the database refuses.
     */
    Connection borrow() throws SQLException
    {
        synchronized (idle)
        {
            final Connection pooled = idle.pollFirst();
            if (pooled != null)
            {
                return pooled;
            }
        }
        final Connection connection = connect();
        connection.setReadOnly(dialect == Dialect.POSTGRESQL);
        return connection;
    }

    /**
     * Returns a read connection to the pool (or closes it when the pool is full or the read failed).
     *
     * @param connection the connection.
     * @param healthy    false to close it.
     */
    void release(final Connection connection, final boolean healthy)
    {
        try
        {
            connection.rollback();
        }
        catch (final SQLException ex)
        {
            closeQuietly(connection);
            return;
        }
        synchronized (idle)
        {
            if (healthy && !closed && idle.size() < POOL)
            {
                idle.addLast(connection);
                return;
            }
        }
        closeQuietly(connection);
    }

    /**
     * The key that signs page cursors, created once per database.
     *
     * @return 32 bytes.
     */
    byte[] cursorKey()
    {
        return cursorKey.clone();
    }

    /**
     * The SQL of a two-argument maximum in this dialect.
     *
     * @return function name.
     */
    String greatest()
    {
        return dialect == Dialect.SQLITE ? "MAX" : "GREATEST";
    }

    /**
     * The SQL of a two-argument minimum in this dialect.
     *
     * @return function name.
     */
    String least()
    {
        return dialect == Dialect.SQLITE ? "MIN" : "LEAST";
    }

    /**
     * Drops every data table and migrates again: an empty history at sequence 0 (the cursor key stays).
     *
     * @throws HistoryException when the database refuses.
     */
    public void reset()
    {
        try (Connection connection = connect(); Statement statement = connection.createStatement())
        {
            for (final String table : DATA_TABLES)
            {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            statement.execute("DELETE FROM history_schema");
            connection.commit();
        }
        catch (final SQLException ex)
        {
            throw new HistoryException("cannot reset the history database: " + ex.getMessage(), ex);
        }
        try
        {
            migrate();
        }
        catch (final SQLException | IOException ex)
        {
            throw new HistoryException("cannot migrate the history database: " + ex.getMessage(), ex);
        }
    }

    private void migrate() throws SQLException, IOException
    {
        try (Connection connection = connect())
        {
            try (Statement statement = connection.createStatement())
            {
                statement.execute("CREATE TABLE IF NOT EXISTS history_schema (version INTEGER PRIMARY KEY, " +
                    "name VARCHAR(128) NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS history_meta (name VARCHAR(32) PRIMARY KEY, " +
                    "value VARCHAR(128) NOT NULL)");
            }
            connection.commit();
            int version = 0;
            try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM history_schema"))
            {
                if (rows.next())
                {
                    version = rows.getInt(1);
                }
            }
            final List<String> files = migrationFiles();
            for (int v = version + 1; v <= files.size(); v++)
            {
                final String name = files.get(v - 1);
                try (Statement statement = connection.createStatement())
                {
                    for (final String sql : statements(read("/history/" + name)))
                    {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO history_schema (version, name) VALUES (?, ?)"))
                {
                    insert.setInt(1, v);
                    insert.setString(2, name);
                    insert.executeUpdate();
                }
                connection.commit();
            }
            cursorKey = loadOrCreateKey(connection);
        }
    }

    private static byte[] loadOrCreateKey(final Connection connection) throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT value FROM history_meta WHERE name = 'cursor_key'"); ResultSet rows = select.executeQuery())
        {
            if (rows.next())
            {
                return HexFormat.of().parseHex(rows.getString(1));
            }
        }
        final byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO history_meta (name, value) VALUES ('cursor_key', ?)"))
        {
            insert.setString(1, HexFormat.of().formatHex(key));
            insert.executeUpdate();
        }
        connection.commit();
        return key;
    }

    static List<String> migrationFiles() throws IOException
    {
        final List<String> files = new ArrayList<>();
        for (final String line : read("/history/migrations.txt").split("\n"))
        {
            if (!line.isBlank())
            {
                files.add(line.strip());
            }
        }
        return files;
    }

    static List<String> statements(final String script)
    {
        final List<String> statements = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        for (final String line : script.split("\n"))
        {
            final String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty())
            {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";"))
            {
                final String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    private static String read(final String resource) throws IOException
    {
        try (InputStream in = HistoryDatabase.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IOException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void closeQuietly(final Connection connection)
    {
        try
        {
            connection.close();
        }
        catch (final SQLException ignored)
        {
            // Closing a broken connection: nothing more to do.
        }
    }

    @Override
    public void close()
    {
        closed = true;
        synchronized (idle)
        {
            while (!idle.isEmpty())
            {
                closeQuietly(idle.pollFirst());
            }
        }
    }
}
