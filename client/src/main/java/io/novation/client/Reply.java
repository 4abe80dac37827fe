package io.novation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A node's answer to one request: the HTTP status and the JSON body (a {@link NullNode} when the body is not JSON).
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

    /**
     * Whether the node applied every command of a batch (200 with none rejected or refused).
     *
     * @return true when the whole batch applied.
     */
    public boolean batchApplied()
    {
        return status == 200 && body.path("rejected").asInt(-1) == 0 && body.path("refused").asInt(-1) == 0;
    }

    /**
     * The body when the status is 200, else the node's refusal as an exception.
     *
     * @param request the request, for the exception's message.
     * @return the body.
     * @throws NovationApiException when the status is not 200.
     */
    public JsonNode orThrow(final String request) throws NovationApiException
    {
        if (status != 200)
        {
            throw new NovationApiException(request, status, code(), body.path("message").asText(body.toString()));
        }
        return body;
    }
}
