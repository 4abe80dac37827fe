package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small JSON client of a node's API for tests.
 */
final class Http
{
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** A response: status and body (parsed when JSON). */
    record Response(int status, String text)
    {
        JsonNode json()
        {
            try
            {
                return Json.MAPPER.readTree(text);
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("not JSON: " + text, ex);
            }
        }

        String code()
        {
            return json().path("code").asText();
        }
    }

    Http(final int port)
    {
        this.base = "http://127.0.0.1:" + port;
    }

    Response get(final String path)
    {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(final String path, final String body)
    {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response post(final String path, final byte[] body)
    {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Response send(final HttpRequest.Builder request)
    {
        try
        {
            final HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    String base()
    {
        return base;
    }
}
