package io.novation.core.surface;

import io.novation.core.command.OracleVolSurface;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A surface round names its signers by their index in the oracle's publisher set: when governance removes a
 * publisher, its signatures go and the signers after it move down one index.
 */
class VolSurfaceFeedPublisherRemovalTest
{
    private static final int ORACLE = 1;

    private static PublishedVolSurface surface(final long publishedAt)
    {
        return PublishedVolSurface.of(ORACLE, publishedAt, null, List.of(new OracleVolSurface.Slice(
            publishedAt + 86_400_000L, 40_000_000L, 100_000_000L, -300_000_000L, 0, 100_000_000L)));
    }

    @Test
    void shouldDropTheRemovedPublishersSignatureAndShiftTheOthersDown()
    {
        final VolSurfaceFeed feed = new VolSurfaceBook().feedFor(ORACLE);
        final PublishedVolSurface first = surface(1_000);
        final PublishedVolSurface second = surface(2_000);
        feed.sign(0, first);
        feed.sign(2, first);
        feed.sign(3, first);
        feed.sign(1, second);

        feed.publisherRemoved(1);

        assertThat(feed.candidates()).hasSize(1);
        assertThat(feed.candidates().get(0).surface()).isSameAs(first);
        // Signers 0, 2 and 3 become 0, 1 and 2.
        assertThat(feed.candidates().get(0).signers()).isEqualTo(0b0111);
        assertThat(feed.signedBy(1)).isSameAs(feed.candidates().get(0));
    }

    @Test
    void shouldShiftTheHeldSurfacesCoSigners()
    {
        final VolSurfaceFeed feed = new VolSurfaceBook().feedFor(ORACLE);
        feed.hold(surface(1_000), 5_000, 0b11010);

        feed.publisherRemoved(0);

        assertThat(feed.heldSigners()).isEqualTo(0b1101);
        feed.publisherRemoved(2);
        assertThat(feed.heldSigners()).isEqualTo(0b101);
    }
}
