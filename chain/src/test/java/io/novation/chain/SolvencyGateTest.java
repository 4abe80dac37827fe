package io.novation.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.commitment.WithdrawalTree;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.EngineFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's solvency gate on ganache (docs/solvency.md section "The bridge gate"): a bridge deployed with the
 * snarkjs Groth16 verifier of the chunk circuit pays a batch's withdrawals, up to the batch's committed withdrawal
 * totals, and accepts the next batch, only once the batch's chunks are proven in order against its solvency root with
 * totals that, with the committed withdrawals not yet paid, its reserves cover; forged proofs, proofs of another batch
 * or another root, totals above reserves, reserves inflated by uncredited deposits, an operator paying itself through a
 * batch that owes nothing and an account hiding a negative equity are refused; a wrong first chunk is restarted.
 */
class SolvencyGateTest
{
    private static final BigInteger SEED = new BigInteger("1234567890123456789012345678901234567890");
    private static final int CHUNKS_PER_TRANSACTION = 4;
    private static final String RESTARTED = org.web3j.crypto.Hash.sha3String(
        "SolvencyProofRestarted(uint64,uint256,uint256,uint64)");

    private final Credentials operator = credentials("operator");
    private final Credentials alice = credentials("alice");

    @TempDir
    Path work;

    @Test
    void shouldPayWithdrawalsOfAFewHundredAccountsOnlyOnceTheBatchIsProvenSolvent() throws Exception
    {
        final SolvencyTool tool = new SolvencyTool(work);
        final Random random = new Random(22);
        final List<SolvencyTool.Account> accounts = new ArrayList<>();
        for (int i = 0; i < 250; i++)
        {
            final long usdc = i % 17 == 0 ? 0 : random.nextLong(10_000 * USDC);
            final long eth = i % 3 == 0 ? random.nextLong(2 * ONE_ETH_COLLATERAL) : 0;
            accounts.add(new SolvencyTool.Account(BigInteger.valueOf(1_000 + 7L * i), new long[] {usdc, eth, 0, 0}));
        }
        final long started = System.nanoTime();
        final JsonNode proofs = tool.prove(tool.inputs("batch1", SEED, 1, accounts));
        final long provingMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(SolvencyTool.chunks(proofs)).isEqualTo(32);
        final long usdcOwed = new BigInteger(proofs.get("totals").get(0).asText()).longValueExact();
        final long ethOwed = new BigInteger(proofs.get("totals").get(1).asText()).longValueExact();

        try (LocalChain chain = LocalChain.start(operator, alice))
        {
            final Deployment bridge = deploy(chain);
            // Alice's withdrawals: 300 and 200 USDC and some ETH, which the batch's totals count, and one USDC quantum
            // more in the root than in the totals.
            final long ethWithdrawal = ONE_ETH_COLLATERAL / 3;
            final long[] totals = {500 * USDC, ethWithdrawal, 0, 0};
            final Address owner = Address.parse(alice.getAddress());
            final List<byte[]> leaves = List.of(WithdrawalTree.leaf(1, owner, 0, 300 * USDC),
                WithdrawalTree.leaf(2, owner, 0, 200 * USDC), WithdrawalTree.leaf(3, owner, ETH_ASSET, ethWithdrawal),
                WithdrawalTree.leaf(4, owner, 0, 1));
            // One quantum short of the accounts' totals plus the unpaid withdrawals.
            bridge.deposit(operator, 0, usdcOwed + totals[0] - 1);
            bridge.deposit(operator, ETH_ASSET, ethOwed + totals[1]);
            final BatchHeader first = header(1, new byte[32], WithdrawalTree.root(leaves), 2);
            final long commitGas = bridge.asOperator.commitBatch(first, totals).require().getGasUsed().longValueExact();
            assertThat(bridge.asOperator.callUint("unpaidWithdrawals", new Uint32(0)))
                .isEqualTo(BigInteger.valueOf(totals[0]));

            assertThat(bridge.asOperator.revertReason("withdraw", withdrawArguments(1, leaves, 0, 300 * USDC)))
                .contains("unproven");
            assertThat(bridge.asOperator.commitBatch(header(2, first.stateRoot(), new byte[32], 2), new long[4]).ok())
                .as("no batch on an unproven one").isFalse();
            assertThat(bridge.asOperator.revertReason("commitBatch", BridgeClient.commitArguments(header(2,
                first.stateRoot(), new byte[32], 2), new long[4]))).contains("previous batch unproven");

            long gas = 0;
            for (int from = 0; from < 32; from += CHUNKS_PER_TRANSACTION)
            {
                final List<BigInteger> words = SolvencyTool.words(proofs, from, from + CHUNKS_PER_TRANSACTION);
                if (from + CHUNKS_PER_TRANSACTION == 32)
                {
                    // Totals plus unpaid withdrawals one quantum over the reserves; then exactly at them.
                    assertThat(bridge.asOperator.revertReason("proveSolvency", BridgeClient.solvencyArguments(1,
                        SolvencyTool.root(proofs), SolvencyTool.depth(proofs), words))).contains("reserves");
                    bridge.usdc.send(operator, "mint", new org.web3j.abi.datatypes.Address(operator.getAddress()),
                        new Uint256(1)).require();
                    bridge.usdc.send(operator, "transfer", new org.web3j.abi.datatypes.Address(
                        bridge.asOperator.address()), new Uint256(1)).require();
                }
                gas += bridge.asOperator.proveSolvency(1, SolvencyTool.root(proofs), SolvencyTool.depth(proofs),
                    words).require().getGasUsed().longValueExact();
                assertThat(bridge.asOperator.callUint("isProven", new Uint64(1))).as("after chunk " + from)
                    .isEqualTo(from + CHUNKS_PER_TRANSACTION == 32 ? BigInteger.ONE : BigInteger.ZERO);
            }
            System.out.printf("solvency gate: 250 accounts, 32 chunks proven in %d ms (%.1f ms per account), "
                + "proveSolvency gas %d per batch, %d per chunk%n", provingMillis, provingMillis / 250.0, gas,
                gas / 32);

            // Alice's withdrawals are paid up to the committed totals; the quantum beyond them is refused.
            final BridgeClient asAlice = bridge.asOperator.as(alice, LocalChain.CHAIN_ID);
            final BigInteger before = bridge.usdc.balanceOf(alice.getAddress());
            final long withdrawGas = asAlice.withdraw(1, 1, alice.getAddress(), 0, 300 * USDC, 0,
                siblings(leaves, 0)).require().getGasUsed().longValueExact();
            assertThat(bridge.asOperator.callUint("unpaidWithdrawals", new Uint32(0)))
                .isEqualTo(BigInteger.valueOf(200 * USDC));
            asAlice.withdraw(1, 2, alice.getAddress(), 0, 200 * USDC, 1, siblings(leaves, 1)).require();
            asAlice.withdraw(1, 3, alice.getAddress(), ETH_ASSET, ethWithdrawal, 2, siblings(leaves, 2)).require();
            assertThat(bridge.usdc.balanceOf(alice.getAddress())).isEqualTo(before.add(BigInteger.valueOf(totals[0])));
            assertThat(bridge.asOperator.callUint("withdrawableOf", new Uint64(1), new Uint32(0))).isZero();
            assertThat(bridge.asOperator.callUint("unpaidWithdrawals", new Uint32(0))).isZero();
            assertThat(bridge.asOperator.callUint("unpaidWithdrawals", new Uint32(ETH_ASSET))).isZero();
            assertThat(bridge.asOperator.revertReason("withdraw", withdrawArguments(4, leaves, 0, 1)))
                .contains("withdrawal totals");
            assertThat(asAlice.withdraw(1, 4, alice.getAddress(), 0, 1, 3, siblings(leaves, 3)).ok()).isFalse();
            System.out.printf("solvency gate: gated commitBatch (two assets' withdrawal totals) gas %d, first "
                + "withdraw (USDC, proof depth 2) gas %d%n", commitGas, withdrawGas);

            assertThat(bridge.asOperator.revertReason("proveSolvency", BridgeClient.solvencyArguments(1,
                SolvencyTool.root(proofs), SolvencyTool.depth(proofs), SolvencyTool.words(proofs, 31, 32))))
                .contains("proven");
            bridge.asOperator.commitBatch(header(2, first.stateRoot(), new byte[32], 2), new long[4]).require();
        }
    }

