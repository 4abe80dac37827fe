package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.OptionSeries;
import io.novation.core.pricing.OptionType;
import io.novation.node.json.CommandEncoder;
import io.novation.node.sequencer.Authority;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients of a node in the keeper tests: governance, the bridge, three oracle publishers and traders whose keys
 * are keccak256 of their names, signing as real clients sign. Times are explicit epoch ms, never before the wall
 * clock (keepers' commands take the sequencer's wall-clock time, and a later explicit time must not precede it).
 * Commands are encoded against a local replica that holds the definitions. BTC-USD uses dYdX v4's units: atomic
 * resolution −10, price exponent −5; IM 5 %, MF 60 % (MMF 3 %), maker fee 0, taker fee 0.05 %.
 */
final class TestVenue
{
    static final byte[] GOVERNANCE_KEY = key("governance");
    static final byte[] BRIDGE_KEY = key("bridge");
    static final Address GOVERNANCE = Address.of(Secp256k1.addressOf(GOVERNANCE_KEY));
    static final Address BRIDGE = Address.of(Secp256k1.addressOf(BRIDGE_KEY));
    static final String[] PUBLISHERS = {"publisher-a", "publisher-b", "publisher-c"};
    static final long ONE_BTC = 10_000_000_000L;
    static final long USD = 100_000L;
    static final long USDC = 1_000_000L;

    private final ClearingEngine replica;
    private final CommandEncoder encoder;
    private final byte[] domain;
    private long time = System.currentTimeMillis();
    private long governanceNonce;
    private long depositId;
    private long orderNonce;

    TestVenue()
    {
        replica = new ClearingEngine(EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
        encoder = new CommandEncoder(replica.state());
        domain = replica.domainSeparator();
    }

    static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    static Address address(final String name)
    {
        return Address.of(Secp256k1.addressOf(key(name)));
    }

    long nextTime()
    {
        time = Math.max(time + 1, System.currentTimeMillis());
        return time;
    }

    /** Encodes before applying, so that the encoder sees the definitions the node's decoder sees. */
    private ObjectNode encodeAndApply(final Command command)
    {
        final ObjectNode json = encoder.encode(command, true);
        replica.apply(command);
        return json;
    }

    private ObjectNode governance(final Command command)
    {
        final long nonce = ++governanceNonce;
        final ObjectNode json = encodeAndApply(command);
        return CommandEncoder.withAuthority(json, nonce, Authority.sign(domain, nonce, command, GOVERNANCE_KEY));
    }

    /** BTC-USD with three registered publishers. */
    List<ObjectNode> genesis()
    {
        final List<ObjectNode> commands = new ArrayList<>();
        commands.add(governance(new CreatePerpetual(nextTime(), 0, "BTC-USD", "BTC-USD", -5, -10, 100_000,
            1_000_000, LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE)));
        for (final String publisher : PUBLISHERS)
        {
            commands.add(governance(new RegisterOraclePublisher(nextTime(), 0, address(publisher))));
        }
        return commands;
    }

    ObjectNode deposit(final String name, final long usdc)
    {
        final Deposit deposit = new Deposit(nextTime(), address(name), 0, 0, usdc * USDC, ++depositId);
        final ObjectNode json = encodeAndApply(deposit);
        return CommandEncoder.withAuthority(json, 0, Authority.sign(domain, 0, deposit, BRIDGE_KEY));
    }

    ObjectNode price(final long usd)
    {
        final long at = nextTime();
        final List<PriceReport> reports = new ArrayList<>();
        for (final String publisher : PUBLISHERS)
        {
            final PriceReport unsigned = new PriceReport(0, usd * USD, at, address(publisher), null);
            reports.add(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(publisher))));
        }
        return encodeAndApply(new OraclePrice(at, 0, reports));
    }

    private Order order(final String name, final boolean buy, final long size, final long price, final long at)
    {
        final Order unsigned = Order.of(address(name), 0, 0, buy, size, price, ++orderNonce, at + 86_400_000L, false,
            null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(name)));
    }

    /** The maker buys (or sells) {@code size} base quantums from the taker at a USD price. */
    ObjectNode trade(final String maker, final String taker, final boolean makerBuys, final long size,
        final long usdPrice)
    {
        final long at = nextTime();
        final long price = usdPrice * USD;
        return encodeAndApply(new SettleTrade(at, 0, order(maker, makerBuys, size, price, at),
            order(taker, !makerBuys, size, price, at), size, price));
    }

    /** A withdrawal signed by the owner with the given nonce. */
    ObjectNode withdraw(final String name, final long usdc, final long nonce)
    {
        final Withdraw unsigned = new Withdraw(nextTime(), address(name), 0, 0, usdc * USDC, nonce, null);
        return encodeAndApply(new Withdraw(unsigned.time(), unsigned.account(), 0, 0, unsigned.amount(), nonce,
            Secp256k1.sign(unsigned.digest(domain), key(name))));
    }

    /** A BTC call series (contracts of 1e-4 BTC, step 0.01 BTC, tick 0.1 USD, no fees); its id is the next one. */
    ObjectNode createCall(final String ticker, final long strikeUsd, final long expiry)
    {
        return governance(new CreateOptionSeries(nextTime(), OptionSeries.FIRST_ID, ticker, 0, strikeUsd * USD, expiry,
            OptionType.CALL, -4, 10_000, 100, 0, 0, MarketStatus.ACTIVE));
    }

    /** The three publishers each sign the same flat volatility surface (their quorum), published now. */
    List<ObjectNode> flatSurface(final double vol, final long expiry)
    {
        final long at = nextTime();
        final double years = (expiry - at) / (365.0 * 86_400_000L);
        final List<OracleVolSurface.Slice> slices = List.of(
            new OracleVolSurface.Slice(expiry, Math.round(vol * vol * years * 1e9), 0, 0, 0, 100_000_000));
        final List<ObjectNode> commands = new ArrayList<>();
        for (final String publisher : PUBLISHERS)
        {
            final OracleVolSurface unsigned = new OracleVolSurface(at, 0, at, slices, address(publisher), null);
            commands.add(encodeAndApply(unsigned.withSignature(
                Secp256k1.sign(unsigned.digest(domain), key(publisher)))));
        }
        return commands;
    }

    /** The maker sells (or buys) {@code size} base quantums of an option series at a premium in USD per BTC. */
    ObjectNode optionTrade(final String maker, final String taker, final int series, final boolean makerBuys,
        final long size, final long premiumUsd)
    {
        final long at = nextTime();
        final long price = premiumUsd * USD;
        final Order makerOrder = Order.of(address(maker), 0, series, makerBuys, size, price, ++orderNonce,
            at + 86_400_000L, false, null);
        final Order takerOrder = Order.of(address(taker), 0, series, !makerBuys, size, price, ++orderNonce,
            at + 86_400_000L, false, null);
        return encodeAndApply(new SettleTrade(at, series,
            makerOrder.withSignature(Secp256k1.sign(makerOrder.digest(domain), key(maker))),
            takerOrder.withSignature(Secp256k1.sign(takerOrder.digest(domain), key(taker))), size, price));
    }
}
