package io.novation.sim.demo;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A demo interrupted while it waits for the base chain's opening (ganache up, 4,000 bridge deposits under way), and
 * still interrupted when its {@code finally} closes the opening, stops ganache on its way out
 * ({@link ChainOpening#close()} cancels the opening and closes its chain, the caller's interrupt notwithstanding):
 * the run ends promptly and no ganache process is left.
 */
class ChainOpeningCloseTest
{
    private static final Path OUT = Path.of("target", "chain-opening-close-test");

    @Test
    void shouldStopGanacheWhenTheDemoIsInterruptedDuringTheChainsOpening() throws Exception
    {
        final DemoSettings settings = DemoSettings.defaults(OUT).withAccounts(4_000)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(21 * 60, 21 * 60 + 20);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread runner = new Thread(() ->
        {
            try
            {
                Demo.run(settings, ChainSettings.on(), new PrintStream(OutputStream.nullOutputStream()), false);
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        }, "interrupted-demo");
        runner.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!waitingForTheChain(runner) && runner.isAlive() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        final long interruptedAt;
        try
        {
            assertThat(waitingForTheChain(runner)).as("the demo waits for the chain's opening").isTrue();
            // The opening installs and compiles what it needs before it starts ganache: wait for the process.
            while (ganacheCount() == 0 && waitingForTheChain(runner) && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertThat(ganacheCount()).as("ganache started by the opening").isPositive();
        }
        finally
        {
            // Interrupted in its wait, and again and again on its way out: close() is called with the thread
            // interrupted. Also when an assertion above failed, so that no demo is left running in this JVM.
            interruptedAt = System.nanoTime();
            while (runner.isAlive() && System.nanoTime() - interruptedAt < TimeUnit.SECONDS.toNanos(120))
            {
                runner.interrupt();
                Thread.sleep(2);
            }
        }

        assertThat(runner.isAlive()).as("the demo still running two minutes after its interrupt").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - interruptedAt)).isLessThan(15);
        assertThat(thrown.get()).isNotNull();
        final long stopped = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ganacheCount() > 0 && System.nanoTime() < stopped)
        {
            Thread.sleep(50);
        }
        assertThat(ganacheCount()).as("ganache processes left").isZero();
    }

    private static boolean waitingForTheChain(final Thread runner)
    {
        for (final StackTraceElement frame : runner.getStackTrace())
        {
            if (frame.getClassName().equals(ChainOpening.class.getName()) && frame.getMethodName().equals("await"))
            {
                return true;
            }
        }
        return false;
    }

    private static long ganacheCount()
    {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
            .filter(p -> p.info().commandLine().orElse("").contains("ganache")).count();
    }
}
