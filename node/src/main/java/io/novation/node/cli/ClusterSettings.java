package io.novation.node.cli;

/**
 * How a node joins an Aeron Cluster, as given on {@code novation node}: the members, this member's id, and the
 * settings that matter on a small machine (idle strategy, file sync level, failure detection in milliseconds).
 *
 * @param members             comma-separated {@code host:port} of every member, in member id order; each member uses
 *                            five consecutive ports from its port (ingress, consensus, log, catch-up, archive).
 * @param memberId            this member's index in {@code members}.
 * @param idle                idle strategy of the cluster's threads: {@code backoff}, {@code sleep} or {@code busy}.
 * @param fileSync            0: no fsync (an acknowledged command survives process crashes of a minority of
 *                            members); 1: the archive forces the log before it counts towards commit, so an
 *                            acknowledged command survives a power loss of every member; 2: also forces metadata.
 * @param heartbeatTimeoutMs  how long followers wait without hearing from the leader before electing a new one.
 * @param aeronDir            the media driver's directory, or null for one derived from the member's port.
 */
public record ClusterSettings(String members, int memberId, String idle, int fileSync, long heartbeatTimeoutMs,
    String aeronDir)
{
}
