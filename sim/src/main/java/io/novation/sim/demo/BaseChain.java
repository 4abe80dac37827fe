package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.chain.BridgeClient;
import io.novation.chain.ChainWatcher;
import io.novation.client.NovationClient;
import io.novation.core.command.Command;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.batch.SealedBatch;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;
import io.novation.node.sequencer.Authority;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The demo's base chain: a local EVM ({@link LocalEvm}) with the bridge and one test token per collateral asset, the
 * operator's bridge key as the bridge's operator. Participants deposit through the bridge and the node credits them
 * through the {@link ChainWatcher}; every sealed batch's header is committed on chain, chained on the previous root;
 * traders who closed in profit withdraw it and are paid by Merkle proof once their batch is committed; with
 * {@code --escape} the day ends with the operator gone ({@link BridgeEscape}). Amounts in quote quantums (1e-6 USDC),
 * gas in units of gas.
 */
public final class BaseChain implements AutoCloseable
{
    /** Grace period of a forced withdrawal request before anyone may freeze the bridge, chain seconds. */
    static final long GRACE_SECONDS = 86_400;
    /** Claim period after the freeze, chain seconds (a day on a local chain; a week on a public one). */
    static final long CLAIM_SECONDS = 86_400;
    /** Traders that deposit with their own key (mint, approve, deposit); the others through the deposit batcher. */
    static final int OWN_KEY_TRADERS = 5;
    /** Deposits per batcher transaction: about 34 million gas, within the local chain's block gas limit. */
    private static final int DEPOSIT_CHUNK = 1_000;
    private static final long DEPOSIT_CHUNK_GAS = 60_000_000;
    private static final int CANDIDATES_PER_BATCH = 25;
    private static final int WITHDRAWALS_PER_BATCH = 2;
    private static final int USDC = 0;

    private final ChainSettings settings;
    private final LocalEvm evm;
    private final EvmAccount operatorKey;
    private final Operator operator;
    private final NovationClient client;
    private final byte[] bridgeKey;
    private final byte[] domain;
    private final DemoCast cast;
    private final int marketCount;
    private final List<String> tokens = new ArrayList<>();
    private final List<Commit> commits = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<io.novation.core.account.Address, Long> deposited = new HashMap<>();
    private BridgeClient bridge;
    private String batcher;
    private long ownKeyDeposits;
    private long batchedDeposits;
    private long depositTransactions;
    private long depositGas;
    private long depositNanos;
    private long depositChainCpuNanos;
    private long credited;
    private long withdrawalsRequested;
    private long withdrawalsRefused;
    private long withdrawalsPaid;
    private long isolatedRequested;
    private long isolatedRefused;
    private long isolatedPaid;
    private final Set<String> isolatedOwners = new HashSet<>();
    private long withdrawalGas;
    private long unpaid;
    private long withdrawnQuantums;
    private int candidateCursor;
    private BridgeEscape.Result escape;

    /**
     * One committed batch.
     *
     * @param number      the batch number.
     * @param sequence    the sequence of its last command (the state root is the state after it).
     * @param nodeRoot    the node's state root of the batch, hex.
     * @param chainRoot   the bridge's last state root after the commit, hex.
     * @param gas         gas of {@code commitBatch}.
     * @param finalityMs  wall-clock milliseconds from the demo seeing the seal to the commit's receipt.
     * @param holdings    the bridge's USDC after the commit, before paying the batch's withdrawals, quantums.
     * @param withdrawals the batch's USDC withdrawals, quantums.
     */
    public record Commit(long number, long sequence, String nodeRoot, String chainRoot, long gas, double finalityMs,
        BigInteger holdings, long withdrawals)
    {
    }

    private BaseChain(final ChainSettings settings, final LocalEvm evm, final Credentials operatorKey,
        final Operator operator, final byte[] bridgeKey, final DemoCast cast, final int marketCount)
    {
        this.settings = settings;
        this.evm = evm;
        this.operatorKey = new EvmAccount(evm.web3j(), operatorKey);
        this.operator = operator;
        this.client = operator.client();
        this.bridgeKey = bridgeKey.clone();
        this.domain = operator.domain();
        this.cast = cast;
        this.marketCount = marketCount;
    }

