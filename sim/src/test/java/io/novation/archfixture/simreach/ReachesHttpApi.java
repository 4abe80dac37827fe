package io.novation.archfixture.simreach;

import io.novation.node.server.HttpApi;

/**
 * Planted violation: a simulator class (it stands in for sim) that reaches into the node's HTTP layer.
 */
public final class ReachesHttpApi
{
    private ReachesHttpApi()
    {
    }

    /**
     * Counts the node's routes.
     *
     * @param api the node's HTTP layer.
     * @return the number of routes.
     */
    public static int routes(final HttpApi api)
    {
        return api.routes().size();
    }
}
