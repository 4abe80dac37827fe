package io.novation.testkit;

import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.market.OptionSeries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The clients of a venue in tests: governance, the bridge, three oracle publishers and traders of the
 * {@link Testnet}, each command signed as a real client signs it, stamped with an explicit time (epoch ms, one
 * millisecond after the previous one, or never before the wall clock), put on the wire by the subclass (JSON for a
 * node) and then applied to a local replica engine, which holds the definitions the wire needs and the expected
 * state. Amounts are whole USDC, prices whole USD, sizes base quantums.
 *
 * @param <T> what a command becomes on the wire.
 */
public abstract class VenueClients<T> extends Testnet
{
    /** The venue's collateral assets. */
    public enum Collateral
    {
        /** USDC only. */
        USDC,
        /** USDC and ETH (asset 1). */
        USDC_AND_ETH
    }

    private static final long DAY_MS = 86_400_000L;

    private final ClearingEngine replica;
    private final byte[] domain;
    private final ClientSigner signer;
    private final Collateral collateral;
    private final boolean wallClock;
    private final Map<String, Long> accountNonces = new HashMap<>();
    private long time;
    private long governanceNonce;
    private long depositId;

    /**
     * Clients whose commands are one millisecond apart, the first one just after {@code startTime}.
     *
     * @param startTime  the time before the first command, epoch ms.
     * @param collateral the assets the genesis lists.
     */
    protected VenueClients(final long startTime, final Collateral collateral)
    {
        this(startTime, collateral, false);
    }

    /**
     * Clients whose commands are never timed before the wall clock (a node's sequencer stamps commands without a time,
     * a keeper's for instance, with its wall-clock time, and a later explicit time must not precede it).
     *
     * @param collateral the assets the genesis lists.
     */
    protected VenueClients(final Collateral collateral)
    {
        this(System.currentTimeMillis(), collateral, true);
    }