    /**
     * Starts the chain (the operator and the participants that deposit with their own key funded with ether) and
     * deploys a test token per collateral asset of the node, the bridge (without a solvency verifier: proving every
     * batch of 10,000 accounts would take about two hours here) and the deposit batcher.
     *
     * @param settings    the chain's settings.
     * @param work        directory of the compiled contracts and ganache's log.
     * @param operator    the venue's operator.
     * @param bridgeKey   the bridge private key of genesis: the bridge's operator on chain too.
     * @param cast        the participants.
     * @param marketCount markets of the demo.
     * @return the chain.
     * @throws IOException when the chain cannot be started ({@link LocalEvm.ChainUnavailableException}) or used.
     */
    public static BaseChain start(final ChainSettings settings, final Path work, final Operator operator,
        final byte[] bridgeKey, final DemoCast cast, final int marketCount) throws IOException
    {
        final Credentials operatorKey = Credentials.create(Numeric.toHexString(bridgeKey));
        final List<Credentials> funded = new ArrayList<>();
        funded.add(operatorKey);
        for (final Participant participant : ownKeyDepositors(cast))
        {
            funded.add(credentials(participant));
        }
        final LocalEvm evm = LocalEvm.start(settings, work, funded);
        try
        {
            final BaseChain chain = new BaseChain(settings, evm, operatorKey, operator, bridgeKey, cast, marketCount);
            chain.deploy();
            return chain;
        }
        catch (final IOException | RuntimeException ex)
        {
            evm.close();
            throw ex;
        }
    }

    private void deploy() throws IOException
    {
        final JsonNode assets = client.read("/v1/assets");
        final JsonNode list = assets.isArray() ? assets : assets.path("assets");
        for (final JsonNode asset : list)
        {
            tokens.add(operatorKey.deploy(evm.bytecode("TestToken"), List.of(new Utf8String("t" +
                asset.get("symbol").asText()), new Uint8(asset.get("decimals").asInt()))));
        }
        final String address = operatorKey.deploy(evm.bytecode("NovationBridge"), List.of(new Address(tokens.get(USDC)),
            new Address(operatorKey.address()), new Uint64(GRACE_SECONDS), new Uint64(CLAIM_SECONDS),
            Address.DEFAULT));
        bridge = new BridgeClient(evm.web3j(), operatorKey.key(), LocalEvm.CHAIN_ID, address);
        for (int asset = 1; asset < tokens.size(); asset++)
        {
            bridge.listAsset(asset, tokens.get(asset)).require();
        }
        batcher = operatorKey.deploy(evm.bytecode("DepositBatch"), List.of());
    }

    /** The market makers, the keepers' desks and the first traders: they deposit with their own keys. */
    private static List<Participant> ownKeyDepositors(final DemoCast cast)
    {
        final List<Participant> own = new ArrayList<>(cast.traders().subList(0, Math.min(OWN_KEY_TRADERS,
            cast.traders().size())));
        own.addAll(cast.makers());
        own.addAll(cast.desks());
        return own;
    }

    private static Credentials credentials(final Participant participant)
    {
        return Credentials.create(Numeric.toHexString(participant.privateKey()));
    }

    // ---------------------------------------------------------------- deposits

