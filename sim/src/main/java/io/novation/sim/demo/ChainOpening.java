package io.novation.sim.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The base chain's opening on a thread of its own: ganache started, the contracts deployed and every participant's
 * bridge deposit made ({@link BaseChain#start}, {@link BaseChain#deposit}) while the demo sets up the venue (markets,
 * publishers, risk controls); the demo waits for it only when the ChainWatcher's credits are due. The deposits run in
 * ganache's process, so the venue's setup and the chain's work share the two cores instead of following each other.
 * Time in nanoseconds of the JVM's monotonic clock.
 */
final class ChainOpening implements AutoCloseable
{
    private final FutureTask<BaseChain> task;
    private final Thread thread;
    private volatile boolean taken;

    private ChainOpening(final FutureTask<BaseChain> task)
    {
        this.task = task;
        this.thread = new Thread(task, "demo-chain-opening");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the opening.
     *
     * @param settings    the chain's settings.
     * @param work        directory of the compiled contracts and ganache's log.
     * @param operator    the venue's operator.
     * @param bridgeKey   the bridge private key of genesis.
     * @param cast        the participants.
     * @param marketCount markets of the demo.
     * @return the opening, under way.
     */
    static ChainOpening start(final ChainSettings settings, final Path work, final Operator operator,
        final byte[] bridgeKey, final DemoCast cast, final int marketCount)
    {
        final ChainOpening opening = new ChainOpening(new FutureTask<>(() ->
        {
            final BaseChain chain = BaseChain.start(settings, work, operator, bridgeKey, cast, marketCount);
            try
            {
                chain.deposit();
                return chain;
            }
            catch (final IOException | RuntimeException ex)
            {
                chain.close();
                throw ex;
            }
        }));
        opening.thread.start();
        return opening;
    }

    /**
     * Waits for the opening: the chain with every deposit made, whose {@link BaseChain#close()} is then the caller's.
     *
     * @return the chain.
     * @throws IOException          as {@link BaseChain#start} and {@link BaseChain#deposit} throw it.
     * @throws InterruptedException when interrupted while waiting.
     */
    BaseChain await() throws IOException, InterruptedException
    {
        try
        {
            final BaseChain chain = task.get();
            taken = true;
            return chain;
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof IOException io)
            {
                throw io;
            }
            if (cause instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new IOException("the base chain's opening failed", cause);
        }
    }

    /** When the demo fails before taking the chain: waits for the opening to end and stops its chain. */
    @Override
    public void close()
    {
        if (taken)
        {
            return;
        }
        try
        {
            await().close();
        }
        catch (final IOException | RuntimeException ex)
        {
            // The opening failed: it closed its own chain.
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
