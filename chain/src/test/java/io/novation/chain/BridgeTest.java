package io.novation.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Subaccount;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.Deposit;
import io.novation.core.command.FundingTick;
import io.novation.core.command.SealBatch;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.engine.EscapeValuation;
import io.novation.core.commitment.WithdrawalTree;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.funding.MarketFunding;
import io.novation.core.market.Asset;
import io.novation.node.batch.AccountProof;
import io.novation.node.batch.SealedBatch;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge on a real local EVM (ganache), driven from Java with web3j against a clearing engine: USDC and ETH (a
 * test ERC-20 per asset) deposited through the chain watcher, an ETH withdrawal and a forced ETH withdrawal paid in
 * ETH against their proofs, the freeze, the escape claims of every asset (a perpetual valued with its accrued
 * funding) registered in the claim period and paid after it; and a short bridge (an operator that credited more than
 * was deposited) paying every claim pro rata.
 */
class BridgeTest
{
    private static final long GRACE_SECONDS = 3_600;
    private static final long CLAIM_SECONDS = 86_400;

    private final Credentials operator = credentials("operator");
    private final Credentials alice = credentials("alice");
    private final Credentials bob = credentials("bob");
    private final Credentials carol = credentials("carol");
    private final Map<String, Long> gas = new LinkedHashMap<>();

