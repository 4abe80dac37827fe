package io.novation.node.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.websocket.WsContext;
import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Command;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingStateView;
import io.novation.core.engine.Conservation;
import io.novation.core.event.Event;
import io.novation.core.liquidation.HealthIndexView;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.Asset;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.node.json.AccountDirectory;
import io.novation.node.json.CommandDecoder;
import io.novation.node.json.CommandFormatException;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.Refusal;
import io.novation.node.sequencer.Submission;
import io.novation.node.stream.EventJson;
import io.novation.node.stream.EventSubscriber;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The HTTP/JSON and WebSocket API of a node, versioned under {@code /v1}, on an embedded Javalin (Jetty) server.
 * Commands are decoded on the engine thread (they read asset, market and oracle definitions), verified on worker
 * threads, then sequenced; reads run on the engine thread between groups of commands, so they see a consistent,
 * durable state. Every error is JSON {@code {"code": "...", "message": "..."}} with a 4xx or 5xx status.
 */
public final class HttpApi implements AutoCloseable
{
    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final String JSON = "application/json";

    private final EngineHost node;
    private final NodeConfig config;
    private final List<Route> routes = new ArrayList<>();
    private final Map<WsContext, EventSubscriber> subscribers = new ConcurrentHashMap<>();
    private final CommandDecoder decoder;
    private final StateReport report;
    private final byte[] openApi;
    private Javalin app;

    /**
     * An API over an engine host; call {@link #start()} to listen.
     *
     * @param node   the host of the engine.
     * @param config where to listen and the request limits.
     */
    public HttpApi(final EngineHost node, final NodeConfig config)
    {
        this.node = node;
        this.config = config;
        this.decoder = new CommandDecoder(node.engine(), new AccountDirectory());
        this.report = new StateReport(node.engine(), new AccountDirectory());
        this.openApi = loadOpenApi();
    }

