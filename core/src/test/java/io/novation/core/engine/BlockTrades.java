package io.novation.core.engine;

import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.market.OptionSeries;

import java.util.List;

import static io.novation.core.engine.EngineFixture.address;
import static io.novation.core.engine.EngineFixture.key;

/**
 * Builds signed block trade packages over an {@link EngineFixture}: the maker's package and the taker's acceptance,
 * each signed by the named party's key, living one hour from the fixture's clock.
 */
final class BlockTrades
{
    static final long LIFETIME_MS = 3_600_000L;

    private final EngineFixture fx;
    private long nonce = 1;

    BlockTrades(final EngineFixture fx)
    {
        this.fx = fx;
    }

    BlockPackage offer(final String maker, final long maxFee, final BlockLeg... legs)
    {
        final BlockPackage unsigned = new BlockPackage(address(maker), 0, List.of(legs), maxFee, nonce++,
            fx.now() + LIFETIME_MS, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(maker)));
    }

    BlockAcceptance accept(final String taker, final long maxFee, final BlockPackage offer)
    {
        return accept(taker, maxFee, offer.digest(fx.engine.domainSeparator()));
    }

    BlockAcceptance accept(final String taker, final long maxFee, final byte[] packageDigest)
    {
        final BlockAcceptance unsigned = new BlockAcceptance(address(taker), 0, packageDigest, maxFee, nonce++,
            fx.now() + LIFETIME_MS, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(taker)));
    }

    BlockAcceptance accept(final String taker, final long maxFee, final BlockPackage offer, final String broker,
        final long brokerFee)
    {
        final BlockAcceptance unsigned = new BlockAcceptance(address(taker), 0, offer.digest(fx.engine
            .domainSeparator()), maxFee, address(broker), 0, brokerFee, nonce++, fx.now() + LIFETIME_MS, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(taker)));
    }

    /** A block trade between two named parties with the given fees and no broker. */
    SettleBlockTrade trade(final String maker, final String taker, final long makerFee, final long takerFee,
        final BlockLeg... legs)
    {
        final BlockPackage offer = offer(maker, makerFee, legs);
        return new SettleBlockTrade(fx.tick(), offer, accept(taker, takerFee, offer), makerFee, takerFee, null, 0,
            0);
    }

    /** An option's mark as the margin code computes it for a long, in price units rounded to the tick. */
    long optionMark(final int seriesId)
    {
        final OptionSeries series = fx.engine.state().markets().option(seriesId);
        final OptionPositionMargin out = new OptionPositionMargin();
        new MarginCalculator(fx.engine.state().markets(), fx.engine.state().oracles(),
            fx.engine.state().volSurfaces()).options().position(series, 1, out);
        return out.markMicros() / 1_000_000 / series.tickSize() * series.tickSize();
    }
}
