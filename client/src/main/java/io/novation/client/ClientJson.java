package io.novation.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The client's JSON mapper, reading as the node writes: numbers exact (big decimals and integers), duplicate keys
 * and trailing tokens refused.
 */
public final class ClientJson
{
    /** The shared mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private ClientJson()
    {
    }
}
