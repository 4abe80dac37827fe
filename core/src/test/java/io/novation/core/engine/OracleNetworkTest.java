package io.novation.core.engine;

import io.novation.core.command.OraclePrice;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.event.ReportRejectReason;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ETH_ORACLE;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle network through the engine: signed rounds, quorum and median, per-report rejections, the deviation
 * guard, heartbeat staleness with its market status changes, and margin on a stale price.
 */
class OracleNetworkTest
{
    private static final String[] FIVE = {"oracle-a", "oracle-b", "oracle-c", "oracle-d", "oracle-e"};
    private EngineFixture fx = new EngineFixture();

    /** Lists BTC's oracle with five publishers: registered before its first price, while that is immediate. */
    private void listFivePublishers()
    {
        fx = new EngineFixture(this::registerFivePublishers);
    }

    private void registerFivePublishers(final EngineFixture fixture)
    {
        assertThat(fixture.apply(new RegisterOraclePublisher(fixture.tick(), BTC_ORACLE, address("oracle-d"))))
            .isTrue();
        assertThat(fixture.apply(new RegisterOraclePublisher(fixture.tick(), BTC_ORACLE, address("oracle-e"))))
            .isTrue();
    }

    private OraclePrice round(final long at, final String[] publishers, final long... usd)
    {
        final List<PriceReport> reports = new ArrayList<>();
        for (int i = 0; i < publishers.length; i++)
        {
            reports.add(fx.report(publishers[i], BTC_ORACLE, usd[i] * BTC_USD, at));
        }
        return new OraclePrice(at, BTC_ORACLE, reports);
    }

    private long btcIndex()
    {
        return fx.engine.state().oracles().price(BTC_ORACLE);
    }

    private <T extends Event> List<T> eventsOf(final Class<T> type)
    {
        final List<T> found = new ArrayList<>();
        for (final Event event : fx.events.events())
        {
            if (type.isInstance(event))
            {
                found.add(type.cast(event));
            }
        }
        return found;
    }

    @Test
    void shouldAcceptMedianOfQuorumOfSignedReports()
    {
        listFivePublishers();
        assertThat(fx.apply(round(fx.tick(), FIVE, 60_100, 59_900, 60_050, 60_300, 59_000))).isTrue();
        assertThat(btcIndex()).isEqualTo(60_050 * BTC_USD);
        final Event.OraclePriceUpdated updated = (Event.OraclePriceUpdated)fx.events.last();
        assertThat(updated.price()).isEqualTo(60_050 * BTC_USD);
        assertThat(updated.time()).isEqualTo(fx.now());
    }

    @Test
    void shouldTakeLowerMeanOfTwoMiddlesForEvenCount()
    {
        listFivePublishers();
        assertThat(fx.apply(round(fx.tick(), new String[] {"oracle-a", "oracle-b", "oracle-c", "oracle-d"},
            60_000, 60_003, 60_010, 59_990))).isTrue();
        // Sorted 59,990 / 60,000 / 60,003 / 60,010: the mean of 60,000 and 60,003 rounded down.
        assertThat(btcIndex()).isEqualTo(60_001 * BTC_USD + BTC_USD / 2);
    }

    @Property(tries = 60)
    void shouldKeepIndexWithinHonestRangeWhenTwoOfFiveLie(
        @ForAll @LongRange(min = -1_000_000_000_000L, max = 10_000_000_000_000L) final long firstLie,
        @ForAll @LongRange(min = -1_000_000_000_000L, max = 10_000_000_000_000L) final long secondLie,
        @ForAll @IntRange(min = -300, max = 300) final int firstNoise,
        @ForAll @IntRange(min = -300, max = 300) final int secondNoise,
        @ForAll @IntRange(min = -300, max = 300) final int thirdNoise)
    {
        final EngineFixture fixture = new EngineFixture(this::registerFivePublishers);
        final long at = fixture.tick();
        final long[] honest = {
            60_000 * BTC_USD + firstNoise * BTC_USD, 60_000 * BTC_USD + secondNoise * BTC_USD,
            60_000 * BTC_USD + thirdNoise * BTC_USD};
        final List<PriceReport> reports = new ArrayList<>();
        reports.add(fixture.report("oracle-d", BTC_ORACLE, firstLie, at));
        reports.add(fixture.report("oracle-a", BTC_ORACLE, honest[0], at));
        reports.add(fixture.report("oracle-e", BTC_ORACLE, secondLie, at));
        reports.add(fixture.report("oracle-b", BTC_ORACLE, honest[1], at));
        reports.add(fixture.report("oracle-c", BTC_ORACLE, honest[2], at));
        assertThat(fixture.apply(new OraclePrice(at, BTC_ORACLE, reports))).as("three honest reports are a quorum")
            .isTrue();
        final long index = fixture.engine.state().oracles().price(BTC_ORACLE);
        final long low = Math.min(honest[0], Math.min(honest[1], honest[2]));
        final long high = Math.max(honest[0], Math.max(honest[1], honest[2]));
        assertThat(index).isBetween(low, high);
    }