    /**
     * The Alloy model's counterexample to the gate without unpaid withdrawals (docs/verification.md): the operator
     * commits a batch whose accounts hold nothing and whose withdrawals root pays itself a deposit no batch credited,
     * proves it (its accounts owe nothing) and withdraws. With the withdrawal totals counted the proof is refused; a
     * batch that understates its totals gets its proof but cannot pay the withdrawal.
     */
    @Test
    void shouldRefuseTheOperatorPayingItselfADepositThroughABatchThatOwesNothing() throws Exception
    {
        final SolvencyTool tool = new SolvencyTool(work);
        final JsonNode proofs = tool.prove(tool.inputs("empty", SEED, 1,
            List.of(new SolvencyTool.Account(BigInteger.valueOf(100), new long[4]))));
        assertThat(proofs.get("totals").get(0).asText()).isEqualTo("0");
        final long deposit = 1_000 * USDC;
        final List<byte[]> leaves = List.of(WithdrawalTree.leaf(1, Address.parse(operator.getAddress()), 0, deposit));
        final BatchHeader batch = header(1, new byte[32], WithdrawalTree.root(leaves), 0);

        try (LocalChain chain = LocalChain.start(operator, alice))
        {
            final Deployment honestTotals = deploy(chain);
            honestTotals.deposit(alice, 0, deposit);
            honestTotals.asOperator.commitBatch(batch, new long[] {deposit, 0, 0, 0}).require();
            assertThat(reason(honestTotals.asOperator, 1, SolvencyTool.root(proofs), proofs,
                SolvencyTool.words(proofs, 0, SolvencyTool.chunks(proofs)))).contains("reserves");
            assertThat(honestTotals.asOperator.proveSolvency(1, SolvencyTool.root(proofs), SolvencyTool.depth(proofs),
                SolvencyTool.words(proofs, 0, SolvencyTool.chunks(proofs))).ok()).isFalse();
            assertThat(honestTotals.asOperator.withdraw(1, 1, operator.getAddress(), 0, deposit, 0,
                siblings(leaves, 0)).ok()).as("the batch is unproven").isFalse();
            assertThat(honestTotals.usdc.balanceOf(honestTotals.asOperator.address()))
                .isEqualTo(BigInteger.valueOf(deposit));

            final Deployment understated = deploy(chain);
            understated.deposit(alice, 0, deposit);
            understated.asOperator.commitBatch(batch, new long[4]).require();
            understated.asOperator.proveSolvency(1, SolvencyTool.root(proofs), SolvencyTool.depth(proofs),
                SolvencyTool.words(proofs, 0, SolvencyTool.chunks(proofs))).require();
            assertThat(understated.asOperator.revertReason("withdraw", new Uint64(1), new Uint64(1),
                new org.web3j.abi.datatypes.Address(operator.getAddress()), new Uint32(0), new Uint64(deposit),
                new Uint256(0), new org.web3j.abi.datatypes.DynamicArray<>(
                    org.web3j.abi.datatypes.generated.Bytes32.class, List.of()))).contains("withdrawal totals");
            assertThat(understated.usdc.balanceOf(understated.asOperator.address()))
                .isEqualTo(BigInteger.valueOf(deposit));
        }
    }

