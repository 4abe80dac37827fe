package io.novation.cluster;

import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.node.sequencer.Authority;
import io.novation.node.sequencer.Refusal;
import io.novation.node.sequencer.SignatureVerifier;
import io.novation.node.sequencer.Submission;
import io.novation.testkit.ClientSigner;
import io.novation.testkit.TestMarkets;
import io.novation.testkit.Testnet;

import java.util.ArrayList;
import java.util.List;

/**
 * The clients of a cluster in tests: the {@link Testnet}'s governance, bridge, oracle publishers and traders
 * ({@code trader-0}, {@code trader-1}, ...). Commands are signed as real clients sign them ({@link ClientSigner}) and
 * checked with the node's {@link SignatureVerifier}, as a gateway does, before they go to the cluster; the cluster
 * assigns their times. Trades fill in steps of {@link #STEP} base quantums.
 */
final class Participants extends Testnet
{
    static final long STEP = 1_000_000L;
    static final EngineConfig ENGINE = EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED);

    final byte[] domain = new ClearingEngine(ENGINE, EventSink.NONE).domainSeparator();
    final SignatureVerifier verifier = new SignatureVerifier(domain, new Authority(GOVERNANCE, BRIDGE));
    private final ClientSigner signer = new ClientSigner(domain);
    private final int traders;
    private long governanceNonce;
    private long depositId;

    Participants(final int traders)
    {
        this.traders = traders;
    }

    /** The market, its oracle publishers, every trader's deposit and a first price. */
    List<ClusterProtocol.Entry> genesis(final long now)
    {
        final List<ClusterProtocol.Entry> entries = new ArrayList<>();
        entries.add(governance(TestMarkets.btcUsd(0)));
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
        return verified(new OraclePrice(0, 0, signer.reports(usd * USD, now)), 0, null);
    }

    /** A pair of signed orders between two traders, to be filled one step at a time. */
    Order[] orders(final int maker, final int taker, final boolean makerBuys, final long fills, final long now)
    {
        return new Order[] {
            signer.order("trader-" + maker, 0, makerBuys, fills * STEP, (makerBuys ? 80_000 : 40_000) * USD, now),
            signer.order("trader-" + taker, 0, !makerBuys, fills * STEP, (makerBuys ? 40_000 : 80_000) * USD, now)};
    }

    ClusterProtocol.Entry fill(final Order[] orders, final long usdPrice)
    {
        return verified(new SettleTrade(0, 0, orders[0], orders[1], STEP, usdPrice * USD), 0, null);
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
