package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.novation.core.account.Address;
import io.novation.node.batch.AccountProof;
import io.novation.node.batch.BatchSource;
import io.novation.node.batch.SealedBatch;
import io.novation.node.batch.SolvencyTrees;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Refusal;
import io.novation.solvency.inclusion.InclusionProof;
import io.novation.solvency.tree.SolvencyException;
import io.novation.solvency.tree.SolvencyLeaves;
import io.novation.solvency.tree.SolvencyTree;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The reads of sealed batches and their proofs ({@code /v1/batches}, one batch, a withdrawal's inclusion proof, an
 * account's proof against the latest batch), served by the host that keeps them: the embedded node or a cluster
 * member ({@code NOT_SUPPORTED}, 501, on a host that keeps none).
 */
final class BatchQueries
{
    private final EngineHost host;
    private final ErrorMapping errors;
    private final Executor replyThreads;

    BatchQueries(final EngineHost host, final ErrorMapping errors, final Executor replyThreads)
    {
        this.host = host;
        this.errors = errors;
        this.replyThreads = replyThreads;
    }

    ObjectNode summary() throws Refusal
    {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        final long count = embedded().batches().count();
        body.put("count", count);
        if (count > 0)
        {
            body.set("latest", Json.batchHeader(embedded().batches().get(count).header()));
        }
        return body;
    }

    SealedBatch batch(final String number) throws Refusal
    {
        final long value;
        try
        {
            value = Long.parseLong(number);
        }
        catch (final NumberFormatException ex)
        {
            throw new Refusal(400, "INVALID_FIELD", "batch number '" + number + "' is not a number");
        }
        final SealedBatch batch = embedded().batches().get(value);
        if (batch == null)
        {
            throw new Refusal(404, "UNKNOWN_BATCH", "no sealed batch " + number);
        }
        return batch;
    }

    ObjectNode withdrawalProof(final String id) throws Refusal
    {
        final long withdrawalId;
        try
        {
            withdrawalId = Long.parseLong(id);
        }
        catch (final NumberFormatException ex)
        {
            throw new Refusal(400, "INVALID_FIELD", "withdrawal id '" + id + "' is not a number");
        }
        final SealedBatch batch = embedded().batches().findWithdrawal(withdrawalId);
        if (batch == null)
        {
            throw new Refusal(404, "UNKNOWN_WITHDRAWAL", "no sealed batch holds withdrawal " + id);
        }
        return batch.withdrawalProof(batch.indexOf(withdrawalId));
    }

    /**
     * Answers an account's proof against the latest sealed batch: from the live engine when its tree root is still
     * the batch's, else from a scratch engine re-executed to the batch.
     *
     * @param ctx   the exchange.
     * @param owner the account.
     * @throws Refusal {@code NO_BATCH} (404) before the first seal, {@code NOT_SUPPORTED} on a host that keeps no batches.
     */
    void accountProof(final Context ctx, final Address owner) throws Refusal
    {
        final BatchSource node = embedded();
        final SealedBatch latest = node.batches().get(node.batches().count());
        if (latest == null)
        {
            throw new Refusal(404, "NO_BATCH", "no batch has been sealed yet");
        }
        final CompletableFuture<Object> live = host.query(engine ->
        {
            engine.stateRoot();
            try
            {
                return Arrays.equals(engine.commitment().lastTreeRoot(), latest.header().treeRoot()) ?
                    AccountProof.of(engine, latest, owner) : null;
            }
            catch (final Refusal refusal)
            {
                return refusal;
            }
        });
        ctx.future(() -> ReplyThreadFuture.of(live.handleAsync((value, failure) ->
        {
            try
            {
                if (failure != null)
                {
                    throw ErrorMapping.unwrap(failure);
                }
                if (value instanceof Refusal refusal)
                {
                    throw refusal;
                }
                final Object proof = value != null ? value : AccountProof.of(node.engineAt(latest), latest, owner);
                JsonReplies.send(ctx, 200, proof);
            }
            catch (final Refusal refusal)
            {
                errors.refuse(ctx, refusal);
            }
            catch (final Throwable ex)
            {
                errors.error(ctx, 500, "INTERNAL", String.valueOf(ex.getMessage()));
            }
            return null;
        }, replyThreads), replyThreads));
    }

    /**
     * Answers an account's inclusion proof in a sealed batch's solvency tree (docs/solvency.md), built off the engine
     * thread from the state the batch sealed: the live state's account leaves when its state root (accounts and
     * prices) is still the batch's (copied on the engine thread), else a scratch engine re-executed to the batch.
     *
     * @param ctx    the exchange.
     * @param number the batch number.
     * @param owner  the account.
     * @throws Refusal {@code UNKNOWN_BATCH} (404), {@code NOT_SUPPORTED} on a host that builds no solvency trees.
     */
    void solvencyInclusion(final Context ctx, final String number, final Address owner) throws Refusal
    {
        final SealedBatch batch = batch(number);
        final BatchSource node = embedded();
        final SolvencyTrees trees = node.solvency();
        if (trees == null)
        {
            throw new Refusal(501, "NOT_SUPPORTED", "this host builds no solvency trees");
        }
        final CompletableFuture<SolvencyLeaves.StateLeaves> live = host.query(engine ->
        {
            // The full state root, not the tree root: the leaves are valued at the prices the global hash commits,
            // and an oracle round that changes no account moves the prices but not the tree.
            return Arrays.equals(engine.stateRoot(), batch.header().stateRoot()) ?
                SolvencyLeaves.capture(engine.state()) : null;
        });
        ctx.future(() -> ReplyThreadFuture.of(live.handleAsync((captured, failure) ->
        {
            try
            {
                if (failure != null)
                {
                    throw ErrorMapping.unwrap(failure);
                }
                final SolvencyTree tree = trees.tree(batch, () -> captured != null ? captured :
                    SolvencyLeaves.capture(node.engineAt(batch).state()));
                final BigInteger key = SolvencyLeaves.accountKey(owner.toBytes());
                if (tree.indexOf(key) < 0)
                {
                    throw new Refusal(404, "UNKNOWN_ACCOUNT", "batch " + number + " holds no account " + owner);
                }
                JsonReplies.send(ctx, 200, InclusionProof.of(tree, key).toJson());
            }
            catch (final Refusal refusal)
            {
                errors.refuse(ctx, refusal);
            }
            catch (final SolvencyException ex)
            {
                errors.refuse(ctx, new Refusal(409, "SOLVENCY_" + ex.reason(), ex.getMessage()));
            }
            catch (final Throwable ex)
            {
                errors.error(ctx, 500, "INTERNAL", String.valueOf(ex.getMessage()));
            }
            return null;
        }, replyThreads), replyThreads));
    }

    /** Sealed batches and proofs are kept by hosts that seal batches: the embedded node and cluster members. */
    private BatchSource embedded() throws Refusal
    {
        if (host instanceof BatchSource source)
        {
            return source;
        }
        throw new Refusal(501, "NOT_SUPPORTED", "this host keeps no sealed batches");
    }
}