    /**
     * Every participant's USDC deposit through the bridge: the market makers, the desks and the first traders with
     * their own keys (mint, approve, deposit: three transactions each), the other traders through the deposit batcher
     * ({@code DepositBatch}: mint, approve and 1,000 bridge deposits per transaction, each naming its trader).
     *
     * @throws IOException when a transaction fails.
     */
    public void deposit() throws IOException
    {
        final long start = System.nanoTime();
        final long cpu = evm.cpuNanos();
        final List<Participant> everyone = cast.everyone();
        final long[] amounts = cast.deposits();
        final int traders = cast.traders().size();
        final List<io.novation.core.account.Address> batched = new ArrayList<>();
        final List<Long> batchedAmounts = new ArrayList<>();
        for (int i = 0; i < everyone.size(); i++)
        {
            final Participant participant = everyone.get(i);
            if (i < OWN_KEY_TRADERS || i >= traders)
            {
                deposited.put(participant.address(), amounts[i]);
                final EvmAccount own = new EvmAccount(evm.web3j(), credentials(participant));
                final Uint256 amount = new Uint256(amounts[i]);
                depositGas += own.call(tokens.get(USDC), 200_000, "mint", new Address(own.address()), amount)
                    .getGasUsed().longValueExact();
                depositGas += own.call(tokens.get(USDC), 200_000, "approve", new Address(bridge.address()), amount)
                    .getGasUsed().longValueExact();
                depositGas += own.call(bridge.address(), 300_000, "deposit", new Address(own.address()),
                    new Uint32(0), new Uint32(USDC), new Uint64(amounts[i])).getGasUsed().longValueExact();
                depositTransactions += 3;
                ownKeyDeposits++;
            }
            else
            {
                batched.add(participant.address());
                batchedAmounts.add(amounts[i]);
            }
        }
        depositBatched(batched, batchedAmounts.stream().mapToLong(Long::longValue).toArray());
        depositNanos = System.nanoTime() - start;
        depositChainCpuNanos = evm.cpuNanos() - cpu;
    }

    /**
     * Deposits for participants who join after the opening deposits (the option desk's holders): made on the bridge
     * through the deposit batcher, then credited by the chain watcher.
     *
     * @param accounts the accounts.
     * @param amounts  USDC quantums, one per account.
     * @param time     the crediting commands' time, epoch ms.
     * @return the chain watcher's signed {@code deposit} commands.
     * @throws IOException when a transaction fails or the node cannot be read.
     */
    public List<ObjectNode> depositAndCredit(final List<io.novation.core.account.Address> accounts,
        final long[] amounts, final long time) throws IOException
    {
        final long start = System.nanoTime();
        depositBatched(accounts, amounts);
        depositNanos += System.nanoTime() - start;
        return credit(time);
    }

