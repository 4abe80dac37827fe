package io.novation.core.commitment;

import io.novation.core.account.Account;
import io.novation.core.command.ForcedWithdraw;
import io.novation.core.command.SealBatch;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.EscapeValuation;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

class BatchSealingTest
{
    private static final byte[] NO_COMMANDS = new byte[32];

    private final EngineFixture fx = new EngineFixture();

    @Test
    void shouldSealTheRootBeforeTheSealAndTheBatchWithdrawals()
    {
        fx.depositUsdc("alice", 0, 10_000);
        fx.depositUsdc("bob", 0, 10_000);
        assertThat(fx.tradeBtc("alice", "bob", true, 1_000, 60_000)).isTrue();
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 100 * USDC, 1))).isTrue();
        assertThat(fx.apply(fx.withdrawal("bob", 0, 0, 250 * USDC, 1))).isTrue();
        final byte[] rootBefore = fx.engine.stateRoot();

        final BatchHeader header = fx.engine.nextBatchHeader(NO_COMMANDS);
        assertThat(fx.apply(new SealBatch(fx.tick(), header))).isTrue();

        assertThat(header.batchNumber()).isEqualTo(1);
        assertThat(header.previousRoot()).isEqualTo(new byte[32]);
        assertThat(header.stateRoot()).isEqualTo(rootBefore);
        assertThat(io.novation.core.crypto.Keccak256.hash(concat(header.treeRoot(), header.globalHash())))
            .isEqualTo(rootBefore);
        final Event.BatchSealed sealed = (Event.BatchSealed)fx.events.last();
        assertThat(sealed.withdrawals()).isEqualTo(2);
        final List<byte[]> leaves = new ArrayList<>();
        for (final Event event : fx.events.events())
        {
            if (event instanceof Event.WithdrawalQueued queued)
            {
                leaves.add(WithdrawalTree.leaf(queued.withdrawalId(), queued.owner(), queued.assetId(),
                    queued.amount()));
            }
        }
        assertThat(leaves).hasSize(2);
        for (int i = 0; i < leaves.size(); i++)
        {
            assertThat(WithdrawalTree.verify(header.withdrawalsRoot(), leaves.get(i), i,
                WithdrawalTree.proof(leaves, i))).isTrue();
        }
        assertThat(fx.engine.state().pendingWithdrawals().entries()).isEmpty();
        assertThat(fx.engine.stateRoot()).as("the seal itself changes the state").isNotEqualTo(rootBefore);

        final BatchHeader second = fx.engine.nextBatchHeader(NO_COMMANDS);
        assertThat(second.batchNumber()).isEqualTo(2);
        assertThat(second.previousRoot()).isEqualTo(rootBefore);
        assertThat(second.withdrawalsRoot()).isEqualTo(new byte[32]);
    }

    @Test
    void shouldRejectASealWhoseClaimDiffersAndLeaveTheStateAlone()
    {
        fx.depositUsdc("alice", 0, 1_000);
        final BatchHeader honest = fx.engine.nextBatchHeader(NO_COMMANDS);
        final byte[] forged = honest.stateRoot();
        forged[0] ^= 1;
        final BatchHeader lie = new BatchHeader(1, honest.previousRoot(), forged, honest.treeRoot(),
            honest.globalHash(), honest.withdrawalsRoot(), honest.pricesHash(), NO_COMMANDS, honest.lastDepositId(),
            honest.lastForcedRequestId());
        final byte[] before = fx.engine.stateRoot();

        assertThat(fx.apply(new SealBatch(fx.tick(), lie))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.BATCH_MISMATCH);
        assertThat(fx.lastRejection().message()).contains("stateRoot");
        assertThat(fx.engine.stateRoot()).isEqualTo(before);
        assertThat(fx.apply(new SealBatch(fx.tick(), honest.withCommandsHash(new byte[32])))).isTrue();
        assertThat(fx.engine.state().batchCount()).isEqualTo(1);
    }

    @Test
    void shouldAnswerEachForcedWithdrawalOnceServedOrDeclined()
    {
        fx.depositUsdc("alice", 0, 1_000);
        assertThat(fx.apply(new ForcedWithdraw(fx.tick(), address("alice"), 0, 0, 400 * USDC, 1))).isTrue();
        assertThat(fx.events.last()).isInstanceOf(Event.WithdrawalQueued.class);
        assertThat(fx.usdcBalance("alice", 0)).isEqualTo(600 * USDC);

        assertThat(fx.apply(new ForcedWithdraw(fx.tick(), address("alice"), 0, 0, 5_000 * USDC, 2))).isTrue();
        assertThat(fx.events.last()).isInstanceOf(Event.ForcedWithdrawalDeclined.class);
        assertThat(fx.usdcBalance("alice", 0)).isEqualTo(600 * USDC);

        assertThat(fx.apply(new ForcedWithdraw(fx.tick(), address("alice"), 0, 0, 1 * USDC, 2))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.DUPLICATE_REQUEST);
        assertThat(fx.engine.nextBatchHeader(NO_COMMANDS).lastForcedRequestId()).isEqualTo(2);
    }

    @Test
    void shouldValueAnAccountLeafAtTheCommittedPricesAndProveIt()
    {
        fx.depositUsdc("alice", 0, 10_000);
        fx.depositUsdc("bob", 0, 10_000);
        assertThat(fx.tradeBtc("alice", "bob", true, 1_000, 60_000)).isTrue();
        assertThat(fx.btcPrice(61_000)).isTrue();
        final BatchHeader header = fx.engine.nextBatchHeader(NO_COMMANDS);
        final byte[] table = EscapeValuation.priceTable(fx.engine.state());
        assertThat(io.novation.core.crypto.Keccak256.hash(table)).isEqualTo(header.pricesHash());

        final Account alice = fx.engine.state().accounts().find(address("alice"));
        final byte[] leaf = new LeafEncoding().putAccount(alice).toBytes();
        final long btc = ONE_BTC / 10;
        final long expected = fx.usdcBalance("alice", 0) + btc * 61_000 / ONE_BTC * USDC;
        assertThat(EscapeValuation.accountValue(leaf, table)).isEqualTo(BigInteger.valueOf(expected));
        assertThat(fx.position("alice", 0, BTC)).isEqualTo(btc);

        final byte[] key = new byte[32];
        fx.engine.commitment().accountKey(alice, key);
        final SparseMerkleProof proof = fx.engine.commitment().tree().proof(key);
        assertThat(SparseMerkleTree.verifyInclusion(new Keccak256Hasher(), header.treeRoot(), key, leaf, proof))
            .isTrue();
    }

    @Test
    void shouldKeepBatchesAndPendingWithdrawalsInSnapshots()
    {
        fx.depositUsdc("alice", 0, 1_000);
        fx.apply(new SealBatch(fx.tick(), fx.engine.nextBatchHeader(NO_COMMANDS)));
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 10 * USDC, 1))).isTrue();
        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine),
            EngineConfig.defaults(), EventSink.NONE);

        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restored.nextBatchHeader(NO_COMMANDS)).isEqualTo(fx.engine.nextBatchHeader(NO_COMMANDS));
        assertThat(restored.state().pendingWithdrawals().entries()).hasSize(1);
    }

    @Test
    void shouldRoundTripTheNewCommandsThroughTheBinaryCodec()
    {
        final SealBatch seal = new SealBatch(9, fx.engine.nextBatchHeader(new byte[32]));
        final ForcedWithdraw forced = new ForcedWithdraw(10, address("alice"), 3, 0, 77, 5);

        assertThat(io.novation.core.command.CommandCodec.decode(io.novation.core.command.CommandCodec.encode(seal)))
            .isEqualTo(seal);
        assertThat(io.novation.core.command.CommandCodec.decode(io.novation.core.command.CommandCodec.encode(forced)))
            .isEqualTo(forced);
        assertThat(io.novation.core.command.CommandCodec.decode(io.novation.core.command.CommandCodec.encode(
            new SealBatch(1, null)))).isEqualTo(new SealBatch(1, null));
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void shouldValueOptionPositionsAtTheirIntrinsicValueAtTheCommittedPrice()
    {
        // A BTC call struck at 55,000 and a put struck at 65,000, with BTC at 61,000: 6,000 and 4,000 USD a BTC.
        final long expiry = fx.now() + 30L * 24 * 3_600_000;
        assertThat(fx.apply(new io.novation.core.command.CreateOptionSeries(fx.tick(),
            io.novation.core.market.OptionSeries.FIRST_ID, "BTC-C-55000", EngineFixture.BTC_ORACLE,
            55_000 * EngineFixture.BTC_USD, expiry, io.novation.core.pricing.OptionType.CALL, -8, 1, 1_000_000, 0, 0,
            io.novation.core.market.MarketStatus.ACTIVE))).isTrue();
        assertThat(fx.apply(new io.novation.core.command.CreateOptionSeries(fx.tick(),
            io.novation.core.market.OptionSeries.FIRST_ID + 1, "BTC-P-65000", EngineFixture.BTC_ORACLE,
            65_000 * EngineFixture.BTC_USD, expiry, io.novation.core.pricing.OptionType.PUT, -8, 1, 1_000_000, 0, 0,
            io.novation.core.market.MarketStatus.ACTIVE))).isTrue();
        assertThat(fx.btcPrice(61_000)).isTrue();
        fx.depositUsdc("carol", 0, 1_000);
        final Account carol = fx.engine.state().accounts().find(address("carol"));
        // Set directly: 2 calls long (atomic resolution −8: 1e8 base quantums a contract) and 1 put short.
        carol.subaccount(0).setPosition(io.novation.core.market.OptionSeries.FIRST_ID, 200_000_000L, 0, 0);
        carol.subaccount(0).setPosition(io.novation.core.market.OptionSeries.FIRST_ID + 1, -100_000_000L, 0, 0);

        final byte[] table = EscapeValuation.priceTable(fx.engine.state());
        final byte[] leaf = new LeafEncoding().putAccount(carol).toBytes();

        assertThat(EscapeValuation.accountValue(leaf, table))
            .isEqualTo(BigInteger.valueOf((1_000 + 2 * 6_000 - 4_000) * USDC));
    }
}