    @Test
    void shouldBridgeUsdcAndEthThroughWithdrawalsForcedWithdrawalsAndEscapeOnALocalEvm() throws Exception
    {
        try (LocalChain chain = LocalChain.start(operator, alice, bob))
        {
            final Deployment bridge = deploy(chain);
            final BridgeClient asOperator = bridge.asOperator;
            final BridgeClient asAlice = asOperator.as(alice, LocalChain.CHAIN_ID);
            final BridgeClient asBob = asOperator.as(bob, LocalChain.CHAIN_ID);
            assertThat(asAlice.listAsset(2, bridge.eth.address()).ok()).as("only the operator lists").isFalse();
            assertThat(asOperator.listAsset(2, bridge.usdc.address()).ok()).as("a token is listed once").isFalse();
            assertThat(asOperator.listAsset(ETH_ASSET, bridge.usdc.address()).ok()).as("an asset once").isFalse();
            for (final Credentials user : List.of(alice, bob))
            {
                bridge.fund(user, 20_000 * USDC, 5 * ONE_ETH_COLLATERAL);
            }
            record("deposit (USDC)", asAlice.deposit(alice.getAddress(), 0, 0, 10_000 * USDC).require().getGasUsed());
            record("deposit (ETH)", asAlice.deposit(alice.getAddress(), 0, ETH_ASSET, 2 * ONE_ETH_COLLATERAL).require()
                .getGasUsed());
            asBob.deposit(bob.getAddress(), 0, 0, 10_000 * USDC).require();
            assertThat(asAlice.revertReason("deposit", new Address(alice.getAddress()), new Uint32(0), new Uint32(7),
                new Uint64(1))).as("an unlisted asset").contains("asset not listed");

            // The watcher credits each confirmed deposit once, in the asset it names.
            final EngineFixture fx = new EngineFixture();
            final ChainWatcher watcher = new ChainWatcher(asOperator, 0, () -> fx.engine.state().lastDepositId(),
                () -> fx.engine.state().lastForcedRequestId(), command -> fx.apply(command.withTime(fx.tick())));
            assertThat(watcher.poll(0)).isEqualTo(3);
            assertThat(watcher.poll(0)).isZero();
            assertThat(fx.usdcBalance("alice", 0)).isEqualTo(10_000 * USDC);
            assertThat(balance(fx, "alice", ETH_ASSET)).isEqualTo(2 * ONE_ETH_COLLATERAL);

            // A trade, an ETH withdrawal queued with its asset id, and one of an asset the bridge has no token for.
            assertThat(fx.tradeBtc("alice", "bob", true, 1_000, 60_000)).isTrue();
            assertThat(fx.apply(fx.withdrawal("alice", 0, ETH_ASSET, ONE_ETH_COLLATERAL / 2, 1))).isTrue();
            final Event.WithdrawalQueued queued = lastQueued(fx);
            assertThat(queued.assetId()).isEqualTo(ETH_ASSET);
            final byte[] rootBefore = fx.engine.stateRoot();
            assertThat(fx.apply(fx.withdrawal("alice", 0, 7, 1, 2))).isFalse();
            assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.ASSET_NOT_WITHDRAWABLE);
            assertThat(fx.engine.stateRoot()).isEqualTo(rootBefore);
            final SealedBatch first = seal(fx, "batch 1");
            record("commitBatch", commit(asOperator, first).require().getGasUsed());

            // The ETH withdrawal is paid in ETH, once, against its proof; the leaf hashes as the contract hashes it.
            assertThat(asOperator.callUint("withdrawalLeaf", new Uint64(queued.withdrawalId()),
                new Address(alice.getAddress()), new Uint32(ETH_ASSET), new Uint64(queued.amount())))
                .isEqualTo(new BigInteger(1, first.leaves().get(0)));
            final List<byte[]> siblings = List.of(WithdrawalTree.proof(first.leaves(), 0));
            final BigInteger ethBefore = bridge.eth.balanceOf(alice.getAddress());
            assertThat(asBob.withdraw(1, queued.withdrawalId(), alice.getAddress(), 0, queued.amount(), 0, siblings)
                .ok()).as("the ETH leaf paid as USDC").isFalse();
            assertThat(asBob.revertReason("withdraw", new Uint64(1), new Uint64(queued.withdrawalId()),
                new Address(alice.getAddress()), new Uint32(7), new Uint64(queued.amount()), new Uint256(0),
                new DynamicArray<>(Bytes32.class, List.of()))).contains("asset not listed");
            record("withdraw (ETH)", asBob.withdraw(1, queued.withdrawalId(), alice.getAddress(), ETH_ASSET,
                queued.amount(), 0, siblings).require().getGasUsed());
            assertThat(bridge.eth.balanceOf(alice.getAddress())).isEqualTo(ethBefore.add(BigInteger.valueOf(
                ONE_ETH_COLLATERAL / 2)));
            assertThat(asBob.withdraw(1, queued.withdrawalId(), alice.getAddress(), ETH_ASSET, queued.amount(), 0,
                siblings).ok()).as("paid once").isFalse();

            // A forced ETH withdrawal: requested on the chain, queued by the engine, paid in ETH after the batch.
            record("requestForcedWithdrawal", asAlice.requestForcedWithdrawal(0, ETH_ASSET, ONE_ETH_COLLATERAL / 4)
                .require().getGasUsed());
            assertThat(asAlice.requestForcedWithdrawal(0, 7, 1).ok()).as("an unlisted asset").isFalse();
            assertThat(watcher.poll(0)).isEqualTo(1);
            final Event.WithdrawalQueued forced = lastQueued(fx);
            assertThat(forced.assetId()).isEqualTo(ETH_ASSET);

            // Funding accrues on the perpetual positions without being settled into the leaves.
            assertThat(fx.apply(new SetFundingParameters(fx.tick(), BTC, new FundingParameters(
                FundingMode.EXTERNAL_RATE, 1_000, 1_000, 0, 500_000, 6_000_000, 60_000_000)))).isTrue();
            fx.advance(8 * 3_600_000L);
            assertThat(fx.btcPrice(60_000)).isTrue();
            assertThat(fx.apply(FundingTick.withRate(fx.tick(), BTC, 1_000_000))).isTrue();
            // Two USDC withdrawals of bob's that nobody pays before the freeze.
            assertThat(fx.apply(fx.withdrawal("bob", 0, 0, 100 * USDC, 1))).isTrue();
            final Event.WithdrawalQueued bobFirst = lastQueued(fx);
            assertThat(fx.apply(fx.withdrawal("bob", 0, 0, 50 * USDC, 2))).isTrue();
            final Event.WithdrawalQueued bobSecond = lastQueued(fx);
            final SealedBatch second = seal(fx, "batch 2");
            commit(asOperator, second).require();
            asBob.withdraw(2, forced.withdrawalId(), alice.getAddress(), ETH_ASSET, forced.amount(),
                second.indexOf(forced.withdrawalId()), List.of(WithdrawalTree.proof(second.leaves(),
                    second.indexOf(forced.withdrawalId())))).require();
            assertThat(bridge.eth.balanceOf(alice.getAddress())).isEqualTo(ethBefore.add(BigInteger.valueOf(
                3 * ONE_ETH_COLLATERAL / 4)));

            // Bob's forced withdrawal is ignored: the bridge freezes after the grace period.
            asBob.requestForcedWithdrawal(0, 0, 500 * USDC).require();
            assertThat(asAlice.freeze().ok()).as("within the grace period").isFalse();
            chain.advanceTime(GRACE_SECONDS + 1);
            record("freeze", asAlice.freeze().require().getGasUsed());
            assertThat(asOperator.commitBatch(fx.engine.nextBatchHeader(new byte[32]), new long[4]).ok()).isFalse();

            // Each account claims what its leaf is owed per asset; Java, the node's proof and the contract agree.
            final Map<String, BigInteger[]> claims = new LinkedHashMap<>();
            for (final Credentials user : List.of(alice, bob))
            {
                final Escape escape = escape(fx, second, user);
                assertThat(asOperator.accountClaims(escape.leaf, escape.table)).isEqualTo(Arrays.asList(escape.claims));
                assertThat(asOperator.accountSeized(escape.leaf, escape.table)).isEqualTo(Arrays.asList(escape.seized));
                final BridgeClient asUser = asOperator.as(user, LocalChain.CHAIN_ID);
                final byte[] forged = escape.leaf.clone();
                forged[forged.length - 30] ^= 0x40;
                assertThat(asUser.escape(forged, escape.depth, escape.bitmap, escape.path, escape.table).ok())
                    .as("forged leaf").isFalse();
                record("escape claim, " + (user == alice ? "USDC, ETH and a position" : "USDC and a position") +
                    " (proof depth " + escape.depth + ")", asUser.escape(escape.leaf, escape.depth,
                    escape.bitmap, escape.path, escape.table).require().getGasUsed());
                assertThat(asUser.escape(escape.leaf, escape.depth, escape.bitmap, escape.path, escape.table).ok())
                    .as("claimed once").isFalse();
                claims.put(user.getAddress(), escape.claims);
            }
            // A committed withdrawal not paid before the freeze becomes a claim like the others.
            final BigInteger bobUsdc = bridge.usdc.balanceOf(bob.getAddress());
            final int unpaid = second.indexOf(bobFirst.withdrawalId());
            asBob.withdraw(2, bobFirst.withdrawalId(), bob.getAddress(), 0, bobFirst.amount(), unpaid,
                List.of(WithdrawalTree.proof(second.leaves(), unpaid))).require();
            assertThat(bridge.usdc.balanceOf(bob.getAddress())).as("nothing leaves in the claim period")
                .isEqualTo(bobUsdc);
            assertThat(asOperator.callUint("claims", new Address(bob.getAddress()), new Uint32(0)))
                .isEqualTo(claims.get(bob.getAddress())[0].add(BigInteger.valueOf(100 * USDC)));
            // Alice: 1.25 ETH in kind, and USDC worth her balance, her 0.1 BTC at 60,000 and the funding she owes.
            final Subaccount aliceSub = fx.engine.state().accounts().find(address("alice")).subaccount(0);
            final int at = aliceSub.positionIndex(BTC);
            final MarketFunding funding = fx.engine.state().markets().perpetual(BTC).funding();
            final long accrued = funding.accrued(aliceSub.positionSize(at), aliceSub.positionFundingIndex(at));
            assertThat(accrued).as("a long pays a positive rate").isNegative();
            assertThat(aliceSub.positionSize(at)).isEqualTo(ONE_BTC / 10);
            assertThat(claims.get(alice.getAddress())[0]).isEqualTo(BigInteger.valueOf(
                fx.usdcBalance("alice", 0) + 6_000 * USDC + accrued));
            assertThat(claims.get(alice.getAddress())[ETH_ASSET]).isEqualTo(BigInteger.valueOf(
                5 * ONE_ETH_COLLATERAL / 4));

            // After the claim period every claim is paid in full: the bridge holds enough of each asset.
            assertThat(asAlice.payout(alice.getAddress(), 0).ok()).as("within the claim period").isFalse();
            chain.advanceTime(CLAIM_SECONDS + 1);
            final int late = second.indexOf(bobSecond.withdrawalId());
            assertThat(asBob.revertReason("withdraw", new Uint64(2), new Uint64(bobSecond.withdrawalId()),
                new Address(bob.getAddress()), new Uint32(0), new Uint64(bobSecond.amount()), new Uint256(late),
                new DynamicArray<>(Bytes32.class, bytes32(WithdrawalTree.proof(second.leaves(), late)))))
                .contains("claim period over");
            claims.get(bob.getAddress())[0] = claims.get(bob.getAddress())[0].add(BigInteger.valueOf(100 * USDC));
            for (final Credentials user : List.of(alice, bob))
            {
                for (final int asset : new int[] {0, ETH_ASSET})
                {
                    final BigInteger claimed = claims.get(user.getAddress())[asset];
                    if (claimed.signum() == 0)
                    {
                        assertThat(asAlice.payout(user.getAddress(), asset).ok()).as("no claim").isFalse();
                        continue;
                    }
                    final TokenClient token = asset == 0 ? bridge.usdc : bridge.eth;
                    final BigInteger before = token.balanceOf(user.getAddress());
                    record("payout", asAlice.payout(user.getAddress(), asset).require().getGasUsed());
                    assertThat(token.balanceOf(user.getAddress())).isEqualTo(before.add(claimed));
                    assertThat(asAlice.payout(user.getAddress(), asset).ok()).as("paid once").isFalse();
                }
            }
            assertThat(bridge.usdc.balanceOf(asOperator.address()))
                .as("the fee pool, rounding and bob's unclaimed withdrawal stay")
                .isEqualTo(BigInteger.valueOf(20_000 * USDC).subtract(claims.get(alice.getAddress())[0])
                    .subtract(claims.get(bob.getAddress())[0]));
            assertThat(bridge.eth.balanceOf(asOperator.address())).isZero();

            measureProofVerification(chain, asOperator);
            writeGasReport();
        }
    }

    @Test
    void shouldPayABatchsWithdrawalsOnlyWithinItsCommittedTotalsWithoutAVerifier() throws Exception
    {
        try (LocalChain chain = LocalChain.start(operator, alice))
        {
            final Deployment bridge = deploy(chain);
            final BridgeClient asOperator = bridge.asOperator;
            final BridgeClient asAlice = asOperator.as(alice, LocalChain.CHAIN_ID);
            bridge.fund(alice, 1_000 * USDC, 0);
            asAlice.deposit(alice.getAddress(), 0, 0, 1_000 * USDC).require();
            final EngineFixture fx = new EngineFixture();
            assertThat(fx.apply(new Deposit(fx.tick(), address("alice"), 0, 0, 1_000 * USDC, 1))).isTrue();
            assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 300 * USDC, 1))).isTrue();
            final Event.WithdrawalQueued first = lastQueued(fx);
            assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 200 * USDC, 2))).isTrue();
            final Event.WithdrawalQueued second = lastQueued(fx);
            final SealedBatch batch = seal(fx, "batch 1");
            assertThat(BridgeClient.withdrawalTotals(batch.withdrawals())).containsExactly(500 * USDC, 0, 0, 0);

            // Totals of an asset the bridge has not listed are refused; a batch understating its totals is accepted.
            assertThat(asOperator.revertReason("commitBatch", BridgeClient.commitArguments(batch.header(),
                new long[] {500 * USDC, 0, 0, 1}))).contains("withdrawal totals");
            asOperator.commitBatch(batch.header(), new long[] {300 * USDC, 0, 0, 0}).require();
            assertThat(asOperator.callUint("unpaidWithdrawals", new Uint32(0))).as("kept with a verifier only")
                .isZero();

            // Its withdrawals pay no more than the totals: the first is paid, the second is refused.
            asAlice.withdraw(1, first.withdrawalId(), alice.getAddress(), 0, first.amount(),
                batch.indexOf(first.withdrawalId()), List.of(WithdrawalTree.proof(batch.leaves(),
                    batch.indexOf(first.withdrawalId())))).require();
            assertThat(asOperator.callUint("withdrawableOf", new Uint64(1), new Uint32(0))).isZero();
            final int index = batch.indexOf(second.withdrawalId());
            final List<Bytes32> siblings = new ArrayList<>();
            for (final byte[] sibling : WithdrawalTree.proof(batch.leaves(), index))
            {
                siblings.add(new Bytes32(sibling));
            }
            assertThat(asAlice.revertReason("withdraw", new Uint64(1), new Uint64(second.withdrawalId()),
                new Address(alice.getAddress()), new Uint32(0), new Uint64(second.amount()), new Uint256(index),
                new DynamicArray<>(Bytes32.class, siblings))).contains("withdrawal totals");
            assertThat(bridge.usdc.balanceOf(asOperator.address())).isEqualTo(BigInteger.valueOf(700 * USDC));
        }
    }

    @Test
    void shouldListOnlyTheAssetIdsWhoseWithdrawalsABatchCanCommitAndPayTheLastOne() throws Exception
    {
        try (LocalChain chain = LocalChain.start(operator, alice))
        {
            final Deployment bridge = deploy(chain);
            final BridgeClient asOperator = bridge.asOperator;
            final BridgeClient asAlice = asOperator.as(alice, LocalChain.CHAIN_ID);
            final int lastSlot = Asset.MAX_BRIDGED_ASSETS - 1;
            assertThat(BridgeClient.WITHDRAWAL_ASSETS).as("one withdrawal total per engine asset id")
                .isEqualTo(Asset.MAX_BRIDGED_ASSETS);
            final TokenClient link = token(chain, "tLINK");
            final TokenClient sol = token(chain, "tSOL");

            // An asset id beyond the withdrawal totals' slots is refused, whatever the token; the last slot is listed.
            for (final long beyond : new long[] {Asset.MAX_BRIDGED_ASSETS, 255, 0xFFFF_FFFFL})
            {
                assertThat(asOperator.revertReason("listAsset", new Uint32(beyond), new Address(link.address())))
                    .as("asset id " + beyond).contains("asset id without withdrawal slot");
            }
            assertThat(asOperator.listAsset(Asset.MAX_BRIDGED_ASSETS, link.address()).ok()).isFalse();
            assertThat(asOperator.callUint("tokens", new Uint32(Asset.MAX_BRIDGED_ASSETS))).isZero();
            asOperator.listAsset(2, sol.address()).require();
            asOperator.listAsset(lastSlot, link.address()).require();
            assertThat(asAlice.revertReason("deposit", new Address(alice.getAddress()), new Uint32(0),
                new Uint32(Asset.MAX_BRIDGED_ASSETS), new Uint64(1))).contains("asset not listed");

            // The engine holds the same four ids; a deposit of the last one is withdrawn through a committed batch.
            final EngineFixture fx = new EngineFixture();
            assertThat(fx.apply(new CreateAsset(fx.tick(), 2, "SOL", 8, "ETH-USD", -6, 700_000, 800_000))).isTrue();
            assertThat(fx.apply(new CreateAsset(fx.tick(), lastSlot, "LINK", 8, "ETH-USD", -6, 700_000, 800_000)))
                .isTrue();
            assertThat(fx.apply(new CreateAsset(fx.tick(), Asset.MAX_BRIDGED_ASSETS, "AVAX", 8, "ETH-USD", -6,
                700_000, 800_000))).isFalse();
            assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.ASSET_LIMIT);
            link.send(alice, "mint", new Address(alice.getAddress()), new Uint256(5 * ONE_ETH_COLLATERAL)).require();
            link.send(alice, "approve", new Address(asOperator.address()), new Uint256(5 * ONE_ETH_COLLATERAL))
                .require();
            asAlice.deposit(alice.getAddress(), 0, lastSlot, 5 * ONE_ETH_COLLATERAL).require();
            final ChainWatcher watcher = new ChainWatcher(asOperator, 0, () -> fx.engine.state().lastDepositId(),
                () -> fx.engine.state().lastForcedRequestId(), command -> fx.apply(command.withTime(fx.tick())));
            assertThat(watcher.poll(0)).isEqualTo(1);
            assertThat(balance(fx, "alice", lastSlot)).isEqualTo(5 * ONE_ETH_COLLATERAL);
            assertThat(fx.apply(fx.withdrawal("alice", 0, lastSlot, 2 * ONE_ETH_COLLATERAL, 1))).isTrue();
            final Event.WithdrawalQueued queued = lastQueued(fx);
            final SealedBatch batch = seal(fx, "batch 1");
            assertThat(BridgeClient.withdrawalTotals(batch.withdrawals()))
                .containsExactly(0, 0, 0, 2 * ONE_ETH_COLLATERAL);
            commit(asOperator, batch).require();
            final int index = batch.indexOf(queued.withdrawalId());
            asAlice.withdraw(1, queued.withdrawalId(), alice.getAddress(), lastSlot, queued.amount(), index,
                List.of(WithdrawalTree.proof(batch.leaves(), index))).require();
            assertThat(link.balanceOf(alice.getAddress())).isEqualTo(BigInteger.valueOf(2 * ONE_ETH_COLLATERAL));
            assertThat(link.balanceOf(asOperator.address())).isEqualTo(BigInteger.valueOf(3 * ONE_ETH_COLLATERAL));
        }
    }

    private TokenClient token(final LocalChain chain, final String symbol)
    {
        return new TokenClient(chain.web3j, BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
            chain.bytecode("TestToken"), List.of(new Utf8String(symbol), new Uint8(8))));
    }

    @Test
    void shouldPayEveryClaimProRataWhenTheBridgeHoldsLessThanIsClaimed() throws Exception
    {
        try (LocalChain chain = LocalChain.start(operator, alice, bob, carol))
        {
            final Deployment bridge = deploy(chain);
            final BridgeClient asOperator = bridge.asOperator;
            for (final Credentials user : List.of(alice, bob, carol))
            {
                bridge.fund(user, 5_000 * USDC, 0);
            }
            asOperator.as(alice, LocalChain.CHAIN_ID).deposit(alice.getAddress(), 0, 0, 1_000 * USDC).require();
            asOperator.as(bob, LocalChain.CHAIN_ID).deposit(bob.getAddress(), 0, 0, 1_000 * USDC).require();

            // A dishonest operator credits bob 3,000 for his 1,000 and commits it: the bridge is short by 2,000.
            final EngineFixture fx = new EngineFixture();
            assertThat(fx.apply(new Deposit(fx.tick(), address("alice"), 0, 0, 1_000 * USDC, 1))).isTrue();
            assertThat(fx.apply(new Deposit(fx.tick(), address("bob"), 0, 0, 3_000 * USDC, 2))).isTrue();
            final SealedBatch batch = seal(fx, "batch 1");
            commit(asOperator, batch).require();
            // Carol's deposit comes after the last batch: she reclaims it as a claim like any other.
            asOperator.as(carol, LocalChain.CHAIN_ID).deposit(carol.getAddress(), 0, 0, 100 * USDC).require();
            asOperator.as(alice, LocalChain.CHAIN_ID).requestForcedWithdrawal(0, 0, 10 * USDC).require();
            chain.advanceTime(GRACE_SECONDS + 1);
            asOperator.freeze().require();

            for (final Credentials user : List.of(alice, bob))
            {
                final Escape escape = escape(fx, batch, user);
                asOperator.as(user, LocalChain.CHAIN_ID).escape(escape.leaf, escape.depth, escape.bitmap,
                    escape.path, escape.table).require();
            }
            asOperator.reclaimDeposit(3).require();
            assertThat(asOperator.reclaimDeposit(3).ok()).as("reclaimed once").isFalse();
            assertThat(asOperator.callUint("totalClaimed", new Uint32(0)))
                .isEqualTo(BigInteger.valueOf(4_100 * USDC));
            assertThat(asOperator.reclaimDeposit(2).ok()).as("a credited deposit").isFalse();

            chain.advanceTime(CLAIM_SECONDS + 1);
            final Credentials lateEscaper = credentials("dave");
            assertThat(asOperator.as(lateEscaper, LocalChain.CHAIN_ID).reclaimDeposit(3).ok())
                .as("the claim period is over").isFalse();
            // The bridge holds 2,100 for 4,100 claimed: each claim is paid 2,100 / 4,100 of itself, whoever
            // comes first.
            final BigInteger held = bridge.usdc.balanceOf(asOperator.address());
            assertThat(held).isEqualTo(BigInteger.valueOf(2_100 * USDC));
            BigInteger paidTotal = BigInteger.ZERO;
            for (final Object[] claim : new Object[][] {{bob, 3_000L}, {carol, 100L}, {alice, 1_000L}})
            {
                final String owner = ((Credentials)claim[0]).getAddress();
                final BigInteger before = bridge.usdc.balanceOf(owner);
                asOperator.payout(owner, 0).require();
                final BigInteger expected = BigInteger.valueOf((Long)claim[1] * USDC).multiply(held)
                    .divide(BigInteger.valueOf(4_100 * USDC));
                assertThat(bridge.usdc.balanceOf(owner).subtract(before)).isEqualTo(expected);
                paidTotal = paidTotal.add(expected);
            }
            assertThat(paidTotal).isLessThanOrEqualTo(held);
            assertThat(held.subtract(paidTotal)).as("rounding dust only").isLessThan(BigInteger.valueOf(3));
        }
    }

    @Test
    void shouldPayTheEthSeizedToCoverALosingPerpetualToTheUsdcClaimantsProRata() throws Exception
    {
        try (LocalChain chain = LocalChain.start(operator, alice, bob, carol))
        {
            final Deployment bridge = deploy(chain);
            final BridgeClient asOperator = bridge.asOperator;
            bridge.fund(alice, 0, 10 * ONE_ETH_COLLATERAL);
            bridge.fund(bob, 50_000 * USDC, 0);
            bridge.fund(carol, 1_000 * USDC, 0);
            asOperator.as(alice, LocalChain.CHAIN_ID).deposit(alice.getAddress(), 0, ETH_ASSET,
                10 * ONE_ETH_COLLATERAL).require();
            asOperator.as(bob, LocalChain.CHAIN_ID).deposit(bob.getAddress(), 0, 0, 50_000 * USDC).require();
            asOperator.as(carol, LocalChain.CHAIN_ID).deposit(carol.getAddress(), 0, 0, 1_000 * USDC).require();

            // Alice, with only ETH, buys 0.5 BTC from bob and loses 4,000 USD on it: an honest state.
            final EngineFixture fx = new EngineFixture();
            assertThat(fx.apply(new Deposit(fx.tick(), address("alice"), 0, ETH_ASSET, 10 * ONE_ETH_COLLATERAL, 1)))
                .isTrue();
            assertThat(fx.apply(new Deposit(fx.tick(), address("bob"), 0, 0, 50_000 * USDC, 2))).isTrue();
            assertThat(fx.apply(new Deposit(fx.tick(), address("carol"), 0, 0, 1_000 * USDC, 3))).isTrue();
            final long btc = fx.engine.state().oracles().price(EngineFixture.BTC_ORACLE) / EngineFixture.BTC_USD;
            assertThat(fx.tradeBtc("bob", "alice", false, 5_000, btc)).isTrue();
            assertThat(fx.btcPrice(btc - 8_000)).isTrue();
            assertThat(fx.btcPrice(btc - 8_000)).isTrue();
            final SealedBatch batch = seal(fx, "batch 1");
            commit(asOperator, batch).require();
            asOperator.as(carol, LocalChain.CHAIN_ID).requestForcedWithdrawal(0, 0, 10 * USDC).require();
            chain.advanceTime(GRACE_SECONDS + 1);
            asOperator.freeze().require();

            final Map<String, Escape> escapes = new LinkedHashMap<>();
            for (final Credentials user : List.of(alice, bob, carol))
            {
                final Escape escape = escape(fx, batch, user);
                asOperator.as(user, LocalChain.CHAIN_ID).escape(escape.leaf, escape.depth, escape.bitmap,
                    escape.path, escape.table).require();
                escapes.put(user.getAddress(), escape);
            }
            final BigInteger seized = escapes.get(alice.getAddress()).seized[ETH_ASSET];
            assertThat(seized).as("alice's ETH covers her loss").isPositive();
            assertThat(asOperator.callUint("seized", new Uint32(ETH_ASSET))).isEqualTo(seized);
            final BigInteger usdcHeld = bridge.usdc.balanceOf(asOperator.address());
            final BigInteger ethHeld = bridge.eth.balanceOf(asOperator.address());
            final BigInteger usdcClaimed = asOperator.callUint("totalClaimed", new Uint32(0));
            assertThat(usdcClaimed).as("the USDC claims exceed the USDC held").isGreaterThan(usdcHeld);
            assertThat(asOperator.callUint("totalClaimed", new Uint32(ETH_ASSET)).add(seized))
                .as("every ETH quantum is claimed in kind or seized").isEqualTo(ethHeld);
            assertThat(asOperator.payoutSeized(bob.getAddress(), ETH_ASSET).ok()).as("in the claim period")
                .isFalse();

            // After the claim period, in any order: the USDC claimants take the USDC held and the seized ETH, each
            // pro rata to its USDC claim; alice takes the ETH left to her.
            chain.advanceTime(CLAIM_SECONDS + 1);
            BigInteger ethPaid = BigInteger.ZERO;
            for (final Credentials user : List.of(carol, alice, bob))
            {
                final Escape escape = escapes.get(user.getAddress());
                final BigInteger usdcBefore = bridge.usdc.balanceOf(user.getAddress());
                final BigInteger ethBefore = bridge.eth.balanceOf(user.getAddress());
                if (escape.claims[0].signum() > 0)
                {
                    asOperator.payoutSeized(user.getAddress(), ETH_ASSET).require();
                    asOperator.payout(user.getAddress(), 0).require();
                    assertThat(asOperator.payoutSeized(user.getAddress(), ETH_ASSET).ok()).as("paid once").isFalse();
                    final BigInteger usdc = bridge.usdc.balanceOf(user.getAddress()).subtract(usdcBefore);
                    final BigInteger eth = bridge.eth.balanceOf(user.getAddress()).subtract(ethBefore);
                    assertThat(usdc).isEqualTo(escape.claims[0].multiply(usdcHeld).divide(usdcClaimed));
                    assertThat(eth).isEqualTo(seized.multiply(escape.claims[0]).divide(usdcClaimed));
                    // What it receives is worth its claim (one ETH quantum is 30 USDC quantums) less two floors.
                    assertThat(usdc.add(eth.multiply(BigInteger.valueOf(30))))
                        .isGreaterThan(escape.claims[0].subtract(BigInteger.valueOf(32)));
                    ethPaid = ethPaid.add(eth);
                }
                else
                {
                    assertThat(asOperator.payoutSeized(user.getAddress(), ETH_ASSET).ok()).as("no USDC claim")
                        .isFalse();
                    asOperator.payout(user.getAddress(), ETH_ASSET).require();
                    assertThat(bridge.eth.balanceOf(user.getAddress()).subtract(ethBefore)).as("her ETH in full")
                        .isEqualTo(escape.claims[ETH_ASSET]);
                    ethPaid = ethPaid.add(escape.claims[ETH_ASSET]);
                }
            }
            assertThat(asOperator.payoutSeized(bob.getAddress(), 0).ok()).as("USDC is not seized").isFalse();
            final BigInteger ethLeft = bridge.eth.balanceOf(asOperator.address());
            assertThat(ethLeft).isEqualTo(ethHeld.subtract(ethPaid));
            assertThat(ethLeft).as("no ETH stranded beyond a quantum per USDC claimant").isLessThan(BigInteger.TWO);
            assertThat(bridge.usdc.balanceOf(asOperator.address())).as("nor USDC beyond a quantum per claimant")
                .isLessThan(BigInteger.TWO);
        }
    }

    @Test
    void shouldValueEveryLeafInTheContractExactlyAsJavaDoes() throws Exception
    {
        try (LocalChain chain = LocalChain.start(operator))
        {
            final BridgeClient bridge = deploy(chain).asOperator;
            final EngineFixture fx = new EngineFixture();
            final MarketFunding funding = fx.engine.state().markets().perpetual(BTC).funding();
            funding.tick(fx.now(), 1, 0, 987_654_321L);
            funding.socialize(11 * USDC + 7, true, ONE_BTC / 3);
            funding.socialize(5 * USDC + 1, false, ONE_BTC / 7);
            // Option series in the money and out of it, with losses socialized to each side of the call.
            final long expiry = fx.now() + 30 * EngineFixture.DAY_MS;
            final int call = fx.createBtcOption("BTC-ESC-55000-C", 55_000, expiry,
                io.novation.core.pricing.OptionType.CALL);
            final int put = fx.createBtcOption("BTC-ESC-50000-P", 50_000, expiry,
                io.novation.core.pricing.OptionType.PUT);
            fx.engine.state().markets().option(call).funding().socialize(3 * USDC + 5, true, 10_000);
            fx.engine.state().markets().option(call).funding().socialize(2 * USDC + 3, false, 7_000);
            final java.util.SplittableRandom random = new java.util.SplittableRandom(16);
            int covered = 0;
            int seizing = 0;
            for (int i = 0; i < 60; i++)
            {
                final io.novation.core.account.Account account = fx.engine.state().accounts().findOrCreate(
                    address("leaf-" + i));
                for (int s = 0; s <= i % 3; s++)
                {
                    final Subaccount sub = account.subaccountOrCreate(s * 3);
                    sub.addBalance(0, random.nextLong(-20_000 * USDC, 20_000 * USDC));
                    sub.addBalance(ETH_ASSET, random.nextLong(-ONE_ETH_COLLATERAL, 5 * ONE_ETH_COLLATERAL));
                    sub.setPosition(BTC, random.nextLong(-ONE_BTC / 5, ONE_BTC / 5), 0,
                        random.nextLong(-2_000_000_000L, 2_000_000_000L));
                    sub.setPosition(EngineFixture.ETH_PERP, random.nextLong(-2_000_000_000L, 2_000_000_000L), 0, 0);
                    sub.setPosition(call, random.nextLong(-20_000, 20_000), 0,
                        random.nextLong(-4_000_000_000_000L, 4_000_000_000_000L));
                    sub.setPosition(put, random.nextLong(-20_000, 20_000), 0, 0);
                }
                final byte[] leaf = new io.novation.core.commitment.LeafEncoding().putAccount(account).toBytes();
                final byte[] table = EscapeValuation.priceTable(fx.engine.state());
                final BigInteger[] claims = EscapeValuation.accountClaims(leaf, table);
                final BigInteger[] seized = EscapeValuation.accountSeized(leaf, table);
                covered += claims[0].signum() == 0 && claims[ETH_ASSET].signum() > 0 ? 1 : 0;
                seizing += seized[ETH_ASSET].signum() > 0 ? 1 : 0;
                assertThat(bridge.accountClaims(leaf, table)).as("leaf " + i).isEqualTo(Arrays.asList(claims));
                assertThat(bridge.accountSeized(leaf, table)).as("seized, leaf " + i).isEqualTo(Arrays.asList(seized));
            }
            assertThat(covered).as("some leaves cover a USDC deficit with ETH").isPositive();
            assertThat(seizing).as("some leaves give up ETH to a deficit").isPositive();
        }
    }

    private Deployment deploy(final LocalChain chain)
    {
        final String usdc = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
            chain.bytecode("TestToken"), List.of(new Utf8String("tUSDC"), new Uint8(6)));
        final String eth = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
            chain.bytecode("TestToken"), List.of(new Utf8String("tETH"), new Uint8(8)));
        final String address = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
            chain.bytecode("NovationBridge"), List.of(new Address(usdc), new Address(operator.getAddress()),
                new Uint64(GRACE_SECONDS), new Uint64(CLAIM_SECONDS), Address.DEFAULT));
        final BridgeClient asOperator = new BridgeClient(chain.web3j, operator, LocalChain.CHAIN_ID, address);
        record("listAsset", asOperator.listAsset(ETH_ASSET, eth).require().getGasUsed());
        return new Deployment(asOperator, new TokenClient(chain.web3j, usdc), new TokenClient(chain.web3j, eth));
    }

    /** The bridge and its two tokens. */
    private record Deployment(BridgeClient asOperator, TokenClient usdc, TokenClient eth)
    {
        void fund(final Credentials user, final long usdcQuantums, final long ethQuantums)
        {
            for (final TokenClient token : List.of(usdc, eth))
            {
                final long amount = token == usdc ? usdcQuantums : ethQuantums;
                token.send(user, "mint", new Address(user.getAddress()), new Uint256(amount)).require();
                token.send(user, "approve", new Address(asOperator.address()), new Uint256(amount)).require();
            }
        }
    }

    /** An account's escape inputs from the node's proof, and its claims as Java computes them. */
    private record Escape(byte[] leaf, int depth, byte[] bitmap, List<byte[]> path, byte[] table, BigInteger[] claims,
        BigInteger[] seized)
    {
    }

    private static Escape escape(final EngineFixture fx, final SealedBatch batch, final Credentials user)
        throws Exception
    {
        final ObjectNode proof = AccountProof.of(fx.engine, batch, io.novation.core.account.Address.parse(
            user.getAddress()));
        assertThat(AccountProof.check(proof)).isNull();
        final ObjectNode forged = proof.deepCopy();
        ((ArrayNode)forged.get("escapeSeized")).set(ETH_ASSET,
            new BigInteger(proof.get("escapeSeized").get(ETH_ASSET).asText()).add(BigInteger.ONE).toString());
        assertThat(AccountProof.check(forged)).as("a forged seized amount").startsWith("escapeSeized[" + ETH_ASSET);
        final byte[] leaf = Hex.decode(proof.get("leaf").asText());
        final byte[] table = Hex.decode(proof.get("priceTable").asText());
        final List<byte[]> path = new ArrayList<>();
        proof.get("siblings").forEach(s -> path.add(Hex.decode(s.asText())));
        final BigInteger[] claims = EscapeValuation.accountClaims(leaf, table);
        final BigInteger[] seized = EscapeValuation.accountSeized(leaf, table);
        for (int asset = 0; asset < claims.length; asset++)
        {
            assertThat(proof.get("escapeClaims").get(asset).asText()).isEqualTo(claims[asset].toString());
            assertThat(proof.get("escapeSeized").get(asset).asText()).isEqualTo(seized[asset].toString());
        }
        return new Escape(leaf, proof.get("depth").asInt(), Hex.decode(proof.get("siblingBitmap").asText()), path,
            table, claims, seized);
    }

    private static List<Bytes32> bytes32(final byte[][] values)
    {
        final List<Bytes32> list = new ArrayList<>();
        for (final byte[] value : values)
        {
            list.add(new Bytes32(value));
        }
        return list;
    }

    /** Commits a sealed batch with the totals of its withdrawals. */
    private static BridgeClient.Outcome commit(final BridgeClient asOperator, final SealedBatch batch)
    {
        return asOperator.commitBatch(batch.header(), BridgeClient.withdrawalTotals(batch.withdrawals()));
    }

    private static SealedBatch seal(final EngineFixture fx, final String name)
    {
        final List<PendingWithdrawals.Entry> withdrawals = List.copyOf(fx.engine.state().pendingWithdrawals()
            .entries());
        final BatchHeader header = fx.engine.nextBatchHeader(Keccak256.hash(name.getBytes(StandardCharsets.UTF_8)));
        assertThat(fx.apply(new SealBatch(fx.tick(), header))).isTrue();
        return new SealedBatch(fx.engine.state().sequence(), header, withdrawals);
    }

    private static Event.WithdrawalQueued lastQueued(final EngineFixture fx)
    {
        return (Event.WithdrawalQueued)fx.events.events().stream().filter(Event.WithdrawalQueued.class::isInstance)
            .reduce((a, b) -> b).orElseThrow();
    }

    private static long balance(final EngineFixture fx, final String name, final int asset)
    {
        return fx.engine.state().accounts().find(address(name)).subaccount(0).balance(asset);
    }

    private void measureProofVerification(final LocalChain chain, final BridgeClient bridge) throws Exception
    {
        for (final int depth : new int[] {1, 20, 24, 32})
        {
            final List<Bytes32> siblings = new ArrayList<>();
            for (int i = 0; i < depth; i++)
            {
                siblings.add(new Bytes32(Keccak256.hash(new byte[] {(byte)i})));
            }
            final BigInteger bitmap = BigInteger.ONE.shiftLeft(depth).subtract(BigInteger.ONE);
            final String data = FunctionEncoder.encode(new Function("verifyLeaf", List.of(new Bytes32(new byte[32]),
                new Bytes32(new byte[32]), new Bytes32(new byte[32]), new Uint256(depth), new Uint256(bitmap),
                new DynamicArray<>(Bytes32.class, siblings)), List.of()));
            final BigInteger estimate = chain.web3j.ethEstimateGas(Transaction.createEthCallTransaction(
                bridge.senderAddress(), bridge.address(), data)).send().getAmountUsed();
            record("verifyLeaf alone, depth " + depth + " (estimate, incl. 21,000 base + calldata)", estimate);
        }
    }

    private void record(final String function, final BigInteger gasUsed)
    {
        gas.put(function, gasUsed.longValueExact());
    }

    private void writeGasReport() throws Exception
    {
        final StringBuilder text = new StringBuilder("| function | gas used |\n|---|---:|\n");
        gas.forEach((name, used) -> text.append("| ").append(name).append(" | ").append(String.format("%,d", used))
            .append(" |\n"));
        final Path file = LocalChain.moduleDir().resolve("target/gas.md");
        Files.writeString(file, text);
        System.out.println(text);
    }

    private static Credentials credentials(final String name)
    {
        return Credentials.create(Numeric.toHexStringWithPrefixZeroPadded(new BigInteger(1, EngineFixture.key(name)),
            64));
    }
}
