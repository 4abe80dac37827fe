package io.novation.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.commitment.BatchHeader;
import io.novation.node.batch.SealedBatch;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Posts a sealed batch's solvency proofs (the proofs file {@code novation prove-solvency} writes, docs/solvency.md) to
 * the bridge: commits the batch first when it is the bridge's next one, then sends its chunk proofs in order, a group
 * of chunks per transaction, from the chunk the bridge expects next, so that an interrupted posting resumes where it
 * stopped. Gas per transaction grows with the group (about 283,000 per chunk), so a group stays well under a block.
 */
public final class SolvencyPoster
{
    /** Chunks per transaction by default: about 1.1 M gas. */
    public static final int DEFAULT_CHUNKS_PER_TRANSACTION = 4;
    /** The largest group: about 6.7 M gas, within the client's 8 M gas limit per transaction. */
    public static final int MAX_CHUNKS_PER_TRANSACTION = 20;
    /** Words of one chunk in {@code proveSolvency}: a (2), b (4), c (2), chunk index, commitOut, totals (4). */
    public static final int CHUNK_WORDS = 14;

    private final Web3j web3j;
    private final BridgeClient bridge;
    private final int chunksPerTransaction;

    /**
     * A poster.
     *
     * @param web3j                the connection (for the bridge's views).
     * @param bridge               the bridge, with the operator's key.
     * @param chunksPerTransaction chunks per {@code proveSolvency} call, 1 to {@link #MAX_CHUNKS_PER_TRANSACTION}.
     */
    public SolvencyPoster(final Web3j web3j, final BridgeClient bridge, final int chunksPerTransaction)
    {
        if (chunksPerTransaction < 1 || chunksPerTransaction > MAX_CHUNKS_PER_TRANSACTION)
        {
            throw new IllegalArgumentException("chunks per transaction must be 1 to " + MAX_CHUNKS_PER_TRANSACTION +
                ", not " + chunksPerTransaction);
        }
        this.web3j = web3j;
        this.bridge = bridge;
        this.chunksPerTransaction = chunksPerTransaction;
    }

    /**
     * What a posting did.
     *
     * @param batchNumber  the batch.
     * @param committed    whether this posting committed the batch.
     * @param firstChunk   the chunk the posting started from (the bridge's next chunk).
     * @param chunksPosted chunks accepted by this posting.
     * @param transactions {@code proveSolvency} transactions sent.
     * @param gasUsed      gas of those transactions.
     * @param proven       whether the bridge holds the batch proven afterwards.
     */
    public record Posting(long batchNumber, boolean committed, int firstChunk, int chunksPosted, int transactions,
        long gasUsed, boolean proven)
    {
    }

    /**
     * The bridge's record of a batch's solvency proof (its {@code solvency(batch)} view).
     *
     * @param root      the recorded root R (0 before the first chunk).
     * @param depth     levels above a chunk.
     * @param nextChunk the chunk it expects next.
     * @param proven    whether the last chunk was accepted.
     */
    public record BridgeProgress(BigInteger root, int depth, int nextChunk, boolean proven)
    {
    }

    /**
     * Commits the batch when it is the bridge's next, then posts its chunks from the bridge's next chunk on.
     *
     * @param sealed the sealed batch: its header and its withdrawals (whose per-asset totals the commit carries).
     * @param proofs the batch's proofs file (root, depth, chunks with calldata and public signals).
     * @param log    gets a line per step.
     * @return what was done; nothing when the bridge holds the batch proven already.
     * @throws SolvencyPostingException when the proofs are not the batch's, the batch cannot be committed, or the
     *                                  bridge refuses a chunk (with its revert reason).
     */
    public Posting post(final SealedBatch sealed, final JsonNode proofs, final Consumer<String> log)
    {
        final BatchHeader header = sealed.header();
        final long number = header.batchNumber();
        final Proofs file = Proofs.of(proofs);
        if (file.batchNumber != number)
        {
            throw new SolvencyPostingException("wrong batch: the proofs are of batch " + file.batchNumber +
                ", not of batch " + number);
        }
        final long committedCount = bridge.callUint("batchCount").longValueExact();
        boolean committed = false;
        if (committedCount < number - 1)
        {
            throw new SolvencyPostingException("the bridge has committed " + committedCount + " batches: batch " +
                (committedCount + 1) + " must be committed and proven before batch " + number);
        }
        if (committedCount == number - 1)
        {
            commit(header, BridgeClient.withdrawalTotals(sealed.withdrawals()));
            committed = true;
            log.accept("committed batch " + number);
        }
        else if (!Arrays.equals(storedStateRoot(number), header.stateRoot()))
        {
            throw new SolvencyPostingException("wrong batch: the bridge's batch " + number +
                " has another state root than this data directory's");
        }
        final BridgeProgress before = progress(number);
        if (before.proven())
        {
            log.accept("batch " + number + " is proven already: nothing to post");
            return new Posting(number, committed, file.chunks(), 0, 0, 0, true);
        }
        final int first = before.nextChunk() > 0 && before.root().equals(file.root) ? before.nextChunk() : 0;
        int transactions = 0;
        long gas = 0;
        for (int from = first; from < file.chunks(); from += chunksPerTransaction)
        {
            final int to = Math.min(from + chunksPerTransaction, file.chunks());
            final List<BigInteger> words = file.words(from, to);
            final BridgeClient.Outcome outcome = bridge.proveSolvency(number, file.root, file.depth, words);
            if (!outcome.ok())
            {
                final String reason = bridge.revertReason("proveSolvency",
                    BridgeClient.solvencyArguments(number, file.root, file.depth, words));
                throw new SolvencyPostingException("the bridge refused chunks " + from + " to " + (to - 1) +
                    " of batch " + number + ": " + (reason != null ? reason : outcome.error() != null ?
                    outcome.error() : "reverted (gas used " + outcome.gasUsed() + ")"));
            }
            transactions++;
            gas += outcome.gasUsed();
            log.accept("chunks " + (to) + "/" + file.chunks() + " of batch " + number + " accepted (gas " +
                outcome.gasUsed() + ")");
        }
        final boolean proven = progress(number).proven();
        return new Posting(number, committed, first, file.chunks() - first, transactions, gas, proven);
    }

