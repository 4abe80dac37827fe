package io.novation.node.history;

import java.util.List;

import io.novation.core.command.OracleVolSurface;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventLog;
import io.novation.node.journal.Journal;
import io.novation.node.sequencer.BatchSchedule;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.SequencedEngine;
import io.novation.node.sequencer.SequencingPolicy;
import io.novation.testkit.ClientSigner;
import io.novation.testkit.TestMarkets;
import io.novation.testkit.Testnet;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes a journal quickly for history tests: a trusted-signature engine sequences commands at times the test sets
 * (epoch ms) and journals them, as a node would; orders carry one reused signature, which a trusted engine accepts.
 */
final class TradingJournal implements AutoCloseable
{
    static final EngineConfig CONFIG = EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED);
    static final long START = 1_767_225_600_000L;
    static final long SIZE = Testnet.ONE_BTC / 100;

    private static final EcdsaSignature ANY = Secp256k1.sign(new byte[32], Testnet.key("alice"));

    final Path directory;
    final ClearingEngine engine;
    private final long[] clock = {START};
    private final Journal journal;
    private final SequencedEngine sequenced;
    private final ClientSigner signer;
    private long nonce;
    private long depositId;

    TradingJournal(final Path directory)
    {
        this.directory = directory;
        final EventLog events = new EventLog();
        this.engine = new ClearingEngine(CONFIG, events);
        this.signer = new ClientSigner(engine.domainSeparator());
        this.journal = Journal.open(directory, Journal.DEFAULT_SEGMENT_SIZE, false);
        this.sequenced = new SequencedEngine(engine, events, new SequencingPolicy(() -> clock[0], Long.MAX_VALUE,
            BatchSchedule.never(), 0, 0), journal);
    }

    long time()
    {
        return clock[0];
    }

    TradingJournal at(final long time)
    {
        clock[0] = time;
        return this;
    }

    TradingJournal tick()
    {
        clock[0]++;
        return this;
    }

    void apply(final Command command)
    {
        final CommandOutcome outcome = sequenced.sequence(command, true, 0, false);
        assertThat(outcome.applied()).as("%s: %s", command.getClass().getSimpleName(), outcome.message()).isTrue();
    }

    /** The BTC-USD market with its publishers, a first price, and USDC deposits of alice and bob. */
    TradingJournal genesis(final long usdPrice)
    {
        apply(TestMarkets.btcUsd(tick().time()));
        for (final String publisher : Testnet.PUBLISHERS)
        {
            apply(new RegisterOraclePublisher(tick().time(), 0, Testnet.address(publisher)));
        }
        price(usdPrice);
        deposit("alice", 10_000_000);
        deposit("bob", 10_000_000);
        return this;
    }

    void price(final long usd)
    {
        final long at = tick().time();
        apply(new OraclePrice(at, 0, signer.reports(usd * Testnet.USD, at)));
    }

    void deposit(final String name, final long usdc)
    {
        apply(new Deposit(tick().time(), Testnet.address(name), 0, 0, usdc * Testnet.USDC, ++depositId));
    }

    /** One fill of size {@link #SIZE} at a price: the maker buys when asked. */
    void trade(final String maker, final String taker, final boolean makerBuys, final long usdPrice)
    {
        trade(maker, taker, makerBuys, usdPrice, SIZE);
    }

    /** One fill of a size (base quantums) at a price. */
    void trade(final String maker, final String taker, final boolean makerBuys, final long usdPrice, final long size)
    {
        final long at = tick().time();
        final long price = usdPrice * Testnet.USD;
        apply(new SettleTrade(at, 0, order(maker, makerBuys, price, at, size), order(taker, !makerBuys, price, at,
            size), size, price));
    }

    /** One fill of a size (base quantums) of any market at a price (price units per base unit). */
    void trade(final int marketId, final String maker, final String taker, final boolean makerBuys,
        final long price, final long size)
    {
        final long at = tick().time();
        apply(new SettleTrade(at, marketId, order(maker, marketId, makerBuys, price, at, size),
            order(taker, marketId, !makerBuys, price, at, size), size, price));
    }

    /** A flat BTC-USD volatility surface at {@code vol} to {@code expiry}, signed by every publisher (the quorum). */
    void flatSurface(final double vol, final long expiry)
    {
        final long at = tick().time();
        final double years = (expiry - at) / (365.0 * 86_400_000.0);
        final List<OracleVolSurface.Slice> slices = List.of(new OracleVolSurface.Slice(expiry,
            StrictMath.round(vol * vol * years * 1e9), 0, 0, 0, 100_000_000));
        for (final String publisher : Testnet.PUBLISHERS)
        {
            apply(signer.surface(at, publisher, at, slices));
        }
    }

    /** Fills between alice (maker) and bob, alternating sides so positions stay small. */
    void trades(final int count, final long usdPrice)
    {
        for (int i = 0; i < count; i++)
        {
            trade("alice", "bob", i % 2 == 0, usdPrice);
            if (i % 4096 == 0)
            {
                journal.commit();
            }
        }
        journal.commit();
    }

    private Order order(final String name, final boolean buy, final long price, final long at, final long size)
    {
        return order(name, 0, buy, price, at, size);
    }

    private Order order(final String name, final int marketId, final boolean buy, final long price, final long at,
        final long size)
    {
        return Order.of(Testnet.address(name), 0, marketId, buy, size, price, ++nonce, at + 86_400_000L, false,
            null).withSignature(ANY);
    }

    long lastSequence()
    {
        journal.commit();
        return engine.state().sequence();
    }

    static Address address(final String name)
    {
        return Testnet.address(name);
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
