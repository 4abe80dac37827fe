package io.novation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Members of a cluster on loopback, each a separate JVM running {@code novation node --cluster}: free UDP ports for
 * the members, free TCP ports for their APIs, a data directory each under a temporary directory and a media driver
 * directory each under /dev/shm.
 */
final class ClusterProcesses implements AutoCloseable
{
    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final int size;
    private final ClusterMembers members;
    private final int[] httpPorts;
    private final String[] aeronDirs;
    private final Process[] processes;
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ClusterProcesses(final Path dir, final int size, final List<String> extraArgs) throws IOException
    {
        this.dir = dir;
        this.size = size;
        this.extraArgs = extraArgs;
        this.members = ClusterMembers.parse(String.join(",", udpBases(size)));
        this.httpPorts = new int[size];
        this.aeronDirs = new String[size];
        this.processes = new Process[size];
        final String tag = Long.toHexString(new Random().nextLong() & 0xFFFFFFFFL);
        final Path shm = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : dir;
        for (int i = 0; i < size; i++)
        {
            httpPorts[i] = freeTcpPort();
            aeronDirs[i] = shm.resolve("novation-test-" + tag + "-" + i).toString();
        }
    }

    ClusterMembers members()
    {
        return members;
    }

    String clientAeronDir()
    {
        return aeronDirs[0] + "-client";
    }

    int httpPort(final int member)
    {
        return httpPorts[member];
    }

    Path log(final int member)
    {
        return dir.resolve("member-" + member + ".log");
    }

    void start(final int member) throws IOException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"));
        // Extra JVM options of every member (a profiler, for one), {member} replaced by the member's number.
        final String jvmOptions = System.getProperty("novation.bench.memberJvm", "").trim();
        if (!jvmOptions.isEmpty())
        {
            for (final String option : jvmOptions.split("\\s+"))
            {
                command.add(option.replace("{member}", Integer.toString(member)));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.novation.node.cli.NovationCli", "node",
            "--cluster", String.join(",", endpoints()), "--member-id", String.valueOf(member),
            "--data-dir", dir.resolve("member-" + member).toString(), "--port", String.valueOf(httpPorts[member]),
            "--aeron-dir", aeronDirs[member], "--heartbeat-timeout-ms", "1000",
            "--governance", Participants.GOVERNANCE.toString(), "--bridge", Participants.BRIDGE.toString()));
        command.addAll(extraArgs);
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log(member).toFile()));
        processes[member] = builder.start();
    }

    void startAll() throws IOException
    {
        for (int i = 0; i < size; i++)
        {
            start(i);
        }
    }

    /** Waits until a member's API answers and its gateway has a session with the cluster. */
    void awaitHealthy(final int member, final long timeoutMs) throws IOException, InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            if (!processes[member].isAlive())
            {
                throw new AssertionError("member " + member + " exited: " + Files.readString(log(member)));
            }
            try
            {
                if (http.send(HttpRequest.newBuilder(uri(member, "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200)
                {
                    return;
                }
            }
            catch (final IOException ex)
            {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("member " + member + " not healthy within " + timeoutMs + " ms: " +
            Files.readString(log(member)));
    }

    /** The process id of a member's JVM. */
    long pid(final int member)
    {
        return processes[member].pid();
    }

    void kill(final int member) throws InterruptedException
    {
        processes[member].destroyForcibly();
        processes[member].waitFor(30, TimeUnit.SECONDS);
    }

    int stop(final int member) throws InterruptedException
    {
        processes[member].destroy();
        if (!processes[member].waitFor(30, TimeUnit.SECONDS))
        {
            processes[member].destroyForcibly();
            return -1;
        }
        return processes[member].exitValue();
    }

    JsonNode state(final int member) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(member, "/v1/state"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new AssertionError("member " + member + " /v1/state: " + response.statusCode() + " " +
                response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    HttpResponse<String> post(final int member, final String path, final String body)
        throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(uri(member, path)).header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until a member has applied a sequence, and returns its state. */
    JsonNode awaitSequence(final int member, final long sequence, final long timeoutMs)
        throws IOException, InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        JsonNode state = state(member);
        while (state.get("sequence").asLong() < sequence && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(100);
            state = state(member);
        }
        return state;
    }

    private URI uri(final int member, final String path)
    {
        return URI.create("http://" + HOST + ":" + httpPorts[member] + path);
    }

    private List<String> endpoints()
    {
        final List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < size; i++)
        {
            endpoints.add(members.hosts().get(i) + ":" + members.ports().get(i));
        }
        return endpoints;
    }

    @Override
    public void close() throws IOException
    {
        for (final Process process : processes)
        {
            if (process != null && process.isAlive())
            {
                process.destroyForcibly();
                try
                {
                    process.waitFor(30, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (final String aeronDir : aeronDirs)
        {
            deleteTree(Path.of(aeronDir));
        }
        deleteTree(Path.of(clientAeronDir()));
    }

    private static void deleteTree(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }

    /** First ports of members whose five UDP ports are free, ten apart. */
    private static List<String> udpBases(final int size) throws IOException
    {
        final Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final int base = 20_000 + random.nextInt(2_000) * 10;
            boolean free = true;
            for (int port = base; port < base + size * 10 && free; port++)
            {
                free = udpFree(port);
            }
            if (free)
            {
                final List<String> bases = new ArrayList<>();
                for (int i = 0; i < size; i++)
                {
                    bases.add(HOST + ":" + (base + i * 10));
                }
                return bases;
            }
        }
        throw new IOException("no free UDP port range");
    }

    private static boolean udpFree(final int port)
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), port)))
        {
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts every member, waits until each is healthy, and connects a client whose gateway has found the leader.
     *
     * @return the connected client.
     * @throws Exception when a member does not start.
     */
    ClusterClient startWithClient() throws Exception
    {
        return startWithClient(ClusterGateway.DEFAULT_BATCH_REQUESTS, ClusterGateway.DEFAULT_BATCH_BYTES);
    }

    /**
     * Starts every member and connects a client with its own ingress batching bounds.
     *
     * @param batchRequests requests per cluster message at most.
     * @param batchBytes    bytes per cluster message at most.
     * @return the connected client.
     * @throws Exception when a member does not start.
     */
    ClusterClient startWithClient(final int batchRequests, final int batchBytes) throws Exception
    {
        startAll();
        final ClusterClient client = new ClusterClient(members(), "127.0.0.1", clientAeronDir(), batchRequests,
            batchBytes);
        for (int member = 0; member < 3; member++)
        {
            awaitHealthy(member, 90_000);
        }
        final long deadline = System.currentTimeMillis() + 30_000;
        while (!client.gateway().isConnected() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(50);
        }
        return client;
    }
}
