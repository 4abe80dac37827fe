package io.novation.node.server;

import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.node.json.AccountNames;
import io.novation.node.json.CommandDecoder;
import io.novation.node.json.Definitions;
import io.novation.node.json.CommandFormatException;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.Refusal;
import io.novation.node.sequencer.Submission;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one path every submitted command takes, shared by the HTTP API and {@link Node#submitCommands}: decode (JSON
 * commands only), verify signatures and governance envelopes on the worker threads, sequence in submission order,
 * and answer one {@link CommandOutcome} per command; a refusal at decoding or verification refuses the whole request.
 * Times are epoch milliseconds, arrivals {@link System#nanoTime()}.
 */
public final class SubmissionPipeline
{
    private final EngineHost host;
    private final int workerThreads;
    private final CommandDecoder decoder;
    private final LiveDefinitions<Definitions> definitions;

    /**
     * A pipeline into a host's sequencer.
     *
     * @param host          the host of the engine: its verifier, worker threads and sequencer.
     * @param workerThreads how many worker threads verify signatures (the chunks a request is split into).
     */
    public SubmissionPipeline(final EngineHost host, final int workerThreads)
    {
        this.host = host;
        this.workerThreads = Math.max(1, workerThreads);
        this.definitions = LiveDefinitions.attach(host, Definitions::of);
        this.decoder = new CommandDecoder(definitions::current, AccountNames.ADDRESSES_ONLY);
    }

    /**
     * Submits JSON commands: decode, verify, sequence.
     *
     * @param envelopes    the commands as submitted, in order.
     * @param withEvents   whether the outcomes carry their events.
     * @param arrivalNanos when the request arrived.
     * @return one outcome per command; completes exceptionally with a {@link Refusal} (with the index of the command
     *     at fault when there are several) if one does not decode or verify.
     */
    public CompletableFuture<List<CommandOutcome>> submitJson(final List<CommandEnvelope> envelopes,
        final boolean withEvents, final long arrivalNanos)
    {
        final boolean indexed = envelopes.size() > 1;
        return decode(envelopes)
            .thenCompose(commands ->
            {
                final List<Claim> claims = new ArrayList<>(commands.size());
                for (int i = 0; i < commands.size(); i++)
                {
                    final CommandEnvelope envelope = envelopes.get(i);
                    claims.add(new Claim(commands.get(i), envelope.explicitTime(), envelope.nonce(),
                        envelope.signature()));
                }
                return verify(claims, indexed);
            })
            .thenCompose(submissions -> host.submit(submissions, withEvents, arrivalNanos));
    }

    /**
     * Submits engine commands built and signed in process (no governance envelope): verify, sequence. A command
     * keeps its time when it is not 0.
     *
     * @param commands     the commands, in order.
     * @param arrivalNanos when they were handed over.
     * @return one outcome per command, without events; completes exceptionally with a {@link Refusal} naming the
     *     index of the command whose signature fails.
     */
    public CompletableFuture<List<CommandOutcome>> submitCommands(final List<Command> commands, final long arrivalNanos)
    {
        final List<Claim> claims = new ArrayList<>(commands.size());
        for (final Command command : commands)
        {
            claims.add(new Claim(command, command.time() != 0, 0, null));
        }
        return verify(claims, true).thenCompose(submissions -> host.submit(submissions, false, arrivalNanos));
    }

    /**
     * Decodes JSON commands into engine commands. This is the only place the pipeline reads the engine's definitions
     * (assets, markets, series, oracles): on the calling I/O thread against the immutable snapshot
     * {@link LiveDefinitions#current()}, with the engine's time at its last durable publication as the default time;
     * only before the first snapshot is taken (at start) does it read them on the engine thread.
     *
     * @param envelopes the commands.
     * @return the engine commands, in order; fails with a refusal ({@code CommandFormatException}'s code, 400).
     */
    private CompletableFuture<List<Command>> decode(final List<CommandEnvelope> envelopes)
    {
        if (definitions.current() == null)
        {
            return host.query(engine -> decodeAll(envelopes, engine.state().time()));
        }
        try
        {
            return CompletableFuture.completedFuture(decodeAll(envelopes, definitions.time()));
        }
        catch (final CompletionException ex)
        {
            return CompletableFuture.failedFuture(ex.getCause());
        }
    }

    private List<Command> decodeAll(final List<CommandEnvelope> envelopes, final long defaultTime)
    {
        final List<Command> commands = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++)
        {
            try
            {
                commands.add(decoder.decode(envelopes.get(i).json(), defaultTime));
            }
            catch (final CommandFormatException ex)
            {
                final Refusal refusal = new Refusal(400, ex.code(), ex.getMessage());
                throw new CompletionException(envelopes.size() > 1 ? refusal.at(i) : refusal);
            }
        }
        return commands;
    }

    /** Checks signatures and governance envelopes in contiguous chunks, one per worker thread, keeping the order. */
    private CompletableFuture<List<Submission>> verify(final List<Claim> claims, final boolean indexed)
    {
        final int chunks = Math.max(1, Math.min(claims.size(), workerThreads));
        final int chunkSize = Math.max(1, (claims.size() + chunks - 1) / chunks);
        final List<CompletableFuture<List<Submission>>> parts = new ArrayList<>(chunks);
        for (int from = 0; from < claims.size(); from += chunkSize)
        {
            final int start = from;
            final int end = Math.min(claims.size(), from + chunkSize);
            parts.add(CompletableFuture.supplyAsync(() ->
            {
                final List<Submission> verified = new ArrayList<>(end - start);
                for (int i = start; i < end; i++)
                {
                    final Claim claim = claims.get(i);
                    try
                    {
                        verified.add(host.verifier().verify(claim.command(), claim.explicitTime(), claim.nonce(),
                            claim.signature()));
                    }
                    catch (final Refusal refusal)
                    {
                        throw new CompletionException(indexed ? refusal.at(i) : refusal);
                    }
                }
                return verified;
            }, host.workers()));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(done ->
        {
            final List<Submission> all = new ArrayList<>(claims.size());
            for (final CompletableFuture<List<Submission>> part : parts)
            {
                all.addAll(part.join());
            }
            return all;
        });
    }

    /** A command with what its verification needs: whether its time is the client's, and its governance envelope. */
    private record Claim(Command command, boolean explicitTime, long nonce, EcdsaSignature signature)
    {
    }
}
