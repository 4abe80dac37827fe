package io.novation.sim.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * The base chain's opening on a thread of its own: ganache started, the contracts deployed and every participant's
 * bridge deposit made ({@link BaseChain#start}, {@link BaseChain#deposit}) while the demo sets up the venue (markets,
 * publishers, risk controls); the demo waits for it only when the ChainWatcher's credits are due. The deposits run in
 * ganache's process, so the venue's setup and the chain's work share the two cores instead of following each other.
 * Time in nanoseconds of the JVM's monotonic clock.
 */
final class ChainOpening implements AutoCloseable
{
    /** How long {@link #close()} waits for the opening's thread to end after stopping its chain. */
    static final long CLOSE_WAIT_MS = 30_000;

    private final FutureTask<BaseChain> task;
    private final Thread thread;
    private volatile boolean taken;
    private volatile boolean closing;
    private volatile BaseChain started;

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
        final ChainOpening[] self = new ChainOpening[1];
        final ChainOpening opening = new ChainOpening(new FutureTask<>(() ->
        {
            final BaseChain chain = BaseChain.start(settings, work, operator, bridgeKey, cast, marketCount);
            self[0].started = chain;
            try
            {
                if (self[0].closing)
                {
                    throw new IOException("the base chain's opening was closed");
                }
                chain.deposit();
                return chain;
            }
            catch (final IOException | RuntimeException ex)
            {
                chain.close();
                throw ex;
            }
        }));
        self[0] = opening;
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

    /**
     * When the demo fails before taking the chain: cancels the opening (its thread interrupted), stops its chain at
     * once if ganache is up (the deposits under way then fail) and waits at most {@link #CLOSE_WAIT_MS} for the
     * thread to end; an opening still starting ganache then stops it itself as soon as it is up. The caller's
     * interrupt status is kept, and does not cut the stop short.
     */
    @Override
    public void close()
    {
        if (taken)
        {
            return;
        }
        closing = true;
        final boolean interrupted = Thread.interrupted();
        try
        {
            task.cancel(true);
            stopStarted();
            thread.join(CLOSE_WAIT_MS);
            // The opening may have started ganache while this waited: stop it too.
            stopStarted();
        }
        catch (final InterruptedException ex)
        {
            stopStarted();
            Thread.currentThread().interrupt();
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopStarted()
    {
        final BaseChain chain = started;
        if (chain != null)
        {
            chain.close();
        }
    }

    /** Whether the opening's thread has ended. */
    boolean ended()
    {
        return !thread.isAlive();
    }
}
