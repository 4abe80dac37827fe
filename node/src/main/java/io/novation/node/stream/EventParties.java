package io.novation.node.stream;

import io.novation.core.account.Address;
import io.novation.core.event.Event;

import java.lang.reflect.RecordComponent;

/**
 * Who an event concerns: the accounts (and subaccount numbers) it names, one rule per event type, read from the
 * event's fields alone. A private stream ({@code /v1/stream?account=0x…}) carries exactly the events that name its
 * account; the margin watch re-checks exactly the subaccounts they name.
 * <ul>
 * <li>{@code Deposited}, {@code WithdrawalQueued}, {@code PositionChanged}, {@code FundingPaid},
 * {@code DeficitCovered}, {@code OptionSettled}, {@code MarginModeChanged}, {@code ForcedWithdrawalDeclined},
 * {@code FeesSwept}, {@code PositionSettled}, {@code OrdersCancelled}, {@code NonceFloorRaised}: the owner's
 * subaccount (not the signer: a session key is not an account).</li>
 * <li>{@code SessionKeyRegistered}, {@code SessionKeyRevoked}: the owner's account (no subaccount; not the key).</li>
 * <li>{@code Transferred}: the owner's two subaccounts, from and to.</li>
 * <li>{@code TradeSettled}: the maker's and the taker's subaccounts.</li>
 * <li>{@code BlockTradeSettled}: the maker's, the taker's and the broker's subaccounts.</li>
 * <li>{@code Liquidated}: the liquidated target's subaccount and the keeper's.</li>
 * <li>{@code Deleveraged}: the deleveraged target's subaccount and the counterparty's.</li>
 * <li>{@code LossSocialized}: the bankrupt target's subaccount (the holders who share the loss see it through their
 * {@code PositionChanged} or their health, not by name).</li>
 * <li>{@code OraclePublisherRegistered}, {@code OracleReportRejected}, {@code VolSurfaceUpdated},
 * {@code VolSurfaceSubmitted}: the publisher's account (no subaccount).</li>
 * <li>Definitions, prices, funding ticks and samples, insurance fund, option series and expiry totals, batches,
 * governance's risk parameter changes (scheduled, applied, cancelled), the margin controller's adjustments, depth
 * reports, a delisting's announcement, fixing and settlement totals, treasury moves and {@code Rejected} (a
 * rejection names no account; its submitter has it in the reply): nobody.</li>
 * <li>An event type not listed here (added later): every {@link Address} field it has, without subaccount.</li>
 * </ul>
 */
public final class EventParties
{
    /** The subaccount number given for a party named by address alone. */
    public static final int WHOLE_ACCOUNT = -1;

    /** Receives the parties of an event. */
    @FunctionalInterface
    public interface PartySink
    {
        /**
         * One party; an event may name the same party twice.
         *
         * @param owner      the account.
         * @param subaccount its subaccount number, or {@link #WHOLE_ACCOUNT}.
         */
        void party(Address owner, int subaccount);
    }

    private EventParties()
    {
    }

    /**
     * Whether an event names an account (any of its subaccounts).
     *
     * @param event   the event.
     * @param account the account.
     * @return true when the account's private stream carries the event.
     */
    public static boolean concerns(final Event event, final Address account)
    {
        final boolean[] found = {false};
        forEach(event, (owner, subaccount) -> found[0] |= owner.equals(account));
        return found[0];
    }