    /**
     * Starts listening.
     *
     * @return the bound port.
     */
    public int start()
    {
        app = Javalin.create(javalin ->
        {
            javalin.showJavalinBanner = false;
            javalin.http.maxRequestSize = config.maxBodyBytes();
            javalin.useVirtualThreads = false;
        });
        app.exception(Exception.class, (ex, ctx) -> error(ctx, statusOf(ex), codeOf(ex), String.valueOf(ex.getMessage())));
        app.error(404, ctx ->
        {
            if (ctx.result() == null || !ctx.result().startsWith("{"))
            {
                error(ctx, 404, "NOT_FOUND", "no route " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> error(ctx, 405, "METHOD_NOT_ALLOWED", "no route " + ctx.method() + " " + ctx.path()));
        get("/health", this::health);
        get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(node.metrics().toPrometheus()));
        get("/v1/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
        post("/v1/commands", ctx -> submit(ctx, false));
        post("/v1/commands/batch", ctx -> submit(ctx, true));
        get("/v1/state", ctx -> read(ctx, this::state));
        get("/v1/assets", ctx -> read(ctx, this::assets));
        get("/v1/markets", ctx -> read(ctx, engine -> report.markets(engine.state())));
        get("/v1/markets/{ticker}", ctx -> read(ctx, engine -> market(engine, ctx.pathParam("ticker"))));
        get("/v1/oracles", ctx -> read(ctx, engine -> report.oracles(engine.state())));
        get("/v1/options", ctx -> read(ctx, engine -> report.optionSeries(engine.state())));
        get("/v1/insurance", ctx -> read(ctx, this::insurance));
        get("/v1/liquidatable", ctx -> read(ctx, this::liquidatable));
        get("/v1/accounts/{address}", ctx ->
        {
            final Address owner = address(ctx);
            read(ctx, engine -> account(engine, owner));
        });
        get("/v1/accounts/{address}/subaccounts/{number}", ctx ->
        {
            final Address owner = address(ctx);
            final int number = subaccountNumber(ctx);
            read(ctx, engine -> subaccount(engine, owner, number));
        });
        get("/v1/accounts/{address}/positions", ctx ->
        {
            final Address owner = address(ctx);
            read(ctx, engine -> positions(engine, owner));
        });
        get("/v1/batches", ctx -> send(ctx, 200, batchesSummary()));
        get("/v1/batches/{number}", ctx ->
        {
            final io.novation.node.batch.SealedBatch batch = sealedBatch(ctx.pathParam("number"));
            send(ctx, 200, batch.toJson());
        });
        get("/v1/proofs/withdrawals/{id}", ctx -> send(ctx, 200, withdrawalProof(ctx.pathParam("id"))));
        get("/v1/proofs/accounts/{address}", ctx ->
        {
            final Address owner = address(ctx);
            final io.novation.node.batch.SealedBatch latest = embedded().batches().get(embedded().batches().count());
            if (latest == null)
            {
                throw new Refusal(404, "NO_BATCH", "no batch has been sealed yet");
            }
            final CompletableFuture<Object> live = node.query(engine ->
            {
                engine.stateRoot();
                try
                {
                    return java.util.Arrays.equals(engine.commitment().lastTreeRoot(), latest.header().treeRoot()) ?
                        io.novation.node.batch.AccountProof.of(engine, latest, owner) : null;
                }
                catch (final Refusal refusal)
                {
                    return refusal;
                }
            });
            ctx.future(() -> live.handle((value, failure) ->
            {
                try
                {
                    if (failure != null)
                    {
                        throw unwrap(failure);
                    }
                    if (value instanceof Refusal refusal)
                    {
                        throw refusal;
                    }
                    final Object proof = value != null ? value :
                        io.novation.node.batch.AccountProof.of(embedded().engineAt(latest), latest, owner);
                    send(ctx, 200, proof);
                }
                catch (final Refusal refusal)
                {
                    refuse(ctx, refusal);
                }
                catch (final Throwable ex)
                {
                    error(ctx, 500, "INTERNAL", String.valueOf(ex.getMessage()));
                }
                return null;
            }));
        });
        routes.add(new Route("WS", "/v1/stream"));
        app.ws("/v1/stream", ws ->
        {
            ws.onConnect(this::subscribe);
            ws.onClose(ctx -> unsubscribe(ctx));
            ws.onError(ctx -> unsubscribe(ctx));
        });
        app.start(config.host(), config.port());
        return app.port();
    }

    /**
     * The routes this API serves, for the OpenAPI document's test.
     *
     * @return method and path of each.
     */
    public List<Route> routes()
    {
        return Collections.unmodifiableList(routes);
    }

    private void get(final String path, final Handler handler)
    {
        routes.add(new Route("GET", path));
        app.get(path, handler);
    }

    private void post(final String path, final Handler handler)
    {
        routes.add(new Route("POST", path));
        app.post(path, handler);
    }

    private void health(final Context ctx)
    {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        final boolean healthy = node.healthy();
        body.put("status", healthy ? "ok" : "failed");
        body.put("sequence", node.sequence());
        body.put("durableSequence", node.durableSequence());
        node.describe(body);
        send(ctx, healthy ? 200 : 503, body);
    }

    // ---------------------------------------------------------------- commands

    private record Envelope(ObjectNode json, boolean explicitTime, long nonce, EcdsaSignature signature)
    {
    }

    private void submit(final Context ctx, final boolean batch) throws Refusal
    {
        final long arrival = System.nanoTime();
        final List<Envelope> envelopes = envelopes(ctx, batch);
        final CompletableFuture<List<CommandOutcome>> outcomes = node
            .query(engine -> decodeAll(envelopes))
            .thenCompose(commands -> verifyAll(commands, envelopes))
            .thenCompose(submissions -> node.submit(submissions, !batch, arrival));
        ctx.future(() -> outcomes.handle((result, failure) ->
        {
            if (failure != null)
            {
                final Throwable cause = unwrap(failure);
                if (cause instanceof Refusal refusal)
                {
                    refuse(ctx, refusal);
                }
                else
                {
                    error(ctx, 500, "INTERNAL", String.valueOf(cause.getMessage()));
                }
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
        }));
    }

    private List<Envelope> envelopes(final Context ctx, final boolean batch) throws Refusal
    {
        final String length = ctx.header("Content-Length");
        if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > config.maxBodyBytes())
        {
            throw new Refusal(413, "BODY_TOO_LARGE", "the body exceeds " + config.maxBodyBytes() + " bytes");
        }
        final byte[] body = ctx.bodyAsBytes();
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
        final List<Envelope> envelopes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++)
        {
            try
            {
                envelopes.add(envelope(items.get(i)));
            }
            catch (final Refusal refusal)
            {
                throw batch ? refusal.at(i) : refusal;
            }
        }
        return envelopes;
    }

    private static Envelope envelope(final JsonNode item) throws Refusal
    {
        if (!item.isObject())
        {
            throw new Refusal(400, "INVALID_COMMAND", "a command is a JSON object with a \"type\"");
        }
        final ObjectNode json = ((ObjectNode)item).deepCopy();
        final JsonNode authority = json.remove("authority");
        long nonce = 0;
        EcdsaSignature signature = null;
        if (authority != null && !authority.isNull())
        {
            if (!authority.isObject())
            {
                throw new Refusal(400, "INVALID_FIELD", "authority: must be {\"nonce\", \"signature\"}");
            }
            final java.util.Iterator<String> names = authority.fieldNames();
            while (names.hasNext())
            {
                final String name = names.next();
                if (!name.equals("nonce") && !name.equals("signature"))
                {
                    throw new Refusal(400, "UNKNOWN_FIELD", "authority." + name + ": unknown field");
                }
            }
            final JsonNode nonceNode = authority.get("nonce");
            if (nonceNode != null)
            {
                if (!nonceNode.isIntegralNumber() || !nonceNode.canConvertToLong() || nonceNode.asLong() < 0)
                {
                    throw new Refusal(400, "INVALID_FIELD", "authority.nonce: must be a non-negative 64-bit integer");
                }
                nonce = nonceNode.asLong();
            }
            final JsonNode signatureNode = authority.get("signature");
            try
            {
                signature = EcdsaSignature.fromBytes65(Hex.decode(signatureNode.asText()));
            }
            catch (final RuntimeException ex)
            {
                throw new Refusal(400, "INVALID_FIELD", "authority.signature: must be 65 bytes r||s||v in hex");
            }
        }
        return new Envelope(json, json.hasNonNull("time"), nonce, signature);
    }

    /** Runs on the engine thread: decoding reads the definitions of assets, markets and oracles. */
    private List<Command> decodeAll(final List<Envelope> envelopes)
    {
        final List<Command> commands = new ArrayList<>(envelopes.size());
        final long time = node.engine().state().time();
        for (int i = 0; i < envelopes.size(); i++)
        {
            try
            {
                commands.add(decoder.decode(envelopes.get(i).json(), time));
            }
            catch (final CommandFormatException ex)
            {
                final Refusal refusal = new Refusal(400, ex.code(), ex.getMessage());
                throw new CompletionException(envelopes.size() > 1 ? refusal.at(i) : refusal);
            }
        }
        return commands;
    }

    private CompletableFuture<List<Submission>> verifyAll(final List<Command> commands, final List<Envelope> envelopes)
    {
        final int chunks = Math.min(commands.size(), Math.max(1, config.workers()));
        final int chunkSize = (commands.size() + chunks - 1) / chunks;
        final List<CompletableFuture<List<Submission>>> parts = new ArrayList<>();
        for (int from = 0; from < commands.size(); from += chunkSize)
        {
            final int start = from;
            final int end = Math.min(commands.size(), from + chunkSize);
            parts.add(CompletableFuture.supplyAsync(() ->
            {
                final List<Submission> verified = new ArrayList<>(end - start);
                for (int i = start; i < end; i++)
                {
                    final Envelope envelope = envelopes.get(i);
                    try
                    {
                        verified.add(node.verifier().verify(commands.get(i), envelope.explicitTime(),
                            envelope.nonce(), envelope.signature()));
                    }
                    catch (final Refusal refusal)
                    {
                        throw new CompletionException(commands.size() > 1 ? refusal.at(i) : refusal);
                    }
                }
                return verified;
            }, node.workers()));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(done ->
        {
            final List<Submission> all = new ArrayList<>(commands.size());
            for (final CompletableFuture<List<Submission>> part : parts)
            {
                all.addAll(part.join());
            }
            return all;
        });
    }

    private void respondSingle(final Context ctx, final CommandOutcome outcome)
    {
        if (outcome.refusal() != null)
        {
            refuse(ctx, outcome.refusal(), false);
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
            send(ctx, 200, body);
        }
        else
        {
            body.put("status", "rejected");
            body.put("code", outcome.code());
            body.put("message", outcome.message());
            send(ctx, rejectionStatus(outcome.code()), body);
        }
    }

    private void respondBatch(final Context ctx, final List<CommandOutcome> outcomes)
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
        send(ctx, 200, body);
    }

    /**
     * The HTTP status of an engine rejection: 403 for signatures and unregistered signers, 409 for replays and conflicts with the state's
     * history, 400 for values that do not fit, 422 for the rest (the command is well formed but the state refuses it).
     *
     * @param code the engine's reason code.
     * @return the status.
     */
    static int rejectionStatus(final String code)
    {
        if (code == null)
        {
            return 422;
        }
        return switch (code)
        {
            case "BAD_SIGNATURE", "UNKNOWN_PUBLISHER" -> 403;
            case "NONCE_REUSED", "DUPLICATE_DEPOSIT", "ORDER_OVERFILLED", "TIME_NOT_MONOTONIC",
                "DUPLICATE_DEFINITION", "VOL_SURFACE_NOT_NEWER" -> 409;
            case "INVALID_COMMAND", "INVALID_AMOUNT", "OVERFLOW", "OFF_TICK", "OFF_STEP", "INVALID_SUBACCOUNT" -> 400;
            default -> 422;
        };
    }

    // ---------------------------------------------------------------- reads

    private void read(final Context ctx, final Function<ClearingEngine, Object> query)
    {
        final CompletableFuture<Object> result = node.query(query);
        ctx.future(() -> result.handle((value, failure) ->
        {
            if (failure != null)
            {
                final Throwable cause = unwrap(failure);
                if (cause instanceof Refusal refusal)
                {
                    refuse(ctx, refusal);
                }
                else
                {
                    error(ctx, 500, "INTERNAL", String.valueOf(cause.getMessage()));
                }
            }
            else
            {
                send(ctx, 200, value);
            }
            return null;
        }));
    }

    /** Sealed batches and proofs are kept by the embedded node; a cluster member does not seal batches yet. */
    private Node embedded() throws Refusal
    {
        if (node instanceof Node embedded)
        {
            return embedded;
        }
        throw new Refusal(501, "NOT_SUPPORTED", "batches and proofs are served by an embedded node, not by a cluster " +
            "member");
    }

    private ObjectNode batchesSummary() throws Refusal
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

    private io.novation.node.batch.SealedBatch sealedBatch(final String number) throws Refusal
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
        final io.novation.node.batch.SealedBatch batch = embedded().batches().get(value);
        if (batch == null)
        {
            throw new Refusal(404, "UNKNOWN_BATCH", "no sealed batch " + number);
        }
        return batch;
    }

    private ObjectNode withdrawalProof(final String id) throws Refusal
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
        final io.novation.node.batch.SealedBatch batch = embedded().batches().findWithdrawal(withdrawalId);
        if (batch == null)
        {
            throw new Refusal(404, "UNKNOWN_WITHDRAWAL", "no sealed batch holds withdrawal " + id);
        }
        return batch.withdrawalProof(batch.indexOf(withdrawalId));
    }

