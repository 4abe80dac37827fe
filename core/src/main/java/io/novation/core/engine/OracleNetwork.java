package io.novation.core.engine;

import io.novation.core.market.Asset;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.Rounding;
import io.novation.core.margin.PerpetualMath;
import io.novation.core.account.Address;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.PriceReport;
import io.novation.core.command.PriceReportHasher;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.event.ReportRejectReason;
import io.novation.core.liquidation.HealthIndex;
import io.novation.core.money.FixedPoint;
import io.novation.core.oracle.Median;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.PublisherSet;
import io.novation.core.oracle.TimeWeightedAverage;

import java.util.List;

/**
 * The oracle publisher network: governance registers publishers and sets parameters per oracle, and rounds of signed
 * reports become index prices. A report counts when it is well formed, for the round's oracle, from a registered
 * publisher not yet counted in the round, published within the freshness window (and not beyond the future skew) of
 * the sequencer's time, newer than that publisher's last used report, and signed by it; the others are dropped with
 * a reason each. A round with fewer counted reports than the quorum is rejected and changes nothing. Otherwise the
 * median of the counted prices (price units) becomes the index price, unless it moves beyond the deviation threshold
 * from the last price with fewer publishers than the jump quorum: then it is held until a following round confirms
 * it by landing within the threshold of the held median.
 */
final class OracleNetwork
{
    private final ClearingState state;
    private final SignatureCheck signatures;
    private final OracleStatusWatch statusWatch;
    private final OptionExpirySettlement expiries;
    private final HealthIndex healthIndex;
    private final MarketRiskControl riskControl;
    private final long[] prices = new long[OracleParameters.MAX_PUBLISHERS];
    private final long[] sortedPrices = new long[OracleParameters.MAX_PUBLISHERS];
    private final int[] publisherIndices = new int[OracleParameters.MAX_PUBLISHERS];
    private final long[] publishedAts = new long[OracleParameters.MAX_PUBLISHERS];
    private final ReportRejectReason[] faults = new ReportRejectReason[OracleParameters.MAX_PUBLISHERS];
    private final PriceReportHasher reportHasher = new PriceReportHasher();

    OracleNetwork(final ClearingState state, final SignatureCheck signatures, final OracleStatusWatch statusWatch,
        final OptionExpirySettlement expiries, final HealthIndex healthIndex, final MarketRiskControl riskControl)
    {
        this.riskControl = riskControl;
        this.expiries = expiries;
        this.state = state;
        this.signatures = signatures;
        this.statusWatch = statusWatch;
        this.healthIndex = healthIndex;
    }

