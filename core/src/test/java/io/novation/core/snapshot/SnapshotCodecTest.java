package io.novation.core.snapshot;

import io.novation.core.account.Address;
import io.novation.core.codec.CodecException;
import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SettleTrade;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ETH_ORACLE;
import static io.novation.core.engine.EngineFixture.ETH_USD;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotCodecTest
{
    private static final int ACCOUNTS = 24;

    @Test
    void shouldRestoreAnEngineThatBehavesIdenticallyAfterEverySnapshotPoint()
    {
        final EngineFixture builder = new EngineFixture(SignatureMode.TRUSTED);
        final List<Command> commands = scenario(builder, new Random(42), 600);
        for (final int snapshotAt : new int[] {0, 150, 377, 599})
        {
            final EngineFixture original = new EngineFixture(SignatureMode.TRUSTED);
            int applied = 0;
            for (int i = 0; i < snapshotAt; i++)
            {
                applied += original.engine.apply(commands.get(i)) ? 1 : 0;
            }
            assertThat(applied).isGreaterThanOrEqualTo(snapshotAt / 2);
            final byte[] snapshot = SnapshotCodec.write(original.engine);
            final EventLog restoredEvents = new EventLog();
            final ClearingEngine restored = SnapshotCodec.read(snapshot, original.engine.config(), restoredEvents);

            assertThat(SnapshotCodec.sequenceOf(snapshot)).isEqualTo(original.engine.state().sequence());
            assertThat(restored.stateRoot()).isEqualTo(original.engine.stateRoot());
            assertThat(SnapshotCodec.write(restored)).hasSameSizeAs(snapshot);
            final int eventsBefore = original.events.events().size();
            for (int i = snapshotAt; i < commands.size(); i++)
            {
                final boolean expected = original.engine.apply(commands.get(i));
                assertThat(restored.apply(commands.get(i))).as("command %d", i).isEqualTo(expected);
                assertThat(restored.stateRoot()).as("root after command %d", i).isEqualTo(original.engine.stateRoot());
            }
            final List<Event> expectedEvents = original.events.events().subList(eventsBefore,
                original.events.events().size());
            assertThat(restoredEvents.events()).containsExactlyElementsOf(expectedEvents);
            assertThat(restored.state().sequence()).isEqualTo(original.engine.state().sequence());
            if (snapshotAt == 0)
            {
                assertThat(count(expectedEvents, Event.TradeSettled.class)).isGreaterThan(100);
                assertThat(count(expectedEvents, Event.WithdrawalQueued.class)).isGreaterThan(10);
                assertThat(count(expectedEvents, Event.Transferred.class)).isGreaterThan(10);
                assertThat(count(expectedEvents, Event.MarketStatusChanged.class)).isGreaterThan(5);
                assertThat(count(expectedEvents, Event.Rejected.class)).isGreaterThan(10);
            }
        }
    }

    @Test
    void shouldRefuseCorruptOrForeignSnapshots()
    {
        final EngineFixture fixture = new EngineFixture(SignatureMode.TRUSTED);
        fixture.depositUsdc("alice", 0, 1_000);
        final byte[] snapshot = SnapshotCodec.write(fixture.engine);
        final EngineConfig config = fixture.engine.config();

        final byte[] badMagic = snapshot.clone();
        badMagic[0] ^= 1;
        assertThatThrownBy(() -> SnapshotCodec.read(badMagic, config, null)).isInstanceOf(CodecException.class);
        for (final int length : new int[] {3, 20, snapshot.length / 2, snapshot.length - 1})
        {
            final byte[] cut = java.util.Arrays.copyOf(snapshot, length);
            assertThatThrownBy(() -> SnapshotCodec.read(cut, config, null)).isInstanceOf(CodecException.class);
        }
        final EngineConfig otherChain = new EngineConfig(1, config.verifyingContract(), config.signatureMode());
        assertThatThrownBy(() -> SnapshotCodec.read(snapshot, otherChain, null)).hasMessageContaining("chain");
    }

    @Test
    void shouldRestoreSurfacesWithTheirPublisherAndReadVersion4SurfacesWithoutOne()
    {
        final EngineFixture fixture = new EngineFixture();
        final long expiry = fixture.now() + 30 * EngineFixture.DAY_MS;
        assertThat(fixture.flatBtcSurface(0.5, expiry)).isTrue();
        final byte[] snapshot = SnapshotCodec.write(fixture.engine);
        final EngineConfig config = fixture.engine.config();

        final ClearingEngine restored = SnapshotCodec.read(snapshot, config, null);
        assertThat(restored.state().volSurfaces().surface(BTC_ORACLE).publisher())
            .isEqualTo(EngineFixture.address(EngineFixture.PUBLISHERS[0]));
        assertThat(restored.stateRoot()).isEqualTo(fixture.engine.stateRoot());

        // The same state as version 4 wrote it: no publisher after each surface's oracle id and publication time.
        final ClearingEngine old = SnapshotCodec.read(asVersion4(snapshot), config, null);
        final io.novation.core.surface.PublishedVolSurface surface = old.state().volSurfaces().surface(BTC_ORACLE);
        assertThat(surface.publisher()).isNull();
        assertThat(surface.publishedAt())
            .isEqualTo(fixture.engine.state().volSurfaces().surface(BTC_ORACLE).publishedAt());
        assertThat(surface.slices()).isEqualTo(fixture.engine.state().volSurfaces().surface(BTC_ORACLE).slices());
        assertThat(old.stateRoot()).isNotEqualTo(fixture.engine.stateRoot());
        // Written again, it is a current-version snapshot of the same state.
        assertThat(SnapshotCodec.read(SnapshotCodec.write(old), config, null).stateRoot()).isEqualTo(old.stateRoot());
    }

    /**
     * Rewrites a current snapshot with one volatility surface as version 4: drops the surface's publisher and the bad
     * debt appended to the counters.
     */
    private static byte[] asVersion4(final byte[] snapshot)
    {
        final java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(snapshot);
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(in.getShort(4)).isEqualTo((short)SnapshotCodec.VERSION);
        out.write(snapshot, 0, 4);
        out.write(0);
        out.write(4);
        out.write(snapshot, 6, 16);
        int position = 22;
        while (snapshot[position] != 0)
        {
            final int tag = snapshot[position];
            final int length = in.getInt(position + 1);
            final int payload = position + 5;
            if (tag == 1)
            {
                // Version 8 appended the bad debt to the counters: version 4 has none.
                out.write(tag);
                out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(length - 8).array());
                out.write(snapshot, payload, length - 8);
            }
            else if (tag == 9)
            {
                assertThat(in.getShort(payload)).isEqualTo((short)1);
                // count (2), oracle id (4), published at (8), then the publisher: presence byte and 20 bytes.
                final int publisherAt = payload + 2 + 4 + 8;
                assertThat(snapshot[publisherAt]).isEqualTo((byte)1);
                out.write(tag);
                out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(length - 21).array());
                out.write(snapshot, payload, publisherAt - payload);
                out.write(snapshot, publisherAt + 21, payload + length - publisherAt - 21);
            }
            else
            {
                out.write(snapshot, position, 5 + length);
            }
            position = payload + length;
        }
        out.write(0);
        return out.toByteArray();
    }

    /**
     * Deposits of USDC and ETH, trades of both sizes, price moves with silences past the heartbeat and the halt
     * delay, withdrawals, transfers to isolated subaccounts, governance changes, and commands the engine rejects.
     */
    static List<Command> scenario(final EngineFixture fixture, final Random random, final int count)
    {
        final List<Command> commands = new ArrayList<>();
        final long[] nonces = new long[ACCOUNTS];
        long depositId = 0;
        long btc = 60_000;
        for (int a = 0; a < ACCOUNTS; a++)
        {
            commands.add(new Deposit(fixture.tick(), EngineFixture.address(name(a)), 0, 0,
                (50_000 + random.nextInt(50_000)) * USDC, ++depositId));
        }
        final FundingParameters fast = new FundingParameters(FundingMode.EXTERNAL_RATE, 1_000, 1_000, 100_000,
            500_000, 6_000_000, 60_000_000);
        commands.add(new SetFundingParameters(fixture.tick(), BTC, fast));
        commands.add(new SetFundingParameters(fixture.tick(), 1, fast.withMode(FundingMode.PREMIUM_SAMPLES)));
        while (commands.size() < count)
        {
            final int extra = random.nextInt(100);
            if (extra < 6)
            {
                fixture.advance(1_000);
                commands.add(FundingTick.withRate(fixture.tick(), BTC, random.nextInt(2_000_001) - 1_000_000));
                commands.add(new FundingSample(fixture.tick(), 1, (2_500 + random.nextInt(1_000)) * ETH_USD, 0));
                commands.add(FundingTick.computed(fixture.tick(), 1));
            }
            else if (extra < 10)
            {
                final int keeper = random.nextInt(ACCOUNTS);
                final int target = (keeper + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                final Liquidate unsigned = new Liquidate(fixture.tick(), EngineFixture.address(name(keeper)), 0,
                    EngineFixture.address(name(target)), 0, BTC, (1 + random.nextInt(20)) * (ONE_BTC / 100),
                    ++nonces[keeper], null);
                commands.add(unsigned.withSignature(io.novation.core.crypto.Secp256k1.sign(
                    unsigned.digest(fixture.engine.domainSeparator()), EngineFixture.key(name(keeper)))));
            }
            final int kind = random.nextInt(100);
            final int a = random.nextInt(ACCOUNTS);
            final int b = (a + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            if (kind < 45)
            {
                final long size = (1 + random.nextInt(50)) * (ONE_BTC / 100);
                final long price = btc * BTC_USD;
                final boolean makerBuys = random.nextBoolean();
                final long time = fixture.tick();
                final Order maker = Order.of(EngineFixture.address(name(a)), 0, BTC, makerBuys, size, price,
                    commands.size(), time + 3_600_000, false, null);
                final Order taker = Order.of(EngineFixture.address(name(b)), 0, BTC, !makerBuys, size * 2, price,
                    commands.size(), time + 3_600_000, false, null);
                commands.add(new SettleTrade(time, BTC, maker, taker, size, price));
            }
            else if (kind < 60)
            {
                btc = Math.max(1_000, btc + random.nextInt(2_001) - 1_000);
                commands.add(fixture.priceRound(fixture.tick(), BTC_ORACLE, btc * BTC_USD));
                commands.add(fixture.priceRound(fixture.tick(), ETH_ORACLE, (2_500 + random.nextInt(1_000)) * ETH_USD));
            }
            else if (kind < 68)
            {
                commands.add(new Deposit(fixture.tick(), EngineFixture.address(name(a)), random.nextInt(3),
                    random.nextBoolean() ? 0 : ETH_ASSET, random.nextBoolean() ? 1_000 * USDC : ONE_ETH_COLLATERAL,
                    random.nextInt(20) == 0 ? depositId : ++depositId));
            }
            else if (kind < 78)
            {
                commands.add(fixture.withdrawal(name(a), 0, 0, (1 + random.nextInt(5_000)) * USDC, ++nonces[a]));
            }
            else if (kind < 86)
            {
                commands.add(fixture.transfer(name(a), 0, random.nextBoolean() ? 1 : 130, 0,
                    (1 + random.nextInt(2_000)) * USDC, random.nextInt(10) == 0 ? nonces[a] : ++nonces[a]));
            }
            else if (kind < 90)
            {
                fixture.advance(random.nextBoolean() ? 200_000 : 1_000_000);
                commands.add(new Deposit(fixture.tick(), EngineFixture.address(name(a)), 0, 0, USDC, ++depositId));
            }
            else if (kind < 93)
            {
                commands.add(new SetMarketStatus(fixture.tick(), random.nextInt(2),
                    MarketStatus.values()[random.nextInt(2)]));
            }
            else if (kind < 95)
            {
                commands.add(new SetOracleParameters(fixture.tick(), random.nextInt(2), new OracleParameters(
                    2 + random.nextInt(2), 60_000, 5_000, 100_000 + random.nextInt(100_000), 900_000, 100_000, 5,
                    10_000, 10_000, 250_000)));
            }
            else if (kind < 97)
            {
                final byte[] publisher = new byte[Address.LENGTH];
                random.nextBytes(publisher);
                commands.add(new RegisterOraclePublisher(fixture.tick(), random.nextInt(2), Address.of(publisher)));
            }
            else
            {
                commands.add(new Deposit(fixture.now() - 10, EngineFixture.address(name(a)), 0, 0, USDC,
                    ++depositId));
            }
        }
        return commands.subList(0, count);
    }

    private static long count(final List<Event> events, final Class<? extends Event> type)
    {
        return events.stream().filter(type::isInstance).count();
    }

    private static String name(final int index)
    {
        return "trader-" + index;
    }
}