    /**
     * Bridge deposits through the deposit batcher, {@value #DEPOSIT_CHUNK} per transaction, each deposit one word
     * ({@link DepositWords}).
     */
    private void depositBatched(final List<io.novation.core.account.Address> accounts, final long[] amounts)
        throws IOException
    {
        final List<Bytes32> chunk = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++)
        {
            deposited.put(accounts.get(i), amounts[i]);
            chunk.add(new Bytes32(DepositWords.word(accounts.get(i), amounts[i])));
            if (chunk.size() == DEPOSIT_CHUNK)
            {
                depositPacked(chunk);
            }
        }
        if (!chunk.isEmpty())
        {
            depositPacked(chunk);
        }
    }

    private void depositPacked(final List<Bytes32> words) throws IOException
    {
        final TransactionReceipt receipt = operatorKey.call(batcher, DEPOSIT_CHUNK_GAS, "depositPacked",
            new Address(bridge.address()), new Address(tokens.get(USDC)), new Uint32(USDC),
            new DynamicArray<>(Bytes32.class, words));
        depositGas += receipt.getGasUsed().longValueExact();
        depositTransactions++;
        batchedDeposits += words.size();
        words.clear();
    }

    /**
     * The node's side of the deposits: the chain watcher reads the bridge's confirmed {@code Deposited} and
     * {@code ForcedWithdrawalRequested} events above the node's counters and turns them into {@code deposit} and
     * {@code forcedWithdraw} commands, which the bridge key signs.
     *
     * @param time the commands' time, epoch ms.
     * @return the signed commands, in id order.
     * @throws IOException when the node cannot be read.
     */
    public List<ObjectNode> credit(final long time) throws IOException
    {
        final JsonNode state = client.read("/v1/state");
        final long lastDeposit = state.get("lastDepositId").asLong();
        final long lastForced = state.get("lastForcedRequestId").asLong();
        final List<Command> commands = new ArrayList<>();
        new ChainWatcher(bridge, 0, () -> lastDeposit, () -> lastForced, commands::add).poll(time);
        credited += commands.size();
        // Signed in parallel, in the watcher's order.
        return commands.parallelStream().map(this::bridgeSigned).collect(java.util.stream.Collectors.toList());
    }

    private ObjectNode bridgeSigned(final Command command)
    {
        return CommandEncoder.withAuthority(operator.encode(command), 0, Authority.sign(domain, 0, command,
            bridgeKey));
    }

    // ---------------------------------------------------------------- batches and withdrawals

    /**
     * After a batch boundary: commits every batch the node sealed since the last commit, pays the withdrawals of each
     * against its withdrawals root, then lets a few traders who closed in profit withdraw it (queued in the next batch).
     *
     * @param time the simulated time of the withdrawals, epoch ms.
     * @throws IOException when the node or the chain fails.
     */
    public void afterSeal(final long time) throws IOException
    {
        commitSealed();
        requestWithdrawals(time);
    }

    /**
     * Commits every batch the node sealed since the last commit and pays the withdrawals of each.
     *
     * @throws IOException when the node or the chain fails.
     */
    public void commitSealed() throws IOException
    {
        final long seen = System.nanoTime();
        final long count = client.read("/v1/batches").get("count").asLong();
        for (long number = commits.size() + 1; number <= count; number++)
        {
            final SealedBatch batch = SealedBatch.fromJson(client.read("/v1/batches/" + number));
            final BridgeClient.Outcome outcome = commit(batch);
            if (!outcome.ok())
            {
                throw new IOException("commitBatch " + number + " failed: " + (outcome.error() != null ?
                    outcome.error() : outcome.receipt()));
            }
            final double finalityMs = (System.nanoTime() - seen) / 1e6;
            final String chainRoot = operatorKey.bytes32(bridge.address(), "lastStateRoot");
            final String nodeRoot = Hex.encode(batch.header().stateRoot());
            if (!Hex.encode(Numeric.hexStringToByteArray(chainRoot)).equals(nodeRoot))
            {
                failures.add("batch " + number + ": the bridge's root " + chainRoot + " differs from the node's " +
                    nodeRoot);
            }
            final BigInteger holdings = operatorKey.balanceOf(tokens.get(USDC), bridge.address());
            final long[] totals = BridgeClient.withdrawalTotals(batch.withdrawals());
            commits.add(new Commit(number, batch.sequence() - 1, nodeRoot, Hex.encode(Numeric.hexStringToByteArray(
                chainRoot)), outcome.gasUsed(), finalityMs, holdings, totals[USDC]));
            pay(batch);
        }
    }

    /**
     * Commits a sealed batch's header with its withdrawal totals per asset (docs/solvency.md, "The bridge gate").
     *
     * @param batch the batch.
     * @return the outcome.
     */
    private BridgeClient.Outcome commit(final SealedBatch batch)
    {
        return bridge.commitBatch(batch.header(), BridgeClient.withdrawalTotals(batch.withdrawals()));
    }

    private void pay(final SealedBatch batch) throws IOException
    {
        for (int i = 0; i < batch.withdrawals().size(); i++)
        {
            final JsonNode proof = batch.withdrawalProof(i);
            final List<byte[]> siblings = new ArrayList<>();
            proof.get("siblings").forEach(s -> siblings.add(Hex.decode(s.asText())));
            final String owner = proof.get("owner").asText();
            final int asset = proof.get("assetId").asInt();
            final long amount = proof.get("amount").asLong();
            final BigInteger before = operatorKey.balanceOf(tokens.get(asset), owner);
            final BridgeClient.Outcome paid = bridge.withdraw(batch.header().batchNumber(),
                proof.get("withdrawalId").asLong(), owner, asset, amount, i, siblings);
            final BigInteger received = operatorKey.balanceOf(tokens.get(asset), owner).subtract(before);
            if (!paid.ok() || received.longValueExact() != amount)
            {
                failures.add("withdrawal " + proof.get("withdrawalId").asLong() + " of batch " +
                    batch.header().batchNumber() + ": " + received + " paid of " + amount);
                unpaid++;
                continue;
            }
            withdrawalsPaid++;
            if (isolatedOwners.contains(owner.toLowerCase(Locale.ROOT)))
            {
                isolatedPaid++;
            }
            withdrawalGas += paid.gasUsed();
            withdrawnQuantums += amount;
        }
    }

    /**
     * Traders who are flat and hold more USDC than they deposited withdraw the difference from the subaccount they
     * trade from (subaccount 128 for an isolated market's traders, whose deposit moved there), a few per batch,
     * looked for in turn through the population, each with its account's next nonce. The bridge's withdrawal leaf
     * names the owner, not the subaccount (docs/protocol.md §15), so the payout by proof is the same for either.
     */
    private void requestWithdrawals(final long time) throws IOException
    {
        final List<Trader> traders = cast.traders();
        int made = 0;
        for (int looked = 0; looked < CANDIDATES_PER_BATCH && made < WITHDRAWALS_PER_BATCH; looked++)
        {
            final Trader trader = traders.get(candidateCursor++ % traders.size());
            if (!flat(trader))
            {
                continue;
            }
            final JsonNode subaccount;
            try
            {
                subaccount = client.read("/v1/accounts/" + trader.address() + "/subaccounts/" +
                    trader.subaccount());
            }
            catch (final IOException ex)
            {
                continue;
            }
            if (subaccount.path("positions").size() > 0 || !subaccount.path("collateral").has("USDC"))
            {
                continue;
            }
            final long balance = new BigDecimal(subaccount.get("collateral").get("USDC").asText()).movePointRight(6)
                .longValueExact();
            final long profit = balance - deposited.getOrDefault(trader.address(), Long.MAX_VALUE);
            if (profit <= 0)
            {
                continue;
            }
            final long nonce = trader.nextAccountNonce();
            final Withdraw unsigned = new Withdraw(time, trader.address(), trader.subaccount(), USDC, profit, nonce,
                null);
            final Withdraw signed = new Withdraw(time, trader.address(), trader.subaccount(), USDC, profit, nonce,
                Secp256k1.sign(unsigned.digest(domain), trader.privateKey()));
            withdrawalsRequested++;
            made++;
            final boolean isolated = trader.subaccount() != 0;
            if (isolated)
            {
                isolatedRequested++;
                isolatedOwners.add(trader.address().toString().toLowerCase(Locale.ROOT));
            }
            if (operator.send(List.of(operator.encode(signed))).codes()[0] != null)
            {
                withdrawalsRefused++;
                isolatedRefused += isolated ? 1 : 0;
            }
        }
    }

    private boolean flat(final Participant participant)
    {
        for (int m = 0; m < marketCount; m++)
        {
            if (participant.position(m) != 0)
            {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- the audit and the end of the day

    /**
     * The audit's observer of the journal's replay: at every committed batch it checks the replayed root against the
     * bridge's and the escape claims against the bridge's holdings, and keeps the last batch's leaves for the escape.
     *
     * @return the observer.
     */
    public ChainAudit auditor()
    {
        return new ChainAudit(commits, settings.escape() ? settings.escapeSample() : 0, cast);
    }

    /**
     * Ends the day on chain: with {@code --escape} the operator is gone and every account escapes
     * ({@link BridgeEscape}); then the report's section "Base chain" and its invariants.
     *
     * @param audit  the chain's audit of the replay.
     * @param report the report.
     * @throws IOException when the chain fails.
     */
    public void finish(final ChainAudit audit, final DemoReport report) throws IOException
    {
        final long start = System.nanoTime();
        if (settings.escape())
        {
            escape = new BridgeEscape(evm, bridge, operatorKey, tokens, cast, commits).run(audit);
            failures.addAll(escape.failures());
            report.phase("escape", System.nanoTime() - start);
        }
        failures.addAll(audit.failures());
        final Map<String, Boolean> invariants = new java.util.LinkedHashMap<>();
        invariants.put("chainRootsEqualNodeAndReplay", audit.rootMismatches() == 0 &&
            failures.stream().noneMatch(f -> f.contains("the bridge's root")) && audit.batchesChecked() ==
            commits.size());
        invariants.put("escapeClaimsWithinBridgeHoldings", audit.claimsOverHoldings() == 0);
        report.section("baseChain", json(audit), invariants, failures);
    }

    private ObjectNode json(final ChainAudit audit)
    {
        final ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("chainId", LocalEvm.CHAIN_ID);
        json.put("bridge", bridge.address());
        json.put("solvencyVerifier", "none: batches are final when committed (proving 10,000 accounts takes about " +
            "two hours here; --prove proves the final batch)");
        final ArrayNode tokenList = json.putArray("tokens");
        tokens.forEach(tokenList::add);
        final ObjectNode deposits = json.putObject("deposits");
        deposits.put("onChain", ownKeyDeposits + batchedDeposits).put("ownKey", ownKeyDeposits)
            .put("batched", batchedDeposits).put("transactions", depositTransactions).put("gas", depositGas)
            .put("gasPerDeposit", (ownKeyDeposits + batchedDeposits) == 0 ? 0 :
                depositGas / (ownKeyDeposits + batchedDeposits))
            .put("wallSeconds", Math.round(depositNanos / 1e7) / 100.0)
            .put("openingChainCpuSeconds", Math.round(depositChainCpuNanos / 1e7) / 100.0)
            .put("creditedByWatcher", credited);
        final ObjectNode batches = json.putObject("commits");
        long gas = 0;
        long maxGas = 0;
        double finality = 0;
        double maxFinality = 0;
        final ArrayNode list = batches.putArray("batches");
        for (final Commit commit : commits)
        {
            gas += commit.gas();
            maxGas = Math.max(maxGas, commit.gas());
            finality += commit.finalityMs();
            maxFinality = Math.max(maxFinality, commit.finalityMs());
            list.addObject().put("batch", commit.number()).put("sequence", commit.sequence())
                .put("root", commit.chainRoot()).put("gas", commit.gas())
                .put("finalityMs", Math.round(commit.finalityMs() * 10) / 10.0)
                .put("holdings", StateReport.quote(commit.holdings().longValueExact()))
                .put("withdrawals", StateReport.quote(commit.withdrawals()));
        }
        final int n = Math.max(1, commits.size());
        batches.put("count", commits.size()).put("gasMean", gas / n).put("gasMax", maxGas).put("gasTotal", gas)
            .put("finalityMsMean", Math.round(finality / n * 10) / 10.0)
            .put("finalityMsMax", Math.round(maxFinality * 10) / 10.0)
            .put("replayedRootsEqual", audit.batchesChecked() - audit.rootMismatches());
        json.putObject("withdrawals").put("requested", withdrawalsRequested).put("refused", withdrawalsRefused)
            .put("paid", withdrawalsPaid)
            .put("queuedAfterLastCommit", withdrawalsRequested - withdrawalsRefused - withdrawalsPaid - unpaid)
            .put("unpaid", unpaid).put("gas", withdrawalGas)
            .put("gasPerWithdrawal", withdrawalsPaid == 0 ? 0 : withdrawalGas / withdrawalsPaid)
            .put("amount", StateReport.quote(withdrawnQuantums))
            .putObject("fromIsolatedSubaccounts").put("requested", isolatedRequested).put("refused", isolatedRefused)
            .put("paid", isolatedPaid);
        json.putObject("claims").put("batchesChecked", audit.batchesChecked())
            .put("batchesOverHoldings", audit.claimsOverHoldings())
            .put("largestShareOfHoldings", audit.largestShareOfHoldings());
        if (escape != null)
        {
            json.set("escape", escape.json());
        }
        final ArrayNode failed = json.putArray("failures");
        failures.forEach(failed::add);
        return json;
    }

    /**
     * The batches committed so far.
     *
     * @return the commits, in order.
     */
    public List<Commit> commits()
    {
        return List.copyOf(commits);
    }

    /**
     * The chain's parts the final batch's solvency proof uses ({@code --prove}, {@link DemoSolvencyProof}).
     *
     * @return the chain, the operator's key, the bridge and the tokens.
     */
    DemoSolvencyProof.Chain forProof()
    {
        return new DemoSolvencyProof.Chain(evm, operatorKey, bridge, List.copyOf(tokens));
    }

    @Override
    public void close()
    {
        evm.close();
    }
}
