package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 client over one socket for hostile-input tests: sends any bytes, reads at most a bounded number of
 * response bytes, and parses the status and JSON body.
 */
final class RawHttp implements AutoCloseable
{
    /** Most response bytes a test reads: a bounded answer fits well within it. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final Socket socket;
    private final OutputStream out;

    RawHttp(final int port, final int readTimeoutMs) throws IOException
    {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(readTimeoutMs);
        out = socket.getOutputStream();
    }

    RawHttp send(final String text) throws IOException
    {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp send(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Reads the response until the server closes, the body's Content-Length is read, or the bound.
     *
     * @return the response.
     * @throws IOException when the socket fails or no response arrives in time.
     */
    Response read() throws IOException
    {
        final InputStream in = socket.getInputStream();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] chunk = new byte[4096];
        int total = 0;
        try
        {
            while (total <= MAX_RESPONSE_BYTES)
            {
                final int read = in.read(chunk);
                if (read < 0)
                {
                    break;
                }
                bytes.write(chunk, 0, read);
                total += read;
                final Response partial = Response.parse(bytes.toString(StandardCharsets.ISO_8859_1), total);
                if (partial != null && partial.status() != 100 && partial.complete())
                {
                    return partial;
                }
            }
        }
        catch (final SocketTimeoutException ex)
        {
            if (total == 0)
            {
                throw ex;
            }
        }
        final Response response = Response.parse(bytes.toString(StandardCharsets.ISO_8859_1), total);
        if (response == null)
        {
            throw new IOException("no HTTP response in " + total + " bytes");
        }
        return response;
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    static String post(final String path, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** A response: status, headers and body as text, and how many bytes arrived in all. */
    record Response(int status, String headers, String body, int bytes, boolean complete)
    {
        static Response parse(final String text, final int bytes)
        {
            // Skip interim 100 Continue responses.
            String rest = text;
            while (rest.startsWith("HTTP/1.1 100"))
            {
                final int end = rest.indexOf("\r\n\r\n");
                if (end < 0)
                {
                    return null;
                }
                rest = rest.substring(end + 4);
            }
            final int end = rest.indexOf("\r\n\r\n");
            if (!rest.startsWith("HTTP/1.1 ") || end < 0)
            {
                return null;
            }
            final int status = Integer.parseInt(rest.substring(9, 12));
            final String headers = rest.substring(0, end);
            final String body = rest.substring(end + 4);
            final java.util.regex.Matcher length = java.util.regex.Pattern
                .compile("(?i)content-length: *([0-9]+)").matcher(headers);
            final boolean complete = length.find() && body.length() >= Integer.parseInt(length.group(1));
            return new Response(status, headers, body, bytes, complete);
        }

        JsonNode json() throws IOException
        {
            return Json.MAPPER.readTree(body);
        }

        String contentType()
        {
            final java.util.regex.Matcher type = java.util.regex.Pattern.compile("(?i)content-type: *([^\r\n]+)")
                .matcher(headers);
            return type.find() ? type.group(1) : "";
        }
    }
}
