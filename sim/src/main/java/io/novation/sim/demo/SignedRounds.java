package io.novation.sim.demo;

import io.novation.core.command.OraclePrice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The publishers' signed rounds of every minute of the window (prices in price units, times in epoch ms), signed on
 * one background thread at most two hours of simulated time ahead of the replay, so that signing overlaps the
 * replay's waits instead of the setup; and the honest publishers' price of any round, for the audit.
 */
final class SignedRounds
{
    private final DemoSettings settings;
    private final List<DemoMarket> markets;
    private final PublisherPanel publishers;
    private final Semaphore signingAhead = new Semaphore(120);
    private final List<CompletableFuture<OraclePrice[][]>> rounds = new ArrayList<>();

    SignedRounds(final DemoSettings settings, final List<DemoMarket> markets, final PublisherPanel publishers)
    {
        this.settings = settings;
        this.markets = markets;
        this.publishers = publishers;
        for (int minute = settings.fromMinute(); minute < settings.toMinute(); minute++)
        {
            rounds.add(new CompletableFuture<>());
        }
    }

    /**
     * Starts signing every minute's rounds on the signer's thread. A round not due (an extreme that did not deviate)
     * is null.
     *
     * @param signer the thread to sign on.
     * @param domain the EIP-712 domain separator of the node.
     */
    void start(final ExecutorService signer, final byte[] domain)
    {
        signer.execute(() ->
        {
            for (int i = 0; i < rounds.size(); i++)
            {
                try
                {
                    signingAhead.acquire();
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                final int m = settings.fromMinute() + i;
                final OraclePrice[][] signed = new OraclePrice[markets.size()][PublisherPanel.ROUND_OFFSETS_MS.length];
                for (final DemoMarket market : markets)
                {
                    if (PublisherPanel.extremeDue(market, m))
                    {
                        signed[market.id()][0] = publishers.round(market, m, 0, domain);
                    }
                    signed[market.id()][1] = publishers.round(market, m, 1, domain);
                }
                rounds.get(i).complete(signed);
            }
        });
    }

    /**
     * A minute's rounds, per market and round, waiting for them to be signed; lets the signer go one minute further.
     *
     * @param minute the minute of the day.
     * @return the rounds.
     */
    OraclePrice[][] take(final int minute)
    {
        final OraclePrice[][] signed = rounds.get(minute - settings.fromMinute()).join();
        signingAhead.release();
        return signed;
    }

    /** The honest publishers' price of the round at a time (0 when no round was due then). */
    long honestPrice(final int oracleId, final long time)
    {
        final long offset = time - DemoMarket.DAY_START;
        final int minute = (int)Math.floorDiv(offset, MinuteSeries.MINUTE_MS);
        final long within = Math.floorMod(offset, MinuteSeries.MINUTE_MS);
        if (oracleId >= markets.size() || minute < settings.fromMinute() || minute >= settings.toMinute())
        {
            return 0;
        }
        for (int r = 0; r < PublisherPanel.ROUND_OFFSETS_MS.length; r++)
        {
            if (within == PublisherPanel.ROUND_OFFSETS_MS[r])
            {
                return PublisherPanel.marketPrice(markets.get(oracleId), minute, r);
            }
        }
        return 0;
    }
}
