package io.novation.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rows of one history query ({@code {"items", "next", "appliedSequence"}} pages), read page by page on demand by
 * following each page's {@code next} cursor until it is null: every matching row once, in the node's key order.
 * Not thread-safe; a node's refusal surfaces as an {@link UncheckedIOException} around a {@link NovationApiException}.
 */
public final class HistoryPages implements Iterator<JsonNode>
{
    private final NovationClient client;
    private final String query;
    private Iterator<JsonNode> page = java.util.Collections.emptyIterator();
    private String cursor;
    private boolean last;
    private int pages;

    HistoryPages(final NovationClient client, final String query)
    {
        this.client = client;
        this.query = query;
    }

    /**
     * The pages read so far.
     *
     * @return a count.
     */
    public int pagesRead()
    {
        return pages;
    }

    @Override
    public boolean hasNext()
    {
        while (!page.hasNext() && !last)
        {
            fetch();
        }
        return page.hasNext();
    }

    @Override
    public JsonNode next()
    {
        if (!hasNext())
        {
            throw new NoSuchElementException();
        }
        return page.next();
    }

    /**
     * The remaining rows as a sequential stream.
     *
     * @return the stream.
     */
    public Stream<JsonNode> stream()
    {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false);
    }

    private void fetch()
    {
        final String path = cursor == null ? query :
            query + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        final JsonNode body;
        try
        {
            body = client.read(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        pages++;
        page = body.path("items").elements();
        final JsonNode next = body.path("next");
        cursor = next.isTextual() ? next.asText() : null;
        last = cursor == null;
    }
}
