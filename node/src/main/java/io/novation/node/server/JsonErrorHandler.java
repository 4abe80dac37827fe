package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The server's own error pages (requests refused before they reach a route: a malformed request line, a URL or
 * headers too long) as JSON {@code {"code": "...", "message": "..."}}, never HTML, stacks or class names.
 */
final class JsonErrorHandler extends ErrorHandler
{
    JsonErrorHandler()
    {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(final int status, final String reason, final HttpFields.Mutable fields)
    {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status));
    }

    @Override
    protected void generateAcceptableResponse(final Request baseRequest, final HttpServletRequest request,
        final HttpServletResponse response, final int code, final String message) throws IOException
    {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        final byte[] body = body(code);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The JSON body of an error the server answers by itself.
     *
     * @param status the HTTP status.
     * @return the body's bytes.
     */
    static byte[] body(final int status)
    {
        final ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("code", code(status));
        node.put("message", message(status));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String code(final int status)
    {
        return switch (status)
        {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "BODY_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 431 -> "HEADERS_TOO_LARGE";
            case 500 -> "INTERNAL";
            case 503 -> "UNAVAILABLE";
            default -> "HTTP_" + status;
        };
    }

    static String message(final int status)
    {
        return switch (status)
        {
            case 400 -> "the request is not well-formed HTTP";
            case 404 -> "no such route";
            case 405 -> "the route does not take this method";
            case 408 -> "the request did not arrive in time";
            case 413 -> "the body is too large";
            case 414 -> "the URL is too long";
            case 431 -> "the request headers are too large";
            case 500 -> "the node failed to answer";
            case 503 -> "the node is unavailable";
            default -> "HTTP status " + status;
        };
    }
}
