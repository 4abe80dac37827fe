package io.novation.node.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.PriceReport;
import io.novation.core.crypto.Secp256k1;
import io.novation.node.json.Json;
import io.novation.node.server.Venue;
import io.novation.node.server.RawClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.novation.node.chaos.ChaosNode.ATTACKER;
import static io.novation.node.chaos.ChaosNode.HONEST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's findings 4 and 8 against one real node process (one verifier thread, admission limits raised by flag
 * so the flood reaches verification): what an unauthenticated sender does moves no shared state and costs no
 * journal space, and a legitimate command is not queued behind a flood of badly signed ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnonymousTrafficChaosTest
{
    private static final long FUTURE_MS = 59_000;
    private static final int FLOOD_BATCH = 2_500;

    private final Venue venue = new Venue(System.currentTimeMillis() - 60_000);
    private ChaosNode node;

    @BeforeAll
    void start(@TempDir final Path dataDir) throws Exception
    {
        node = ChaosNode.start(dataDir, "512m", "--workers", "1", "--ip-burst", "1000000000000", "--ip-per-second",
            "1000000000000", "--account-burst", "1000000000000", "--account-per-second", "1000000000000");
        for (final ObjectNode command : venue.genesis())
        {
            assertThat(node.post(HONEST, "/v1/commands", command.toString()).status()).isEqualTo(200);
        }
        for (final String name : List.of("alice", "bob"))
        {
            assertThat(node.post(HONEST, "/v1/commands", venue.deposit(name, 1_000_000).toString()).status())
                .isEqualTo(200);
        }
        assertThat(node.post(HONEST, "/v1/commands", venue.price(60_000).toString()).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception
    {
        if (node != null)
        {
            node.close();
        }
    }

    /**
     * Finding 4. Before its defences an {@code oraclePrice} relay with one report signed by an unregistered throwaway key
     * and a time 59.5 s ahead was rejected yet moved the sequencer clock: honest withdrawals right after got
     * {@code TIME_NOT_MONOTONIC}. Now neither that relay nor one short of quorum moves the clock: the honest
     * withdrawal right after is applied at a time before the pushed one, and so is the next honest price round.
     */
    @Test
    void shouldNotLetAnonymousRelaysAMinuteAheadMoveTheClock()
    {
        final long pushedTime = System.currentTimeMillis() + FUTURE_MS;
        final RawClients.Reply forged = node.post(ATTACKER, "/v1/commands",
            venue.encoder.encode(forgedRelay(pushedTime, 1), true).toString());
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(forged.json().path("code").asText()).isEqualTo("UNREGISTERED_PUBLISHERS");
        final OraclePrice round = venue.round(60_000);
        final OraclePrice shortOfQuorum = new OraclePrice(pushedTime, 0, List.of(round.reports().get(0)));
        final RawClients.Reply pushed = node.post(ATTACKER, "/v1/commands",
            venue.encoder.encode(shortOfQuorum, true).toString());
        assertThat(pushed.body()).doesNotContain("\"applied\"");

        final RawClients.Reply withdrawal = node.post(HONEST, "/v1/commands", venue.withdraw("alice", 10).toString());
        assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(200);
        assertThat(withdrawal.json().path("status").asText()).as(withdrawal.body()).isEqualTo("applied");
        assertThat(withdrawal.json().path("time").asLong()).isLessThan(pushedTime);
        final RawClients.Reply honestRound = node.post(HONEST, "/v1/commands", venue.price(61_000).toString());
        assertThat(honestRound.json().path("status").asText()).as(honestRound.body()).isEqualTo("applied");
    }

    /**
     * Finding 8, first half. Before its defences rejected anonymous relays were journaled: 3 batches of 10,000 forged
     * reports wrote 30,000 records (4.5 MB). Now they are refused before sequencing: 3 batches of 2,000 leave the
     * journal's bytes and the sequence as they were.
     */
    @Test
    void shouldSpendNoJournalSpaceOnForgedAnonymousRelays() throws Exception
    {
        final ArrayNode flood = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 2_000; i++)
        {
            flood.add(venue.encoder.encode(forgedRelay(System.currentTimeMillis(), i + 2), true));
        }
        final long sequence = node.sequence();
        final long journal = node.journalBytes();
        for (int b = 0; b < 3; b++)
        {
            final RawClients.Reply refused = node.post(ATTACKER, "/v1/commands/batch", flood.toString());
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("code").asText()).isEqualTo("UNREGISTERED_PUBLISHERS");
        }
        assertThat(node.sequence()).isEqualTo(sequence);
        assertThat(node.journalBytes()).isEqualTo(journal);
    }

    /**
     * Finding 8, second half. Before its defences, 4 batches of 10,000 withdrawals with one bad signature each made a
     * legitimate command wait 3.9 s behind them in one verification queue. Now a single command is verified ahead
     * of the batches: with four batches of 2,500 filling the one verifier, the legitimate withdrawal is applied
     * before all of them are answered (each batch is refused whole, 403 at the bad index).
     */
    @Test
    void shouldApplyALegitimateCommandWhileASignatureFloodIsBeingVerified() throws Exception
    {
        final ObjectNode signed = venue.withdraw("bob", 10);
        final ObjectNode tampered = signed.deepCopy().put("amount", "11");
        final ArrayNode batch = Json.MAPPER.createArrayNode();
        for (int i = 0; i < FLOOD_BATCH - 1; i++)
        {
            batch.add(signed);
        }
        batch.add(tampered);
        final String body = batch.toString();
        final long sequence = node.sequence();
        final AtomicInteger floodsAnswered = new AtomicInteger();
        final List<CompletableFuture<RawClients.Reply>> floods = new ArrayList<>();
        for (int b = 0; b < 4; b++)
        {
            floods.add(CompletableFuture.supplyAsync(() ->
            {
                final RawClients.Reply reply = node.post(ATTACKER, "/v1/commands/batch", body);
                floodsAnswered.incrementAndGet();
                return reply;
            }));
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.metric("novation_admission_verifying_commands") < 2 * FLOOD_BATCH)
        {
            assertThat(System.nanoTime()).as("the flood never filled verification").isLessThan(deadline);
            Thread.sleep(5);
        }
        final RawClients.Reply honest = node.post(HONEST, "/v1/commands", venue.withdraw("alice", 1).toString());
        final int answeredBefore = floodsAnswered.get();
        assertThat(honest.json().path("status").asText()).as(honest.body()).isEqualTo("applied");
        assertThat(answeredBefore).as("flood requests answered before the legitimate one").isLessThan(4);
        for (final CompletableFuture<RawClients.Reply> flood : floods)
        {
            final RawClients.Reply reply = flood.get(60, TimeUnit.SECONDS);
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.json().path("code").asText()).isEqualTo("BAD_SIGNATURE");
        }
        assertThat(node.sequence()).isEqualTo(sequence + 1);
    }

    /** A round of one report signed by a throwaway key that names itself as publisher. */
    private static OraclePrice forgedRelay(final long time, final int seed)
    {
        final byte[] throwaway = new byte[Secp256k1.PRIVATE_KEY_LENGTH];
        throwaway[0] = 1;
        throwaway[31] = (byte)seed;
        throwaway[30] = (byte)(seed >> 8);
        final PriceReport unsigned = new PriceReport(0, 60_000_000_000L, time,
            Address.of(Secp256k1.addressOf(throwaway)), null);
        final byte[] domain = new Venue(time).domain;
        return new OraclePrice(time, 0, List.of(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain),
            throwaway))));
    }
}
