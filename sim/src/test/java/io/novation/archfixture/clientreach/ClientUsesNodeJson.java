package io.novation.archfixture.clientreach;

import io.novation.node.json.Json;

/**
 * Planted violation: a client class (it stands in for the client module) that parses with the node's JSON mapper.
 */
public final class ClientUsesNodeJson
{
    private ClientUsesNodeJson()
    {
    }

    /**
     * Whether a text is a JSON object, as the node's mapper reads it.
     *
     * @param text the text.
     * @return true for an object.
     * @throws java.io.IOException when it is not JSON.
     */
    public static boolean isObject(final String text) throws java.io.IOException
    {
        return Json.MAPPER.readTree(text).isObject();
    }
}
