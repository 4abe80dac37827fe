package io.novation.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.command.SealBatch;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.commitment.EscapeValuation;
import io.novation.core.commitment.WithdrawalTree;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.event.Event;
import io.novation.node.batch.AccountProof;
import io.novation.node.batch.SealedBatch;
import io.novation.node.sequencer.Commands;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge on a real local EVM (ganache), driven from Java with web3j against a clearing engine: deposits in
 * through the chain watcher, a trade and a withdrawal, a batch committed, the withdrawal paid with its proof (a
 * forged proof and a second payment refused), a forced withdrawal left unanswered, the freeze and each account's
 * escape with the proof of its leaf.
 */
class BridgeTest
{
    private static final long GRACE_SECONDS = 2;

    private final Credentials operator = credentials("operator");
    private final Credentials alice = credentials("alice");
    private final Credentials bob = credentials("bob");
    private final Map<String, Long> gas = new LinkedHashMap<>();

    @Test
    void shouldBridgeDepositsBatchesWithdrawalsAndEscapesOnALocalEvm() throws Exception
    {
        try (LocalChain chain = LocalChain.start(operator, alice, bob))
        {
            final String token = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
                chain.bytecode("TestToken"), List.of());
            final String bridgeAddress = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
                chain.bytecode("NovationBridge"), List.of(new Address(token), new Address(operator.getAddress()),
                    new Uint64(GRACE_SECONDS)));
            final BridgeClient asOperator = new BridgeClient(chain.web3j, operator, LocalChain.CHAIN_ID, bridgeAddress);
            final BridgeClient asAlice = asOperator.as(alice, LocalChain.CHAIN_ID);
            final BridgeClient asBob = asOperator.as(bob, LocalChain.CHAIN_ID);
            final TokenClient tokens = new TokenClient(chain.web3j, token);

            for (final Credentials user : List.of(alice, bob))
            {
                tokens.send(user, "mint", new Address(user.getAddress()), new Uint256(20_000 * USDC)).require();
                tokens.send(user, "approve", new Address(bridgeAddress), new Uint256(20_000 * USDC)).require();
            }
            record("deposit", asAlice.deposit(alice.getAddress(), 0, 10_000 * USDC).require().getGasUsed());
            asBob.deposit(bob.getAddress(), 0, 10_000 * USDC).require();

            // The watcher credits each confirmed deposit once, across restarts of the watcher.
            final EngineFixture fx = new EngineFixture();
            final ChainWatcher watcher = new ChainWatcher(asOperator, 0, () -> fx.engine.state().lastDepositId(),
                () -> fx.engine.state().lastForcedRequestId(), command -> fx.apply(Commands.withTime(command,
                fx.tick())));
            assertThat(watcher.poll(0)).isEqualTo(2);
            assertThat(watcher.poll(0)).isZero();
            assertThat(new ChainWatcher(asOperator, 0, () -> fx.engine.state().lastDepositId(),
                () -> fx.engine.state().lastForcedRequestId(), command -> fx.apply(command)).poll(0)).isZero();
            assertThat(fx.usdcBalance("alice", 0)).isEqualTo(10_000 * USDC);
            assertThat(fx.usdcBalance("bob", 0)).isEqualTo(10_000 * USDC);

