package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.clearing.CostBasis;
import io.novation.core.command.Liquidate;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.margin.PositionMargin;
import io.novation.core.market.Asset;
import io.novation.core.market.Instrument;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;
import io.novation.core.liquidation.BankruptcyPrice;
import io.novation.core.liquidation.LiquidationMath;
import io.novation.core.liquidation.LiquidationParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code liquidate}: a keeper takes over part of one position of a subaccount below maintenance margin at
 * the fillable price. The liquidated subaccount gets the fill less the insurance fund's fee (at most
 * {@code maxLiquidationFee} of the notional, never below its bankruptcy price); when the fill is worse than the
 * bankruptcy price the insurance fund pays the deficit. When the fund cannot, the bankruptcy waterfall continues:
 * auto-deleveraging against ranked opposite positions at the bankruptcy price, then, for what no counterparty can
 * take, the keeper's fill with the fund's last quote quantums and the rest of the loss socialized to the opposite
 * side through the market's funding loss index (Drift's method). Every check runs before any change.
 * <p>
 * Option positions go the same way (docs/protocol.md §12): the fill is the position's mark value less
 * {@code ABR · SMMR · D}, where D is the larger of the position's standard maintenance requirement and
 * {@link #OPTION_DISCOUNT_BASE_PPM} of its mark value, so that a long option (which requires nothing) is also taken
 * over at a discount; the bankruptcy price comes from the subaccount's whole margin with the part closed (standard or
 * portfolio), deleveraging closes opposite positions of the series, and what is left is socialized to the opposite
 * side through the series' loss index, settled as funding is. Options use the cross insurance fund.
 */
public final class Liquidator
{
    /** For options: the least discount base, ppm of the position's mark value (Derive's 9 % maintenance of a mark). */
    public static final long OPTION_DISCOUNT_BASE_PPM = 90_000;

    private final ClearingState state;
    private final SignatureCheck signatures;
    private final MarginCalculator margin;
    private final FundingSettlement funding;
    private final Deleveraging deleveraging;
    private final LiquidationParameters defaults;
    /** The liquidated market's settings: its own terms once governance set them, else the defaults. */
    private LiquidationParameters parameters;
    private final MarketRiskControl riskControl;
    private final MarginFigures target = new MarginFigures();
    private final MarginFigures keeperBefore = new MarginFigures();
    private final MarginFigures keeperAfter = new MarginFigures();
    private final PositionMargin whole = new PositionMargin();
    private final OptionPositionMargin optionWhole = new OptionPositionMargin();
    private final MarginFigures closed = new MarginFigures();
    private long wholeValue;
    private long wholeMaintenance;
    private long wholeMagnitude;
    private final CostBasis costBasis = new CostBasis();
    private final List<Deleveraging.Offset> offsets = new ArrayList<>();

    /**
     * A liquidator over the engine's state.
     *
     * @param state      the state.
     * @param signatures the signature check.
     * @param parameters the liquidation settings.
     */
    public Liquidator(final ClearingState state, final SignatureCheck signatures,
        final LiquidationParameters parameters, final MarketRiskControl riskControl)
    {
        this.riskControl = riskControl;
        this.state = state;
        this.signatures = signatures;
        this.margin = new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
        this.funding = new FundingSettlement(state);
        this.deleveraging = new Deleveraging(state, margin);
        this.defaults = parameters;
        this.parameters = parameters;
    }

    /**
     * The default liquidation settings, of every market governance gave no terms of its own.
     *
     * @return the settings.
     */
    public LiquidationParameters parameters()
    {
        return defaults;
    }

    /**
     * The liquidation settings of a market: its own terms once governance set them, else the defaults (options too).
     *
     * @param marketId a perpetual market or option series id.
     * @return the settings.
     */
    public LiquidationParameters parametersOf(final int marketId)
    {
        final PerpetualMarket perpetual = state.markets().perpetual(marketId);
        return perpetual == null || perpetual.liquidationTerms() == null ? defaults :
            LiquidationParameters.of(perpetual.liquidationTerms());
    }