    private ObjectNode state(final ClearingEngine engine)
    {
        final ClearingStateView state = engine.state();
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("sequence", state.sequence());
        body.put("durableSequence", node.durableSequence());
        body.put("time", state.time());
        body.put("stateRoot", Hex.encode(engine.stateRoot()));
        body.put("accounts", state.accounts().count());
        body.put("conservation", Conservation.holds(state));
        body.put("chainId", node.genesis().chainId());
        body.put("verifyingContract", node.genesis().verifyingContract().toString());
        body.put("domainSeparator", Hex.encode(engine.domainSeparator()));
        body.put("batchCount", state.batchCount());
        body.put("lastDepositId", state.lastDepositId());
        body.put("lastForcedRequestId", state.lastForcedRequestId());
        node.describe(body);
        return body;
    }

    private ArrayNode assets(final ClearingEngine engine)
    {
        final ArrayNode assets = Json.MAPPER.createArrayNode();
        final ClearingStateView state = engine.state();
        for (int i = 0; i < state.markets().assetCount(); i++)
        {
            final Asset asset = state.markets().asset(i);
            final ObjectNode node = assets.addObject();
            node.put("id", asset.id());
            node.put("symbol", asset.symbol());
            node.put("decimals", asset.decimals());
            node.put("oracle", asset.oracleId() < 0 ? null : state.oracles().name(asset.oracleId()));
            node.put("initialWeight", FixedPoint.formatDecimal(asset.initialWeightPpm(), 6));
            node.put("maintenanceWeight", FixedPoint.formatDecimal(asset.maintenanceWeightPpm(), 6));
            node.put("deposited", FixedPoint.formatDecimal(state.totalDeposited(i), asset.decimals()));
            node.put("withdrawn", FixedPoint.formatDecimal(state.totalWithdrawn(i), asset.decimals()));
        }
        return assets;
    }

