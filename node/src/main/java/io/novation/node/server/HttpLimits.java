package io.novation.node.server;

/**
 * The HTTP server's limits against slow and oversized clients (milliseconds, bytes, connections, threads); each may
 * be set with a {@code novation node} flag or a JVM system property {@code -Dnovation.http.<name>=<value>}.
 *
 * @param idleTimeoutMs       a connection with no bytes in either direction for this long is closed (a body that
 *                            stops arriving answers 408 {@code REQUEST_TIMEOUT}).
 * @param bodyTimeoutMs       a request body must arrive whole within this long of its first read, or 408
 *                            {@code REQUEST_TIMEOUT}: a body trickled a byte at a time cannot hold a connection longer.
 * @param headerBytes         largest request line plus headers (414 {@code URI_TOO_LONG} for a longer request line,
 *                            431 {@code HEADERS_TOO_LARGE} for longer headers).
 * @param maxConnections      most open connections; further connections wait in the accept queue.
 * @param maxThreads          most HTTP threads (request bodies are read without holding one).
 * @param maxConnectionsPerIp most open connections from one client address; further ones are closed on accept.
 * @param writeTimeoutMs      a response must be written whole within this long of its first byte, or the connection
 *                            is closed: a client that reads its answer a trickle at a time frees the thread writing
 *                            it after this bound, even though the idle timeout never fires.
 */
public record HttpLimits(long idleTimeoutMs, long bodyTimeoutMs, int headerBytes, int maxConnections, int maxThreads,
    int maxConnectionsPerIp, long writeTimeoutMs)
{
    /** The prefix of the system properties that override the defaults. */
    public static final String PROPERTY_PREFIX = "novation.http.";

    /**
     * Checks the limits are positive.
     */
    public HttpLimits
    {
        if (idleTimeoutMs <= 0 || bodyTimeoutMs <= 0 || headerBytes <= 0 || maxConnections <= 0 || maxThreads <= 0 ||
            maxConnectionsPerIp <= 0 || writeTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("HTTP limits must be positive");
        }
    }

    /**
     * The defaults: 10 s idle, 10 s per body, 8 KiB of request line and headers, 4,096 connections, 200 threads,
     * 512 connections per client address, 30 s to write a response.
     *
     * @return the limits.
     */
    public static HttpLimits defaults()
    {
        return new HttpLimits(10_000, 10_000, 8_192, 4_096, 200, 512, 30_000);
    }

    /**
     * The defaults overridden by any {@code novation.http.*} system property (idleTimeoutMs, bodyTimeoutMs,
     * headerBytes, maxConnections, maxThreads, maxConnectionsPerIp, writeTimeoutMs).
     *
     * @return the limits.
     */
    public static HttpLimits fromSystemProperties()
    {
        final HttpLimits d = defaults();
        return new HttpLimits(
            Long.getLong(PROPERTY_PREFIX + "idleTimeoutMs", d.idleTimeoutMs()),
            Long.getLong(PROPERTY_PREFIX + "bodyTimeoutMs", d.bodyTimeoutMs()),
            Integer.getInteger(PROPERTY_PREFIX + "headerBytes", d.headerBytes()),
            Integer.getInteger(PROPERTY_PREFIX + "maxConnections", d.maxConnections()),
            Integer.getInteger(PROPERTY_PREFIX + "maxThreads", d.maxThreads()),
            Integer.getInteger(PROPERTY_PREFIX + "maxConnectionsPerIp", d.maxConnectionsPerIp()),
            Long.getLong(PROPERTY_PREFIX + "writeTimeoutMs", d.writeTimeoutMs()));
    }
}
