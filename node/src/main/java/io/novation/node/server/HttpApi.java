package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.novation.core.account.Address;
import io.novation.node.history.HistoryEndpoints;
import io.novation.node.history.HistoryKind;
import io.novation.node.json.AccountDirectory;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The HTTP/JSON and WebSocket API of a node, versioned under {@code /v1}, on an embedded Javalin (Jetty) server: the
 * route table, over command submission ({@link CommandSubmission} into the {@link SubmissionPipeline}, and the
 * binary feed {@link BinaryFeed} into the same pipeline), the reads
 * ({@link StateQueries}, {@link AccountQueries}, {@link BatchQueries}, run on the engine thread between groups of
 * commands, so they see a consistent, durable state), the event stream ({@link EventStream}) and the error mapping
 * ({@link ErrorMapping}: every error is JSON {@code {"code": "...", "message": "..."}} with a 4xx or 5xx status),
 * within the {@link HttpLimits} (timeouts, header and connection limits, per client address too, and a deadline on
 * each response's write) and the configured body limit.
 */
public final class HttpApi implements AutoCloseable
{
    private final EngineHost host;
    private final NodeConfig config;
    private final List<Route> routes = new ArrayList<>();
    private final ErrorMapping errors;
    private final JsonReplies replies;
    private final CommandSubmission commands;
    private final StateQueries state;
    private final AccountQueries accounts;
    private final BatchQueries batches;
    private final EventStream stream;
    private final BinaryFeed feed;
    private final HistoryEndpoints history;
    private final byte[] openApi;
    private final HttpLimits limits;
    private final ResponseDeadline deadline;
    private Javalin app;

    /**
     * An API over an engine host with a submission pipeline of its own; call {@link #start()} to listen.
     *
     * @param host   the host of the engine.
     * @param config where to listen and the request limits.
     */
    public HttpApi(final EngineHost host, final NodeConfig config)
    {
        this(host, config, new SubmissionPipeline(host, config.workers(), config.admission()));
    }

    /**
     * An API over an engine host that submits through a given pipeline; call {@link #start()} to listen.
     *
     * @param host     the host of the engine.
     * @param config   where to listen and the request limits.
     * @param pipeline the host's submission pipeline.
     */
    public HttpApi(final EngineHost host, final NodeConfig config, final SubmissionPipeline pipeline)
    {
        this.host = host;
        this.config = config;
        this.errors = new ErrorMapping(host.metrics());
        this.replies = new JsonReplies(host, errors);
        this.limits = config.http();
        this.deadline = new ResponseDeadline(limits.writeTimeoutMs(), host.metrics());
        this.commands = new CommandSubmission(pipeline, config, limits, errors, replies.replyThreads());
        final StateReport report = new StateReport(host.engine(), new AccountDirectory());
        this.state = new StateQueries(host, report);
        this.accounts = new AccountQueries(report);
        this.batches = new BatchQueries(host, errors, replies.replyThreads());
        this.stream = new EventStream(host);
        this.feed = new BinaryFeed(host, pipeline, config.maxBodyBytes(), config.maxBatch(),
            limits.idleTimeoutMs());
        this.history = new HistoryEndpoints(host::history);
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
            final QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(8,
                limits.maxThreads()), 60_000);
            threads.setName("novation-http");
            javalin.jetty.threadPool = threads;
            javalin.jetty.modifyHttpConfiguration(http ->
            {
                http.setRequestHeaderSize(limits.headerBytes());
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            javalin.jetty.addConnector((server, http) ->
            {
                final ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(config.host());
                connector.setPort(config.port());
                connector.setIdleTimeout(limits.idleTimeoutMs());
                connector.addBean(new ClientConnectionLimit(limits.maxConnectionsPerIp(), host.metrics()));
                connector.addBean(deadline);
                return connector;
            });
            javalin.jetty.modifyServer(server ->
            {
                server.setErrorHandler(new JsonErrorHandler());
                server.addBean(new ConnectionLimit(limits.maxConnections(), server));
            });
            javalin.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
        });
        app.exception(Exception.class, (ex, ctx) -> errors.exception(ctx, ex));
        for (final int status : new int[] {400, 408, 413, 414, 431, 500, 503})
        {
            app.error(status, ctx ->
            {
                if (ctx.result() == null || !ctx.result().startsWith("{"))
                {
                    errors.error(ctx, status, JsonErrorHandler.code(status), JsonErrorHandler.message(status));
                }
            });
        }
        app.error(404, ctx ->
        {
            if (ctx.result() == null || !ctx.result().startsWith("{"))
            {
                errors.error(ctx, 404, "NOT_FOUND", "no route " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> errors.error(ctx, 405, "METHOD_NOT_ALLOWED", "no route " + ctx.method() + " " +
            ctx.path()));
        get("/health", this::health);
        get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(host.metrics().toPrometheus()));
        get("/v1/openapi.json", ctx -> ctx.contentType(JsonReplies.JSON).result(openApi));
        post("/v1/commands", ctx -> commands.submit(ctx, false));
        post("/v1/commands/batch", ctx -> commands.submit(ctx, true));
        get("/v1/state", ctx -> replies.read(ctx, state::state));
        get("/v1/assets", ctx -> replies.read(ctx, state::assets));
        get("/v1/markets", ctx -> replies.read(ctx, state::markets));
        get("/v1/markets/{ticker}", ctx -> replies.read(ctx, engine -> state.market(engine, ctx.pathParam("ticker"))));
        get("/v1/oracles", ctx -> replies.read(ctx, state::oracles));
        get("/v1/options", ctx -> replies.read(ctx, state::optionSeries));
        get("/v1/insurance", ctx -> replies.read(ctx, state::insurance));
        get("/v1/liquidatable", ctx -> replies.read(ctx, state::liquidatable));
        get("/v1/governance/pending", ctx -> replies.read(ctx, engine -> GovernanceQueries.pending(engine, host)));
        get("/v1/accounts/{address}", ctx ->
        {
            final Address owner = AccountQueries.address(ctx);
            replies.read(ctx, engine -> accounts.account(engine, owner));
        });
        get("/v1/accounts/{address}/subaccounts/{number}", ctx ->
        {
            final Address owner = AccountQueries.address(ctx);
            final int number = AccountQueries.subaccountNumber(ctx);
            replies.read(ctx, engine -> accounts.subaccount(engine, owner, number));
        });
        get("/v1/accounts/{address}/positions", ctx ->
        {
            final Address owner = AccountQueries.address(ctx);
            replies.read(ctx, engine -> accounts.positions(engine, owner));
        });
        get("/v1/batches", ctx -> JsonReplies.send(ctx, 200, batches.summary()));
        get("/v1/batches/{number}", ctx -> JsonReplies.send(ctx, 200,
            batches.batch(ctx.pathParam("number")).toJson()));
        get("/v1/proofs/withdrawals/{id}", ctx -> JsonReplies.send(ctx, 200,
            batches.withdrawalProof(ctx.pathParam("id"))));
        get("/v1/proofs/accounts/{address}", ctx -> batches.accountProof(ctx, AccountQueries.address(ctx)));
        get("/v1/solvency/{number}/inclusion/{address}", ctx -> batches.solvencyInclusion(ctx,
            ctx.pathParam("number"), AccountQueries.address(ctx)));
        get("/v1/accounts/{address}/history/fills", ctx -> send(ctx, history.account(ctx, HistoryKind.FILLS)));
        get("/v1/accounts/{address}/history/funding", ctx -> send(ctx, history.account(ctx, HistoryKind.FUNDING)));
        get("/v1/accounts/{address}/history/liquidations", ctx -> send(ctx, history.account(ctx,
            HistoryKind.LIQUIDATIONS)));
        get("/v1/accounts/{address}/history/transfers", ctx -> send(ctx, history.account(ctx,
            HistoryKind.TRANSFERS)));
        get("/v1/accounts/{address}/history/pnl", ctx -> send(ctx, history.account(ctx, HistoryKind.PNL)));
        get("/v1/accounts/{address}/history/block-trades", ctx -> send(ctx, history.account(ctx,
            HistoryKind.BLOCK_TRADES)));
        get("/v1/markets/{ticker}/candles", ctx -> send(ctx, history.candles(ctx)));
        routes.add(new Route("WS", "/v1/stream"));
        app.ws("/v1/stream", stream::configure);
        routes.add(new Route("WS", "/v1/feed"));
        app.ws("/v1/feed", feed::configure);
        app.start();
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

    private static void send(final Context ctx, final ObjectNode body)
    {
        JsonReplies.send(ctx, 200, body);
    }

    private void health(final Context ctx)
    {
        final ObjectNode body = Json.MAPPER.createObjectNode();
        final boolean healthy = host.healthy();
        body.put("status", healthy ? "ok" : "failed");
        body.put("sequence", host.sequence());
        body.put("durableSequence", host.durableSequence());
        host.describe(body);
        JsonReplies.send(ctx, healthy ? 200 : 503, body);
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
        replies.close();
        deadline.close();
    }
}