    private Object market(final ClearingEngine engine, final String ticker)
    {
        final PerpetualMarket market = engine.state().markets().perpetualByTicker(ticker);
        if (market == null)
        {
            throw new CompletionException(new Refusal(404, "UNKNOWN_MARKET", "no market " + ticker));
        }
        return report.markets(engine.state()).get(market.id());
    }

    private ObjectNode insurance(final ClearingEngine engine)
    {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("insuranceFund", StateReport.quote(engine.state().insuranceFund()));
        final ObjectNode isolated = body.putObject("isolatedInsuranceFunds");
        for (int m = 0; m < engine.state().markets().perpetualCount(); m++)
        {
            final var market = engine.state().markets().perpetual(m);
            isolated.put(market.ticker(), StateReport.quote(market.isolatedInsuranceFund()));
        }
        body.put("feePool", StateReport.quote(engine.state().feePool()));
        body.put("badDebt", StateReport.quote(engine.state().badDebt()));
        return body;
    }

    /** The keepers' list, from the engine's health index (no scan of every subaccount). */
    private ObjectNode liquidatable(final ClearingEngine engine)
    {
        final ClearingStateView state = engine.state();
        final HealthIndexView index = engine.healthIndex();
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        final MarginFigures figures = new MarginFigures();
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("sequence", state.sequence());
        final ArrayNode list = body.putArray("subaccounts");
        for (int i = 0; i < index.liquidatableCount(); i++)
        {
            final Subaccount subaccount = index.liquidatable(i);
            final ObjectNode entry = list.addObject();
            entry.put("account", subaccount.account().owner().toString());
            entry.put("subaccount", subaccount.number());
            final ArrayNode positions = entry.putArray("positions");
            for (int p = 0; p < subaccount.positionCount(); p++)
            {
                final io.novation.core.market.Instrument market =
                    state.markets().instrument(subaccount.positionMarket(p));
                positions.addObject().put("market", market.ticker())
                    .put("kind", market instanceof io.novation.core.market.OptionSeries ? "option" : "perpetual")
                    .put("size", FixedPoint.formatDecimal(subaccount.positionSize(p), -market.atomicResolution()));
            }
            try
            {
                if (calculator.compute(subaccount, figures))
                {
                    entry.put("netCollateralMaintenance", StateReport.quote(figures.netCollateralMaintenance()));
                    entry.put("maintenanceMarginRequirement",
                        StateReport.quote(figures.maintenanceMarginRequirement()));
                }
            }
            catch (final ArithmeticException ex)
            {
                // Figures that do not fit 64 bits are left out; the subaccount is still listed.
            }
        }
        return body;
    }

