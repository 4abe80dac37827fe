package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.PriceReport;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The five oracle publishers of the demo. Each minute every market gets two rounds: the minute's extreme (its low when
 * it closed down, else its high) 20 s into it, and its close 50 s into it. The four honest publishers report the
 * series' price within half a basis point of each other (each sees its own venues); the fifth is faulty: it reports
 * 25 % below the market from 06:00 to 08:00 and from 19:00 to 19:30 UTC, and goes silent from 20:50 to 21:40 UTC, in
 * the middle of the crash. Publishers sign their reports (EIP-712 {@code PriceReport}); prices in price units,
 * times in epoch ms.
 */
public final class PublisherPanel
{
    /** Publishers per oracle. */
    public static final int PUBLISHERS = 5;
    /** Seconds into the minute of the extreme's round and of the close's round. */
    public static final long[] ROUND_OFFSETS_MS = {20_000, 50_000};

    private static final int FAULTY = PUBLISHERS - 1;
    private static final double EXTREME_DEVIATION = 0.0025;
    private static final double EXTREME_FROM_CLOSE = 0.0005;
    private static final double LIE = 0.75;

    /** What the faulty publisher does in a minute. */
    public enum Behaviour
    {
        /** Reports the market. */
        HONEST,
        /** Reports 25 % below the market. */
        LYING,
        /** Reports nothing. */
        SILENT
    }

    private final byte[][] keys = new byte[PUBLISHERS][];
    private final Address[] addresses = new Address[PUBLISHERS];
    private final AtomicLong reportsSigned = new AtomicLong();

    /** The five publishers, keys keccak256 of {@code publisher-1} to {@code publisher-5}. */
    public PublisherPanel()
    {
        for (int i = 0; i < PUBLISHERS; i++)
        {
            keys[i] = Keccak256.hash(("publisher-" + (i + 1)).getBytes(StandardCharsets.UTF_8));
            addresses[i] = Address.of(Secp256k1.addressOf(keys[i]));
        }
    }

    /**
     * The publishers' addresses, the faulty one last.
     *
     * @return five addresses.
     */
    public List<Address> addresses()
    {
        return Arrays.asList(addresses.clone());
    }

    /**
     * Reports signed so far.
     *
     * @return a count.
     */
    public long reportsSigned()
    {
        return reportsSigned.get();
    }

    /**
     * The faulty publisher's address.
     *
     * @return its address.
     */
    public Address faulty()
    {
        return addresses[FAULTY];
    }

    /**
     * What the faulty publisher does in a minute of the day.
     *
     * @param minute 0 to 1,439.
     * @return its behaviour.
     */
    public static Behaviour behaviour(final int minute)
    {
        if (minute >= 360 && minute < 480 || minute >= 1_140 && minute < 1_170)
        {
            return Behaviour.LYING;
        }
        return minute >= 1_250 && minute < 1_300 ? Behaviour.SILENT : Behaviour.HONEST;
    }

    /**
     * Whether a minute has a round at its extreme: the extreme deviated more than 0.25 % from the previous minute's
     * close (the last published price) and more than 0.05 % from this minute's close.
     *
     * @param market the market.
     * @param minute 0 to 1,439.
     * @return true when the extreme is published.
     */
    public static boolean extremeDue(final DemoMarket market, final int minute)
    {
        final MinuteSeries series = market.series();
        final double last = minute == 0 ? series.open(0) : series.close(minute - 1);
        final double extreme = series.extreme(minute);
        return Math.abs(extreme - last) > EXTREME_DEVIATION * last &&
            Math.abs(extreme - series.close(minute)) > EXTREME_FROM_CLOSE * series.close(minute);
    }

    /**
     * The price the honest publishers see in a round.
     *
     * @param market the market.
     * @param minute 0 to 1,439.
     * @param round  0 (the extreme) or 1 (the close).
     * @return price units.
     */
    public static long marketPrice(final DemoMarket market, final int minute, final int round)
    {
        return round == 0 ? market.series().extreme(minute) : market.series().close(minute);
    }

    /**
     * The signed round of a market in a minute.
     *
     * @param market the market (its oracle has the market's id).
     * @param minute 0 to 1,439.
     * @param round  0 (the extreme) or 1 (the close).
     * @param domain the node's EIP-712 domain separator.
     * @return the command, timed at the round's moment.
     */
    public OraclePrice round(final DemoMarket market, final int minute, final int round, final byte[] domain)
    {
        final long time = market.series().dayStart() + minute * MinuteSeries.MINUTE_MS + ROUND_OFFSETS_MS[round];
        return signed(market, marketPrice(market, minute, round), time, behaviour(minute), minute * 2 + round,
            domain);
    }

    /**
     * A round in which every publisher reports one price honestly (the first price, before trading starts).
     *
     * @param market the market.
     * @param price  price units.
     * @param time   epoch ms.
     * @param domain the node's EIP-712 domain separator.
     * @return the command.
     */
    public OraclePrice honestRound(final DemoMarket market, final long price, final long time, final byte[] domain)
    {
        return signed(market, price, time, Behaviour.HONEST, -1, domain);
    }

    private OraclePrice signed(final DemoMarket market, final long price, final long time,
        final Behaviour faultyBehaviour, final int salt, final byte[] domain)
    {
        final List<PriceReport> reports = new ArrayList<>(PUBLISHERS);
        for (int i = 0; i < PUBLISHERS; i++)
        {
            final long reported;
            if (i == FAULTY && faultyBehaviour != Behaviour.HONEST)
            {
                if (faultyBehaviour == Behaviour.SILENT)
                {
                    continue;
                }
                reported = (long)(price * LIE);
            }
            else
            {
                reported = Math.max(1, price + Math.round(price * noise(market.id(), salt, i)));
            }
            final long publishedAt = time - 150L * i;
            final PriceReport unsigned = new PriceReport(market.id(), reported, publishedAt, addresses[i], null);
            reports.add(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), keys[i])));
            reportsSigned.incrementAndGet();
        }
        return new OraclePrice(time, market.id(), reports);
    }

    /** A publisher's own view: within ±0.5 bp of the series, the same on every run. */
    /**
     * One publisher's signature of a volatility surface (docs/protocol.md §14.2): the same key signs its price reports.
     *
     * @param publisher the publisher's index, 0 to {@value #PUBLISHERS} − 1 (the last one is the faulty one).
     * @param unsigned  the surface, naming that publisher.
     * @param domain    the node's EIP-712 domain separator.
     * @return the signed surface.
     */
    public OracleVolSurface signSurface(final int publisher, final OracleVolSurface unsigned, final byte[] domain)
    {
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), keys[publisher]));
    }

    private static double noise(final int market, final int salt, final int publisher)
    {
        final long mixed = (market * 1_000_003L + salt) * 31 + publisher;
        final long hash = Long.rotateLeft(mixed * 0x9E3779B97F4A7C15L, 29) * 0xBF58476D1CE4E5B9L;
        return ((hash >>> 11) % 11 - 5) * 1e-5;
    }
}