    @Test
    void shouldRefuseForgedProofsProofsOfAnotherBatchOrRootAndTotalsAboveReservesAndRestartAfterAWrongFirstChunk()
        throws Exception
    {
        final SolvencyTool tool = new SolvencyTool(work);
        final List<SolvencyTool.Account> accounts = accounts(12, 100 * USDC);
        final JsonNode proofs = tool.prove(tool.inputs("a", SEED, 1, accounts));
        final JsonNode otherRoot = tool.prove(tool.inputs("b", SEED, 1, accounts(12, 90 * USDC)));
        final JsonNode otherBatch = tool.prove(tool.inputs("c", SEED, 2, accounts));
        final BigInteger root = SolvencyTool.root(proofs);
        final long owed = new BigInteger(proofs.get("totals").get(0).asText()).longValueExact();
        final long ethOwed = new BigInteger(proofs.get("totals").get(1).asText()).longValueExact();
        assertThat(SolvencyTool.chunks(proofs)).isEqualTo(2);

        try (LocalChain chain = LocalChain.start(operator, alice))
        {
            final Deployment bridge = deploy(chain);
            final BridgeClient asOperator = bridge.asOperator;
            bridge.deposit(operator, 0, owed - 1);
            bridge.deposit(operator, ETH_ASSET, ethOwed);
            asOperator.commitBatch(header(1, new byte[32], new byte[32], 2), new long[4]).require();

            // A forged proof: one word of the proof changed, or a public signal the proof was not made for.
            final List<BigInteger> forged = new ArrayList<>(SolvencyTool.words(proofs, 0, 1));
            forged.set(0, forged.get(0).add(BigInteger.ONE));
            assertThat(reason(asOperator, 1, root, proofs, forged)).contains("solvency proof");
            final List<BigInteger> otherCommitment = new ArrayList<>(SolvencyTool.words(proofs, 0, 1));
            otherCommitment.set(9, otherCommitment.get(9).add(BigInteger.ONE));
            assertThat(reason(asOperator, 1, root, proofs, otherCommitment)).contains("solvency proof");
            // A proof made for batch 2 of the same accounts, offered for batch 1.
            assertThat(reason(asOperator, 1, SolvencyTool.root(otherBatch), otherBatch,
                SolvencyTool.words(otherBatch, 0, 1))).contains("solvency proof");
            // Chunks out of order.
            assertThat(reason(asOperator, 1, root, proofs, SolvencyTool.words(proofs, 1, 2))).contains("chunk order");

            // A first chunk posted with a wrong R (a valid proof of another tree for batch 1) records that R: the
            // right tree's next chunk no longer matches it. Chunk 0 of the right tree restarts the proof.
            asOperator.proveSolvency(1, SolvencyTool.root(otherRoot), SolvencyTool.depth(otherRoot),
                SolvencyTool.words(otherRoot, 0, 1)).require();
            assertThat(asOperator.callUint("solvency", new Uint64(1))).isEqualTo(SolvencyTool.root(otherRoot));
            assertThat(reason(asOperator, 1, root, proofs, SolvencyTool.words(proofs, 1, 2))).contains("root mismatch");
            final long restartBlock = asOperator.proveSolvency(1, root, SolvencyTool.depth(proofs),
                SolvencyTool.words(proofs, 0, 1)).require().getBlockNumber().longValueExact();
            assertThat(asOperator.callUint("solvency", new Uint64(1))).isEqualTo(root);
            final List<org.web3j.protocol.core.methods.response.Log> restarts = asOperator.logs(RESTARTED,
                BigInteger.valueOf(restartBlock));
            assertThat(restarts).hasSize(1);
            assertThat(Numeric.toBigInt(restarts.get(0).getData().substring(2, 66)))
                .as("the restart names the R it replaces").isEqualTo(SolvencyTool.root(otherRoot));
            // The second chunk of another tree: under its own root it does not match the recorded one; under the
            // recorded root its proof fails.
            assertThat(reason(asOperator, 1, SolvencyTool.root(otherRoot), otherRoot,
                SolvencyTool.words(otherRoot, 1, 2))).contains("root mismatch");
            assertThat(reason(asOperator, 1, root, otherRoot, SolvencyTool.words(otherRoot, 1, 2)))
                .contains("solvency proof");

            // Totals one quantum above what the bridge holds; a deposit no batch credited does not count.
            final List<BigInteger> last = SolvencyTool.words(proofs, 1, 2);
            assertThat(reason(asOperator, 1, root, proofs, last)).contains("reserves");
            bridge.deposit(operator, 0, 1_000 * USDC);
            assertThat(reason(asOperator, 1, root, proofs, last)).as("inflated by an uncredited deposit")
                .contains("reserves");
            assertThat(asOperator.proveSolvency(1, root, SolvencyTool.depth(proofs), last).ok()).isFalse();
            assertThat(asOperator.callUint("isProven", new Uint64(1))).isZero();

            // Tokens sent to the bridge outside a deposit are reserves nobody can take back: then it is covered.
            bridge.usdc.send(operator, "mint", new org.web3j.abi.datatypes.Address(operator.getAddress()),
                new Uint256(1)).require();
            bridge.usdc.send(operator, "transfer", new org.web3j.abi.datatypes.Address(asOperator.address()),
                new Uint256(1)).require();
            asOperator.proveSolvency(1, root, SolvencyTool.depth(proofs), last).require();
            assertThat(asOperator.callUint("isProven", new Uint64(1))).isOne();
        }
    }

