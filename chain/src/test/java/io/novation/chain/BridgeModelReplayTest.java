package io.novation.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.ForcedWithdraw;
import io.novation.core.command.SealBatch;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.commitment.WithdrawalTree;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.event.Event;
import io.novation.node.batch.AccountProof;
import io.novation.node.batch.SealedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces of the honest bridge model, enumerated by Alloy, replayed on the real contract (ganache, through the Java
 * client) with the clearing engine as the sequencer: after every step the contract's frozen flag, batch count, paid
 * flags, holdings, claims and escapes equal the model's (one model unit is one USDC); and every function of the
 * contract's ABI that changes state is a transition of the model of the same name, so the two cannot drift apart.
 * Traces of the gated model run on a bridge deployed with the solvency verifier, each proveSolvency proved with the
 * committed test ceremony over the batch's committed balances, and the contract's isProven and unpaid withdrawals must
 * equal the model's.
 */
class BridgeModelReplayTest
{
    private static final long UNIT = 1_000_000;
    private static final long GRACE_SECONDS = 3_600;
    private static final long CLAIM_SECONDS = 86_400;
    private static final int TRACE_STEPS = 10;
    private static final List<String> NAMES = List.of("alice", "bob", "carol");

    private static final BigInteger SEED = new BigInteger("1234567890123456789012345678901234567890");

    private static final Credentials OPERATOR = credentials("operator");
    private static LocalChain chain;
    private static SolvencyTool prover;
    private static final Map<String, JsonNode> PROOFS = new HashMap<>();
    private static long provingMillis;

    @BeforeAll
    static void startChain() throws Exception
    {
        final List<Credentials> keys = new ArrayList<>(List.of(OPERATOR));
        NAMES.forEach(name -> keys.add(credentials(name)));
        chain = LocalChain.start(keys.toArray(new Credentials[0]));
    }

    @AfterAll
    static void stopChain()
    {
        if (chain != null)
        {
            chain.close();
        }
    }

