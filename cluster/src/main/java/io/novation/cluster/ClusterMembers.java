package io.novation.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of a cluster, given as comma-separated {@code host:port} in member id order. Member {@code i} listens
 * on five consecutive UDP ports from its port: ingress (clients), consensus (members), log, catch-up and archive
 * control.
 *
 * @param hosts one host per member.
 * @param ports one first port per member.
 */
public record ClusterMembers(List<String> hosts, List<Integer> ports)
{
    /** Offset of the ingress port, where clients send. */
    public static final int INGRESS = 0;
    /** Offset of the consensus port, where members talk. */
    public static final int CONSENSUS = 1;
    /** Offset of the log port, where the leader replicates the log. */
    public static final int LOG = 2;
    /** Offset of the catch-up port, where a lagging member receives the log. */
    public static final int CATCHUP = 3;
    /** Offset of the archive control port. */
    public static final int ARCHIVE = 4;

    /**
     * Parses {@code host:port,host:port,...}.
     *
     * @param text the members.
     * @return the members.
     * @throws IllegalArgumentException when malformed.
     */
    public static ClusterMembers parse(final String text)
    {
        final List<String> hosts = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        for (final String member : text.split(","))
        {
            final String trimmed = member.trim();
            final int colon = trimmed.lastIndexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException("a member is host:port, not \"" + trimmed + "\"");
            }
            final int port;
            try
            {
                port = Integer.parseInt(trimmed.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("a member is host:port, not \"" + trimmed + "\"");
            }
            if (port <= 0 || port + ARCHIVE > 65_535)
            {
                throw new IllegalArgumentException("member port " + port + " leaves no room for its five ports");
            }
            hosts.add(trimmed.substring(0, colon));
            ports.add(port);
        }
        return new ClusterMembers(List.copyOf(hosts), List.copyOf(ports));
    }

    /**
     * The number of members.
     *
     * @return count.
     */
    public int size()
    {
        return hosts.size();
    }

    /**
     * One endpoint of a member.
     *
     * @param memberId the member.
     * @param offset   {@link #INGRESS}, {@link #CONSENSUS}, {@link #LOG}, {@link #CATCHUP} or {@link #ARCHIVE}.
     * @return host:port.
     */
    public String endpoint(final int memberId, final int offset)
    {
        return hosts.get(memberId) + ":" + (ports.get(memberId) + offset);
    }

    /**
     * The consensus module's description of the members:
     * {@code id,ingress,consensus,log,catchup,archive|...}.
     *
     * @return the string for {@code ConsensusModule.Context.clusterMembers}.
     */
    public String consensusMembers()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < size(); i++)
        {
            text.append(i).append(',').append(endpoint(i, INGRESS)).append(',').append(endpoint(i, CONSENSUS))
                .append(',').append(endpoint(i, LOG)).append(',').append(endpoint(i, CATCHUP)).append(',')
                .append(endpoint(i, ARCHIVE)).append('|');
        }
        text.setLength(text.length() - 1);
        return text.toString();
    }

    /**
     * The clients' description of the members' ingress: {@code 0=host:port,1=host:port,...}.
     *
     * @return the string for {@code AeronCluster.Context.ingressEndpoints}.
     */
    public String ingressEndpoints()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < size(); i++)
        {
            text.append(i).append('=').append(endpoint(i, INGRESS)).append(',');
        }
        text.setLength(text.length() - 1);
        return text.toString();
    }
}
