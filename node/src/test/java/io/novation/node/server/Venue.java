package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreateAsset;
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
import io.novation.node.json.CommandEncoder;
import io.novation.node.sequencer.Authority;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The clients of a node in tests: governance, the bridge, three oracle publishers and traders whose keys are
 * keccak256 of their names. Each command is signed as a real client signs it, given an explicit time (epoch ms, one
 * millisecond after the previous), applied to a local replica engine (for unit definitions and expected roots) and
 * encoded as JSON. BTC-USD uses dYdX v4's units: atomic resolution -10, price exponent -5.
 */
final class Venue
{
    static final byte[] GOVERNANCE_KEY = key("governance");
    static final byte[] BRIDGE_KEY = key("bridge");
    static final Address GOVERNANCE = Address.of(Secp256k1.addressOf(GOVERNANCE_KEY));
    static final Address BRIDGE = Address.of(Secp256k1.addressOf(BRIDGE_KEY));
    static final String[] PUBLISHERS = {"publisher-a", "publisher-b", "publisher-c"};
    static final long ONE_BTC = 10_000_000_000L;
    static final long USD = 100_000L;
    static final long USDC = 1_000_000L;

    final ClearingEngine replica;
    final CommandEncoder encoder;
    final byte[] domain;
    private long time;
    private long governanceNonce;
    private long depositId;
    private long orderNonce;
    private final Map<String, Long> accountNonces = new HashMap<>();

    Venue(final long startTime)
    {
        replica = new ClearingEngine(EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
        encoder = new CommandEncoder(replica.state());
        domain = replica.domainSeparator();
        time = startTime;
    }

    static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    static Address address(final String name)
    {
        return Address.of(Secp256k1.addressOf(key(name)));
    }

    long now()
    {
        return time;
    }

    long nextTime()
    {
        return ++time;
    }

    /** Encodes before applying, so that the encoder sees the definitions the node's decoder sees. */
    private ObjectNode encodeAndApply(final Command command)
    {
        final ObjectNode json = encoder.encode(command, true);
        replica.apply(command);
        return json;
    }

    ObjectNode governance(final Command command)
    {
        final long nonce = ++governanceNonce;
        final ObjectNode json = encodeAndApply(command);
        return CommandEncoder.withAuthority(json, nonce, Authority.sign(domain, nonce, command, GOVERNANCE_KEY));
    }

    /** BTC-USD (IM 5 %, MF 60 %, maker 0, taker 0.05 %) with three registered publishers. */
    List<ObjectNode> genesis()
    {
        final List<ObjectNode> commands = new ArrayList<>();
        commands.add(governance(new CreatePerpetual(nextTime(), 0, "BTC-USD", "BTC-USD", -5, -10, 100_000,
            1_000_000, LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE)));
        commands.add(governance(new CreateAsset(nextTime(), 1, "ETH", 8, "ETH-USD", -6, 800_000, 900_000)));
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

    OraclePrice round(final long usd)
    {
        final long at = nextTime();
        final List<PriceReport> reports = new ArrayList<>();
        for (final String publisher : PUBLISHERS)
        {
            final PriceReport unsigned = new PriceReport(0, usd * USD, at, address(publisher), null);
            reports.add(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(publisher))));
        }
        return new OraclePrice(at, 0, reports);
    }

    ObjectNode price(final long usd)
    {
        return encodeAndApply(round(usd));
    }

    Order order(final String name, final boolean buy, final long size, final long price, final long at)
    {
        final Order unsigned = Order.of(address(name), 0, 0, buy, size, price, ++orderNonce, at + 86_400_000L, false,
            null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(name)));
    }

    SettleTrade tradeCommand(final String maker, final String taker, final boolean makerBuys, final long size,
        final long usdPrice)
    {
        final long at = nextTime();
        final long price = usdPrice * USD;
        return new SettleTrade(at, 0, order(maker, makerBuys, size, price, at), order(taker, !makerBuys, size, price,
            at), size, price);
    }

    ObjectNode trade(final String maker, final String taker, final boolean makerBuys, final long size,
        final long usdPrice)
    {
        return encodeAndApply(tradeCommand(maker, taker, makerBuys, size, usdPrice));
    }

    Withdraw withdrawal(final String name, final long usdc, final long nonce)
    {
        final Withdraw unsigned = new Withdraw(nextTime(), address(name), 0, 0, usdc * USDC, nonce, null);
        return new Withdraw(unsigned.time(), unsigned.account(), 0, 0, unsigned.amount(), nonce,
            Secp256k1.sign(unsigned.digest(domain), key(name)));
    }

    ObjectNode withdraw(final String name, final long usdc)
    {
        final long nonce = accountNonces.merge(name, 1L, Long::sum);
        return encodeAndApply(withdrawal(name, usdc, nonce));
    }

    /**
     * A BTC-USD volatility surface (one 30-day slice, raw SVI a 0.02, b 0.04, rho -0.3, m 0, sigma 0.12) a publisher
     * signed at {@code publishedAt}, sequenced at the next time.
     */
    OracleVolSurface surface(final String publisher, final long publishedAt)
    {
        final long at = nextTime();
        final OracleVolSurface unsigned = new OracleVolSurface(at, 0, publishedAt, List.of(new OracleVolSurface.Slice(
            at + 30 * 86_400_000L, 20_000_000, 40_000_000, -300_000_000, 0, 120_000_000)), address(publisher), null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(publisher)));
    }

    ObjectNode apply(final Command command)
    {
        return encodeAndApply(command);
    }
}
