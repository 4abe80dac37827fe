package io.novation.node.stream;

import io.novation.core.account.Address;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.event.ReportRejectReason;
import io.novation.core.market.MarketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class EventPartiesTest
{
    private static final Address A = Address.parse("0x" + "a1".repeat(20));
    private static final Address B = Address.parse("0x" + "b2".repeat(20));
    private static final Address OTHER = Address.parse("0x" + "c3".repeat(20));
    private static final int W = EventParties.WHOLE_ACCOUNT;

    /** One case per event type: the event and the parties (owner, subaccount) it must name. */
    static Stream<Arguments> everyEventType()
    {
        return Stream.of(
            arguments(new Event.AssetCreated(1, 1, "ETH", 8, 1, 800_000, 900_000), List.of()),
            arguments(new Event.PerpetualCreated(1, 0, "BTC-USD", 0), List.of()),
            arguments(new Event.MarketStatusChanged(1, 0, MarketStatus.ACTIVE), List.of()),
            arguments(new Event.OraclePriceUpdated(1, 0, 6_000_000_000L, 1), List.of()),
            arguments(new Event.OraclePublisherRegistered(1, 0, A), List.of(p(A, W))),
            arguments(new Event.OracleParametersSet(1, 0, null), List.of()),
            arguments(new Event.VolSurfaceParametersSet(1, 0, null), List.of()),
            arguments(new Event.OracleReportRejected(1, 0, 2, A, ReportRejectReason.MALFORMED), List.of(p(A, W))),
            arguments(new Event.OraclePriceHeld(1, 0, 5, 4, 3), List.of()),
            arguments(new Event.Deposited(1, A, 3, 0, 10, 7), List.of(p(A, 3))),
            arguments(new Event.WithdrawalQueued(1, 9, A, 3, 0, 10), List.of(p(A, 3))),
            arguments(new Event.Transferred(1, A, 0, 129, 0, 10), List.of(p(A, 0), p(A, 129))),
            arguments(new Event.TradeSettled(1, 0, A, 1, B, 2, true, 5, 6, 7, 8, 9), List.of(p(A, 1), p(B, 2))),
            arguments(new Event.PositionChanged(1, A, 4, 0, 5, 6, 7), List.of(p(A, 4))),
            arguments(new Event.BlockTradeSettled(1, "0x00", A, 1, B, 2, 3, 4, 5, null, 0, 0),
                List.of(p(A, 1), p(B, 2))),
            arguments(new Event.FundingSampled(1, 0, 5, 1), List.of()),
            arguments(new Event.FundingTicked(1, 0, 5, 6, 7, 8, 9), List.of()),
            arguments(new Event.FundingPaid(1, A, 5, 0, -3, 9), List.of(p(A, 5))),
            arguments(new Event.FundingParametersSet(1, 0, null), List.of()),
            arguments(new Event.Liquidated(1, B, 0, A, 6, 0, 5, 6, 7, 8), List.of(p(A, 6), p(B, 0))),
            arguments(new Event.InsuranceFundChanged(1, 0, 5, 6), List.of()),
            arguments(new Event.Deleveraged(1, A, 7, B, 1, 0, 5, 6), List.of(p(A, 7), p(B, 1))),
            arguments(new Event.LossSocialized(1, A, 8, 0, 5, true, 6), List.of(p(A, 8))),
            arguments(new Event.OptionExpiryShortfall(1, 1_000_000, 5, 6, 7), List.of()),
            arguments(new Event.DeficitCovered(1, A, 9, 1_000_000, 5), List.of(p(A, 9))),
            arguments(new Event.ExpiryDeficitsCovered(1, 1_000_000, 1, 2, 3, 4, 5), List.of()),
            arguments(new Event.OptionSeriesCreated(1, 1_000_000, "BTC-C", 0, 5, 6, null), List.of()),
            arguments(new Event.VolSurfaceUpdated(1, 0, A, 5, 2, 6, 7), List.of(p(A, W))),
            arguments(new Event.VolSurfaceSubmitted(1, 0, A, 5, 2, 3), List.of(p(A, W))),
            arguments(new Event.VolSurfaceHeld(1, 0, 5, 2, 1_000_000), List.of()),
            arguments(new Event.OptionSettlementFixed(1, 1_000_000, 5), List.of()),
            arguments(new Event.OptionSettled(1, A, 10, 1_000_000, 5, 6), List.of(p(A, 10))),
            arguments(new Event.OptionSeriesSettled(1, 1_000_000, 5, 6, 7, 8), List.of()),
            arguments(new Event.MarginModeChanged(1, A, 11, true), List.of(p(A, 11))),
            arguments(new Event.ForcedWithdrawalDeclined(1, 5, A, 12, 0, 6, "why"), List.of(p(A, 12))),
            arguments(new Event.BatchSealed(1, null, 3), List.of()),
            arguments(new Event.FeesSwept(1, A, 13, 5, 6), List.of(p(A, 13))),
            arguments(new Event.RiskParametersScheduled(1, 7, "tier", 5, true, null), List.of()),
            arguments(new Event.RiskParametersApplied(1, 7, "tier", null), List.of()),
            arguments(new Event.RiskParametersCancelled(1, 7, "tier", "CANCELLED"), List.of()),
            arguments(new Event.MarketDelistingAnnounced(1, 0, 5), List.of()),
            arguments(new Event.MarketSettlementFixed(1, 0, 5), List.of()),
            arguments(new Event.PositionSettled(1, A, 14, 0, -5, 6, 7, 8), List.of(p(A, 14))),
            arguments(new Event.MarketSettled(1, 0, 5, 2, 3, 4, 5, 6, 7), List.of()),
            arguments(new Event.InsuranceTreasuryMoved(1, -1, 5, 6, 7), List.of()),
            arguments(new Event.MarginAdjustmentScheduled(1, 0, 5, 6, 7, 8, 9), List.of()),
            arguments(new Event.MarginAdjustmentApplied(1, 0, 5, 6), List.of()),
            arguments(new Event.MarginAdjustmentCancelled(1, 0, 5, 6), List.of()),
            arguments(new Event.MarketDepthReported(1, 0, 5, 2), List.of()),
            arguments(new Event.SessionKeyRegistered(1, A, B, 3, List.of(0), 9), List.of(p(A, W))),
            arguments(new Event.SessionKeyRevoked(1, A, B), List.of(p(A, W))),
            arguments(new Event.OrdersCancelled(1, A, 15, 2, B), List.of(p(A, 15))),
            arguments(new Event.NonceFloorRaised(1, A, 16, 5, B), List.of(p(A, 16))),
            arguments(new Event.Rejected(1, RejectReason.values()[0], "no"), List.of()));
    }

    private static String p(final Address owner, final int subaccount)
    {
        return owner + "/" + subaccount;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    void shouldNameExactlyThePartiesOfItsRuleAndConcernOnlyTheirAccounts(final Event event,
        final List<String> expected)
    {
        final List<String> named = new ArrayList<>();
        EventParties.forEach(event, (owner, subaccount) -> named.add(p(owner, subaccount)));
        assertThat(named).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(EventParties.concerns(event, A)).isEqualTo(expected.stream().anyMatch(s -> s.startsWith(A + "/")));
        assertThat(EventParties.concerns(event, B)).isEqualTo(expected.stream().anyMatch(s -> s.startsWith(B + "/")));
        assertThat(EventParties.concerns(event, OTHER)).isFalse();
    }

    @Test
    void shouldHaveACaseForEveryEventTypeOfTheEngine()
    {
        final Set<Class<?>> covered = new HashSet<>();
        everyEventType().forEach(args -> covered.add(args.get()[0].getClass()));
        final Set<Class<?>> known = new HashSet<>(Arrays.asList(Event.class.getPermittedSubclasses()));
        known.removeAll(covered);
        assertThat(known).as("event types without a rule of EventParties and a case here (the fallback names every"
            + " address field without subaccount)").isEmpty();
    }
}