            // A trade and a withdrawal, then the batch sealed and committed.
            assertThat(fx.tradeBtc("alice", "bob", true, 1_000, 60_000)).isTrue();
            assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 1_000 * USDC, 1))).isTrue();
            final Event.WithdrawalQueued queued = (Event.WithdrawalQueued)fx.events.events().stream()
                .filter(Event.WithdrawalQueued.class::isInstance).reduce((a, b) -> b).orElseThrow();
            final List<PendingWithdrawals.Entry> withdrawals =
                List.copyOf(fx.engine.state().pendingWithdrawals().entries());
            final BatchHeader header = fx.engine.nextBatchHeader(Keccak256.hash("batch 1".getBytes(
                StandardCharsets.UTF_8)));
            assertThat(fx.apply(new SealBatch(fx.tick(), header))).isTrue();
            final SealedBatch sealed = new SealedBatch(fx.engine.state().sequence(), header, withdrawals);

            assertThat(asAlice.commitBatch(header).ok()).as("only the operator commits").isFalse();
            record("commitBatch", asOperator.commitBatch(header).require().getGasUsed());
            assertThat(asOperator.commitBatch(header).ok()).as("a batch is not committed twice").isFalse();
            assertThat(asOperator.callUint("lastStateRoot")).isEqualTo(new BigInteger(1, header.stateRoot()));

            // The withdrawal is paid once against its proof; a forged proof is refused.
            final List<byte[]> leaves = sealed.leaves();
            final List<byte[]> siblings = List.of(WithdrawalTree.proof(leaves, 0));
            final BigInteger aliceBefore = tokens.balanceOf(alice.getAddress());
            assertThat(asBob.withdraw(1, queued.withdrawalId(), alice.getAddress(), 0, queued.amount() + 1, 0,
                siblings).ok()).as("forged amount").isFalse();
            final List<byte[]> forgedSiblings = List.of(new byte[32]);
            assertThat(asBob.withdraw(1, queued.withdrawalId(), alice.getAddress(), 0, queued.amount(), 1,
                forgedSiblings).ok()).as("forged proof").isFalse();
            record("withdraw", asBob.withdraw(1, queued.withdrawalId(), alice.getAddress(), 0, queued.amount(), 0,
                siblings).require().getGasUsed());
            assertThat(tokens.balanceOf(alice.getAddress())).isEqualTo(aliceBefore.add(BigInteger.valueOf(1_000 *
                USDC)));
            assertThat(asBob.withdraw(1, queued.withdrawalId(), alice.getAddress(), 0, queued.amount(), 0, siblings)
                .ok()).as("double withdrawal").isFalse();

            // A forced withdrawal the operator ignores: too early to freeze, then frozen after the grace period.
            assertThat(asBob.escape(new byte[30], 0, new byte[32], List.of(), new byte[0]).ok())
                .as("no escape before the freeze").isFalse();
            record("requestForcedWithdrawal", asBob.requestForcedWithdrawal(0, 500 * USDC).require().getGasUsed());
            assertThat(asAlice.freeze().ok()).as("within the grace period").isFalse();
            Thread.sleep(GRACE_SECONDS * 1_000 + 1_500);
            record("freeze", asAlice.freeze().require().getGasUsed());
            assertThat(asOperator.commitBatch(fx.engine.nextBatchHeader(new byte[32])).ok())
                .as("no batch after the freeze").isFalse();

            // Each account escapes once with what its leaf in the last committed root is worth.
            final BigInteger bridgeBefore = tokens.balanceOf(bridgeAddress);
            BigInteger escapedTotal = BigInteger.ZERO;
            for (final Credentials user : List.of(alice, bob))
            {
                final JsonNode proof = AccountProof.of(fx.engine, sealed,
                    io.novation.core.account.Address.parse(user.getAddress()));
                assertThat(AccountProof.check(proof)).isNull();
                final BridgeClient asUser = asOperator.as(user, LocalChain.CHAIN_ID);
                final byte[] leaf = Hex.decode(proof.get("leaf").asText());
                final byte[] table = Hex.decode(proof.get("priceTable").asText());
                final List<byte[]> path = new ArrayList<>();
                proof.get("siblings").forEach(s -> path.add(Hex.decode(s.asText())));
                final byte[] forgedLeaf = leaf.clone();
                forgedLeaf[forgedLeaf.length - 30] ^= 0x40;
                assertThat(asUser.escape(forgedLeaf, proof.get("depth").asInt(),
                    Hex.decode(proof.get("siblingBitmap").asText()), path, table).ok()).as("forged leaf").isFalse();

                final BigInteger before = tokens.balanceOf(user.getAddress());
                final BridgeClient.Outcome escape = asUser.escape(leaf, proof.get("depth").asInt(),
                    Hex.decode(proof.get("siblingBitmap").asText()), path, table);
                record("escape (depth " + proof.get("depth").asInt() + ")", escape.require().getGasUsed());
                final BigInteger value = EscapeValuation.accountValue(leaf, table);
                assertThat(new BigInteger(proof.get("escapeValue").asText())).isEqualTo(value);
                assertThat(tokens.balanceOf(user.getAddress())).isEqualTo(before.add(value));
                escapedTotal = escapedTotal.add(value);
                assertThat(asUser.escape(leaf, proof.get("depth").asInt(),
                    Hex.decode(proof.get("siblingBitmap").asText()), path, table).ok()).as("escaped once").isFalse();
            }
            // Alice is long 0.1 BTC bought at 60,000 and marked at 60,000: both get their collateral back.
            assertThat(escapedTotal).isEqualTo(BigInteger.valueOf(19_000 * USDC).subtract(BigInteger.valueOf(
                fx.engine.state().feePool() + fx.engine.state().insuranceFund())));
            assertThat(tokens.balanceOf(bridgeAddress)).isEqualTo(bridgeBefore.subtract(escapedTotal));
            assertThat(fx.position("alice", 0, EngineFixture.BTC)).isEqualTo(ONE_BTC / 10);

            measureProofVerification(chain, asOperator);
            writeGasReport();
        }
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
            record("verifyLeaf alone, depth " + depth + " (estimate, incl. 21,000 base + calldata)",
                estimate);
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
