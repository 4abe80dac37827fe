package io.novation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A client of one node's HTTP API ({@code /v1}, {@code docs/operations.md} §10) on {@link HttpClient}: commands one
 * at a time or as a batch (JSON), reads of the state, accounts, markets and pending governance, and history pages
 * followed through their cursors. Reads that must succeed throw {@link NovationApiException} with the node's
 * {@code {code, message}}. Thread-safe.
 */
public final class NovationClient
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;

    /**
     * A client of the node at {@code base}.
     *
     * @param base the node's address, e.g. {@code http://127.0.0.1:8080}.
     */
    public NovationClient(final URI base)
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
    public HttpClient http()
    {
        return http;
    }

    /**
     * A GET of a path under the base, whatever its status.
     *
     * @param path e.g. {@code /v1/liquidatable}.
     * @return the answer.
     * @throws IOException when the node cannot be reached.
     */
    public Reply get(final String path) throws IOException
    {
        return send(HttpRequest.newBuilder(under(path)).GET());
    }

    /**
     * A GET that must succeed.
     *
     * @param path e.g. {@code /v1/markets}.
     * @return the body.
     * @throws NovationApiException when the node answers with another status than 200.
     * @throws IOException          when the node cannot be reached.
     */
    public JsonNode read(final String path) throws IOException
    {
        return get(path).orThrow("GET " + path);
    }

    /**
     * The node's state summary: sequences, root, chain id and EIP-712 domain separator.
     *
     * @return {@code GET /v1/state}.
     * @throws IOException when the node cannot be reached or refuses.
     */
    public JsonNode state() throws IOException
    {
        return read("/v1/state");
    }

    /**
     * An account's subaccounts, balances and positions.
     *
     * @param address {@code 0x} and 40 hex digits.
     * @return {@code GET /v1/accounts/{address}}.
     * @throws IOException when the node cannot be reached or refuses (404 {@code UNKNOWN_ACCOUNT}).
     */
    public JsonNode account(final String address) throws IOException
    {
        return read("/v1/accounts/" + address);
    }

    /**
     * The perpetual markets.
     *
     * @return {@code GET /v1/markets}.
     * @throws IOException when the node cannot be reached or refuses.
     */
    public JsonNode markets() throws IOException
    {
        return read("/v1/markets");
    }

    /**
     * Pending governance actions (timelocked risk changes).
     *
     * @return {@code GET /v1/governance/pending}.
     * @throws IOException when the node cannot be reached or refuses.
     */
    public JsonNode governancePending() throws IOException
    {
        return read("/v1/governance/pending");
    }

    /**
     * The engine's EIP-712 domain separator, for signing.
     *
     * @return 32 bytes.
     * @throws IOException when the node cannot be reached or refuses.
     */
    public byte[] domainSeparator() throws IOException
    {
        return io.novation.core.crypto.Hex.decode(state().path("domainSeparator").asText());
    }

    /**
     * The rows of a history query, read page by page as they are consumed.
     *
     * @param query the query.
     * @return every matching row once, in the node's order.
     */
    public HistoryPages history(final HistoryQuery query)
    {
        return new HistoryPages(this, query.path());
    }

    /**
     * POSTs one command to {@code /v1/commands}.
     *
     * @param command the command's JSON.
     * @return the answer ({@link Reply#applied()}, or a rejection with its code).
     * @throws IOException when the node cannot be reached.
     */
    public Reply submit(final JsonNode command) throws IOException
    {
        return post("/v1/commands", command.toString());
    }

    /**
     * POSTs commands as one batch to {@code /v1/commands/batch}, sequenced consecutively.
     *
     * @param commands the commands' JSON (an array node), in order.
     * @return the answer: {@code applied}, {@code rejected} and one result per command.
     * @throws IOException when the node cannot be reached.
     */
    public Reply submitBatch(final JsonNode commands) throws IOException
    {
        return post("/v1/commands/batch", commands.toString());
    }

    /**
     * POSTs commands as one batch.
     *
     * @param commands the commands' JSON, in order.
     * @return the answer.
     * @throws IOException when the node cannot be reached.
     */
    public Reply submitBatch(final List<? extends JsonNode> commands) throws IOException
    {
        return submitBatch(ClientJson.MAPPER.createArrayNode().addAll(List.copyOf(commands)));
    }

    /**
     * POSTs a JSON text to a path under the base, whatever its status.
     *
     * @param path e.g. {@code /v1/commands/batch}.
     * @param body the JSON text.
     * @return the answer.
     * @throws IOException when the node cannot be reached.
     */
    public Reply post(final String path, final String body) throws IOException
    {
        return send(HttpRequest.newBuilder(under(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A path under the base, its prefix kept (as the event stream's), e.g. {@code /v1/state}. */
    private URI under(final String path)
    {
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
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
                ClientJson.MAPPER.readTree(response.body());
        }
        catch (final IOException ex)
        {
            body = NullNode.getInstance();
        }
        return new Reply(response.statusCode(), body);
    }
}
