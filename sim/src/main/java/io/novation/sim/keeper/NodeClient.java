package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.novation.node.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A JSON client of one node's HTTP API ({@code /v1}), on {@link HttpClient}: reads and single commands, each answered
 * with its HTTP status and parsed body. Thread-safe.
 */
public final class NodeClient
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;

    /**
     * An answer: the HTTP status and the JSON body (a {@link NullNode} when the body is not JSON).
     *
     * @param status HTTP status.
     * @param body   parsed body.
     */
    public record Reply(int status, JsonNode body)
    {
        /**
         * The error or rejection code of the body, if any.
         *
         * @return the code, or an empty string.
         */
        public String code()
        {
            return body.path("code").asText("");
        }

        /**
         * Whether the node applied the command (200 with status {@code applied}).
         *
         * @return true when applied.
         */
        public boolean applied()
        {
            return status == 200 && "applied".equals(body.path("status").asText());
        }
    }

    /**
     * A client of the node at {@code base}.
     *
     * @param base the node's address, e.g. {@code http://127.0.0.1:8080}.
     */
    public NodeClient(final URI base)
    {
        final String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The node's address.
     *
     * @return the base URI, without a trailing slash.
     */
    public URI base()
    {
        return base;
    }

    /**
     * The underlying HTTP client, shared with the event stream's WebSocket.
     *
     * @return the client.
     */
    HttpClient http()
    {
        return http;
    }

    /**
     * A GET of a path under the base.
     *
     * @param path e.g. {@code /v1/liquidatable}.
     * @return the answer.
     * @throws IOException when the node cannot be reached.
     */
    public Reply get(final String path) throws IOException
    {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /**
     * A GET that must succeed.
     *
     * @param path e.g. {@code /v1/markets}.
     * @return the body.
     * @throws IOException when the node cannot be reached or answers with another status than 200.
     */
    public JsonNode read(final String path) throws IOException
    {
        final Reply reply = get(path);
        if (reply.status() != 200)
        {
            throw new IOException("GET " + path + ": " + reply.status() + " " + reply.body());
        }
        return reply.body();
    }

    /**
     * POSTs one command to {@code /v1/commands}.
     *
     * @param command the command's JSON.
     * @return the answer.
     * @throws IOException when the node cannot be reached.
     */
    public Reply submit(final JsonNode command) throws IOException
    {
        return send(HttpRequest.newBuilder(base.resolve("/v1/commands")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(command.toString())));
    }

    /**
     * POSTs a JSON array of commands to {@code /v1/commands/batch}, sequenced consecutively.
     *
     * @param commands the commands' JSON, in order.
     * @return the answer: {@code applied}, {@code rejected} and one result per command.
     * @throws IOException when the node cannot be reached.
     */
    public Reply submitBatch(final JsonNode commands) throws IOException
    {
        return send(HttpRequest.newBuilder(base.resolve("/v1/commands/batch"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(commands.toString())));
    }

    private Reply send(final HttpRequest.Builder request) throws IOException
    {
        final HttpRequest built = request.timeout(TIMEOUT).build();
        final HttpResponse<String> response;
        try
        {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new IOException(built.method() + " " + built.uri() + ": " + (ex.getMessage() == null ?
                ex.getClass().getSimpleName() : ex.getMessage()), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        JsonNode body;
        try
        {
            body = response.body() == null || response.body().isEmpty() ? NullNode.getInstance() :
                Json.MAPPER.readTree(response.body());
        }
        catch (final IOException ex)
        {
            body = NullNode.getInstance();
        }
        return new Reply(response.statusCode(), body);
    }
}
