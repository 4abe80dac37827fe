package io.novation.node.stream;

/**
 * A subscriber that passes every message on to another (a connection's bounded queue) and asks the hub for
 * heartbeats: the public stream with {@code heartbeat=true}, and the base of an account's private stream.
 */
public class HeartbeatSubscriber implements EventSubscriber
{
    private final EventSubscriber queue;

    /**
     * A subscriber over a queue.
     *
     * @param queue where the messages go.
     */
    public HeartbeatSubscriber(final EventSubscriber queue)
    {
        this.queue = queue;
    }

    @Override
    public boolean offer(final long sequence, final String json)
    {
        return queue.offer(sequence, json);
    }

    @Override
    public boolean wantsHeartbeat()
    {
        return true;
    }

    @Override
    public int backlog()
    {
        return queue.backlog();
    }

    @Override
    public boolean closeIfStalled(final long nowNanos)
    {
        return queue.closeIfStalled(nowNanos);
    }

    @Override
    public void close(final String code, final String message)
    {
        queue.close(code, message);
    }

    @Override
    public boolean isOpen()
    {
        return queue.isOpen();
    }
}