    private Object account(final ClearingEngine engine, final Address owner)
    {
        final Account account = engine.state().accounts().find(owner);
        if (account == null)
        {
            throw new CompletionException(new Refusal(404, "UNKNOWN_ACCOUNT", "no account " + owner));
        }
        return report.account(engine.state(), account);
    }

    private Object subaccount(final ClearingEngine engine, final Address owner, final int number)
    {
        final Account account = engine.state().accounts().find(owner);
        final Subaccount subaccount = account == null ? null : account.subaccount(number);
        if (subaccount == null)
        {
            throw new CompletionException(new Refusal(404, "UNKNOWN_SUBACCOUNT", "no subaccount " + owner + "/" +
                number));
        }
        return report.subaccount(engine.state(), new MarginCalculator(engine.state().markets(),
            engine.state().oracles(), engine.state().volSurfaces()), subaccount);
    }

    private Object positions(final ClearingEngine engine, final Address owner)
    {
        final ObjectNode account = (ObjectNode)account(engine, owner);
        final ArrayNode positions = Json.MAPPER.createArrayNode();
        for (final JsonNode subaccount : account.get("subaccounts"))
        {
            final JsonNode list = subaccount.get("positions");
            if (list == null)
            {
                continue;
            }
            for (final JsonNode position : list)
            {
                final ObjectNode entry = ((ObjectNode)position).deepCopy();
                entry.put("subaccount", subaccount.get("number").asInt());
                for (final String figure : new String[] {"netCollateral", "initialMarginRequirement",
                    "maintenanceMarginRequirement", "freeCollateral", "liquidatable", "liquidationPrices"})
                {
                    if (subaccount.has(figure))
                    {
                        entry.set("subaccount" + Character.toUpperCase(figure.charAt(0)) + figure.substring(1),
                            subaccount.get(figure));
                    }
                }
                positions.add(entry);
            }
        }
        return positions;
    }

