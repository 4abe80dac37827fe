package io.novation.cluster;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayWindowTest
{
    private final GatewayWindow window = new GatewayWindow();

    @Test
    void shouldKeepACopyOfEachAnswerUntilItsSlotIsReused()
    {
        final byte[] reply = {9, 1, 2, 3, 4, 9};
        final int slot = window.remember(7, reply, 1, 4);
        reply[2] = 42;

        assertThat(window.slotOf(7)).isEqualTo(slot);
        assertThat(Arrays.copyOf(window.answers[slot], window.lengths[slot])).containsExactly(1, 2, 3, 4);
        assertThat(window.lastRequestId).isEqualTo(7);

        window.remember(7 + ClearingService.WINDOW, new byte[] {5, 6}, 0, 2);
        assertThat(window.slotOf(7)).isEqualTo(-1);
        assertThat(window.slotOf(7 + ClearingService.WINDOW)).isEqualTo(slot);
        assertThat(Arrays.copyOf(window.answers[slot], window.lengths[slot])).containsExactly(5, 6);
    }

    @Test
    void shouldReuseASlotsArrayForAShorterAnswer()
    {
        final int slot = window.remember(3, new byte[100], 0, 100);
        final byte[] kept = window.answers[slot];
        window.remember(3 + ClearingService.WINDOW, new byte[40], 0, 40);

        assertThat(window.answers[slot]).isSameAs(kept);
        assertThat(window.lengths[slot]).isEqualTo(40);
        assertThat(window.slotOf(4)).isEqualTo(-1);
    }
}