    boolean registerPublisher(final RegisterOraclePublisher command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (!state.oracles.exists(command.oracleId()))
        {
            return rejection.reject(RejectReason.UNKNOWN_ORACLE, "no oracle " + command.oracleId());
        }
        if (command.publisher() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a publisher address is required");
        }
        final PublisherSet publishers = state.oracles.feed(command.oracleId()).publishers();
        if (publishers.indexOf(command.publisher()) >= 0)
        {
            return rejection.reject(RejectReason.DUPLICATE_DEFINITION, command.publisher() +
                " is already a publisher of oracle " + command.oracleId());
        }
        if (publishers.count() >= OracleParameters.MAX_PUBLISHERS)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "oracle " + command.oracleId() + " already has " +
                OracleParameters.MAX_PUBLISHERS + " publishers");
        }
        if (isLive(command.oracleId()))
        {
            return rejection.reject(RejectReason.GOVERNANCE_TIMELOCKED, state.oracles.name(command.oracleId()) +
                " has a price: add a publisher with setRiskParameters kind publisherAddition");
        }
        publishers.add(command.publisher());
        state.globalChanged = true;
        events.oraclePublisherRegistered(sequence, command.oracleId(), command.publisher());
        return true;
    }

    boolean setParameters(final SetOracleParameters command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (!state.oracles.exists(command.oracleId()))
        {
            return rejection.reject(RejectReason.UNKNOWN_ORACLE, "no oracle " + command.oracleId());
        }
        if (command.parameters() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "parameters are required");
        }
        if (isLive(command.oracleId()))
        {
            return rejection.reject(RejectReason.GOVERNANCE_TIMELOCKED, state.oracles.name(command.oracleId()) +
                " has a price: change its parameters with setRiskParameters kind oracleParameters");
        }
        state.oracles.feed(command.oracleId()).parameters(command.parameters());
        state.globalChanged = true;
        events.oracleParametersSet(sequence, command.oracleId(), command.parameters());
        statusWatch.refresh(command.time(), sequence, events);
        return true;
    }

    /**
     * Whether an oracle is live: it has had its first accepted price. Before that its publishers and parameters are
     * set at once (listing); after, only through a scheduled {@code setRiskParameters} change.
     */
    boolean isLive(final int oracleId)
    {
        return state.oracles.price(oracleId) != OracleBook.NO_PRICE;
    }

    boolean oraclePrice(final OraclePrice command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final int oracleId = command.oracleId();
        if (!state.oracles.exists(oracleId))
        {
            return rejection.reject(RejectReason.UNKNOWN_ORACLE, "no oracle " + oracleId);
        }
        final List<PriceReport> reports = command.reports();
        if (reports == null || reports.isEmpty() || reports.size() > OracleParameters.MAX_PUBLISHERS)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a round carries 1 to " +
                OracleParameters.MAX_PUBLISHERS + " reports");
        }
        final OracleFeed feed = state.oracles.feed(oracleId);
        final OracleParameters parameters = feed.parameters();
        final long now = command.time();
        int counted = 0;
        long seen = 0;
        for (int i = 0; i < reports.size(); i++)
        {
            final PriceReport report = reports.get(i);
            final ReportRejectReason fault = classify(report, oracleId, feed, parameters, now, seen);
            faults[i] = fault;
            if (fault == null)
            {
                final int publisherIndex = feed.publishers().indexOf(report.publisher());
                seen |= 1L << publisherIndex;
                prices[counted] = report.price();
                publisherIndices[counted] = publisherIndex;
                publishedAts[counted] = report.publishedAt();
                counted++;
            }
        }
        if (counted < parameters.quorum())
        {
            return rejection.reject(RejectReason.NO_QUORUM, counted + " valid reports from distinct registered " +
                "publishers, quorum " + parameters.quorum() + describeFaults(reports));
        }
        System.arraycopy(prices, 0, sortedPrices, 0, counted);
        final long median = Median.ofFirst(sortedPrices, counted);
        checkPriceFitsHoldings(oracleId, median);
        for (int i = 0; i < counted; i++)
        {
            feed.reportUsed(publisherIndices[i], publishedAts[i]);
        }
        final long last = feed.price();
        state.globalChanged = true;
        publishFaults(reports, oracleId, sequence, events);
        if (last != OracleBook.NO_PRICE && counted < parameters.jumpQuorum() &&
            deviatesBeyond(median, last, parameters.deviationThresholdPpm()) &&
            !confirmsHeldRound(feed, median, now, counted))
        {
            feed.hold(median, now, publishersNear(median, counted, parameters.deviationThresholdPpm()));
            events.oraclePriceHeld(sequence, oracleId, median, last, counted);
            return true;
        }
        // Option series expiring before this round take their settlement TWAP before the round enters it.
        expiries.fixDue(oracleId, median, now, sequence, events);
        MarketSettlement.fixDue(state, oracleId, median, now, sequence, events);
        final boolean endsStaleGap = feed.isStale(now);
        feed.accept(median, now);
        healthIndex.priceMoved(oracleId, last, median);
        events.oraclePriceUpdated(sequence, oracleId, median, now);
        statusWatch.refresh(now, sequence, events);
        riskControl.roundAccepted(oracleId, median, now, endsStaleGap, sequence, events);
        return true;
    }

    /**
     * Throws ArithmeticException (rejected as OVERFLOW) when, at this price, eight times the open interest of a
     * market on the oracle, or everything deposited of an asset it prices, would not fit 64 bits of quote quantums:
     * a price that would freeze margin computations is refused before it is accepted.
     */
    private void checkPriceFitsHoldings(final int oracleId, final long price)
    {
        for (int m = 0; m < state.markets.perpetualCount(); m++)
        {
            final PerpetualMarket market = state.markets.perpetual(m);
            if (market.oracleId() == oracleId)
            {
                PerpetualMath.notionalQuoteQuantums(
                    Math.multiplyExact(Math.max(market.openInterestBaseQuantums(), market.stepSize()), 8L), price,
                    state.oracles.priceExponent(oracleId), market.atomicResolution(), Rounding.UP);
            }
        }
        for (int i = 0; i < state.markets.optionCount(); i++)
        {
            final OptionSeries series = state.markets.optionAt(i);
            if (series.oracleId() == oracleId && !series.isSettled())
            {
                PerpetualMath.notionalQuoteQuantums(
                    Math.multiplyExact(Math.max(series.openInterestBaseQuantums(), series.stepSize()), 8L),
                    Math.max(price, series.strike()), state.oracles.priceExponent(oracleId),
                    series.atomicResolution(), Rounding.UP);
            }
        }
        for (int a = 1; a < state.markets.assetCount(); a++)
        {
            final Asset asset = state.markets.asset(a);
            if (asset.oracleId() == oracleId)
            {
                PerpetualMath.notionalQuoteQuantums(Math.max(state.totalDeposited(a), 1L), price,
                    state.oracles.priceExponent(oracleId), -asset.decimals(), Rounding.UP);
            }
        }
    }

    private ReportRejectReason classify(final PriceReport report, final int oracleId, final OracleFeed feed,
        final OracleParameters parameters, final long now, final long seen)
    {
        if (report == null || report.publisher() == null || report.price() <= 0 ||
            report.price() > TimeWeightedAverage.MAX_PRICE)
        {
            return ReportRejectReason.MALFORMED;
        }
        if (report.oracleId() != oracleId)
        {
            return ReportRejectReason.WRONG_ORACLE;
        }
        final int publisherIndex = feed.publishers().indexOf(report.publisher());
        if (publisherIndex < 0)
        {
            return ReportRejectReason.UNKNOWN_PUBLISHER;
        }
        if ((seen & (1L << publisherIndex)) != 0)
        {
            return ReportRejectReason.DUPLICATE_PUBLISHER;
        }
        if (report.publishedAt() > now + parameters.maxFutureSkewMs())
        {
            return ReportRejectReason.FUTURE_DATED;
        }
        if (report.publishedAt() < now - parameters.freshnessWindowMs())
        {
            return ReportRejectReason.OUT_OF_WINDOW;
        }
        if (report.publishedAt() <= feed.publishers().lastPublishedAt(publisherIndex))
        {
            return ReportRejectReason.NOT_NEWER;
        }
        // Trusted mode accepts every signature (checked before sequencing), so the digest is taken only to verify.
        if (signatures.verifies() && !signatures.isSignedBy(reportHasher.digest(report,
            signatures.domainSeparator()), report.signature(), report.publisher()))
        {
            return ReportRejectReason.BAD_SIGNATURE;
        }
        return null;
    }

    /** Whether |price − reference| / reference exceeds the threshold, compared exactly. */
    private static boolean deviatesBeyond(final long price, final long reference, final long thresholdPpm)
    {
        final long distance = Math.abs(Math.subtractExact(price, reference));
        return FixedPoint.compareProducts(distance, FixedPoint.PPM, thresholdPpm, reference) > 0;
    }

    /**
     * A held round is confirmed by a following round, within one heartbeat, whose median lies within the threshold
     * of the held median, and when the publishers whose own reports, in either round, lie within the threshold of the
     * held median number at least the quorum. A minority that reports the jump in both rounds, padded with whichever
     * honest reports a round assembler chooses, cannot confirm it; honest publishers following a real move can.
     */
    private boolean confirmsHeldRound(final OracleFeed feed, final long median, final long now, final int counted)
    {
        final long held = feed.heldPrice();
        final long threshold = feed.parameters().deviationThresholdPpm();
        return held != OracleBook.NO_PRICE && now - feed.heldAt() <= feed.parameters().heartbeatMs() &&
            !deviatesBeyond(median, held, threshold) &&
            Integer.bitCount(feed.heldPublishers() | publishersNear(held, counted, threshold)) >=
                feed.parameters().quorum();
    }

    /** The bit set of the counted publishers whose reported price lies within the threshold of a reference. */
    private int publishersNear(final long reference, final int counted, final long thresholdPpm)
    {
        int near = 0;
        for (int i = 0; i < counted; i++)
        {
            if (!deviatesBeyond(prices[i], reference, thresholdPpm))
            {
                near |= 1 << publisherIndices[i];
            }
        }
        return near;
    }

    private void publishFaults(final List<PriceReport> reports, final int oracleId, final long sequence,
        final EventSink events)
    {
        for (int i = 0; i < reports.size(); i++)
        {
            if (faults[i] != null)
            {
                final PriceReport report = reports.get(i);
                final Address publisher = report == null ? null : report.publisher();
                events.oracleReportRejected(sequence, oracleId, i, publisher, faults[i]);
            }
        }
    }

    private String describeFaults(final List<PriceReport> reports)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < reports.size(); i++)
        {
            if (faults[i] != null)
            {
                final PriceReport report = reports.get(i);
                text.append("; report ").append(i).append(report == null || report.publisher() == null ? "" :
                    " (" + report.publisher() + ")").append(": ").append(faults[i]);
            }
        }
        return text.toString();
    }
}