    @Test
    void shouldModelEveryStateChangingFunctionOfTheContractAsATransitionOfTheSameName()
    {
        final Set<String> functions = new TreeSet<>();
        for (final JsonNode entry : chain.contracts.get("NovationBridge").get("abi"))
        {
            final String mutability = entry.path("stateMutability").asText();
            if (entry.path("type").asText().equals("function") &&
                (mutability.equals("nonpayable") || mutability.equals("payable")))
            {
                functions.add(entry.get("name").asText());
            }
        }
        assertThat(functions).as("the contract's state-changing functions").contains("commitBatch", "withdraw");
        assertThat(BridgeModel.transitions()).as("the model's transitions").containsAll(functions);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void shouldReplayHonestModelTracesOnTheContractWithTheSameStateAfterEveryStep() throws Exception
    {
        final List<ModelTrace> traces = new ArrayList<>();
        long start = System.nanoTime();
        traces.addAll(BridgeModel.traces(BridgeModel.Variant.HONEST,
            "(eventually some fired_escape) and (eventually some fired_payout)", TRACE_STEPS, 2));
        traces.addAll(BridgeModel.traces(BridgeModel.Variant.HONEST,
            "(eventually some fired_withdraw) and (eventually some fired_answerForcedRequest)", TRACE_STEPS, 2));
        // A stutter before the freeze is replayed as listAsset: asked for explicitly, so coverage does not hang on
        // which traces the solver happens to enumerate first.
        traces.addAll(BridgeModel.traces(BridgeModel.Variant.HONEST,
            "(eventually some fired_reclaimDeposit) and (eventually some fired_listAsset)", TRACE_STEPS, 1));
        System.out.printf("bridge model: %d traces of %d states enumerated in %,d ms%n", traces.size(), TRACE_STEPS,
            (System.nanoTime() - start) / 1_000_000);
        assertThat(traces).hasSize(5);
        final Set<String> replayed = new TreeSet<>();
        start = System.nanoTime();
        for (final ModelTrace trace : traces)
        {
            System.out.print("replaying\n" + trace);
            new Replay(trace, false).run(replayed);
        }
        System.out.printf("bridge model: replayed %s in %,d ms%n", replayed, (System.nanoTime() - start) / 1_000_000);
        assertThat(replayed).contains("listAsset", "deposit", "creditDeposit", "commitBatch", "queueWithdrawal",
            "requestForcedWithdrawal", "answerForcedRequest", "advanceTime", "freeze", "withdraw", "escape",
            "reclaimDeposit", "payout");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void shouldReplayGatedModelTracesWithSolvencyProofsOnABridgeDeployedWithTheVerifier() throws Exception
    {
        long start = System.nanoTime();
        final BridgeModel.Variant variant = BridgeModel.Variant.HONEST_WITH_SOLVENCY_GATE;
        final List<ModelTrace> traces = new ArrayList<>(BridgeModel.traces(variant,
            "(eventually some fired_proveSolvency) and (eventually some fired_withdraw)", TRACE_STEPS, 1));
        traces.addAll(BridgeModel.traces(variant,
            "(eventually some fired_proveSolvency) and (eventually some fired_escape)", TRACE_STEPS, 1));
        System.out.printf("bridge model: %d gated traces of %d states enumerated in %,d ms%n", traces.size(),
            TRACE_STEPS, (System.nanoTime() - start) / 1_000_000);
        assertThat(traces).hasSize(2);
        final Set<String> replayed = new TreeSet<>();
        start = System.nanoTime();
        for (final ModelTrace trace : traces)
        {
            System.out.print("replaying on the gated bridge\n" + trace);
            new Replay(trace, true).run(replayed);
        }
        System.out.printf("bridge model: replayed %s on the gated bridge in %,d ms, of which %,d ms proving %d "
            + "batches%n", replayed, (System.nanoTime() - start) / 1_000_000, provingMillis, PROOFS.size());
        assertThat(replayed).contains("commitBatch", "proveSolvency", "withdraw", "escape");
    }

    /** One trace replayed on a fresh deployment and a fresh engine. */
    private static final class Replay
    {
        private final ModelTrace trace;
        private final boolean gated;
        private final EngineFixture fx = new EngineFixture();
        private final List<Command> applied = new ArrayList<>();
        private final List<SealedBatch> sealed = new ArrayList<>();
        private final Map<String, Long> withdrawalIds = new HashMap<>();
        private final BridgeClient asOperator;
        private final TokenClient usdc;
        private int committedCommands;
        private long nonce;
        private boolean listed;

        Replay(final ModelTrace trace, final boolean gated)
        {
            this.trace = trace;
            this.gated = gated;
            final String token = BridgeClient.deploy(chain.web3j, OPERATOR, LocalChain.CHAIN_ID,
                chain.bytecode("TestToken"), List.of(new Utf8String("tUSDC"), new Uint8(6)));
            final Address verifier = gated ? new Address(BridgeClient.deploy(chain.web3j, OPERATOR,
                LocalChain.CHAIN_ID, chain.bytecode("SolvencyVerifier"), List.of())) : Address.DEFAULT;
            final String bridge = BridgeClient.deploy(chain.web3j, OPERATOR, LocalChain.CHAIN_ID,
                chain.bytecode("NovationBridge"), List.of(new Address(token), new Address(OPERATOR.getAddress()),
                    new Uint64(GRACE_SECONDS), new Uint64(CLAIM_SECONDS), verifier));
            asOperator = new BridgeClient(chain.web3j, OPERATOR, LocalChain.CHAIN_ID, bridge);
            usdc = new TokenClient(chain.web3j, token);
            for (final String account : trace.accounts)
            {
                final Credentials user = user(account);
                usdc.send(user, "mint", new Address(user.getAddress()), new Uint256(100 * UNIT)).require();
                usdc.send(user, "approve", new Address(bridge), new Uint256(100 * UNIT)).require();
            }
        }

        void run(final Set<String> replayed) throws Exception
        {
            compare(0);
            for (int i = 0; i < trace.steps.size(); i++)
            {
                final ModelTrace.Step step = trace.steps.get(i);
                replayed.add(apply(step, trace.states.get(i), trace.states.get(i + 1)));
                compare(i + 1);
            }
        }

        /** Takes a step on the chain and the engine; returns the transition replayed. */
        private String apply(final ModelTrace.Step step, final ModelTrace.State before, final ModelTrace.State after)
            throws Exception
        {
            final String arg = step.args().isEmpty() ? null : step.args().get(step.args().size() - 1);
            switch (step.transition())
            {
                case "skip" ->
                {
                }
                case "listAsset" ->
                {
                    // The model has one asset, so listing leaves its state as it is: the contract lists a second
                    // token once (listing the same asset again would be refused).
                    if (!listed)
                    {
                        listed = true;
                        final String token = BridgeClient.deploy(chain.web3j, OPERATOR, LocalChain.CHAIN_ID,
                            chain.bytecode("TestToken"), List.of(new Utf8String("tETH"), new Uint8(8)));
                        asOperator.listAsset(2, token).require();
                    }
                }
                case "deposit" -> client(trace.owner.get(arg)).deposit(user(trace.owner.get(arg)).getAddress(), 0, 0,
                    units(arg)).require();
                case "creditDeposit" -> log(new Deposit(fx.tick(), address(name(trace.owner.get(arg))), 0, 0,
                    units(arg), trace.id(arg)));
                case "queueWithdrawal" ->
                {
                    log(fx.withdrawal(name(trace.owner.get(arg)), 0, 0, units(arg), ++nonce));
                    withdrawalIds.put(arg, lastQueued().withdrawalId());
                }
                case "requestForcedWithdrawal" -> client(trace.owner.get(arg)).requestForcedWithdrawal(0, 0,
                    units(arg)).require();
                case "answerForcedRequest" ->
                {
                    final int queued = queuedCount();
                    log(new ForcedWithdraw(fx.tick(), address(name(trace.owner.get(arg))), 0, 0, units(arg),
                        trace.id(arg)));
                    final Set<String> served = new TreeSet<>(after.queued());
                    served.removeAll(before.queued());
                    assertThat(queuedCount() - queued).as("the engine serves the request iff the model does")
                        .isEqualTo(served.size());
                    served.forEach(w -> withdrawalIds.put(w, lastQueued().withdrawalId()));
                }
                case "commitBatch" ->
                {
                    final List<PendingWithdrawals.Entry> pending = List.copyOf(fx.engine.state().pendingWithdrawals()
                        .entries());
                    final BatchHeader header = fx.engine.nextBatchHeader(Keccak256.hash(("batch " + sealed.size())
                        .getBytes(StandardCharsets.UTF_8)));
                    log(new SealBatch(fx.tick(), header));
                    committedCommands = applied.size();
                    sealed.add(new SealedBatch(fx.engine.state().sequence(), header, pending));
                    asOperator.commitBatch(header, BridgeClient.withdrawalTotals(pending)).require();
                }
                case "proveSolvency" -> proveSolvency(arg);
                case "withdraw" ->
                {
                    final long id = withdrawalIds.get(arg);
                    final int batch = batchOf(arg);
                    final SealedBatch at = sealed.get(batch - 1);
                    final int index = at.indexOf(id);
                    client(trace.owner.get(arg)).withdraw(batch, id, user(trace.owner.get(arg)).getAddress(), 0,
                        units(arg), index, List.of(WithdrawalTree.proof(at.leaves(), index))).require();
                }
                case "advanceTime" -> chain.advanceTime(before.phase().equals("Open") ? GRACE_SECONDS + 1 :
                    CLAIM_SECONDS + 1);
                case "freeze" -> client(trace.accounts.get(0)).freeze().require();
                case "escape" -> escape(arg);
                case "reclaimDeposit" -> client(trace.owner.get(arg)).reclaimDeposit(trace.id(arg)).require();
                case "payout" -> client(arg).payout(user(arg).getAddress(), 0).require();
                default -> throw new IllegalStateException("no replay of " + step);
            }
            return step.transition();
        }

        /**
         * Proves a batch's committed balances (the model's, one leaf per account, USDC in slot 0) with the test
         * ceremony, once per batch content in a test run, and posts every chunk.
         */
        private void proveSolvency(final String batch) throws Exception
        {
            final int batchNumber = trace.id(batch);
            final List<SolvencyTool.Account> accounts = new ArrayList<>();
            final Map<String, Integer> balances = new TreeMap<>(trace.batchBalances.getOrDefault(batch, Map.of()));
            balances.forEach((account, units) -> accounts.add(new SolvencyTool.Account(
                Numeric.toBigInt(user(account).getAddress()), new long[] {units * UNIT, 0, 0, 0})));
            if (accounts.isEmpty())
            {
                // An empty ledger: one zero leaf, which owes nothing.
                accounts.add(new SolvencyTool.Account(Numeric.toBigInt(OPERATOR.getAddress()), new long[4]));
            }
            final String key = batchNumber + " " + accounts.stream().map(a -> a.key() + "=" + a.equities()[0])
                .toList();
            JsonNode proofs = PROOFS.get(key);
            if (proofs == null)
            {
                final long start = System.nanoTime();
                if (prover == null)
                {
                    prover = new SolvencyTool(Files.createTempDirectory("bridge-model-proofs"));
                }
                proofs = prover.prove(prover.inputs("batch" + PROOFS.size(), SEED, batchNumber, accounts));
                provingMillis += (System.nanoTime() - start) / 1_000_000;
                PROOFS.put(key, proofs);
            }
            asOperator.proveSolvency(batchNumber, SolvencyTool.root(proofs), SolvencyTool.depth(proofs),
                SolvencyTool.words(proofs, 0, SolvencyTool.chunks(proofs))).require();
        }

        /** Escapes with a proof from an engine re-executed up to the last committed batch (audit by re-execution). */
        private void escape(final String account) throws Exception
        {
            final EngineFixture replica = new EngineFixture();
            for (final Command command : applied.subList(0, committedCommands))
            {
                assertThat(replica.apply(command)).as("re-execution of " + command).isTrue();
            }
            final SealedBatch last = sealed.get(sealed.size() - 1);
            assertThat(replica.engine.state().lastBatchRoot()).isEqualTo(last.header().stateRoot());
            final ObjectNode proof = AccountProof.of(replica.engine, last,
                io.novation.core.account.Address.parse(user(account).getAddress()));
            assertThat(AccountProof.check(proof)).isNull();
            final List<byte[]> siblings = new ArrayList<>();
            proof.get("siblings").forEach(s -> siblings.add(Hex.decode(s.asText())));
            client(account).escape(Hex.decode(proof.get("leaf").asText()), proof.get("depth").asInt(),
                Hex.decode(proof.get("siblingBitmap").asText()), siblings,
                Hex.decode(proof.get("priceTable").asText())).require();
        }

        private void compare(final int at) throws Exception
        {
            final ModelTrace.State model = trace.states.get(at);
            final String where = "after step " + at + " of\n" + trace;
            assertThat(asOperator.callUint("frozen").signum() == 1).as("frozen " + where)
                .isEqualTo(!model.phase().equals("Open"));
            assertThat(asOperator.callUint("batchCount").intValueExact()).as("batchCount " + where)
                .isEqualTo(model.committed().size());
            assertThat(asOperator.callUint("depositCount").intValueExact()).as("depositCount " + where)
                .isEqualTo(model.deposited().size());
            assertThat(usdc.balanceOf(asOperator.address())).as("holdings " + where)
                .isEqualTo(BigInteger.valueOf((model.received() - model.paidOut()) * UNIT));
            if (gated)
            {
                final Set<String> unpaid = new TreeSet<>();
                for (final String batch : model.committed())
                {
                    assertThat(asOperator.callUint("isProven", new Uint64(trace.id(batch))).signum() == 1)
                        .as("isProven " + batch + " " + where).isEqualTo(model.proved().contains(batch));
                    unpaid.addAll(trace.batchWithdrawals.getOrDefault(batch, Set.of()));
                }
                unpaid.removeAll(model.paid());
                assertThat(asOperator.callUint("unpaidWithdrawals", new Uint32(0))).as("unpaidWithdrawals " + where)
                    .isEqualTo(BigInteger.valueOf(unpaid.stream().mapToLong(this::units).sum()));
            }
            for (final Map.Entry<String, Long> withdrawal : withdrawalIds.entrySet())
            {
                assertThat(asOperator.callUint("withdrawalPaid", new Uint64(withdrawal.getValue())).signum() == 1)
                    .as("withdrawalPaid " + withdrawal.getKey() + " " + where)
                    .isEqualTo(model.paid().contains(withdrawal.getKey()));
            }
            for (final String account : trace.accounts)
            {
                final Address holder = new Address(user(account).getAddress());
                assertThat(asOperator.callUint("claims", holder, new Uint32(0))).as("claims " + account + " " + where)
                    .isEqualTo(BigInteger.valueOf(model.claims().getOrDefault(account, 0) * UNIT));
                assertThat(asOperator.callUint("escaped", holder).signum() == 1).as("escaped " + account + " " + where)
                    .isEqualTo(model.escaped().contains(account));
            }
        }

        private int batchOf(final String withdrawal)
        {
            for (final String batch : trace.batches)
            {
                if (trace.batchWithdrawals.getOrDefault(batch, Set.of()).contains(withdrawal))
                {
                    return trace.id(batch);
                }
            }
            throw new IllegalStateException(withdrawal + " is in no batch");
        }

        private void log(final Command command)
        {
            assertThat(fx.apply(command)).as(command.toString()).isTrue();
            applied.add(command);
        }

        private int queuedCount()
        {
            return (int)fx.events.events().stream().filter(Event.WithdrawalQueued.class::isInstance).count();
        }

        private Event.WithdrawalQueued lastQueued()
        {
            return (Event.WithdrawalQueued)fx.events.events().stream().filter(Event.WithdrawalQueued.class::isInstance)
                .reduce((a, b) -> b).orElseThrow();
        }

        private long units(final String atom)
        {
            return trace.amount.get(atom) * UNIT;
        }

        private String name(final String account)
        {
            return NAMES.get(trace.accounts.indexOf(account));
        }

        private Credentials user(final String account)
        {
            return credentials(name(account));
        }

        private BridgeClient client(final String account)
        {
            return asOperator.as(user(account), LocalChain.CHAIN_ID);
        }
    }

    private static Credentials credentials(final String name)
    {
        return Credentials.create(Numeric.toHexStringWithPrefixZeroPadded(new BigInteger(1, EngineFixture.key(name)),
            64));
    }
}