    private static Address address(final Context ctx) throws Refusal
    {
        try
        {
            return Address.parse(ctx.pathParam("address"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new Refusal(400, "INVALID_FIELD", "address: " + ex.getMessage());
        }
    }

    private static int subaccountNumber(final Context ctx) throws Refusal
    {
        try
        {
            final int number = Integer.parseInt(ctx.pathParam("number"));
            if (Subaccount.isValidNumber(number))
            {
                return number;
            }
        }
        catch (final NumberFormatException ex)
        {
            // Reported below.
        }
        throw new Refusal(400, "INVALID_SUBACCOUNT", "a subaccount number is in [0, 255]");
    }

    // ---------------------------------------------------------------- stream

    private void subscribe(final WsContext ctx)
    {
        final String from = ctx.queryParam("from");
        long after;
        try
        {
            after = from == null ? node.hub().lastSequence() : Long.parseLong(from);
        }
        catch (final NumberFormatException ex)
        {
            ctx.closeSession(1008, "INVALID_FIELD: from must be a sequence number");
            return;
        }
        if (after < 0 || after > node.hub().lastSequence())
        {
            ctx.closeSession(1008, "INVALID_FIELD: from must be in [0, " + node.hub().lastSequence() + "]");
            return;
        }
        final EventSubscriber subscriber = new EventSubscriber()
        {
            @Override
            public void send(final String json) throws Exception
            {
                ctx.session.getRemote().sendString(json);
            }

            @Override
            public void close(final String code, final String message)
            {
                ctx.closeSession(1001, code + ": " + message);
            }

            @Override
            public boolean isOpen()
            {
                return ctx.session.isOpen();
            }
        };
        subscribers.put(ctx, subscriber);
        node.hub().subscribe(subscriber, after);
    }

    private void unsubscribe(final WsContext ctx)
    {
        final EventSubscriber subscriber = subscribers.remove(ctx);
        if (subscriber != null)
        {
            node.hub().unsubscribe(subscriber);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private void refuse(final Context ctx, final Refusal refusal)
    {
        refuse(ctx, refusal, true);
    }

    private void refuse(final Context ctx, final Refusal refusal, final boolean count)
    {
        if (count)
        {
            node.metrics().refused(refusal.code());
        }
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("code", refusal.code());
        body.put("message", refusal.getMessage());
        if (refusal.index() >= 0)
        {
            body.put("index", refusal.index());
        }
        send(ctx, refusal.status(), body);
    }

    private void error(final Context ctx, final int status, final String code, final String message)
    {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        send(ctx, status, body);
    }

    private static int statusOf(final Exception ex)
    {
        if (ex instanceof Refusal refusal)
        {
            return refusal.status();
        }
        if (ex instanceof io.javalin.http.HttpResponseException response)
        {
            return response.getStatus();
        }
        return 500;
    }

    private static String codeOf(final Exception ex)
    {
        if (ex instanceof Refusal refusal)
        {
            return refusal.code();
        }
        if (ex instanceof io.javalin.http.HttpResponseException response)
        {
            return response.getStatus() == 413 ? "BODY_TOO_LARGE" : "HTTP_" + response.getStatus();
        }
        return "INTERNAL";
    }

    private static void send(final Context ctx, final int status, final Object body)
    {
        try
        {
            ctx.status(status).contentType(JSON).result(COMPACT.writeValueAsBytes(body));
        }
        catch (final JsonProcessingException ex)
        {
            ctx.status(500).contentType(JSON).result("{\"code\":\"INTERNAL\",\"message\":\"cannot serialize\"}");
        }
    }

    private static Throwable unwrap(final Throwable failure)
    {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException) &&
            cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static byte[] loadOpenApi()
    {
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.json"))
        {
            if (in == null)
            {
                return "{}".getBytes(StandardCharsets.UTF_8);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the OpenAPI document", ex);
        }
    }

    /**
     * The port the server listens on.
     *
     * @return the port.
     */
    public int port()
    {
        return app.port();
    }

    @Override
    public void close()
    {
        if (app != null)
        {
            app.stop();
        }
    }
}
