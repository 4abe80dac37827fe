package io.novation.node.server;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CommandRole;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.PriceReport;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.node.admission.AdmissionControl;
import io.novation.node.admission.AdmissionLimits;
import io.novation.node.admission.RequestWeights;
import io.novation.node.feed.FeedCommand;
import io.novation.node.json.AccountNames;
import io.novation.node.json.CommandDecoder;
import io.novation.node.json.Definitions;
import io.novation.node.json.CommandFormatException;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.Refusal;
import io.novation.node.sequencer.Submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one path every submitted command takes, shared by the HTTP API and {@link Node#submitCommands}: decode (JSON
 * commands only), verify signatures and governance envelopes on the worker threads, sequence in submission order,
 * and answer one {@link CommandOutcome} per command; a refusal at decoding or verification refuses the whole request.
 * Times are epoch milliseconds, arrivals {@link System#nanoTime()}.
 * <p>
 * A JSON request from a client first passes {@link AdmissionControl} (docs/operations.md, "Admission and rate
 * limits"): its weight is charged to the client's IP before decoding, then each signing account's share after
 * decoding; an oracle round none of whose reports names a publisher registered to its oracle (in the definitions
 * snapshot) is refused there ({@code UNREGISTERED_PUBLISHERS}, 403), before any signature recovery, so that it never
 * reaches the engine or the journal; and the request's commands must find room in the bounded verification queue.
 */
public final class SubmissionPipeline
{
    /** Requests of at most this many commands are verified on the express thread. */
    static final int EXPRESS_COMMANDS = 16;

    private final EngineHost host;
    private final int workerThreads;
    private final CommandDecoder decoder;
    private final LiveDefinitions<Definitions> definitions;
    private final AdmissionControl admission;
    /**
     * Verifies requests of at most {@link #EXPRESS_COMMANDS} commands, so that a client's single command does not
     * queue behind another client's batches of thousands on the worker threads.
     */
    private final ThreadPoolExecutor express;

    /**
     * A pipeline into a host's sequencer, with the default admission limits.
     *
     * @param host          the host of the engine: its verifier, worker threads and sequencer.
     * @param workerThreads how many worker threads verify signatures (the chunks a request is split into).
     */
    public SubmissionPipeline(final EngineHost host, final int workerThreads)
    {
        this(host, workerThreads, AdmissionLimits.defaults());
    }

    /**
     * A pipeline into a host's sequencer.
     *
     * @param host          the host of the engine: its verifier, worker threads, sequencer and metrics.
     * @param workerThreads how many worker threads verify signatures (the chunks a request is split into).
     * @param limits        the admission limits of client requests.
     */
    public SubmissionPipeline(final EngineHost host, final int workerThreads, final AdmissionLimits limits)
    {
        this.admission = new AdmissionControl(limits, System::nanoTime, host.metrics());
        this.express = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task ->
        {
            final Thread thread = new Thread(task, "novation-verifier-express");
            thread.setDaemon(true);
            return thread;
        });
        this.express.allowCoreThreadTimeOut(true);
        this.host = host;
        this.workerThreads = Math.max(1, workerThreads);
        this.definitions = LiveDefinitions.attach(host, Definitions::of, Definitions::withRequestIdsOf);
        // Fills' orders are checked against the published definitions and time before any signature work.
        host.verifier().admitOrdersBy(new io.novation.node.verification.OrderAdmission(market ->
        {
            final Definitions known = definitions.current();
            return known == null || known.instrument(market) != null;
        }, definitions::time));
        host.hub().observeExceptFills(events -> host.verifier().onDurable(events, host.engine().state().time()));
        GovernanceQueries.followKeys(host);
        this.decoder = new CommandDecoder(definitions::current, AccountNames.ADDRESSES_ONLY);
    }

    /**
     * Submits JSON commands from a client: admit, decode, admit, verify, sequence.
     *
     * @param client       the client's IP address as the server sees it.
     * @param envelopes    the commands as submitted, in order.
     * @param withEvents   whether the outcomes carry their events.
     * @param arrivalNanos when the request arrived.
     * @return one outcome per command; completes exceptionally with a {@link Refusal} (with the index of the command
     *     at fault when there are several) if the request is not admitted or one command does not decode or verify.
     */
    public CompletableFuture<List<CommandOutcome>> submitJson(final String client,
        final List<CommandEnvelope> envelopes, final boolean withEvents, final long arrivalNanos)
    {
        final boolean indexed = envelopes.size() > 1;
        // Each command's weight, read once from its JSON: charged to the client's IP now, to its signer once decoded.
        final long[] weights = new long[envelopes.size()];
        long weight = RequestWeights.REQUEST;
        for (int i = 0; i < weights.length; i++)
        {
            final CommandEnvelope envelope = envelopes.get(i);
            weights[i] = RequestWeights.command(envelope.json(), envelope.signature() != null);
            weight += weights[i];
        }
        try
        {
            admission.chargeIp(client, weight);
        }
        catch (final Refusal refusal)
        {
            return CompletableFuture.failedFuture(refusal);
        }
        return decode(envelopes)
            .thenCompose(commands ->
            {
                final AdmissionControl.Permit permit;
                try
                {
                    admitDecoded(commands, weights);
                    permit = admission.enterVerification(commands.size());
                }
                catch (final Refusal refusal)
                {
                    return CompletableFuture.failedFuture(refusal);
                }
                final List<Claim> claims = new ArrayList<>(commands.size());
                for (int i = 0; i < commands.size(); i++)
                {
                    final CommandEnvelope envelope = envelopes.get(i);
                    claims.add(new Claim(commands.get(i), envelope.explicitTime(), envelope.nonce(),
                        envelope.signature()));
                }
                final CompletableFuture<List<Submission>> verified = verify(claims, indexed);
                verified.whenComplete((done, failure) -> permit.release());
                return verified;
            })
            .thenCompose(submissions -> host.submit(submissions, withEvents, arrivalNanos));
    }

    /**
     * The checks that need the decoded commands but no signature recovery: each signing account is charged its
     * commands' weight, and an oracle round must carry a report from a publisher registered to its oracle (unless the
     * request also holds governance commands, which may register one first).
     */
    private void admitDecoded(final List<Command> commands, final long[] weights) throws Refusal
    {
        final Definitions current = definitions.current();
        boolean governance = false;
        final Map<String, Long> byAccount = new TreeMap<>();
        for (int i = 0; i < commands.size(); i++)
        {
            final Command command = commands.get(i);
            governance |= command.role() == CommandRole.GOVERNANCE;
            if (command instanceof OraclePrice round && !governance && current != null &&
                !hasRegisteredReport(current, round))
            {
                admission.refusedBy(AdmissionControl.UNREGISTERED_PUBLISHERS);
                final Refusal refusal = new Refusal(403, "UNREGISTERED_PUBLISHERS", "no report of this oracle " +
                    "round is from a publisher registered to oracle " + round.oracleId());
                throw commands.size() > 1 ? refusal.at(i) : refusal;
            }
            final Address signer = signer(command);
            if (signer != null)
            {
                byAccount.merge(signer.toString(), weights[i], Long::sum);
            }
        }
        for (final Map.Entry<String, Long> account : byAccount.entrySet())
        {
            admission.chargeAccount(account.getKey(), account.getValue());
        }
    }

    private static boolean hasRegisteredReport(final Definitions current, final OraclePrice round)
    {
        final Definitions.Oracle oracle = current.oracle(round.oracleId());
        if (oracle == null || round.reports() == null)
        {
            return false;
        }
        for (final PriceReport report : round.reports())
        {
            if (report != null && report.publisher() != null && oracle.publishers().contains(report.publisher()))
            {
                return true;
            }
        }
        return false;
    }

    /** The account whose signature admits a command and whose bucket it is charged to, or null (trades, envelopes). */
    private static Address signer(final Command command)
    {
        if (command instanceof Withdraw c)
        {
            return c.account();
        }
        if (command instanceof Transfer c)
        {
            return c.account();
        }
        if (command instanceof SetMarginMode c)
        {
            return c.account();
        }
        if (command instanceof Liquidate c)
        {
            return c.keeper();
        }
        if (command instanceof OracleVolSurface c)
        {
            return c.publisher();
        }
        return null;
    }

    /**
     * Submits the commands of one binary feed frame (already read, so no JSON decoding): the same admission as
     * {@link #submitJson} (the client's IP and each signing account charged the same weights, registered publishers,
     * room in the verification queue), verification, then sequencing, but only once the previous frame of the same
     * connection was handed to the sequencer ({@code turn}), so that a connection's frames are sequenced in the order
     * they arrived.
     *
     * @param client       the client's IP address.
     * @param commands     the frame's commands, in order.
     * @param arrivalNanos when the frame arrived.
     * @param turn         completes when the connection's previous frame was handed to the sequencer (or failed).
     * @param handed       completed by this call once this frame was handed to the sequencer or failed.
     * @return one outcome per command, without events, once durable; completes exceptionally with a {@link Refusal}
     *     when the frame is not admitted or a signature fails.
     */
    public CompletableFuture<List<CommandOutcome>> submitFeed(final String client, final List<FeedCommand> commands,
        final long arrivalNanos, final CompletableFuture<?> turn, final CompletableFuture<Void> handed)
    {
        final List<Command> decoded = new ArrayList<>(commands.size());
        final List<Claim> claims = new ArrayList<>(commands.size());
        final long[] weights = new long[commands.size()];
        long weight = RequestWeights.REQUEST;
        for (int i = 0; i < commands.size(); i++)
        {
            final FeedCommand command = commands.get(i);
            decoded.add(command.command());
            claims.add(new Claim(command.command(), command.explicitTime(), command.nonce(), command.signature()));
            weights[i] = RequestWeights.decoded(command.command(), command.signature() != null);
            weight += weights[i];
        }
        final CompletableFuture<List<Submission>> verified;
        try
        {
            admission.chargeIp(client, weight);
            admitDecoded(decoded, weights);
            final AdmissionControl.Permit permit = admission.enterVerification(commands.size());
            verified = verify(claims, commands.size() > 1);
            verified.whenComplete((done, failure) -> permit.release());
        }
        catch (final Refusal refusal)
        {
            turn.whenComplete((done, failure) -> handed.complete(null));
            return CompletableFuture.failedFuture(refusal);
        }
        return CompletableFuture.allOf(verified, turn).handle((done, failure) -> null).thenCompose(ready ->
        {
            try
            {
                return host.submit(verified.join(), false, arrivalNanos);
            }
            catch (final CompletionException ex)
            {
                return CompletableFuture.failedFuture(ex.getCause());
            }
            finally
            {
                handed.complete(null);
            }
        });
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

    /**
     * Checks signatures and governance envelopes in contiguous chunks, one per worker thread, keeping the order; a
     * small request in one chunk on the express thread.
     */
    private CompletableFuture<List<Submission>> verify(final List<Claim> claims, final boolean indexed)
    {
        final boolean small = claims.size() <= EXPRESS_COMMANDS;
        final Executor executor = small ? express : host.workers();
        final int chunks = small ? 1 : Math.max(1, Math.min(claims.size(), workerThreads));
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
            }, executor));
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