    /**
     * Applies the liquidation or records why not.
     *
     * @param command   the request.
     * @param sequence  the command's sequence number.
     * @param events    receives the events.
     * @param rejection receives the reason for a refusal.
     * @return true when applied.
     */
    public boolean liquidate(final Liquidate command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final Instrument market = state.markets().instrument(command.marketId());
        if (market == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no market or option series " + command.marketId());
        }
        parameters = parametersOf(command.marketId());
        if (market instanceof OptionSeries series && (series.isSettled() || command.time() >= series.expiry()))
        {
            return rejection.reject(series.isSettled() ? RejectReason.OPTION_SETTLED : RejectReason.OPTION_EXPIRED,
                series.ticker() + " has expired: settleExpiry pays its positions at the settlement price");
        }
        if (market instanceof PerpetualMarket perpetual && perpetual.isSettled())
        {
            return rejection.reject(RejectReason.MARKET_SETTLED, market.ticker() + " was settled at its final price");
        }
        if (command.keeper() == null || command.target() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a liquidation names a keeper and a target");
        }
        if (command.size() <= 0)
        {
            return rejection.reject(RejectReason.INVALID_AMOUNT, "liquidation size must be positive");
        }
        if (command.size() % market.stepSize() != 0)
        {
            return rejection.reject(RejectReason.OFF_STEP, "size " + command.size() + " is not a multiple of the step " +
                market.stepSize());
        }
        final Account keeperAccount = state.accounts().find(command.keeper());
        final Subaccount keeper = keeperAccount == null ? null : keeperAccount.subaccount(command.keeperSubaccount());
        if (keeper == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_SUBACCOUNT, "keeper subaccount " +
                command.keeperSubaccount() + " of " + command.keeper() + " holds no collateral");
        }
        if (command.nonce() <= keeperAccount.lastNonce())
        {
            return rejection.reject(RejectReason.NONCE_REUSED, "nonce " + command.nonce() +
                " is not above the keeper's last nonce " + keeperAccount.lastNonce());
        }
        if (!signatures.isSignedBy(command.digest(signatures.domainSeparator()), command.signature(),
            command.keeper()))
        {
            return rejection.reject(RejectReason.BAD_SIGNATURE, "liquidation is not signed by " + command.keeper());
        }
        final Account targetAccount = state.accounts().find(command.target());
        final Subaccount liquidated = targetAccount == null ? null :
            targetAccount.subaccount(command.targetSubaccount());
        if (liquidated == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_SUBACCOUNT, "subaccount " + command.targetSubaccount() +
                " of " + command.target() + " does not exist");
        }
        if (liquidated == keeper)
        {
            return rejection.reject(RejectReason.SELF_TRADE, "a subaccount cannot liquidate itself");
        }
        final long position = liquidated.positionSizeIn(market.id());
        if (position == 0 || Math.abs(position) < command.size())
        {
            return rejection.reject(RejectReason.LIQUIDATION_TOO_LARGE, "subaccount " + command.targetSubaccount() +
                " of " + command.target() + " holds " + Math.abs(position) + " of " + market.ticker() + ", asked " +
                command.size());
        }
        if (keeper.isIsolated() && keeper.positionCount() > 0 && keeper.positionIndex(market.id()) < 0)
        {
            return rejection.reject(RejectReason.ISOLATED_SUBACCOUNT_VIOLATION, "keeper subaccount " +
                keeper.number() + " is isolated and holds another market");
        }
        final String stale = staleOracle(liquidated);
        if (stale != null)
        {
            return rejection.reject(RejectReason.STALE_ORACLE, "no liquidation on a stale price: " + stale);
        }
        // An option is not taken over on a stale surface (its mark is unknown); the subaccount's other positions
        // are, at the conservative figures margin takes while the surface is stale (§14.2), so that a small option
        // on a lagging surface cannot shield a whole book.
        if (market instanceof OptionSeries series && state.volSurfaces().isStale(series.oracleId(),
            state.oracles().time()))
        {
            return rejection.reject(RejectReason.STALE_VOL_SURFACE, "no liquidation of " + series.ticker() +
                " on a stale volatility surface");
        }
        if (!margin.compute(liquidated, target) || !wholePosition(market, position))
        {
            return rejection.reject(RejectReason.NO_ORACLE_PRICE, "a price needed for the liquidation is missing");
        }
        if (!target.isBelowMaintenance())
        {
            return rejection.reject(RejectReason.NOT_LIQUIDATABLE, "subaccount " + command.targetSubaccount() +
                " of " + command.target() + " has net collateral " + target.netCollateralMaintenance() +
                ", not below its maintenance requirement " + target.maintenanceMarginRequirement());
        }
        if (!checkPartial(command, liquidated, position, rejection))
        {
            return false;
        }
        // A long option that covers a short one in a strategy (docs/protocol.md, "Strategy margin") is not taken over
        // first: without it the short (or a perpetual it protects) would be naked and the subaccount deeper below
        // maintenance. The covered position goes first.
        if (market instanceof OptionSeries && position > 0 && !liquidated.isPortfolioMargin())
        {
            if (!margin.compute(liquidated, market.id(), position - command.size(), 0, -1, 0, false, closed))
            {
                return rejection.reject(RejectReason.NO_ORACLE_PRICE, "a price needed for the liquidation is missing");
            }
            if (closed.maintenanceMarginRequirement() > target.maintenanceMarginRequirement())
            {
                return rejection.reject(RejectReason.PAIRED_LONG_OPTION, market.ticker() + " covers a short option or " +
                    "protects a perpetual of subaccount " + command.targetSubaccount() + " of " + command.target() +
                    ": liquidate that position first");
            }
        }
        return plan(command, market, keeper, liquidated, position, sequence, events, rejection);
    }

    /** The whole position's value, the base of its discount and its magnitude, into the {@code whole*} fields. */
    private boolean wholePosition(final Instrument market, final long position)
    {
        if (market instanceof PerpetualMarket perpetual)
        {
            if (!margin.position(perpetual, position, 0, whole))
            {
                return false;
            }
            wholeValue = whole.value();
            wholeMaintenance = whole.maintenanceRequirement();
            wholeMagnitude = whole.magnitude();
            return true;
        }
        if (!margin.options().position((OptionSeries)market, position, optionWhole))
        {
            return false;
        }
        wholeValue = optionWhole.value();
        wholeMaintenance = Math.max(optionWhole.maintenanceRequirement(),
            FixedPoint.mulPpm(Math.abs(wholeValue), OPTION_DISCOUNT_BASE_PPM, Rounding.UP));
        wholeMagnitude = optionWhole.magnitude();
        return true;
    }

    /** What the subaccount receives at its bankruptcy price for resizing one position (the margin's own figures). */
    private long bankruptcyQuote(final Subaccount liquidated, final Instrument market, final long position,
        final long newPosition)
    {
        if (market instanceof PerpetualMarket perpetual && !liquidated.isPortfolioMargin())
        {
            return BankruptcyPrice.quote(margin, target, perpetual, position, newPosition);
        }
        // Options, and every position of a portfolio-margin subaccount (whose requirement is not a sum over its
        // positions): the change of net collateral and requirement from the subaccount's whole margin.
        if (!margin.compute(liquidated, market.id(), newPosition, 0, -1, 0, false, closed))
        {
            throw new ArithmeticException("no margin figures for the position after the liquidation");
        }
        final long deltaValue = Math.subtractExact(closed.netCollateralMaintenance(),
            target.netCollateralMaintenance());
        if (target.maintenanceMarginRequirement() == 0)
        {
            // Long options only, net collateral negative: the part carries its share of the whole deficit.
            // NC is negative: its share rounds toward zero, so the part's bankruptcy price is no better for the holder.
            final long share = FixedPoint.mulDiv(target.netCollateralMaintenance(), Math.abs(position - newPosition),
                Math.abs(position), Rounding.UP);
            return Math.subtractExact(Math.negateExact(share), deltaValue);
        }
        return LiquidationMath.bankruptcyQuote(target.netCollateralMaintenance(),
            target.maintenanceMarginRequirement(),
            Math.subtractExact(closed.netCollateralMaintenance(), target.netCollateralMaintenance()),
            Math.subtractExact(closed.maintenanceMarginRequirement(), target.maintenanceMarginRequirement()));
    }

    /**
     * The liquidation parameters of this part: for a perpetual, the depth penalty's (the part's notional at the
     * oracle, rounded up, against the reported book); otherwise the static ones.
     */
    private LiquidationParameters penaltyOf(final Instrument market, final long position, final long size,
        final long now)
    {
        if (!(market instanceof PerpetualMarket perpetual) || wholeMagnitude <= 0)
        {
            return parameters;
        }
        final long notional = FixedPoint.mulDiv(wholeMagnitude, size, Math.abs(position), Rounding.UP);
        final long maintenanceFraction = FixedPoint.mulDiv(wholeMaintenance, FixedPoint.PPM, wholeMagnitude,
            Rounding.DOWN);
        return riskControl.liquidationParameters(perpetual, parameters, notional, maintenanceFraction, position > 0,
            now);
    }

    private boolean plan(final Liquidate command, final Instrument market, final Subaccount keeper,
        final Subaccount liquidated, final long position, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final long size = command.size();
        final long sign = Long.signum(position);
        final long newPosition = position - sign * size;
        final long bankruptcy = bankruptcyQuote(liquidated, market, position, newPosition);
        // Without a requirement (long options with negative net collateral) the discount is at its largest.
        final long requirement = Math.max(1, target.maintenanceMarginRequirement());
        final LiquidationParameters penalty = penaltyOf(market, position, size, command.time());
        final long fill = LiquidationMath.fillableQuote(wholeValue, wholeMaintenance, position, size,
            target.netCollateralMaintenance(), requirement, penalty);
        final int fundId = market instanceof PerpetualMarket perpetual ? InsuranceFunds.fundOf(liquidated, perpetual) :
            InsuranceFunds.CROSS;
        final long fund = InsuranceFunds.balance(state, fundId);
        final long delta = LiquidationMath.insuranceFundDelta(fill, bankruptcy, penalty.maxLiquidationFeePpm());

        offsets.clear();
        long keeperSize = size;
        long keeperFill = fill;
        long keeperBankruptcy = bankruptcy;
        long fundDelta = delta;
        long socialized = 0;
        if (delta < 0 && fund < -delta)
        {
            // The fund cannot pay the deficit: deleverage against opposite positions at the bankruptcy price.
            keeperSize = deleveraging.plan(liquidated, market, position, size, bankruptcy, offsets);
            final long deleveraged = size - keeperSize;
            keeperBankruptcy = bankruptcy - FixedPoint.mulDiv(bankruptcy, deleveraged, size, Rounding.DOWN);
            keeperFill = keeperSize == 0 ? 0 : LiquidationMath.fillableQuote(wholeValue,
                wholeMaintenance, position, keeperSize, target.netCollateralMaintenance(), requirement, penalty);
            final long deficit = Math.max(0, keeperBankruptcy - keeperFill);
            fundDelta = keeperSize == 0 ? 0 : -Math.min(deficit, fund);
            socialized = deficit + fundDelta;
        }
        final long keeperQuote = -keeperFill; // the keeper pays what the liquidated subaccount is filled at
        // The keeper's own subaccount may be a deleveraging counterparty too: it takes its part over from the
        // position and cash its offset leaves it.
        long keeperBase = keeper.positionSizeIn(market.id());
        long keeperOffsetQuote = 0;
        for (final Deleveraging.Offset offset : offsets)
        {
            if (offset.counterparty() == keeper)
            {
                keeperBase = keeperBase > 0 ? keeperBase - offset.size() : keeperBase + offset.size();
                keeperOffsetQuote = Math.subtractExact(keeperOffsetQuote, offset.targetQuote());
            }
        }
        final long keeperNewSize = Math.addExact(keeperBase, sign * keeperSize);
        long openInterestDelta = longChange(position, newPosition);
        if (keeperSize > 0)
        {
            openInterestDelta += longChange(keeperBase, keeperNewSize);
        }
        for (final Deleveraging.Offset offset : offsets)
        {
            final long cp = offset.counterparty().positionSizeIn(market.id());
            openInterestDelta += longChange(cp, cp > 0 ? cp - offset.size() : cp + offset.size());
        }
        // When the keeper itself held the whole opposite side, nobody is left for the loss index: the keeper's
        // position, which the loss would have been socialized to, pays it directly.
        final boolean keeperPaysLoss = socialized > 0 &&
            Math.addExact(market.openInterestBaseQuantums(), openInterestDelta) <= 0;
        final long keeperCash = keeperPaysLoss ? Math.subtractExact(keeperQuote, socialized) : keeperQuote;
        // A keeper left on the paying side of a socialized loss is charged its share through the loss index, later:
        // its margin is judged with that share (rounded up) already paid.
        final long keeperLossShare = socialized > 0 && !keeperPaysLoss && (sign < 0 ? keeperNewSize > 0 :
            keeperNewSize < 0) ? Math.addExact(FixedPoint.mulDiv(socialized, Math.abs(keeperNewSize),
            Math.addExact(market.openInterestBaseQuantums(), openInterestDelta), Rounding.UP), 1) : 0;
        if (keeperSize > 0 && !keeperKeepsMargin(keeper, market, keeperNewSize, openInterestDelta,
            Math.subtractExact(Math.addExact(keeperCash, keeperOffsetQuote), keeperLossShare), rejection))
        {
            return false;
        }
        if (socialized > 0 && !keeperPaysLoss)
        {
            // Every figure of the socialization must fit before anything changes (throws OVERFLOW otherwise).
            market.funding().checkSocialize(socialized, sign < 0,
                Math.addExact(market.openInterestBaseQuantums(), openInterestDelta));
        }
        // The fill, less the fund's fee or plus its payment, plus any loss socialized: at most the bankruptcy price.
        final long liquidatedReceives = keeperSize == 0 ? 0 : keeperFill - fundDelta + socialized;
        Math.addExact(Math.addExact(liquidated.balance(Asset.QUOTE_ASSET_ID), funding.accrued(liquidated)),
            Math.addExact(liquidatedReceives, bankruptcy));
        Math.addExact(Math.addExact(keeper.balance(Asset.QUOTE_ASSET_ID), funding.accrued(keeper)),
            Math.addExact(keeperCash, keeperOffsetQuote));

        // The position and cash moves below must fit too (cost basis and realized PnL).
        for (final Deleveraging.Offset offset : offsets)
        {
            final long cp = offset.counterparty().positionSizeIn(market.id());
            checkMove(offset.counterparty(), market, cp > 0 ? cp - offset.size() : cp + offset.size(),
                -offset.targetQuote());
        }
        if (keeperSize > 0)
        {
            checkMove(keeper, market, keeperNewSize, keeperCash);
        }
        checkMove(liquidated, market, newPosition, liquidatedDeltaPlanned(liquidatedReceives, keeperSize));

        // Commit: nothing below can fail.
        keeper.account().useNonce(command.nonce());
        long liquidatedDelta = 0;
        for (final Deleveraging.Offset offset : offsets)
        {
            final Subaccount counterparty = offset.counterparty();
            final long cp = counterparty.positionSizeIn(market.id());
            final long cpNew = cp > 0 ? cp - offset.size() : cp + offset.size();
            move(counterparty, market, cpNew, -offset.targetQuote(), sequence, events);
            events.deleveraged(sequence, liquidated.account().owner(), liquidated.number(),
                counterparty.account().owner(), counterparty.number(), market.id(), -sign * offset.size(),
                offset.targetQuote());
            liquidatedDelta += offset.targetQuote();
        }
        if (keeperSize > 0)
        {
            move(keeper, market, keeperNewSize, keeperCash, sequence, events);
            liquidatedDelta += liquidatedReceives;
            InsuranceFunds.add(state, fundId, fundDelta, sequence, events);
            events.liquidated(sequence, keeper.account().owner(), keeper.number(), liquidated.account().owner(),
                liquidated.number(), market.id(), -sign * keeperSize, keeperFill, keeperBankruptcy, fundDelta);
        }
        move(liquidated, market, newPosition, liquidatedDelta, sequence, events);
        if (socialized > 0)
        {
            final boolean longsPay = sign < 0;
            final long sweep = keeperPaysLoss ? 0 : market.funding().socialize(socialized, longsPay,
                market.openInterestBaseQuantums() + openInterestDelta);
            if (sweep != 0)
            {
                state.addToFeePool(sweep);
            }
            events.lossSocialized(sequence, liquidated.account().owner(), liquidated.number(), market.id(),
                socialized, longsPay, longsPay ? market.funding().longLossIndex() : market.funding().shortLossIndex());
        }
        market.adjustOpenInterest(openInterestDelta);
        liquidated.lastLiquidatedAt(command.time());
        state.markGlobalChanged();
        return true;
    }

    /** Settles funding, then moves the subaccount's position and cash, with cost basis and realized PnL. */
    private void move(final Subaccount subaccount, final Instrument market, final long newSize,
        final long quoteDelta, final long sequence, final EventSink events)
    {
        funding.settle(subaccount, sequence, events);
        final int index = subaccount.positionIndex(market.id());
        final long oldSize = index < 0 ? 0 : subaccount.positionSize(index);
        final long oldCost = index < 0 ? 0 : subaccount.positionCostBasis(index);
        costBasis.apply(oldSize, oldCost, newSize, -quoteDelta);
        subaccount.addBalance(Asset.QUOTE_ASSET_ID, quoteDelta);
        subaccount.addRealizedPnl(costBasis.realizedPnl());
        subaccount.setPosition(market.id(), newSize, costBasis.newCostBasis(), market.funding().indexFor(newSize));
        events.positionChanged(sequence, subaccount.account().owner(), subaccount.number(), market.id(), newSize,
            costBasis.newCostBasis(), costBasis.realizedPnl());
    }

    /** What the liquidated subaccount receives in all: each offset's quote and, if the keeper takes a part, its own. */
    private long liquidatedDeltaPlanned(final long liquidatedReceives, final long keeperSize)
    {
        long total = keeperSize > 0 ? liquidatedReceives : 0;
        for (final Deleveraging.Offset offset : offsets)
        {
            total = Math.addExact(total, offset.targetQuote());
        }
        return total;
    }

    /** Throws, changing nothing, if {@link #move} of the same arguments would not fit 64 bits. */
    private void checkMove(final Subaccount subaccount, final Instrument market, final long newSize,
        final long quoteDelta)
    {
        final int index = subaccount.positionIndex(market.id());
        final long oldSize = index < 0 ? 0 : subaccount.positionSize(index);
        final long oldCost = index < 0 ? 0 : subaccount.positionCostBasis(index);
        costBasis.apply(oldSize, oldCost, newSize, -quoteDelta);
        Math.addExact(Math.addExact(subaccount.balance(Asset.QUOTE_ASSET_ID), funding.accrued(subaccount)),
            quoteDelta);
        Math.addExact(subaccount.realizedPnl(), costBasis.realizedPnl());
    }

    private boolean checkPartial(final Liquidate command, final Subaccount liquidated, final long position,
        final Rejection rejection)
    {
        if (wholeMagnitude <= parameters.largePositionNotional())
        {
            return true;
        }
        // Below the backstop ratio of net collateral to requirement, the whole position may go at once.
        final boolean backstop = FixedPoint.compareProducts(target.netCollateralMaintenance(), 1_000_000L,
            target.maintenanceMarginRequirement(), parameters.backstopRatioPpm()) < 0;
        if (backstop)
        {
            return true;
        }
        final long step = state.markets().instrument(command.marketId()).stepSize();
        final long part = FixedPoint.mulDiv(FixedPoint.mulPpm(Math.abs(position), parameters.partialFractionPpm(),
            Rounding.UP), 1, step, Rounding.UP) * step;
        if (command.size() > part)
        {
            return rejection.reject(RejectReason.LIQUIDATION_TOO_LARGE, "a position worth " + wholeMagnitude +
                " is liquidated in parts of at most " + part + " base quantums");
        }
        if (liquidated.lastLiquidatedAt() != 0 &&
            command.time() < liquidated.lastLiquidatedAt() + parameters.cooldownMs())
        {
            return rejection.reject(RejectReason.LIQUIDATION_COOLDOWN, "subaccount " + liquidated.number() + " of " +
                liquidated.account().owner() + " was partly liquidated at " + liquidated.lastLiquidatedAt() +
                "; the next part may go at " + (liquidated.lastLiquidatedAt() + parameters.cooldownMs()));
        }
        return true;
    }

    private boolean keeperKeepsMargin(final Subaccount keeper, final Instrument market, final long newSize,
        final long openInterestDelta, final long quoteDelta, final Rejection rejection)
    {
        if (keeper.positionCount() >= Subaccount.MAX_POSITIONS && keeper.positionIndex(market.id()) < 0)
        {
            return rejection.reject(RejectReason.TOO_MANY_POSITIONS, "keeper subaccount holds " +
                Subaccount.MAX_POSITIONS + " positions");
        }
        if (!margin.compute(keeper, market.id(), newSize, openInterestDelta, Asset.QUOTE_ASSET_ID, quoteDelta, false,
            keeperAfter))
        {
            return rejection.reject(RejectReason.NO_ORACLE_PRICE, "keeper holds something without an oracle price");
        }
        if (keeperAfter.meetsInitialMargin() ||
            margin.compute(keeper, keeperBefore) && MarginFigures.isAllowedTransition(keeperBefore, keeperAfter))
        {
            return true;
        }
        return rejection.reject(RejectReason.INSUFFICIENT_MARGIN, "the keeper would have net collateral " +
            keeperAfter.netCollateralInitial() + " below its initial margin requirement " +
            keeperAfter.initialMarginRequirement());
    }

    private String staleOracle(final Subaccount subaccount)
    {
        final OracleBook oracles = state.oracles();
        final long now = oracles.time();
        for (int i = 0; i < subaccount.positionCount(); i++)
        {
            final Instrument market = state.markets().instrument(subaccount.positionMarket(i));
            if (oracles.isStale(market.oracleId(), now) || market.status() == MarketStatus.HALTED)
            {
                return market.ticker();
            }
        }
        for (int assetId = 1; assetId < subaccount.balanceSlots(); assetId++)
        {
            if (subaccount.balance(assetId) != 0 &&
                oracles.isStale(state.markets().asset(assetId).oracleId(), now))
            {
                return state.markets().asset(assetId).symbol();
            }
        }
        return null;
    }

    /** The first option the subaccount holds whose underlying's volatility surface is stale, or null. */
    private static long longChange(final long oldSize, final long newSize)
    {
        return Math.max(newSize, 0) - Math.max(oldSize, 0);
    }
}
