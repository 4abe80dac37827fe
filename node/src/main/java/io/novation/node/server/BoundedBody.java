package io.novation.node.server;

import io.novation.node.sequencer.Refusal;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.http.BadMessageException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body without holding a thread while it arrives (servlet non-blocking reads), counting bytes as
 * they stream in, chunked or not: more than the limit fails with 413 {@code BODY_TOO_LARGE} at once, a malformed or
 * cut body with 400 {@code MALFORMED_BODY}, a body that does not arrive whole in time with 408
 * {@code REQUEST_TIMEOUT}.
 */
final class BoundedBody implements ReadListener
{
    private final ServletInputStream in;
    private final long maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final byte[] chunk = new byte[8_192];

    private BoundedBody(final ServletInputStream in, final long maxBytes)
    {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * Starts reading a body; the request must be in asynchronous mode.
     *
     * @param request   the request.
     * @param maxBytes  the most bytes the body may hold.
     * @param timeoutMs how long the whole body may take.
     * @return the body, or a failure with a {@link Refusal}.
     */
    static CompletableFuture<byte[]> read(final HttpServletRequest request, final long maxBytes, final long timeoutMs)
    {
        final long declared = request.getContentLengthLong();
        if (declared > maxBytes)
        {
            return CompletableFuture.failedFuture(tooLarge(maxBytes));
        }
        final BoundedBody body;
        try
        {
            body = new BoundedBody(request.getInputStream(), maxBytes);
            body.in.setReadListener(body);
        }
        catch (final IOException | RuntimeException ex)
        {
            return CompletableFuture.failedFuture(malformed(ex));
        }
        return body.result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).exceptionallyCompose(failure ->
            CompletableFuture.failedFuture(ErrorMapping.unwrap(failure) instanceof TimeoutException ?
                new Refusal(408, "REQUEST_TIMEOUT", "the body did not arrive within " + timeoutMs + " ms") :
                failure));
    }

    @Override
    public void onDataAvailable() throws IOException
    {
        try
        {
            while (!result.isDone() && in.isReady())
            {
                final int read = in.read(chunk);
                if (read < 0)
                {
                    return;
                }
                if (bytes.size() + (long)read > maxBytes)
                {
                    result.completeExceptionally(tooLarge(maxBytes));
                    return;
                }
                bytes.write(chunk, 0, read);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            result.completeExceptionally(malformed(ex));
        }
    }

    @Override
    public void onAllDataRead()
    {
        result.complete(bytes.toByteArray());
    }

    @Override
    public void onError(final Throwable failure)
    {
        result.completeExceptionally(malformed(failure));
    }

    private static Refusal tooLarge(final long maxBytes)
    {
        return new Refusal(413, "BODY_TOO_LARGE", "the body exceeds " + maxBytes + " bytes");
    }

    private static Refusal malformed(final Throwable failure)
    {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ?
            failure.getCause() : failure;
        for (Throwable t = cause; t != null; t = t.getCause())
        {
            if (t instanceof TimeoutException)
            {
                return new Refusal(408, "REQUEST_TIMEOUT", "the body stopped arriving");
            }
            if (t instanceof BadMessageException bad && bad.getCode() == 413)
            {
                return new Refusal(413, "BODY_TOO_LARGE", "the body is too large");
            }
        }
        return new Refusal(400, "MALFORMED_BODY", "the body is not a well-formed HTTP body (bad chunking or cut " +
            "short)");
    }
}
