package io.novation.node.sequencer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule defers a due seal while the open batch could not be proven solvent, asks again no sooner than
 * {@link BatchSchedule#RETRY_MS} of sequencer time later (by count and by interval, and moves the seal timer's
 * deadline there), and seals at the first opportunity once the batch is provable, keeping its commands.
 */
class UnprovableSealDeferralTest
{
    @Test
    void shouldDeferACountedSealWhileUnprovableAndRetryAfterTheRetryInterval()
    {
        final BatchSchedule schedule = new BatchSchedule(2, 0, 0);
        final AtomicBoolean provable = new AtomicBoolean(false);
        final AtomicInteger checks = new AtomicInteger();
        schedule.deferWhileUnprovable(() ->
        {
            checks.incrementAndGet();
            return provable.get();
        });
        sequence(schedule, 1);
        assertThat(schedule.dueAfterCommand(10)).as("not due: no check").isFalse();
        assertThat(checks).hasValue(0);
        sequence(schedule, 2);
        assertThat(schedule.dueAfterCommand(20)).as("due but unprovable").isFalse();
        assertThat(schedule.deferrals()).isOne();
        sequence(schedule, 3);
        assertThat(schedule.dueAfterCommand(20 + BatchSchedule.RETRY_MS - 1)).as("within the retry interval")
            .isFalse();
        assertThat(checks).as("no check before the retry time").hasValue(1);

        provable.set(true);
        sequence(schedule, 4);
        assertThat(schedule.dueAfterCommand(20 + BatchSchedule.RETRY_MS)).isTrue();
        assertThat(schedule.commandsSinceSeal()).as("the deferred batch keeps its commands").isEqualTo(4);
        assertThat(checks).hasValue(2);
    }

    @Test
    void shouldMoveTheSealTimerPastADeferral()
    {
        final BatchSchedule schedule = new BatchSchedule(0, 500, 10_000);
        final AtomicBoolean provable = new AtomicBoolean(false);
        schedule.deferWhileUnprovable(provable::get);
        sequence(schedule, 1);
        assertThat(schedule.dueAt(10_500)).isFalse();
        assertThat(schedule.deadline()).isEqualTo(10_500 + BatchSchedule.RETRY_MS);
        provable.set(true);
        assertThat(schedule.dueAt(10_500 + BatchSchedule.RETRY_MS - 1)).isFalse();
        assertThat(schedule.dueAt(10_500 + BatchSchedule.RETRY_MS)).isTrue();
    }

    private static void sequence(final BatchSchedule schedule, final long sequence)
    {
        final byte[] record = ("command " + sequence).getBytes(StandardCharsets.UTF_8);
        schedule.sequenced(sequence, record, 0, record.length);
    }
}