    /**
     * The bridge's record of a batch's solvency proof.
     *
     * @param batchNumber the batch.
     * @return its progress.
     */
    public BridgeProgress progress(final long batchNumber)
    {
        final List<BigInteger> words = call("solvency", new Uint64(batchNumber));
        if (words.size() < 5)
        {
            throw new SolvencyPostingException("the contract at " + bridge.address() + " has no solvency view: " +
                "is it a bridge?");
        }
        return new BridgeProgress(words.get(0), words.get(1).intValueExact(), words.get(2).intValueExact(),
            words.get(4).signum() != 0);
    }

    private void commit(final BatchHeader header, final long[] withdrawalTotals)
    {
        final BridgeClient.Outcome outcome = bridge.commitBatch(header, withdrawalTotals);
        if (!outcome.ok())
        {
            final String reason = bridge.revertReason("commitBatch",
                BridgeClient.commitArguments(header, withdrawalTotals));
            throw new SolvencyPostingException("the bridge refused to commit batch " + header.batchNumber() + ": " +
                (reason != null ? reason : outcome.error() != null ? outcome.error() : "reverted"));
        }
    }

    private byte[] storedStateRoot(final long batchNumber)
    {
        final List<BigInteger> words = call("batches", new Uint64(batchNumber));
        return words.isEmpty() ? new byte[32] : Numeric.toBytesPadded(words.get(0), 32);
    }

    private List<BigInteger> call(final String name, final Type... args)
    {
        final String data = FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
        try
        {
            final String result = web3j.ethCall(Transaction.createEthCallTransaction(bridge.senderAddress(),
                bridge.address(), data), DefaultBlockParameterName.LATEST).send().getValue();
            final byte[] bytes = result == null ? new byte[0] : Numeric.hexStringToByteArray(result);
            final List<BigInteger> words = new ArrayList<>();
            for (int offset = 0; offset + 32 <= bytes.length; offset += 32)
            {
                words.add(new BigInteger(1, Arrays.copyOfRange(bytes, offset, offset + 32)));
            }
            return words;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot reach the chain", ex);
        }
    }

    /**
     * The bridge's words for chunks of a proofs file, as {@code proveSolvency} takes them: per chunk a (2), b (4, as
     * snarkjs exports it for Solidity), c (2), the chunk index, its commitOut and its totals (4).
     *
     * @param chunks the proofs file's {@code chunks} array.
     * @param from   first chunk.
     * @param to     after the last chunk.
     * @return the words.
     */
    public static List<BigInteger> chunkWords(final JsonNode chunks, final int from, final int to)
    {
        final List<BigInteger> words = new ArrayList<>(CHUNK_WORDS * Math.max(0, to - from));
        for (int i = from; i < to; i++)
        {
            final JsonNode chunk = chunks.get(i);
            final JsonNode calldata = chunk.get("calldata");
            for (final JsonNode value : calldata.get("a"))
            {
                words.add(new BigInteger(value.asText()));
            }
            for (final JsonNode row : calldata.get("b"))
            {
                for (final JsonNode value : row)
                {
                    words.add(new BigInteger(value.asText()));
                }
            }
            for (final JsonNode value : calldata.get("c"))
            {
                words.add(new BigInteger(value.asText()));
            }
            final JsonNode signals = chunk.get("publicSignals");
            words.add(new BigInteger(signals.get(2).asText()));
            words.add(new BigInteger(signals.get(6).asText()));
            for (int slot = 7; slot < 11; slot++)
            {
                words.add(new BigInteger(signals.get(slot).asText()));
            }
        }
        return words;
    }

    /** A proofs file read: its batch, root, depth and chunks in order. */
    private record Proofs(long batchNumber, BigInteger root, int depth, JsonNode chunkNodes)
    {
        static Proofs of(final JsonNode json)
        {
            final JsonNode chunks = json.path("chunks");
            if (!json.hasNonNull("batchNumber") || !json.hasNonNull("root") || !json.hasNonNull("depth") ||
                !chunks.isArray() || chunks.isEmpty())
            {
                throw new SolvencyPostingException("not a solvency proofs file: batchNumber, root, depth and chunks " +
                    "expected");
            }
            final Proofs proofs = new Proofs(Long.parseLong(json.get("batchNumber").asText()),
                new BigInteger(json.get("root").asText()), json.get("depth").asInt(), chunks);
            if (proofs.depth < 0 || proofs.depth > 20 || chunks.size() != 1 << proofs.depth)
            {
                throw new SolvencyPostingException("the proofs file holds " + chunks.size() + " chunks; a tree of " +
                    "depth " + proofs.depth + " above its chunks has " + (1L << Math.min(proofs.depth, 62)));
            }
            for (int i = 0; i < chunks.size(); i++)
            {
                if (chunks.get(i).path("chunkIndex").asInt(-1) != i)
                {
                    throw new SolvencyPostingException("chunk " + i + " of the proofs file is out of order");
                }
            }
            return proofs;
        }

        int chunks()
        {
            return chunkNodes.size();
        }

        /** The bridge's words for chunks [from, to). */
        List<BigInteger> words(final int from, final int to)
        {
            return chunkWords(chunkNodes, from, to);
        }
    }
}
