package io.novation.node.server;

import io.novation.node.metrics.NodeMetrics;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time a response takes to write (milliseconds from its first byte): past the bound the connection is
 * closed, which fails the blocking write and frees the thread that was writing. The idle timeout alone does not
 * bound it: a client that reads a few bytes now and then keeps its connection busy and could hold a writing thread
 * for as long as it likes. Counted in the metrics as refused by the {@code write_timeout} limit.
 */
final class ResponseDeadline implements HttpChannel.Listener, AutoCloseable
{
    /** The limit name in the metrics. */
    static final String LIMIT = "write_timeout";

    private static final String ATTRIBUTE = ResponseDeadline.class.getName();

    private final long writeTimeoutMs;
    private final NodeMetrics metrics;
    private final ScheduledThreadPoolExecutor timer;

    ResponseDeadline(final long writeTimeoutMs, final NodeMetrics metrics)
    {
        this.writeTimeoutMs = writeTimeoutMs;
        this.metrics = metrics;
        this.timer = new ScheduledThreadPoolExecutor(1, task ->
        {
            final Thread thread = new Thread(task, "novation-write-deadline");
            thread.setDaemon(true);
            return thread;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void onResponseBegin(final Request request)
    {
        final HttpChannel channel = request.getHttpChannel();
        if (channel == null)
        {
            return;
        }
        final ScheduledFuture<?> cut = timer.schedule(() ->
        {
            metrics.admissionRefused(LIMIT);
            // An end of stream, as when a client goes away: the write fails quietly (no error logged per client).
            channel.getEndPoint().close(new EofException("the response was not written within " + writeTimeoutMs +
                " ms"));
        }, writeTimeoutMs, TimeUnit.MILLISECONDS);
        request.setAttribute(ATTRIBUTE, cut);
    }

    @Override
    public void onComplete(final Request request)
    {
        if (request.getAttribute(ATTRIBUTE) instanceof ScheduledFuture<?> cut)
        {
            cut.cancel(false);
            request.removeAttribute(ATTRIBUTE);
        }
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }
}
