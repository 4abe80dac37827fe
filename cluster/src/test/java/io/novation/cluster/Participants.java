package io.novation.cluster;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.node.sequencer.Authority;
import io.novation.node.sequencer.Refusal;
import io.novation.node.sequencer.SignatureVerifier;
import io.novation.node.sequencer.Submission;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients of a cluster in tests: governance, the bridge, three oracle publishers and traders whose keys are
 * keccak256 of their names. Commands are signed as real clients sign them and checked with the node's
 * {@link SignatureVerifier}, as a gateway does, before they go to the cluster; the cluster assigns their times. BTC-USD
 * in dYdX v4's units (atomic resolution -10, price exponent -5).
 */
final class Participants
{
    static final byte[] GOVERNANCE_KEY = key("governance");
    static final byte[] BRIDGE_KEY = key("bridge");
    static final Address GOVERNANCE = Address.of(Secp256k1.addressOf(GOVERNANCE_KEY));
    static final Address BRIDGE = Address.of(Secp256k1.addressOf(BRIDGE_KEY));
    static final String[] PUBLISHERS = {"publisher-a", "publisher-b", "publisher-c"};
    static final long USD = 100_000L;
    static final long USDC = 1_000_000L;
    static final long STEP = 1_000_000L;
    static final EngineConfig ENGINE = EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED);

    final byte[] domain = new ClearingEngine(ENGINE, EventSink.NONE).domainSeparator();
    final SignatureVerifier verifier = new SignatureVerifier(domain, new Authority(GOVERNANCE, BRIDGE));
    private final int traders;
    private long governanceNonce;
    private long depositId;
    private long orderNonce;

    Participants(final int traders)
    {
        this.traders = traders;
    }

    static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    static Address address(final String name)
    {
        return Address.of(Secp256k1.addressOf(key(name)));
    }

    /** The market, its oracle publishers, every trader's deposit and a first price. */
    List<ClusterProtocol.Entry> genesis(final long now)
    {
        final List<ClusterProtocol.Entry> entries = new ArrayList<>();
        entries.add(governance(new CreatePerpetual(0, 0, "BTC-USD", "BTC-USD", -5, -10, 100_000, 1_000_000,
            LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE)));
        for (final String publisher : PUBLISHERS)
        {
            entries.add(governance(new RegisterOraclePublisher(0, 0, address(publisher))));
        }
        for (int t = 0; t < traders; t++)
        {
            entries.add(deposit(t, 1_000_000));
        }
        entries.add(price(60_000, now));
        return entries;
    }

    ClusterProtocol.Entry governance(final Command command)
    {
        final long nonce = ++governanceNonce;
        return verified(command, nonce, Authority.sign(domain, nonce, command, GOVERNANCE_KEY));
    }

    ClusterProtocol.Entry deposit(final int trader, final long usdc)
    {
        final Deposit deposit = new Deposit(0, address("trader-" + trader), 0, 0, usdc * USDC, ++depositId);
        return verified(deposit, 0, Authority.sign(domain, 0, deposit, BRIDGE_KEY));
    }

    ClusterProtocol.Entry price(final long usd, final long now)
    {
        final List<PriceReport> reports = new ArrayList<>();
        for (final String publisher : PUBLISHERS)
        {
            final PriceReport unsigned = new PriceReport(0, usd * USD, now, address(publisher), null);
            reports.add(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(publisher))));
        }
        return verified(new OraclePrice(0, 0, reports), 0, null);
    }

    /** A pair of signed orders between two traders, to be filled one step at a time. */
    Order[] orders(final int maker, final int taker, final boolean makerBuys, final long fills, final long now)
    {
        return new Order[] {order("trader-" + maker, makerBuys, fills * STEP, (makerBuys ? 80_000 : 40_000) * USD, now),
            order("trader-" + taker, !makerBuys, fills * STEP, (makerBuys ? 40_000 : 80_000) * USD, now)};
    }

    ClusterProtocol.Entry fill(final Order[] orders, final long usdPrice)
    {
        return verified(new SettleTrade(0, 0, orders[0], orders[1], STEP, usdPrice * USD), 0, null);
    }

    private Order order(final String name, final boolean buy, final long size, final long price, final long at)
    {
        final Order unsigned = Order.of(address(name), 0, 0, buy, size, price, ++orderNonce, at + 86_400_000L, false,
            null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(name)));
    }

    private ClusterProtocol.Entry verified(final Command command, final long nonce, final EcdsaSignature envelope)
    {
        try
        {
            final Submission submission = verifier.verify(command, false, nonce, envelope);
            return new ClusterProtocol.Entry(submission.command(), false, submission.authorityNonce());
        }
        catch (final Refusal refusal)
        {
            throw new AssertionError("a test command does not verify: " + refusal.getMessage(), refusal);
        }
    }
}
