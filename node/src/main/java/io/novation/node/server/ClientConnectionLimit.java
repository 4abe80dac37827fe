package io.novation.node.server;

import io.novation.node.metrics.NodeMetrics;
import org.eclipse.jetty.io.Connection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the open connections from one client address (connections): a connection beyond the bound is closed as it
 * opens and counted in the metrics as refused by the {@code connections_per_ip} limit, so one address cannot take
 * the server's whole connection limit. Thread-safe.
 */
final class ClientConnectionLimit implements Connection.Listener
{
    /** The limit name in the metrics. */
    static final String LIMIT = "connections_per_ip";

    private final int maxPerAddress;
    private final NodeMetrics metrics;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** The address of each open connection: a closed socket no longer tells its remote address. */
    private final Map<Connection, InetAddress> addresses = new ConcurrentHashMap<>();

    ClientConnectionLimit(final int maxPerAddress, final NodeMetrics metrics)
    {
        this.maxPerAddress = maxPerAddress;
        this.metrics = metrics;
    }

    @Override
    public void onOpened(final Connection connection)
    {
        final InetAddress address = address(connection);
        if (address == null)
        {
            return;
        }
        addresses.put(connection, address);
        final int count = open.merge(address, 1, Integer::sum);
        if (count > maxPerAddress)
        {
            metrics.admissionRefused(LIMIT);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(final Connection connection)
    {
        final InetAddress address = addresses.remove(connection);
        if (address != null)
        {
            open.computeIfPresent(address, (a, count) -> count > 1 ? count - 1 : null);
        }
    }

    /**
     * Connections open from an address, for tests.
     *
     * @param address the client address.
     * @return count.
     */
    int openFrom(final InetAddress address)
    {
        return open.getOrDefault(address, 0);
    }

    private static InetAddress address(final Connection connection)
    {
        final SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
