package io.novation.node.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the command line ({@code NovationCli}) as a separate process on the test class path and waits for a node
 * started so to answer {@code /health}, for the tests that attack or kill real nodes.
 */
public final class NodeProcesses
{
    private NodeProcesses()
    {
    }

    /**
     * Starts {@code java -Xmx<heap> -cp <test class path> io.novation.node.cli.NovationCli <args>}, its output
     * appended to a log file.
     *
     * @param heap the JVM's heap bound, e.g. {@code 512m}.
     * @param log  the file its output goes to.
     * @param args the command line's arguments.
     * @return the process.
     * @throws IOException when it cannot be started.
     */
    public static Process run(final String heap, final Path log, final String... args) throws IOException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp",
            System.getProperty("java.class.path"), "io.novation.node.cli.NovationCli"));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    /**
     * A TCP port free at the time of the call.
     *
     * @return the port.
     * @throws IOException when no port can be had.
     */
    public static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
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
    public static Process awaitHealthy(final Process process, final int port, final Path log, final HttpClient client)
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
