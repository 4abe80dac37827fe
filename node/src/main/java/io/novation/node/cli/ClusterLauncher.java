package io.novation.node.cli;

import io.novation.node.server.NodeConfig;

import java.io.PrintStream;

/**
 * Starts a node as a member of an Aeron Cluster; found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.novation.node.cli.ClusterLauncher}, so that {@code node} does not depend on the
 * {@code cluster} module that implements it.
 */
public interface ClusterLauncher
{
    /**
     * Starts the member (media driver, archive, consensus module, the engine's clustered service) and its HTTP API.
     *
     * @param config   the node's configuration: data directory, API address and limits, genesis.
     * @param settings the cluster's settings.
     * @param out      where to print announcements.
     * @return the running member; closing it stops it.
     * @throws Exception when it cannot start.
     */
    AutoCloseable launch(NodeConfig config, ClusterSettings settings, PrintStream out) throws Exception;
}
