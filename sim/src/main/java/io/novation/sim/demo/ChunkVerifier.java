package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.chain.SolvencyPoster;
import io.novation.solvency.prover.SolvencyProver;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's {@code SolvencyVerifier} contract (the Groth16 verifier of the committed test ceremony) deployed on
 * the demo's chain, checking a proofs file's chunks in order with the public signals the bridge's
 * {@code proveSolvency} gate builds itself (docs/solvency.md, "The bridge gate"): the root R, the batch number, the
 * chunk index, the depth, {@code isLast} and the previous chunk's {@code commitOut}, so that the prover chooses none
 * of them; gas in units of gas.
 */
final class ChunkVerifier
{
    /** {@code verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[11])}'s selector, 0x hex. */
    private static final String SELECTOR = Hash.sha3String(
        "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[11])").substring(0, 10);
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(20_000_000_000L);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(2_000_000);
    /** Words of a chunk before its index in {@link SolvencyPoster#chunkWords}: a (2), b (4), c (2). */
    private static final int PROOF_WORDS = 8;

    private final Web3j web3j;
    private final Credentials key;
    private final RawTransactionManager transactions;
    private final String address;

    /**
     * One chunk checked.
     *
     * @param chunk    the chunk index.
     * @param accepted whether the contract accepted its proof with the bridge's signals.
     * @param gas      gas of the verifying transaction (0 when refused: no transaction is sent).
     */
    record Check(int chunk, boolean accepted, long gas)
    {
    }

    private ChunkVerifier(final Web3j web3j, final Credentials key, final String address)
    {
        this.web3j = web3j;
        this.key = key;
        this.transactions = new RawTransactionManager(web3j, key, LocalEvm.CHAIN_ID);
        this.address = address;
    }

    /**
     * Deploys the verifier with the operator's key.
     *
     * @param evm      the chain.
     * @param operator the deploying key.
     * @return the verifier.
     * @throws IOException when the deployment fails.
     */
    static ChunkVerifier deploy(final LocalEvm evm, final EvmAccount operator) throws IOException
    {
        final String address = operator.deploy(evm.bytecode("SolvencyVerifier"), List.of());
        if (address == null)
        {
            throw new IOException("the SolvencyVerifier was not deployed");
        }
        return new ChunkVerifier(evm.web3j(), operator.key(), address);
    }

    /**
     * The contract's address.
     *
     * @return 0x hex.
     */
    String address()
    {
        return address;
    }

    /**
     * Checks every chunk of a proofs file in order, each with the signals the bridge would build: chunk 0 starts the
     * chain of commitments from 0, each next chunk from the commitOut of the one before; the last has
     * {@code isLast = 1}. A chunk the contract refuses stops the checks (the bridge would refuse every later one).
     *
     * @param proofs      the proofs file.
     * @param root        the root R the bridge would record with chunk 0 (the tree's).
     * @param batchNumber the batch.
     * @param depth       levels above a chunk (the tree's).
     * @param progress    gets each chunk checked.
     * @return the checks, in chunk order.
     * @throws IOException when the chain cannot be reached.
     */
    List<Check> verifyAll(final JsonNode proofs, final BigInteger root, final long batchNumber, final int depth,
        final SolvencyProver.Progress progress) throws IOException
    {
        final long start = System.nanoTime();
        final JsonNode chunks = proofs.get("chunks");
        final List<Check> checks = new ArrayList<>(chunks.size());
        BigInteger commitIn = BigInteger.ZERO;
        for (int i = 0; i < chunks.size(); i++)
        {
            final List<BigInteger> words = SolvencyPoster.chunkWords(chunks, i, i + 1);
            final String data = calldata(words, root, batchNumber, i, depth, commitIn);
            if (!accepts(data))
            {
                checks.add(new Check(i, false, 0));
                break;
            }
            checks.add(new Check(i, true, send(data)));
            commitIn = words.get(PROOF_WORDS + 1);
            progress.chunkProven(i + 1, chunks.size(), (System.nanoTime() - start) / 1_000_000);
        }
        return checks;
    }

    /**
     * Whether the contract accepts a chunk of a proofs file with given signals: used to show that it refuses a proof
     * checked against signals it was not made for (a root of another tree, a broken chain of commitments).
     *
     * @param proofs      the proofs file.
     * @param chunk       the chunk index.
     * @param root        the root R.
     * @param batchNumber the batch.
     * @param depth       levels above a chunk.
     * @param commitIn    the previous chunk's commitOut (0 for chunk 0).
     * @return whether it accepts.
     * @throws IOException when the chain cannot be reached.
     */
    boolean accepts(final JsonNode proofs, final int chunk, final BigInteger root, final long batchNumber,
        final int depth, final BigInteger commitIn) throws IOException
    {
        return accepts(calldata(SolvencyPoster.chunkWords(proofs.get("chunks"), chunk, chunk + 1), root, batchNumber,
            chunk, depth, commitIn));
    }

    /** The call's data: the proof (a, b, c) and the 11 public signals, all static, so 19 words after the selector. */
    private static String calldata(final List<BigInteger> words, final BigInteger root, final long batchNumber,
        final int chunk, final int depth, final BigInteger commitIn)
    {
        final List<BigInteger> args = new ArrayList<>(words.subList(0, PROOF_WORDS));
        final boolean last = chunk == (1 << depth) - 1;
        args.add(root);
        args.add(BigInteger.valueOf(batchNumber));
        args.add(BigInteger.valueOf(chunk));
        args.add(BigInteger.valueOf(depth));
        args.add(last ? BigInteger.ONE : BigInteger.ZERO);
        args.add(commitIn);
        args.add(words.get(PROOF_WORDS + 1));
        args.addAll(words.subList(PROOF_WORDS + 2, PROOF_WORDS + 6));
        final StringBuilder data = new StringBuilder(SELECTOR);
        for (final BigInteger word : args)
        {
            data.append(Numeric.toHexStringNoPrefixZeroPadded(word, 64));
        }
        return data.toString();
    }

    private boolean accepts(final String data) throws IOException
    {
        final EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(key.getAddress(), address, data),
            DefaultBlockParameterName.LATEST).send();
        if (call.hasError() || call.isReverted() || call.getValue() == null || call.getValue().length() < 66)
        {
            return false;
        }
        return Numeric.toBigInt(call.getValue().substring(0, 66)).signum() != 0;
    }

    /** The same call mined as a transaction: its receipt's gas. */
    private long send(final String data) throws IOException
    {
        final EthSendTransaction sent = transactions.sendTransaction(GAS_PRICE, GAS_LIMIT, address, data,
            BigInteger.ZERO);
        return EvmAccount.awaitReceipt(web3j, sent, "verifying transaction").getGasUsed().longValueExact();
    }
}