    /**
     * Hands over every party an event names.
     *
     * @param event the event.
     * @param sink  receives each party.
     */
    public static void forEach(final Event event, final PartySink sink)
    {
        if (event instanceof Event.Deposited e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.WithdrawalQueued e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.Transferred e)
        {
            sink.party(e.owner(), e.fromSubaccount());
            sink.party(e.owner(), e.toSubaccount());
        }
        else if (event instanceof Event.TradeSettled e)
        {
            sink.party(e.maker(), e.makerSubaccount());
            sink.party(e.taker(), e.takerSubaccount());
        }
        else if (event instanceof Event.BlockTradeSettled e)
        {
            sink.party(e.maker(), e.makerSubaccount());
            sink.party(e.taker(), e.takerSubaccount());
            if (e.broker() != null)
            {
                sink.party(e.broker(), e.brokerSubaccount());
            }
        }
        else if (event instanceof Event.PositionChanged e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.FundingPaid e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.Liquidated e)
        {
            sink.party(e.target(), e.targetSubaccount());
            sink.party(e.keeper(), e.keeperSubaccount());
        }
        else if (event instanceof Event.Deleveraged e)
        {
            sink.party(e.target(), e.targetSubaccount());
            sink.party(e.counterparty(), e.counterpartySubaccount());
        }
        else if (event instanceof Event.LossSocialized e)
        {
            sink.party(e.target(), e.targetSubaccount());
        }
        else if (event instanceof Event.DeficitCovered e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.OptionSettled e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.MarginModeChanged e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.ForcedWithdrawalDeclined e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.FeesSwept e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.PositionSettled e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.OrdersCancelled e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.NonceFloorRaised e)
        {
            sink.party(e.owner(), e.subaccount());
        }
        else if (event instanceof Event.SessionKeyRegistered e)
        {
            sink.party(e.owner(), WHOLE_ACCOUNT);
        }
        else if (event instanceof Event.SessionKeyRevoked e)
        {
            sink.party(e.owner(), WHOLE_ACCOUNT);
        }
        else if (event instanceof Event.OraclePublisherRegistered e)
        {
            sink.party(e.publisher(), WHOLE_ACCOUNT);
        }
        else if (event instanceof Event.OracleReportRejected e)
        {
            sink.party(e.publisher(), WHOLE_ACCOUNT);
        }
        else if (event instanceof Event.VolSurfaceUpdated e)
        {
            sink.party(e.publisher(), WHOLE_ACCOUNT);
        }
        else if (event instanceof Event.VolSurfaceSubmitted e)
        {
            sink.party(e.publisher(), WHOLE_ACCOUNT);
        }
        else if (!namesNobody(event))
        {
            addressFields(event, sink);
        }
    }

    private static boolean namesNobody(final Event event)
    {
        return event instanceof Event.AssetCreated || event instanceof Event.PerpetualCreated ||
            event instanceof Event.MarketStatusChanged || event instanceof Event.OraclePriceUpdated ||
            event instanceof Event.OracleParametersSet || event instanceof Event.VolSurfaceParametersSet ||
            event instanceof Event.OraclePriceHeld || event instanceof Event.FundingSampled ||
            event instanceof Event.FundingTicked || event instanceof Event.FundingParametersSet ||
            event instanceof Event.InsuranceFundChanged || event instanceof Event.OptionExpiryShortfall ||
            event instanceof Event.ExpiryDeficitsCovered || event instanceof Event.OptionSeriesCreated ||
            event instanceof Event.VolSurfaceHeld || event instanceof Event.OptionSettlementFixed ||
            event instanceof Event.OptionSeriesSettled || event instanceof Event.BatchSealed ||
            event instanceof Event.RiskParametersScheduled || event instanceof Event.RiskParametersApplied ||
            event instanceof Event.RiskParametersCancelled || event instanceof Event.MarketDelistingAnnounced ||
            event instanceof Event.MarketSettlementFixed || event instanceof Event.MarketSettled ||
            event instanceof Event.InsuranceTreasuryMoved || event instanceof Event.MarginAdjustmentScheduled ||
            event instanceof Event.MarginAdjustmentApplied || event instanceof Event.MarginAdjustmentCancelled ||
            event instanceof Event.MarketDepthReported || event instanceof Event.Rejected;
    }

    /** The rule for event types added after this class: every address field names its account. */
    private static void addressFields(final Event event, final PartySink sink)
    {
        final RecordComponent[] components = event.getClass().getRecordComponents();
        if (components == null)
        {
            return;
        }
        for (final RecordComponent component : components)
        {
            if (component.getType() == Address.class)
            {
                try
                {
                    final Object value = component.getAccessor().invoke(event);
                    if (value != null)
                    {
                        sink.party((Address)value, WHOLE_ACCOUNT);
                    }
                }
                catch (final ReflectiveOperationException ex)
                {
                    throw new IllegalStateException("cannot read " + component.getName() + " of " + event, ex);
                }
            }
        }
    }
}