    @Test
    void shouldNotProveABatchHidingANegativeAccount() throws Exception
    {
        final SolvencyTool tool = new SolvencyTool(work);
        final List<SolvencyTool.Account> accounts = new ArrayList<>(accounts(8, 100 * USDC));
        accounts.set(3, new SolvencyTool.Account(accounts.get(3).key(), new long[] {-50 * USDC, 0, 0, 0}));
        final ObjectMapper json = new ObjectMapper();

        // The input builder refuses the batch outright.
        final Path batch = work.resolve("negative-accounts.json");
        final ObjectNode file = json.createObjectNode().put("seed", SEED.toString()).put("batchNumber", 1);
        file.set("accounts", json.valueToTree(accounts.stream().map(a -> java.util.Map.of("key", a.key().toString(),
            "equities", java.util.Arrays.stream(a.equities()).mapToObj(Long::toString).toList())).toList()));
        json.writeValue(batch.toFile(), file);
        final SolvencyTool.Result refused = tool.tryRun("node", "js/make-inputs.js", batch.toString(),
            work.resolve("negative-inputs.json").toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("equity -50000000 outside [0, 2^64)");

        // Built anyway (the negative equity as the field element p - 50 USDC, every hash consistent with it, the sums
        // wrapping to 50 USDC less than the others' total), the circuit's range check refuses the witness.
        final Path inputs = work.resolve("negative-unchecked-inputs.json");
        assertThat(tool.tryRun("node", "js/make-inputs.js", batch.toString(), inputs.toString(), "--unchecked")
            .exitCode()).isZero();
        final SolvencyTool.Result proving = tool.tryRun("node", "js/prove.js", inputs.toString(),
            work.resolve("negative-proofs.json").toString());
        assertThat(proving.exitCode()).isNotZero();
        assertThat(proving.output()).contains("chunk 0: the circuit refuses the witness").contains("Num2Bits");
        assertThat(Files.exists(work.resolve("negative-proofs.json"))).isFalse();
    }

    private static String reason(final BridgeClient bridge, final long batchNumber, final BigInteger root,
        final JsonNode proofs, final List<BigInteger> words)
    {
        return bridge.revertReason("proveSolvency", BridgeClient.solvencyArguments(batchNumber, root,
            SolvencyTool.depth(proofs), words));
    }

    private static List<SolvencyTool.Account> accounts(final int count, final long usdcEach)
    {
        final List<SolvencyTool.Account> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            accounts.add(new SolvencyTool.Account(BigInteger.valueOf(100 + i), new long[] {usdcEach + i, i, 0, 0}));
        }
        return accounts;
    }

