package io.novation.node.server;

/**
 * One route the node serves: an HTTP method (or "WS" for a WebSocket upgrade) and a path with {param} segments.
 *
 * @param method  "GET", "POST" or "WS".
 * @param path    e.g. "/v1/accounts/{address}".
 */
public record Route(String method, String path)
{
}
