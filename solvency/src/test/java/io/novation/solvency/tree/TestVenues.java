package io.novation.solvency.tree;

import io.novation.testkit.Testnet;
import io.novation.testkit.VenueClients;

import static org.assertj.core.api.Assertions.assertThat;

/** Venues the solvency tests start from. */
public final class TestVenues
{
    private TestVenues()
    {
    }

    /**
     * Alice (4 000 USDC), Bob (40 000 USDC) and Carol (1 000 USDC); Alice long and Bob short half a BTC at a price.
     *
     * @param price whole USD.
     * @return the venue.
     */
    public static PlainVenue traded(final long price)
    {
        final PlainVenue venue = new PlainVenue(VenueClients.Collateral.USDC_AND_ETH);
        venue.genesis();
        venue.price(price);
        venue.deposit("alice", 4_000);
        venue.deposit("bob", 40_000);
        venue.deposit("carol", 1_000);
        venue.trade("alice", "bob", true, Testnet.ONE_BTC / 2, price);
        assertThat(venue.replica().state().accounts().count()).isEqualTo(3);
        return venue;
    }
}
