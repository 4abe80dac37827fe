package io.novation.cluster;

import io.novation.node.cli.ClusterLauncher;
import io.novation.node.cli.ClusterSettings;
import io.novation.node.server.NodeConfig;

import java.io.PrintStream;

/**
 * Starts {@code novation node --cluster MEMBERS --member-id I} as a {@link ClusterNode}.
 */
public final class ClusterNodeLauncher implements ClusterLauncher
{
    @Override
    public AutoCloseable launch(final NodeConfig config, final ClusterSettings settings, final PrintStream out)
        throws Exception
    {
        final ClusterMembers members = ClusterMembers.parse(settings.members());
        final String aeronDir = settings.aeronDir() != null ? settings.aeronDir() :
            ClusterNode.defaultAeronDir(members, settings.memberId());
        final ClusterNode node = ClusterNode.start(config, members, settings.memberId(), aeronDir, settings.idle(),
            settings.fileSync(), settings.heartbeatTimeoutMs(), out);
        out.println("novation node: cluster member " + settings.memberId() + " of " + members.size() + " (" +
            settings.members() + "), idle " + settings.idle() + ", file sync " + settings.fileSync() +
            ", media driver in " + aeronDir);
        final long restored = node.service().restoredSequence();
        out.println("novation node: " + (restored < 0 ? "started from genesis (no snapshot), " :
            "restored from snapshot at sequence " + restored + ", ") + "then replays and catches up on the log");
        out.println("novation node: governance " + node.genesis().authority().governance() + ", bridge " +
            node.genesis().authority().bridge());
        out.println("novation node: listening on http://" + config.host() + ":" + node.port());
        return node;
    }
}
