package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.novation.core.event.Event;
import io.novation.node.json.Json;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.Refusal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The command routes {@code POST /v1/commands} and {@code POST /v1/commands/batch}: reads the body within the
 * configured limits (bytes counted while it streams in, time, commands per batch) without holding a thread, hands
 * the commands to the {@link SubmissionPipeline}, and answers one command's outcome with its events, or a batch's
 * outcomes with counts of applied, rejected and refused.
 */
final class CommandSubmission
{
    private final SubmissionPipeline pipeline;
    private final NodeConfig config;
    private final HttpLimits limits;
    private final ErrorMapping errors;
    private final Executor replyThreads;

    CommandSubmission(final SubmissionPipeline pipeline, final NodeConfig config, final HttpLimits limits,
        final ErrorMapping errors, final Executor replyThreads)
    {
        this.pipeline = pipeline;
        this.config = config;
        this.limits = limits;
        this.errors = errors;
        this.replyThreads = replyThreads;
    }

    /**
     * Handles a submission.
     *
     * @param ctx   the exchange.
     * @param batch whether the body is a batch (a JSON array) rather than one command.
     * @throws Refusal when the body is too large or not JSON commands.
     */
    void submit(final Context ctx, final boolean batch) throws Refusal
    {
        final long arrival = System.nanoTime();
        final String ip = ctx.ip();
        final String length = ctx.header("Content-Length");
        if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > config.maxBodyBytes())
        {
            throw new Refusal(413, "BODY_TOO_LARGE", "the body exceeds " + config.maxBodyBytes() + " bytes");
        }
        // The body is read without holding a thread while it arrives, and counted as it streams in (chunked or not).
        ctx.future(() -> ReplyThreadFuture.of(BoundedBody.read(ctx.req(), config.maxBodyBytes(), limits.bodyTimeoutMs())
            .thenCompose(body ->
            {
                try
                {
                    return pipeline.submitJson(ip, envelopes(body, batch), !batch, arrival);
                }
                catch (final Refusal refusal)
                {
                    return CompletableFuture.failedFuture(refusal);
                }
            })
            .handleAsync((result, failure) ->
        {
            if (failure != null)
            {
                errors.fail(ctx, failure);
            }
            else if (batch)
            {
                respondBatch(ctx, result);
            }
            else
            {
                respondSingle(ctx, result.get(0));
            }
            return null;
        }, replyThreads), replyThreads));
    }

    private List<CommandEnvelope> envelopes(final byte[] body, final boolean batch) throws Refusal
    {
        if (body.length > config.maxBodyBytes())
        {
            throw new Refusal(413, "BODY_TOO_LARGE", "the body exceeds " + config.maxBodyBytes() + " bytes");
        }
        final JsonNode root;
        try
        {
            root = Json.MAPPER.readTree(body);
        }
        catch (final IOException ex)
        {
            throw new Refusal(400, "MALFORMED_JSON", "not valid JSON: " + firstLine(ex.getMessage()));
        }
        catch (final RuntimeException ex)
        {
            // A number the JDK cannot represent (an exponent beyond 32 bits) fails outside Jackson's own checks.
            throw new Refusal(400, "MALFORMED_JSON", "not valid JSON: a value out of range");
        }
        if (root == null)
        {
            throw new Refusal(400, "MALFORMED_JSON", "the body is empty");
        }
        final List<JsonNode> items = new ArrayList<>();
        if (batch)
        {
            if (!root.isArray() || root.isEmpty())
            {
                throw new Refusal(400, "INVALID_COMMAND", "a batch is a non-empty JSON array of commands");
            }
            if (root.size() > config.maxBatch())
            {
                throw new Refusal(413, "BATCH_TOO_LARGE", "a batch holds at most " + config.maxBatch() + " commands");
            }
            root.forEach(items::add);
        }
        else
        {
            items.add(root);
        }
        final List<CommandEnvelope> envelopes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++)
        {
            try
            {
                envelopes.add(CommandEnvelope.of(items.get(i)));
            }
            catch (final Refusal refusal)
            {
                throw batch ? refusal.at(i) : refusal;
            }
        }
        return envelopes;
    }

    private void respondSingle(final Context ctx, final CommandOutcome outcome)
    {
        if (outcome.refusal() != null)
        {
            errors.refuse(ctx, outcome.refusal(), false);
            return;
        }
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("sequence", outcome.sequence());
        body.put("time", outcome.time());
        if (outcome.applied())
        {
            body.put("status", "applied");
            final ArrayNode events = body.putArray("events");
            for (final Event event : outcome.events())
            {
                events.add(Json.event(event));
            }
            JsonReplies.send(ctx, 200, body);
        }
        else
        {
            body.put("status", "rejected");
            body.put("code", outcome.code());
            body.put("message", outcome.message());
            JsonReplies.send(ctx, ErrorMapping.rejectionStatus(outcome.code()), body);
        }
    }

    private static void respondBatch(final Context ctx, final List<CommandOutcome> outcomes)
    {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        final ArrayNode results = body.putArray("results");
        int applied = 0;
        int rejected = 0;
        int refused = 0;
        for (final CommandOutcome outcome : outcomes)
        {
            final ObjectNode result = results.addObject();
            if (outcome.refusal() != null)
            {
                refused++;
                result.put("status", "refused");
                result.put("code", outcome.code());
                result.put("message", outcome.message());
                continue;
            }
            result.put("sequence", outcome.sequence());
            result.put("time", outcome.time());
            if (outcome.applied())
            {
                applied++;
                result.put("status", "applied");
            }
            else
            {
                rejected++;
                result.put("status", "rejected");
                result.put("code", outcome.code());
                result.put("message", outcome.message());
            }
        }
        body.put("applied", applied);
        body.put("rejected", rejected);
        body.put("refused", refused);
        JsonReplies.send(ctx, 200, body);
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "";
        }
        final int newline = message.indexOf('\n');
        final String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
