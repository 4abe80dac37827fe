package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.client.NovationClient;
import io.novation.client.Reply;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.EventSink;
import io.novation.node.json.CommandEncoder;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The venue's operator as the node sees it: it holds the governance and bridge keys of genesis and signs their
 * envelopes (configuration, funding, deposits), encodes every command in the JSON vocabulary against a replica of the
 * node's definitions, and sends batches to {@code POST /v1/commands/batch}, each command with its explicit time. It
 * counts what the node applied and rejected (by reason code) and keeps the latest simulated time it sent (epoch ms),
 * which keepers use as their clock.
 */
public final class Operator
{
    private static final int CHUNK = 2_000;

    private final NovationClient client;
    private final byte[] governanceKey;
    private final byte[] bridgeKey;
    private final byte[] domain;
    private final ClearingEngine definitions;
    private final CommandEncoder encoder;
    private final AtomicLong simulatedTime = new AtomicLong();
    private final AtomicLong envelopesSigned = new AtomicLong();
    private final Map<String, Long> rejections = new TreeMap<>();
    private long governanceNonce;
    private long depositId;
    private long applied;
    private long rejected;
    private long requests;

    /** The code of a command the node's reply has no result for. */
    public static final String NOT_ANSWERED = "NOT_ANSWERED";

    /**
     * What the node answered to a batch.
     *
     * @param lastSequence the sequence of its last command.
     * @param codes        per command: null when applied, else the rejection code ({@link #NOT_ANSWERED} when the
     *                     node's reply has no result for it).
     */
    public record Answer(long lastSequence, String[] codes)
    {
    }

    /**
     * An operator of a node.
     *
     * @param client        the node's client.
     * @param config        the engine configuration of the node's genesis (chain id, verifying contract).
     * @param governanceKey the governance private key.
     * @param bridgeKey     the bridge private key.
     */
    public Operator(final NovationClient client, final EngineConfig config, final byte[] governanceKey,
        final byte[] bridgeKey)
    {
        this.client = client;
        this.governanceKey = governanceKey.clone();
        this.bridgeKey = bridgeKey.clone();
        this.definitions = new ClearingEngine(config.withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
        this.encoder = new CommandEncoder(definitions.state());
        this.domain = definitions.domainSeparator();
    }

    /**
     * The EIP-712 domain separator of the node's genesis.
     *
     * @return 32 bytes.
     */
    public byte[] domain()
    {
        return domain.clone();
    }

    /**
     * The node's client.
     *
     * @return the client.
     */
    public NovationClient client()
    {
        return client;
    }

    /**
     * The latest time sent.
     *
     * @return epoch ms.
     */
    public long simulatedTime()
    {
        return simulatedTime.get();
    }

    /**
     * A command signed by the governance key, with the next governance nonce; definitions also go to the replica.
     *
     * @param command the command.
     * @return its JSON with the envelope.
     */
    public ObjectNode governance(final Command command)
    {
        final long nonce = ++governanceNonce;
        final ObjectNode json = encoder.encode(command, true);
        if (command instanceof CreatePerpetual || command instanceof RegisterOraclePublisher ||
            command instanceof CreateOptionSeries)
        {
            definitions.apply(command);
        }
        envelopesSigned.incrementAndGet();
        return CommandEncoder.withAuthority(json, nonce, Authority.sign(domain, nonce, command, governanceKey));
    }

    /**
     * Deposits of USDC into subaccounts 0, signed by the bridge (in parallel), with consecutive deposit ids.
     *
     * @param accounts the owners.
     * @param amounts  quote quantums, one per owner.
     * @param time     epoch ms of the first; each next one a millisecond later.
     * @return their JSON with the envelopes, in order.
     */
    public List<ObjectNode> deposits(final List<Address> accounts, final long[] amounts, final long time)
    {
        final long firstId = depositId + 1;
        depositId += accounts.size();
        envelopesSigned.addAndGet(accounts.size());
        return IntStream.range(0, accounts.size()).parallel().mapToObj(i ->
        {
            final Deposit deposit = new Deposit(time + i, accounts.get(i), 0, 0, amounts[i], firstId + i);
            return CommandEncoder.withAuthority(encoder.encode(deposit, true), 0,
                Authority.sign(domain, 0, deposit, bridgeKey));
        }).collect(Collectors.toList());
    }

    /**
     * A command signed by its owners (orders, price reports) in JSON.
     *
     * @param command the command.
     * @return its JSON, with its time.
     */
    public ObjectNode encode(final Command command)
    {
        return encoder.encode(command, true);
    }

    /**
     * Sends commands in batches of at most 2,000 and waits until they are durable. A refused batch (a command the
     * node would not sequence) is an error: the demo sends only well-formed, well-signed commands. A full queue is
     * retried.
     *
     * @param commands the commands, in time order.
     * @return the node's answer; an empty list answers with the last sequence unknown (0).
     * @throws IOException when the node cannot be reached or refuses a batch.
     */
    public Answer send(final List<ObjectNode> commands) throws IOException
    {
        final String[] codes = new String[commands.size()];
        // A command the node's reply leaves out stays unanswered, never counted as applied.
        java.util.Arrays.fill(codes, NOT_ANSWERED);
        long last = 0;
        for (int from = 0; from < commands.size(); from += CHUNK)
        {
            final int to = Math.min(commands.size(), from + CHUNK);
            final ArrayNode batch = Json.MAPPER.createArrayNode();
            for (int i = from; i < to; i++)
            {
                batch.add(commands.get(i));
                simulatedTime.accumulateAndGet(commands.get(i).path("time").asLong(), Math::max);
            }
            Reply reply = client.submitBatch(batch);
            requests++;
            for (int attempt = 0; reply.status() == 503 && attempt < 50; attempt++)
            {
                sleep(20);
                reply = client.submitBatch(batch);
                requests++;
            }
            if (reply.status() != 200)
            {
                throw new IOException("the node refused a batch: " + reply.status() + " " + reply.body());
            }
            final JsonNode results = reply.body().path("results");
            for (int i = 0; i < results.size(); i++)
            {
                final JsonNode result = results.get(i);
                final String status = result.path("status").asText();
                if ("applied".equals(status))
                {
                    codes[from + i] = null;
                    applied++;
                }
                else
                {
                    final String code = result.path("code").asText("UNKNOWN");
                    codes[from + i] = code;
                    rejected++;
                    rejections.merge(code, 1L, Long::sum);
                }
                last = Math.max(last, result.path("sequence").asLong());
            }
        }
        return new Answer(last, codes);
    }

    private static void sleep(final long ms) throws IOException
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }

    /**
     * Commands the node applied.
     *
     * @return a count.
     */
    public long applied()
    {
        return applied;
    }

    /**
     * Commands the node rejected (sequenced, state unchanged) or refused at sequencing.
     *
     * @return a count.
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * Rejections by reason code.
     *
     * @return code to count.
     */
    public Map<String, Long> rejections()
    {
        return new TreeMap<>(rejections);
    }

    /**
     * Governance and bridge envelopes signed.
     *
     * @return a count.
     */
    public long envelopesSigned()
    {
        return envelopesSigned.get();
    }

    /**
     * Batch requests sent.
     *
     * @return a count.
     */
    public long requests()
    {
        return requests;
    }
}
