package io.novation.node.server;

/**
 * The HTTP server's limits against slow and oversized clients (milliseconds, bytes, connections, threads); each may
 * be set with a JVM system property {@code -Dnovation.http.<name>=<value>}.
 *
 * @param idleTimeoutMs    a connection with no bytes in either direction for this long is closed (a body that stops
 *                         arriving answers 408 {@code REQUEST_TIMEOUT}).
 * @param bodyTimeoutMs    a request body must arrive whole within this long of its first read, or 408
 *                         {@code REQUEST_TIMEOUT}: a body trickled a byte at a time cannot hold a connection longer.
 * @param headerBytes      largest request line plus headers (414 {@code URI_TOO_LONG} for a longer request line, 431
 *                         {@code HEADERS_TOO_LARGE} for longer headers).
 * @param maxConnections   most open connections; further connections wait in the accept queue.
 * @param maxThreads       most HTTP threads (request bodies are read without holding one).
 */
public record HttpLimits(long idleTimeoutMs, long bodyTimeoutMs, int headerBytes, int maxConnections, int maxThreads)
{
    /** The prefix of the system properties that override the defaults. */
    public static final String PROPERTY_PREFIX = "novation.http.";

    /**
     * The defaults: 10 s idle, 10 s per body, 8 KiB of request line and headers, 4,096 connections, 200 threads.
     *
     * @return the limits.
     */
    public static HttpLimits defaults()
    {
        return new HttpLimits(10_000, 10_000, 8_192, 4_096, 200);
    }

    /**
     * The defaults overridden by any {@code novation.http.*} system property (idleTimeoutMs, bodyTimeoutMs,
     * headerBytes, maxConnections, maxThreads).
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
            Integer.getInteger(PROPERTY_PREFIX + "maxThreads", d.maxThreads()));
    }
}