    @Test
    void shouldDropInvalidReportsWithReasonsAndAcceptTheRemainingQuorum()
    {
        listFivePublishers();
        final long at = fx.advance(70_000);
        final PriceReport forged = new PriceReport(BTC_ORACLE, 90_000 * BTC_USD, at, address("oracle-d"), null);
        final List<PriceReport> reports = List.of(
            fx.report("oracle-a", BTC_ORACLE, 60_010 * BTC_USD, at),
            fx.report("mallory", BTC_ORACLE, 1 * BTC_USD, at),
            forged.withSignature(Secp256k1.sign(forged.digest(fx.engine.domainSeparator()),
                EngineFixture.key("mallory"))),
            fx.report("oracle-b", BTC_ORACLE, 60_020 * BTC_USD, at),
            fx.report("oracle-b", BTC_ORACLE, 60_500 * BTC_USD, at - 1),
            fx.report("oracle-e", BTC_ORACLE, 60_000 * BTC_USD, at + 5_001),
            fx.report("oracle-d", BTC_ORACLE, 60_000 * BTC_USD, at - 60_001),
            fx.report("oracle-e", ETH_ORACLE, 60_000 * BTC_USD, at),
            fx.report("oracle-c", BTC_ORACLE, 60_030 * BTC_USD, at - 60_000));
        assertThat(fx.apply(new OraclePrice(at, BTC_ORACLE, reports))).isTrue();
        assertThat(btcIndex()).isEqualTo(60_020 * BTC_USD);
        assertThat(eventsOf(Event.OracleReportRejected.class)).extracting(Event.OracleReportRejected::index,
            Event.OracleReportRejected::reason).containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, ReportRejectReason.UNKNOWN_PUBLISHER),
            org.assertj.core.groups.Tuple.tuple(2, ReportRejectReason.BAD_SIGNATURE),
            org.assertj.core.groups.Tuple.tuple(4, ReportRejectReason.DUPLICATE_PUBLISHER),
            org.assertj.core.groups.Tuple.tuple(5, ReportRejectReason.FUTURE_DATED),
            org.assertj.core.groups.Tuple.tuple(6, ReportRejectReason.OUT_OF_WINDOW),
            org.assertj.core.groups.Tuple.tuple(7, ReportRejectReason.WRONG_ORACLE));
    }

    @Test
    void shouldRejectRoundWithoutQuorumAndChangeNothing()
    {
        final byte[] root = fx.engine.stateRoot();
        final long at = fx.tick();
        final List<PriceReport> reports = List.of(
            fx.report("oracle-a", BTC_ORACLE, 30_000 * BTC_USD, at),
            fx.report("oracle-b", BTC_ORACLE, 30_000 * BTC_USD, at),
            fx.report("oracle-a", BTC_ORACLE, 30_000 * BTC_USD, at),
            fx.report("mallory", BTC_ORACLE, 30_000 * BTC_USD, at));
        assertThat(fx.apply(new OraclePrice(at, BTC_ORACLE, reports))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NO_QUORUM);
        assertThat(fx.lastRejection().message()).contains("DUPLICATE_PUBLISHER").contains("UNKNOWN_PUBLISHER");
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(btcIndex()).isEqualTo(60_000 * BTC_USD);
    }

    @Test
    void shouldNotCountReplayedReports()
    {
        final OraclePrice first = fx.priceRound(fx.tick(), BTC_ORACLE, 61_000 * BTC_USD);
        assertThat(fx.apply(first)).isTrue();
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new OraclePrice(fx.tick(), BTC_ORACLE, first.reports()))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NO_QUORUM);
        assertThat(fx.lastRejection().message()).contains("NOT_NEWER");
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldHoldJumpBeyondThresholdUntilFollowingRoundConfirmsIt()
    {
        assertThat(fx.btcPrice(70_000)).as("a held round is applied").isTrue();
        assertThat(btcIndex()).isEqualTo(60_000 * BTC_USD);
        final Event.OraclePriceHeld held = (Event.OraclePriceHeld)fx.events.last();
        assertThat(held.price()).isEqualTo(70_000 * BTC_USD);
        assertThat(held.lastPrice()).isEqualTo(60_000 * BTC_USD);
        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).heldPrice()).isEqualTo(70_000 * BTC_USD);

        assertThat(fx.btcPrice(70_500)).isTrue();
        assertThat(btcIndex()).as("confirmed by the next round").isEqualTo(70_500 * BTC_USD);
        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).heldPrice()).isZero();
    }

    @Test
    void shouldNotConfirmHeldJumpWithRoundThatDisagrees()
    {
        assertThat(fx.btcPrice(70_000)).isTrue();
        assertThat(fx.btcPrice(40_000)).isTrue();
        assertThat(btcIndex()).isEqualTo(60_000 * BTC_USD);
        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).heldPrice()).isEqualTo(40_000 * BTC_USD);
        assertThat(fx.btcPrice(60_500)).as("back within the threshold of the last price").isTrue();
        assertThat(btcIndex()).isEqualTo(60_500 * BTC_USD);
    }

    @Test
    void shouldAcceptJumpSignedByJumpQuorumAtOnce()
    {
        listFivePublishers();
        assertThat(fx.apply(round(fx.tick(), FIVE, 70_000, 70_000, 70_010, 69_990, 70_000))).isTrue();
        assertThat(btcIndex()).isEqualTo(70_000 * BTC_USD);
    }

    @Test
    void shouldMakeSilentFeedStaleAfterHeartbeatHaltedLaterAndFreshOnNextQuorum()
    {
        final OracleParameters parameters = OracleParameters.DEFAULTS;
        final long acceptedAt = fx.engine.state().oracles().updatedAt(BTC_ORACLE);
        fx.advance(acceptedAt + parameters.heartbeatMs() - 1 - fx.now());
        assertThat(fx.depositUsdc("alice", 0, 1)).isTrue();
        assertThat(fx.engine.state().oracles().isStale(BTC_ORACLE, fx.now())).as("at the heartbeat").isFalse();
        assertThat(eventsOf(Event.MarketStatusChanged.class)).isEmpty();

        assertThat(fx.depositUsdc("alice", 0, 1)).isTrue();
        assertThat(fx.engine.state().oracles().isStale(BTC_ORACLE, fx.now())).isTrue();
        assertThat(eventsOf(Event.MarketStatusChanged.class)).extracting(Event.MarketStatusChanged::marketId,
            Event.MarketStatusChanged::status).contains(org.assertj.core.groups.Tuple.tuple(BTC,
            MarketStatus.REDUCE_ONLY));

        fx.advance(parameters.haltAfterMs());
        assertThat(fx.depositUsdc("alice", 0, 1)).isTrue();
        assertThat(fx.events.events()).anySatisfy(e -> assertThat(e).isEqualTo(
            new Event.MarketStatusChanged(fx.engine.state().sequence(), BTC, MarketStatus.HALTED)));

        assertThat(fx.btcPrice(60_100)).isTrue();
        assertThat(fx.engine.state().oracles().isStale(BTC_ORACLE, fx.now())).isFalse();
        assertThat(fx.events.events()).anySatisfy(e -> assertThat(e).isEqualTo(
            new Event.MarketStatusChanged(fx.engine.state().sequence(), BTC, MarketStatus.ACTIVE)));
    }

    @Test
    void shouldRefuseRiskRaisingTradesOnStaleMarketButAllowReducingOnes()
    {
        assertThat(fx.depositUsdc("alice", 0, 10_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 10_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 2_000, 60_000)).isTrue();
        fx.advance(OracleParameters.DEFAULTS.heartbeatMs() + 1);
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.tradeBtc("alice", "bob", true, 1_000, 60_000)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.STALE_ORACLE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.tradeBtc("alice", "bob", false, 1_000, 60_000)).as("reducing both positions").isTrue();
    }

    @Test
    void shouldAllowWithdrawalCoveredAtWorstEdgeOfStaleBand()
    {
        assertThat(fx.depositUsdc("alice", 0, 10_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 10_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 5_000, 60_000)).isTrue();
        // Five minutes past the heartbeat the band is 1 % + 5 × 1 % = 6 %: alice's long is valued at 56,400.
        // Net collateral 10,003 − 0.5 × 3,600 = 8,203; IMR 5 % of 28,200 = 1,410; 6,793 is free (8,503 when fresh).
        final long acceptedAt = fx.engine.state().oracles().updatedAt(BTC_ORACLE);
        fx.advance(acceptedAt + OracleParameters.DEFAULTS.heartbeatMs() + 5 * 60_000 - 2 - fx.now());
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 6_800 * USDC, 1))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 6_790 * USDC, 1))).isTrue();
        assertThat(fx.engine.state().oracles().marginPrice(BTC_ORACLE, 1)).isEqualTo(56_400 * BTC_USD);
        assertThat(fx.engine.state().oracles().marginPrice(BTC_ORACLE, -1)).isEqualTo(63_600 * BTC_USD);
    }

    @Test
    void shouldApplyGovernanceParametersAndRejectUnknownOracleOrDuplicatePublisher()
    {
        final OracleParameters tight = new OracleParameters(2, 30_000, 1_000, 60_000, 300_000, 50_000, 3,
            5_000, 5_000, 100_000);
        fx = new EngineFixture(listing -> assertThat(listing.apply(new SetOracleParameters(listing.tick(), BTC_ORACLE,
            tight))).isTrue());
        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).parameters()).isEqualTo(tight);
        final long at = fx.tick();
        assertThat(fx.apply(new OraclePrice(at, BTC_ORACLE, List.of(
            fx.report("oracle-a", BTC_ORACLE, 60_100 * BTC_USD, at),
            fx.report("oracle-b", BTC_ORACLE, 60_200 * BTC_USD, at))))).as("quorum 2").isTrue();
        assertThat(btcIndex()).isEqualTo(60_150 * BTC_USD);
        assertThat(fx.apply(new RegisterOraclePublisher(fx.tick(), 9, address("oracle-z")))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_ORACLE);
        assertThat(fx.apply(new RegisterOraclePublisher(fx.tick(), BTC_ORACLE, address("oracle-a")))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.DUPLICATE_DEFINITION);
    }

    @Test
    void shouldCommitOracleStateToTheRoot()
    {
        assertThat(new EngineFixture().engine.stateRoot()).isEqualTo(fx.engine.stateRoot());
        final EngineFixture other = new EngineFixture(listing -> assertThat(listing.apply(new RegisterOraclePublisher(
            listing.now(), BTC_ORACLE, address("oracle-d")))).isTrue());
        assertThat(other.engine.stateRoot()).as("publishers").isNotEqualTo(fx.engine.stateRoot());
        fx.tick();
        final byte[] before = fx.engine.stateRoot();
        assertThat(fx.btcPrice(70_000)).isTrue();
        assertThat(fx.engine.stateRoot()).as("a held round").isNotEqualTo(before);
    }

    @Test
    void shouldNotLetMinorityConfirmItsOwnJumpWithChosenHonestReports()
    {
        listFivePublishers();
        // Two liars of five, each round padded with one honest report picked by whoever assembles the round.
        for (final String honest : new String[] {"oracle-a", "oracle-b", "oracle-c"})
        {
            final long at = fx.tick();
            assertThat(fx.apply(new OraclePrice(at, BTC_ORACLE, java.util.List.of(
                fx.report("oracle-d", BTC_ORACLE, 90_000 * BTC_USD, at),
                fx.report("oracle-e", BTC_ORACLE, 90_000 * BTC_USD, at),
                fx.report(honest, BTC_ORACLE, 60_000 * BTC_USD, at))))).isTrue();
            assertThat(btcIndex()).as("the jump stays held").isEqualTo(60_000 * BTC_USD);
        }
    }
}