    private Type[] withdrawArguments(final long withdrawalId, final List<byte[]> leaves, final int asset,
        final long amount)
    {
        final int index = (int)withdrawalId - 1;
        final List<org.web3j.abi.datatypes.generated.Bytes32> proof = new ArrayList<>();
        siblings(leaves, index).forEach(sibling -> proof.add(new org.web3j.abi.datatypes.generated.Bytes32(sibling)));
        return new Type[] {new Uint64(1), new Uint64(withdrawalId),
            new org.web3j.abi.datatypes.Address(alice.getAddress()), new Uint32(asset), new Uint64(amount),
            new Uint256(index), new org.web3j.abi.datatypes.DynamicArray<>(
                org.web3j.abi.datatypes.generated.Bytes32.class, proof)};
    }

    private static List<byte[]> siblings(final List<byte[]> leaves, final int index)
    {
        return List.of(WithdrawalTree.proof(leaves, index));
    }

    /** A batch header whose state root is the bridge's keccak256(treeRoot || globalHash). */
    private static BatchHeader header(final long batchNumber, final byte[] previousRoot, final byte[] withdrawalsRoot,
        final long lastDepositId)
    {
        final byte[] treeRoot = Keccak256.hash(("tree " + batchNumber).getBytes());
        final byte[] globalHash = Keccak256.hash(("global " + batchNumber).getBytes());
        final byte[] both = new byte[64];
        System.arraycopy(treeRoot, 0, both, 0, 32);
        System.arraycopy(globalHash, 0, both, 32, 32);
        return new BatchHeader(batchNumber, previousRoot, Keccak256.hash(both), treeRoot, globalHash,
            withdrawalsRoot, new byte[32], new byte[32], lastDepositId, 0);
    }

