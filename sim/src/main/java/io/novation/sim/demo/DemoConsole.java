package io.novation.sim.demo;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * What the demo writes on the console while it runs: the progress line (simulated UTC time, each market's index in
 * USD, liquidations so far, the insurance fund in USDC and commands per second of wall-clock time), rewritten in
 * place on a terminal or written once an hour otherwise, and the closing summary.
 */
final class DemoConsole
{
    private final PrintStream console;
    private final boolean interactive;
    private final List<DemoMarket> markets;
    private long lastProgressNanos;

    DemoConsole(final PrintStream console, final boolean interactive, final List<DemoMarket> markets)
    {
        this.console = console;
        this.interactive = interactive;
        this.markets = markets;
    }

    /**
     * The progress line after a minute: at most five a second on a terminal, else one per hour and the last one.
     *
     * @param minute            the minute of the day just replayed.
     * @param last              whether it is the last minute.
     * @param tap               the venue's view of the event stream.
     * @param loopStartNanos    when the replay began, {@link System#nanoTime()}.
     * @param commandsSinceLoop commands the node has sequenced since the replay began.
     */
    void progress(final int minute, final boolean last, final StreamTap tap, final long loopStartNanos,
        final long commandsSinceLoop)
    {
        final long now = System.nanoTime();
        final boolean hourly = (minute + 1) % 60 == 0;
        if (interactive ? !last && now - lastProgressNanos < 200_000_000L : !last && !hourly)
        {
            return;
        }
        lastProgressNanos = now;
        final double seconds = Math.max(1e-9, (now - loopStartNanos) / 1e9);
        final StringBuilder line = new StringBuilder();
        line.append(clock(DemoMarket.DAY_START + (minute + 1) * MinuteSeries.MINUTE_MS)).append(" UTC");
        long liquidations = 0;
        for (final DemoMarket market : markets)
        {
            line.append("  ").append(market.ticker(), 0, market.ticker().indexOf('-')).append(' ')
                .append(String.format("%,.0f", market.usd(market.series().close(minute))));
            liquidations += tap.liquidations(market.id());
        }
        line.append(String.format("  liquidations %,d  insurance fund %,.0f USDC  %,.0f cmd/s", liquidations,
            tap.insuranceFund() / 1e6, commandsSinceLoop / seconds));
        if (interactive)
        {
            console.print("\r" + line + "   ");
            if (last)
            {
                console.println();
            }
        }
        else
        {
            console.println(line);
        }
        console.flush();
    }

    /** One line, flushed. */
    void say(final String line)
    {
        console.println(line);
        console.flush();
    }

    /** Where the report went and whether the journal audit found the invariants held. */
    void summary(final DemoOutcome outcome, final JournalAudit audit)
    {
        say("report: " + outcome.json() + " and " + outcome.html());
        if (audit.failures().isEmpty())
        {
            say("invariants hold: conservation after each of " + audit.batchesChecked() + " batches, no negative " +
                "net collateral, replayed root " + audit.finalRoot() + " equals the node's");
        }
        else
        {
            audit.failures().forEach(failure -> say("INVARIANT FAILED: " + failure));
        }
    }

    /** A minute of the day as {@code hh:mm}. */
    static String hhmm(final int minuteOfDay)
    {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    private static String clock(final long time)
    {
        return Instant.ofEpochMilli(time).toString().substring(11, 16);
    }
}
