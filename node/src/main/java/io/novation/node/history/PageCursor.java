package io.novation.node.history;

import io.novation.node.sequencer.Refusal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * An opaque, tamper-evident page cursor: the query it belongs to (kind, scope, subaccount filter, time range) and the
 * key of the last row returned (two longs), as base64url text followed by a 128-bit HMAC-SHA256 tag under the
 * database's cursor key. A cursor that was altered, forged, or presented with another query is refused with 400
 * {@code INVALID_CURSOR}.
 *
 * @param query the canonical query text the cursor is bound to.
 * @param key1  first key of the last row returned.
 * @param key2  second key of the last row returned.
 */
public record PageCursor(String query, long key1, long key2)
{
    private static final int TAG_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /**
     * The cursor as text.
     *
     * @param secret the cursor key.
     * @return base64url payload, a dot, base64url tag.
     */
    public String encode(final byte[] secret)
    {
        final byte[] payload = (query + "|" + key1 + "|" + key2).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(tag(secret, payload));
    }

    /**
     * Reads a cursor and checks it belongs to a query.
     *
     * @param text   the cursor.
     * @param secret the cursor key.
     * @param query  the canonical text of the query presenting it.
     * @return the cursor.
     * @throws Refusal 400 {@code INVALID_CURSOR} when it is malformed, its tag is wrong, or it is another query's.
     */
    public static PageCursor decode(final String text, final byte[] secret, final String query) throws Refusal
    {
        final int dot = text.indexOf('.');
        if (text.length() > 1024 || dot <= 0 || dot != text.lastIndexOf('.'))
        {
            throw invalid("the cursor is malformed");
        }
        final byte[] payload;
        final byte[] tag;
        try
        {
            payload = DECODER.decode(text.substring(0, dot));
            tag = DECODER.decode(text.substring(dot + 1));
        }
        catch (final IllegalArgumentException ex)
        {
            throw invalid("the cursor is not base64url");
        }
        if (!MessageDigest.isEqual(tag, tag(secret, payload)))
        {
            throw invalid("the cursor's signature does not match: it was altered or not issued by this node");
        }
        final String body = new String(payload, StandardCharsets.UTF_8);
        final int second = body.lastIndexOf('|');
        final int first = second <= 0 ? -1 : body.lastIndexOf('|', second - 1);
        if (first <= 0 || !body.substring(0, first).equals(query))
        {
            throw invalid("the cursor belongs to another query (endpoint, account, filter or range)");
        }
        try
        {
            return new PageCursor(query, Long.parseLong(body.substring(first + 1, second)),
                Long.parseLong(body.substring(second + 1)));
        }
        catch (final NumberFormatException ex)
        {
            throw invalid("the cursor is malformed");
        }
    }

    private static byte[] tag(final byte[] secret, final byte[] payload)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is unavailable", ex);
        }
    }

    private static Refusal invalid(final String message)
    {
        return new Refusal(400, "INVALID_CURSOR", message);
    }
}
