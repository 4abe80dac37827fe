package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.OracleVolSurface;

import java.util.ArrayList;
import java.util.List;

/**
 * The volatility surface rounds the oracle publishers co-sign for the BTC options ({@link OptionSurface}, fitted to
 * OKX's mark volatility): three honest publishers in turn sign one surface, the quorum, and the faulty publisher, while
 * it lies about prices, first signs its own at {@value #FAULTY_VOL_SHARE} of the volatility, which stays a lone
 * candidate; the last round's surface gives the desk its marks, USD per BTC (volatilities are annual fractions).
 */
final class SurfaceRounds
{
    /** What the faulty publisher's surface takes of the honest volatility while it lies. */
    static final double FAULTY_VOL_SHARE = 0.75;
    /** Honest publishers that sign each round: the quorum. */
    static final int SIGNERS = 3;

    /**
     * A surface publication.
     *
     * @param minute      minute of the day.
     * @param publishedAt epoch ms.
     * @param atm         the at-the-money volatility published.
     * @param referenceIv OKX's mark volatility it reproduces.
     * @param faultyLied  whether the faulty publisher signed a surface of its own.
     */
    record Publication(int minute, long publishedAt, double atm, double referenceIv, boolean faultyLied)
    {
    }

    private final DemoMarket btc;
    private final PublisherPanel publishers;
    private final List<Long> expiries;
    private final DeskClock clock;
    private final ImpliedVolPath path = ImpliedVolPath.load(DemoMarket.DAY_START);
    private final List<Publication> publications = new ArrayList<>();
    private List<OracleVolSurface.Slice> surface = List.of();
    private long surfacePublishedAt;

    /**
     * Rounds for the listed expiries.
     *
     * @param btc        the BTC perpetual, whose index is the options' underlying.
     * @param publishers the oracle publishers.
     * @param expiries   the listed expiries, increasing, epoch ms.
     * @param clock      the desk's clock, which times every submission.
     */
    SurfaceRounds(final DemoMarket btc, final PublisherPanel publishers, final List<Long> expiries,
        final DeskClock clock)
    {
        this.btc = btc;
        this.publishers = publishers;
        this.expiries = expiries;
        this.clock = clock;
    }

    /**
     * The signed submissions of one surface round, their times from the desk's clock: the faulty publisher's own
     * surface first while it lies about prices, then three honest publishers in turn, all of the same surface with
     * {@code publishedAt} the round's first time. The round becomes the desk's surface for its marks.
     *
     * @param minute the minute whose index and OKX volatility the surface takes.
     * @param domain the node's EIP-712 domain separator.
     * @return the submissions, none when every expiry has passed.
     */
    List<OracleVolSurface> round(final int minute, final byte[] domain)
    {
        final long publishedAt = clock.now();
        final double referenceIv = path.markIv(minute);
        final double atm = OptionSurface.atmFor(referenceIv, btc.usd(btc.series().close(minute)));
        final List<OracleVolSurface.Slice> slices = OptionSurface.slices(expiries, publishedAt, atm);
        final List<OracleVolSurface> round = new ArrayList<>();
        if (slices.isEmpty())
        {
            return round;
        }
        final List<Address> addresses = publishers.addresses();
        final int faulty = addresses.indexOf(publishers.faulty());
        final boolean lies = PublisherPanel.behaviour(minute) == PublisherPanel.Behaviour.LYING;
        if (lies)
        {
            round.add(signed(faulty, OptionSurface.slices(expiries, publishedAt, atm * FAULTY_VOL_SHARE),
                publishedAt, domain));
        }
        final int honest = addresses.size() - 1;
        for (int k = 0; k < SIGNERS; k++)
        {
            int publisher = (publications.size() + k) % honest;
            publisher = publisher >= faulty ? publisher + 1 : publisher;
            round.add(signed(publisher, slices, publishedAt, domain));
        }
        publications.add(new Publication(minute, publishedAt, atm, referenceIv, lies));
        surface = slices;
        surfacePublishedAt = publishedAt;
        return round;
    }

    private OracleVolSurface signed(final int publisher, final List<OracleVolSurface.Slice> slices,
        final long publishedAt, final byte[] domain)
    {
        final OracleVolSurface unsigned = new OracleVolSurface(clock.next(), btc.id(), publishedAt, slices,
            publishers.addresses().get(publisher), null);
        return publishers.signSurface(publisher, unsigned, domain);
    }

    /**
     * Whether a round has published a surface.
     *
     * @return true once the desk has marks.
     */
    boolean published()
    {
        return !surface.isEmpty();
    }

    /**
     * The mark of a series on the surface last published, USD per BTC.
     *
     * @param listing  the series.
     * @param indexUsd the index, USD.
     * @param at       epoch ms.
     * @return the mark; the intrinsic value once expired or before the first round.
     */
    double markUsd(final OptionListing listing, final double indexUsd, final long at)
    {
        for (final OracleVolSurface.Slice slice : surface)
        {
            if (slice.expiry() == listing.expiry())
            {
                final double vol = OptionSurface.volatility(slice, surfacePublishedAt, listing.strikeUsd(), indexUsd);
                return OptionSurface.mark(listing.type(), indexUsd, listing.strikeUsd(), listing.expiry(), at, vol);
            }
        }
        return listing.type().payoff(indexUsd, listing.strikeUsd());
    }

    /**
     * A series' delta on the surface last published: the central difference of its mark over one basis point of the
     * index either side.
     *
     * @param listing  the series.
     * @param indexUsd the index, USD.
     * @param at       epoch ms.
     * @return the mark's change per USD of the index (per BTC of the option).
     */
    double delta(final OptionListing listing, final double indexUsd, final long at)
    {
        final double bump = indexUsd * 1e-4;
        return (markUsd(listing, indexUsd + bump, at) - markUsd(listing, indexUsd - bump, at)) / (2 * bump);
    }

    /**
     * The rounds published so far, in order.
     *
     * @return the publications.
     */
    List<Publication> publications()
    {
        return publications;
    }

    /**
     * OKX's volatility path the surface follows.
     *
     * @return the path.
     */
    ImpliedVolPath path()
    {
        return path;
    }
}
