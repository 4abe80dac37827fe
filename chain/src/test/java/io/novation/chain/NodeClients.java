package io.novation.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;
import io.novation.testkit.VenueClients;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The clients of a node beside a chain in tests ({@link VenueClients}, USDC and ETH collateral, commands one
 * millisecond apart), speaking the node's JSON over HTTP; the bridge's deposits read by the chain watcher are put in
 * the bridge's envelope as the node's bridge key signs them.
 */
final class NodeClients extends VenueClients<ObjectNode>
{
    private final CommandEncoder encoder = new CommandEncoder(replica().state());
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    NodeClients(final long startTime, final int port)
    {
        super(startTime, Collateral.USDC_AND_ETH);
        this.base = "http://127.0.0.1:" + port;
    }

    @Override
    protected ObjectNode wire(final Command command, final long nonce, final EcdsaSignature envelope)
    {
        final ObjectNode json = encoder.encode(command, true);
        return envelope == null ? json : CommandEncoder.withAuthority(json, nonce, envelope);
    }

    @Override
    protected EcdsaSignature envelope(final byte[] domain, final long nonce, final Command command,
        final byte[] privateKey)
    {
        return Authority.sign(domain, nonce, command, privateKey);
    }

    /**
     * A command the chain watcher read from the bridge, at the next time, in the bridge's envelope.
     */
    ObjectNode bridged(final Command command)
    {
        final Command timed = command.withTime(nextTime());
        final ObjectNode json = wire(timed, 0, envelope(domain(), 0, timed, BRIDGE_KEY));
        replica().apply(timed);
        return json;
    }

    /** Posts a command and requires it applied. */
    JsonNode submit(final ObjectNode command) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/commands"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(command.toString()))
            .build(), HttpResponse.BodyHandlers.ofString());
        final JsonNode body = Json.MAPPER.readTree(response.body());
        if (response.statusCode() != 200 || !"applied".equals(body.path("status").asText()))
        {
            throw new IllegalStateException("the node did not apply " + command + ": " + response.body());
        }
        return body;
    }

    /** Reads a JSON route. */
    Reply get(final String path) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** A reply of the node. */
    record Reply(int status, String text)
    {
        JsonNode json() throws IOException
        {
            return Json.MAPPER.readTree(text);
        }
    }
}
