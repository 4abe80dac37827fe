package io.novation.node.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** Waits for a node started as a separate process to answer {@code /health}, for the tests that kill real nodes. */
final class NodeProcesses
{
    private NodeProcesses()
    {
    }

    /**
     * Waits up to 60 s for a node process to be healthy.
     *
     * @param process the node's process.
     * @param port    its HTTP port.
     * @param log     the file its output goes to, quoted when it exits.
     * @param client  the HTTP client to ask with.
     * @return the process, healthy.
     * @throws IOException          when its log cannot be read.
     * @throws InterruptedException when interrupted.
     */
    static Process awaitHealthy(final Process process, final int port, final Path log, final HttpClient client)
        throws IOException, InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline)
        {
            if (!process.isAlive())
            {
                throw new AssertionError("the node exited: " + Files.readString(log));
            }
            try
            {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200)
                {
                    return process;
                }
            }
            catch (final IOException ex)
            {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("the node did not start within 60 s");
    }
}
