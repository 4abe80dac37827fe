package io.novation.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.commitment.WithdrawalTree;
import io.novation.core.engine.EngineFixture;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.node.batch.SealedBatch;
import io.novation.node.cli.NovationCli;
import io.novation.node.json.Json;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import io.novation.solvency.inclusion.InclusionProof;
import io.novation.solvency.prover.SolvencyProver;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.testkit.Testnet.ONE_BTC;
import static io.novation.testkit.Testnet.USDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole solvency path on ganache, from the engine's own state (docs/solvency.md): a node whose accounts were
 * credited by the chain watcher from the bridge's deposits, which traded and queued a withdrawal, seals a batch;
 * {@code novation prove-solvency} builds the Java tree of that batch from the data directory and proves it with
 * snarkjs and the committed test ceremony; the {@link SolvencyPoster} commits the batch and posts its chunks to a
 * bridge deployed with the Groth16 verifier (refused when forged or of another batch) and, interrupted, is resumed by
 * {@code novation post-solvency}, after which the withdrawal is paid; and an account's inclusion proof served by the
 * node folds to the root the bridge recorded.
 */
class SolvencyEndToEndTest
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final long START = 1_760_000_000_000L;
    /** 120 accounts: 128 leaves, 16 chunks. */
    private static final int ACCOUNTS = 120;
    private static final int ETH_EVERY = 10;
    private static final int TRADES = 30;
    private static final String WITHDRAWER = name(0);
    private static final long WITHDRAWAL = 500 * USDC;
    private static final String TOOLS = Path.of(System.getProperty("novation.solvency.dir", "../solvency"))
        .toAbsolutePath().normalize().toString();

    private final Credentials operator = credentials("operator");

    @TempDir
    Path work;

    @Test
    void shouldProveTheEnginesBatchOnTheBridgeAndThenPayItsWithdrawal() throws Exception
    {
        final Path dataDir = work.resolve("node");
        try (LocalChain chain = LocalChain.start(operator))
        {
            final Deployment bridge = deploy(chain);
            final BridgeClient asOperator = bridge.asOperator;
            long usdcDeposited = 0;
            long ethDeposited = 0;
            bridge.fund(operator, 1_000_000 * USDC, 1_000 * ONE_ETH_COLLATERAL);
            for (int i = 0; i < ACCOUNTS; i++)
            {
                final String owner = Testnet.address(name(i)).toString();
                final long usdc = (1_000 + 37L * i) * USDC;
                asOperator.deposit(owner, 0, 0, usdc).require();
                usdcDeposited += usdc;
                if (holdsEth(i))
                {
                    final long eth = ONE_ETH_COLLATERAL / 4 + i;
                    asOperator.deposit(owner, 0, ETH_ASSET, eth).require();
                    ethDeposited += eth;
                }
            }
            final int depositCount = ACCOUNTS + (int)java.util.stream.IntStream.range(0, ACCOUNTS)
                .filter(SolvencyEndToEndTest::holdsEth).count();
            // The genesis (5), a price round, the deposits, the trades and the withdrawal: the batch seals after it.
            final long commands = 5 + 1 + depositCount + TRADES + 1;

            final SealedBatch batch;
            final JsonNode inclusion;
            final NodeConfig config = NodeConfig.defaults().withDataDir(dataDir).withPort(0)
                .withGenesisKeys(Testnet.GOVERNANCE, Testnet.BRIDGE).withSealing(commands, 0);
            try (Node node = Node.start(config, QUIET))
            {
                final NodeClients venue = new NodeClients(START, node.port());
                for (final ObjectNode command : venue.genesis())
                {
                    venue.submit(command);
                }
                venue.submit(venue.price(60_000));
                final List<ObjectNode> deposits = new ArrayList<>();
                final ChainWatcher watcher = new ChainWatcher(asOperator, 0,
                    () -> node.query(e -> e.state().lastDepositId()).join(),
                    () -> node.query(e -> e.state().lastForcedRequestId()).join(),
                    command -> deposits.add(venue.bridged(command)));
                assertThat(watcher.poll(0)).isEqualTo(depositCount);
                for (final ObjectNode deposit : deposits)
                {
                    venue.submit(deposit);
                }
                assertThat(watcher.poll(0)).as("each deposit credited once").isZero();
                for (int t = 0; t < TRADES; t++)
                {
                    venue.submit(venue.trade(name(2 * t + 1), name(2 * t + 2), t % 2 == 0, ONE_BTC / 100,
                        60_000 + 10L * t));
                }
                assertThat(node.batches().count()).as("nothing sealed before the withdrawal").isZero();
                venue.submit(venue.withdraw(WITHDRAWER, WITHDRAWAL / USDC));
                for (int wait = 0; wait < 100 && node.batches().count() == 0; wait++)
                {
                    Thread.sleep(50);
                }
                assertThat(node.batches().count()).isEqualTo(1);
                batch = node.batches().get(1);
                assertThat(batch.header().lastDepositId()).isEqualTo(depositCount);
                final NodeClients.Reply reply = venue.get("/v1/solvency/1/inclusion/" +
                    Testnet.address(WITHDRAWER));
                assertThat(reply.status()).as(reply.text()).isEqualTo(200);
                inclusion = reply.json();
            }
            assertThat(batch.withdrawals()).hasSize(1);
            final PendingWithdrawals.Entry withdrawal = batch.withdrawals().get(0);

            // The node's prove-solvency path: the Java tree of the sealed batch, from the data directory.
            final long started = System.nanoTime();
            final String proved = run("prove-solvency", "--data-dir", dataDir.toString(), "--batch", "1",
                "--tools", TOOLS);
            final long provingMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(proved).startsWith("0 ").contains("batch 1: " + ACCOUNTS + " accounts").contains("16/16");
            final JsonNode proofs = Json.MAPPER.readTree(SolvencyProver.proofsFile(dataDir.resolve("batches"), 1)
                .toFile());
            assertThat(proofs.get("chunks")).hasSize(16);
            final BigInteger root = new BigInteger(proofs.get("root").asText());
            assertThat(root.toString()).isEqualTo(inclusion.get("root").asText());
            final BigInteger usdcOwed = new BigInteger(proofs.get("totals").get(0).asText());
            assertThat(usdcOwed).as("the accounts' USDC: deposits less the withdrawal and the fees")
                .isLessThanOrEqualTo(BigInteger.valueOf(usdcDeposited - WITHDRAWAL))
                .isGreaterThan(BigInteger.valueOf(usdcDeposited - WITHDRAWAL - 1_000 * USDC));
            assertThat(new BigInteger(proofs.get("totals").get(1).asText())).isEqualTo(BigInteger.valueOf(
                ethDeposited));

            final SolvencyPoster poster = new SolvencyPoster(chain.web3j, asOperator, 4);
            // Wrong batch, then a forged chunk: the batch is committed, its chunk refused with the bridge's reason.
            final ObjectNode otherBatch = proofs.deepCopy();
            otherBatch.put("batchNumber", "2");
            assertThatThrownBy(() -> poster.post(batch, otherBatch, line -> { }))
                .isInstanceOf(SolvencyPostingException.class).hasMessageContaining("wrong batch");
            final ObjectNode forged = proofs.deepCopy();
            final ArrayNode a = (ArrayNode)forged.get("chunks").get(0).get("calldata").get("a");
            a.set(0, a.textNode(new BigInteger(a.get(0).asText()).add(BigInteger.ONE).toString()));
            assertThatThrownBy(() -> poster.post(batch, forged, line -> { }))
                .isInstanceOf(SolvencyPostingException.class).hasMessageContaining("solvency proof");
            assertThat(asOperator.callUint("batchCount")).isOne();
            final List<byte[]> siblings = List.of(WithdrawalTree.proof(batch.leaves(), 0));
            assertThat(asOperator.revertReason("withdraw", withdrawArguments(withdrawal, siblings)))
                .contains("unproven");

            // Interrupted after its first transaction, the posting resumes from the bridge's next chunk.
            assertThatThrownBy(() -> poster.post(batch, proofs, line ->
            {
                throw new IllegalStateException("interrupted after " + line);
            })).hasMessageContaining("interrupted after chunks 4/16");
            assertThat(poster.progress(1).nextChunk()).isEqualTo(4);
            assertThat(poster.progress(1).proven()).isFalse();
            assertThat(asOperator.revertReason("withdraw", withdrawArguments(withdrawal, siblings)))
                .contains("unproven");
            // novation post-solvency resumes from the bridge's next chunk, then finds nothing left to post.
            final Path key = work.resolve("operator.key");
            java.nio.file.Files.writeString(key, Numeric.toHexStringWithPrefixZeroPadded(
                operator.getEcKeyPair().getPrivateKey(), 64));
            final String[] post = {"post-solvency", "--data-dir", dataDir.toString(), "--batch", "1", "--rpc",
                "http://127.0.0.1:" + chain.port, "--bridge", asOperator.address(), "--operator-key", key.toString(),
                "--tools", TOOLS};
            final String resumed = run(post);
            assertThat(resumed).startsWith("0 ").contains("chunks 16/16 of batch 1 accepted")
                .contains("batch 1 proven on the bridge: 12 chunks posted from chunk 4 in 3 transactions");
            assertThat(poster.progress(1).proven()).isTrue();
            assertThat(run(post)).startsWith("0 ").contains("nothing to post");
            final String[] missing = post.clone();
            missing[4] = "7";
            assertThat(run(missing)).startsWith("2 ").contains("no sealed batch 7");
            System.out.printf("solvency end to end: %d accounts, 16 chunks proven by prove-solvency in %d ms; %s%n",
                ACCOUNTS, provingMillis, resumed.lines().filter(line -> line.contains("gas"))
                    .reduce((first, last) -> last).orElse(""));

            // The withdrawal is paid once the batch is proven.
            final BigInteger before = bridge.usdc.balanceOf(withdrawal.owner().toString());
            asOperator.withdraw(1, withdrawal.withdrawalId(), withdrawal.owner().toString(), 0, withdrawal.amount(),
                0, siblings).require();
            assertThat(bridge.usdc.balanceOf(withdrawal.owner().toString()))
                .isEqualTo(before.add(BigInteger.valueOf(WITHDRAWAL)));

            // The user's inclusion proof, served by the node, folds to the root the bridge recorded.
            final BigInteger recorded = poster.progress(1).root();
            assertThat(recorded).isEqualTo(root);
            final InclusionProof proof = InclusionProof.fromJson(inclusion);
            assertThat(proof.check(recorded)).isNull();
            assertThat(proof.check(recorded.add(BigInteger.ONE))).isNotNull();
            assertThat(proof.leaf().equity(0)).isEqualTo(BigInteger.valueOf(1_000 * USDC - WITHDRAWAL));
        }
    }

    /** ETH collateral for some accounts that do not trade (the venue has no ETH-USD price to margin it at). */
    private static boolean holdsEth(final int index)
    {
        return index > 2 * TRADES && index % ETH_EVERY == 3;
    }

    private static String name(final int index)
    {
        return String.format("trader-%03d", index);
    }

    private static org.web3j.abi.datatypes.Type[] withdrawArguments(final PendingWithdrawals.Entry withdrawal,
        final List<byte[]> siblings)
    {
        final List<org.web3j.abi.datatypes.generated.Bytes32> path = new ArrayList<>();
        for (final byte[] sibling : siblings)
        {
            path.add(new org.web3j.abi.datatypes.generated.Bytes32(sibling));
        }
        return new org.web3j.abi.datatypes.Type[] {new Uint64(1), new Uint64(withdrawal.withdrawalId()),
            new Address(withdrawal.owner().toString()), new org.web3j.abi.datatypes.generated.Uint32(0),
            new Uint64(withdrawal.amount()), new Uint256(0),
            new org.web3j.abi.datatypes.DynamicArray<>(org.web3j.abi.datatypes.generated.Bytes32.class, path)};
    }

    private static String run(final String... args)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintWriter writer = new PrintWriter(bytes, true);
        final int code = NovationCli.commandLine().setOut(writer).setErr(writer).execute(args);
        writer.flush();
        return code + " " + bytes;
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
            chain.bytecode("NovationBridge"), List.of(new Address(usdc), new Address(operator.getAddress()),
                new Uint64(3_600), new Uint64(86_400), new Address(verifier)));
        final BridgeClient asOperator = new BridgeClient(chain.web3j, operator, LocalChain.CHAIN_ID, address);
        asOperator.listAsset(ETH_ASSET, eth).require();
        return new Deployment(asOperator, new TokenClient(chain.web3j, usdc), new TokenClient(chain.web3j, eth));
    }

    /** The gated bridge and its two tokens. */
    private record Deployment(BridgeClient asOperator, TokenClient usdc, TokenClient eth)
    {
        void fund(final Credentials depositor, final long usdcAmount, final long ethAmount)
        {
            for (final TokenClient token : List.of(usdc, eth))
            {
                final long amount = token == usdc ? usdcAmount : ethAmount;
                token.send(depositor, "mint", new Address(depositor.getAddress()), new Uint256(amount)).require();
                token.send(depositor, "approve", new Address(asOperator.address()), new Uint256(amount)).require();
            }
        }
    }

    private static Credentials credentials(final String name)
    {
        return Credentials.create(Numeric.toHexStringWithPrefixZeroPadded(new BigInteger(1, EngineFixture.key(name)),
            64));
    }
}