    private Deployment deploy(final LocalChain chain)
    {
        final String usdc = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
            chain.bytecode("TestToken"), List.of(new Utf8String("tUSDC"), new Uint8(6)));
        final String eth = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
            chain.bytecode("TestToken"), List.of(new Utf8String("tETH"), new Uint8(8)));
        final String verifier = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
            chain.bytecode("SolvencyVerifier"), List.of());
        final String address = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
            chain.bytecode("NovationBridge"), List.of(new org.web3j.abi.datatypes.Address(usdc),
                new org.web3j.abi.datatypes.Address(operator.getAddress()), new Uint64(3_600), new Uint64(86_400),
                new org.web3j.abi.datatypes.Address(verifier)));
        final BridgeClient asOperator = new BridgeClient(chain.web3j, operator, LocalChain.CHAIN_ID, address);
        asOperator.listAsset(ETH_ASSET, eth).require();
        return new Deployment(asOperator, new TokenClient(chain.web3j, usdc), new TokenClient(chain.web3j, eth));
    }

    /** The gated bridge and its two tokens. */
    private record Deployment(BridgeClient asOperator, TokenClient usdc, TokenClient eth)
    {
        void deposit(final Credentials from, final int asset, final long amount)
        {
            final TokenClient token = asset == 0 ? usdc : eth;
            token.send(from, "mint", new org.web3j.abi.datatypes.Address(from.getAddress()), new Uint256(amount))
                .require();
            token.send(from, "approve", new org.web3j.abi.datatypes.Address(asOperator.address()),
                new Uint256(amount)).require();
            asOperator.as(from, LocalChain.CHAIN_ID).deposit(from.getAddress(), 0, asset, amount).require();
        }
    }

    private static Credentials credentials(final String name)
    {
        return Credentials.create(Numeric.toHexStringWithPrefixZeroPadded(new BigInteger(1, EngineFixture.key(name)),
            64));
    }
}
