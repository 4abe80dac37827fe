package io.novation.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node served under a path prefix (behind a reverse proxy, say): every request goes to a path under the base, as
 * the event stream's does, not to the host's root.
 */
class NovationClientBaseTest
{
    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange ->
        {
            paths.add(exchange.getRequestURI().toString());
            final boolean underBase = exchange.getRequestURI().getPath().startsWith("/venue/v1/");
            final byte[] body = (underBase ? "{\"sequence\":7}" : "{\"code\":\"NOT_FOUND\"}")
                .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(underBase ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer()
    {
        server.stop(0);
    }

    @Test
    void shouldSendReadsAndCommandsToPathsUnderABaseWithAPathPrefix() throws IOException
    {
        for (final String base : List.of("/venue", "/venue/"))
        {
            final NovationClient client = new NovationClient(URI.create("http://127.0.0.1:" +
                server.getAddress().getPort() + base));
            assertThat(client.state().path("sequence").asLong()).isEqualTo(7);
            assertThat(client.submit(ClientJson.MAPPER.createObjectNode().put("type", "deposit")).status())
                .isEqualTo(200);
            assertThat(client.history(HistoryQuery.account("0xab", "fills", 0, 10)).hasNext()).isFalse();
        }
        assertThat(paths).allMatch(path -> path.startsWith("/venue/v1/"), "under the base").hasSize(6);
    }
}