    private VenueClients(final long startTime, final Collateral collateral, final boolean wallClock)
    {
        this.replica = new ClearingEngine(EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED),
            EventSink.NONE);
        this.domain = replica.domainSeparator();
        this.signer = new ClientSigner(domain);
        this.collateral = collateral;
        this.wallClock = wallClock;
        this.time = startTime;
    }

    /**
     * A command on the wire. Called before the replica applies it, so that it sees the definitions the venue's
     * decoder sees.
     *
     * @param command  the command.
     * @param nonce    the authority nonce of its envelope (0 for the bridge, and for commands without one).
     * @param envelope the governance or bridge signature of its envelope, or null for a command without one.
     * @return the command as the venue receives it.
     */
    protected abstract T wire(Command command, long nonce, EcdsaSignature envelope);

    /**
     * Signs a command's envelope as a governance or bridge client does.
     *
     * @param domain     the engine's EIP-712 domain separator.
     * @param nonce      the authority nonce.
     * @param command    the command.
     * @param privateKey the signer's key.
     * @return the envelope's signature.
     */
    protected abstract EcdsaSignature envelope(byte[] domain, long nonce, Command command, byte[] privateKey);

    /**
     * The replica engine, which has applied every command so far.
     *
     * @return the engine.
     */
    public final ClearingEngine replica()
    {
        return replica;
    }

    /**
     * The replica's EIP-712 domain separator, which the venue's engine shares.
     *
     * @return a copy of the 32 bytes.
     */
    public final byte[] domain()
    {
        return domain.clone();
    }

    /**
     * The time of the last command, epoch ms.
     *
     * @return the time.
     */
    public final long now()
    {
        return time;
    }

    /**
     * The time of the next command: one millisecond after the last, and never before the wall clock where the
     * clients follow it.
     *
     * @return the time, epoch ms.
     */
    public final long nextTime()
    {
        time = wallClock ? Math.max(time + 1, System.currentTimeMillis()) : time + 1;
        return time;
    }

    /**
     * Any command, as it is: put on the wire, then applied to the replica.
     *
     * @param command the command.
     * @return the command on the wire.
     */
    public final T apply(final Command command)
    {
        return send(command, 0, null);
    }

    /**
     * A command in a governance envelope with the next governance nonce.
     *
     * @param command the command.
     * @return the command on the wire.
     */
    public final T governance(final Command command)
    {
        final long nonce = ++governanceNonce;
        return send(command, nonce, envelope(domain, nonce, command, GOVERNANCE_KEY));
    }

    /**
     * BTC-USD ({@link TestMarkets#btcUsd}), ETH collateral when the venue lists it, and the three publishers
     * registered for oracle 0.
     *
     * @return the commands on the wire.
     */
    public final List<T> genesis()
    {
        final List<T> commands = new ArrayList<>();
        commands.add(governance(TestMarkets.btcUsd(nextTime())));
        if (collateral == Collateral.USDC_AND_ETH)
        {
            commands.add(governance(TestMarkets.ethCollateral(nextTime())));
        }
        for (final String publisher : PUBLISHERS)
        {
            commands.add(governance(new RegisterOraclePublisher(nextTime(), 0, address(publisher))));
        }
        return commands;
    }

    /**
     * A bridge deposit of USDC into subaccount 0, with the next deposit id.
     *
     * @param name the owner's name.
     * @param usdc whole USDC.
     * @return the command on the wire.
     */
    public final T deposit(final String name, final long usdc)
    {
        final Deposit deposit = new Deposit(nextTime(), address(name), 0, 0, usdc * USDC, ++depositId);
        return send(deposit, 0, envelope(domain, 0, deposit, BRIDGE_KEY));
    }

    /**
     * A round of BTC-USD price reports from every publisher, published at the round's time.
     *
     * @param usd the price in whole USD.
     * @return the round, not yet applied.
     */
    public final OraclePrice round(final long usd)
    {
        final long at = nextTime();
        return new OraclePrice(at, 0, signer.reports(usd * USD, at));
    }

    /**
     * A round of BTC-USD price reports ({@link #round}).
     *
     * @param usd the price in whole USD.
     * @return the command on the wire.
     */
    public final T price(final long usd)
    {
        return apply(round(usd));
    }

    /**
     * A signed BTC-USD order with the next order nonce, expiring a day after {@code at}.
     *
     * @param name  the owner's name.
     * @param buy   whether it buys.
     * @param size  base quantums.
     * @param price price units.
     * @param at    the time it is sent, epoch ms.
     * @return the order.
     */
    public final Order order(final String name, final boolean buy, final long size, final long price, final long at)
    {
        return signer.order(name, 0, buy, size, price, at);
    }

    /**
     * A BTC-USD fill: the maker buys (or sells) {@code size} base quantums from the taker at a USD price.
     *
     * @param maker     the maker's name.
     * @param taker     the taker's name.
     * @param makerBuys whether the maker buys.
     * @param size      base quantums.
     * @param usdPrice  whole USD.
     * @return the command, not yet applied.
     */
    public final SettleTrade tradeCommand(final String maker, final String taker, final boolean makerBuys,
        final long size, final long usdPrice)
    {
        final long at = nextTime();
        final long price = usdPrice * USD;
        return new SettleTrade(at, 0, order(maker, makerBuys, size, price, at), order(taker, !makerBuys, size, price,
            at), size, price);
    }

    /**
     * A BTC-USD fill ({@link #tradeCommand}).
     *
     * @param maker     the maker's name.
     * @param taker     the taker's name.
     * @param makerBuys whether the maker buys.
     * @param size      base quantums.
     * @param usdPrice  whole USD.
     * @return the command on the wire.
     */
    public final T trade(final String maker, final String taker, final boolean makerBuys, final long size,
        final long usdPrice)
    {
        return apply(tradeCommand(maker, taker, makerBuys, size, usdPrice));
    }

    /**
     * A withdrawal of USDC from subaccount 0 signed by the owner with a given nonce.
     *
     * @param name  the owner's name.
     * @param usdc  whole USDC.
     * @param nonce the owner's account nonce.
     * @return the command, not yet applied.
     */
    public final Withdraw withdrawal(final String name, final long usdc, final long nonce)
    {
        return signer.withdrawal(nextTime(), name, usdc, nonce);
    }

    /**
     * A withdrawal with the owner's next account nonce as these clients count them (1, 2, ...).
     *
     * @param name the owner's name.
     * @param usdc whole USDC.
     * @return the command on the wire.
     */
    public final T withdraw(final String name, final long usdc)
    {
        final long nonce = accountNonces.merge(name, 1L, Long::sum);
        return apply(withdrawal(name, usdc, nonce));
    }

    /**
     * A withdrawal with a given nonce ({@link #withdrawal}).
     *
     * @param name  the owner's name.
     * @param usdc  whole USDC.
     * @param nonce the owner's account nonce.
     * @return the command on the wire.
     */
    public final T withdraw(final String name, final long usdc, final long nonce)
    {
        return apply(withdrawal(name, usdc, nonce));
    }

    /**
     * A BTC-USD volatility surface (one 30-day slice, raw SVI a 0.02, b 0.04, rho -0.3, m 0, sigma 0.12) a publisher
     * signed at {@code publishedAt}, sequenced at the next time.
     *
     * @param publisher   the publisher's name.
     * @param publishedAt the publication time, epoch ms.
     * @return the command, not yet applied.
     */
    public final OracleVolSurface surface(final String publisher, final long publishedAt)
    {
        final long at = nextTime();
        return signer.surface(at, publisher, publishedAt, List.of(new OracleVolSurface.Slice(at + 30 * DAY_MS,
            20_000_000, 40_000_000, -300_000_000, 0, 120_000_000)));
    }

    /**
     * The three publishers each sign the same flat volatility surface (their quorum), published now: one slice at
     * the expiry whose total variance is {@code vol² · years}.
     *
     * @param vol    the volatility, a decimal fraction.
     * @param expiry the slice's expiry, epoch ms.
     * @return the commands on the wire.
     */
    public final List<T> flatSurface(final double vol, final long expiry)
    {
        final long at = nextTime();
        final double years = (expiry - at) / (365.0 * DAY_MS);
        final List<OracleVolSurface.Slice> slices = List.of(
            new OracleVolSurface.Slice(expiry, Math.round(vol * vol * years * 1e9), 0, 0, 0, 100_000_000));
        final List<T> commands = new ArrayList<>();
        for (final String publisher : PUBLISHERS)
        {
            commands.add(apply(signer.surface(at, publisher, at, slices)));
        }
        return commands;
    }

    /**
     * A BTC call series ({@link TestMarkets#btcCall}); its id is the next one from {@link OptionSeries#FIRST_ID}.
     *
     * @param ticker    the series' ticker.
     * @param strikeUsd the strike in whole USD.
     * @param expiry    the expiry, epoch ms.
     * @return the command on the wire.
     */
    public final T createCall(final String ticker, final long strikeUsd, final long expiry)
    {
        return governance(TestMarkets.btcCall(nextTime(), ticker, strikeUsd, expiry));
    }

    /**
     * An option fill: the maker buys (or sells) {@code size} base quantums of a series from the taker at a premium in
     * whole USD per BTC.
     *
     * @param maker      the maker's name.
     * @param taker      the taker's name.
     * @param series     the option series.
     * @param makerBuys  whether the maker buys.
     * @param size       base quantums.
     * @param premiumUsd whole USD per BTC.
     * @return the command on the wire.
     */
    public final T optionTrade(final String maker, final String taker, final int series, final boolean makerBuys,
        final long size, final long premiumUsd)
    {
        final long at = nextTime();
        final long price = premiumUsd * USD;
        final Order makerOrder = signer.order(maker, series, makerBuys, size, price, at);
        final Order takerOrder = signer.order(taker, series, !makerBuys, size, price, at);
        return apply(new SettleTrade(at, series, makerOrder, takerOrder, size, price));
    }

    private T send(final Command command, final long nonce, final EcdsaSignature envelope)
    {
        final T wired = wire(command, nonce, envelope);
        replica.apply(command);
        return wired;
    }
}
