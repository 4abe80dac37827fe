package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Accounts;
import io.novation.core.account.Address;
import io.novation.core.account.SessionKey;
import io.novation.core.account.Subaccount;
import io.novation.core.clearing.CostBasis;
import io.novation.core.clearing.OrderCancelBook;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.crypto.Hex;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.funding.MarketFunding;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionMargin;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.margin.PerpetualMath;
import io.novation.core.market.Instrument;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;

import java.util.List;

/**
 * Settles a block trade (docs/protocol.md, "Block trades"): every leg of a maker's signed package against a taker's
 * signed acceptance, all or none. Every check runs before any change: the package and acceptance (legs count, fees
 * within each side's signed maximum, expiries, the acceptance naming the package's digest, signatures or session
 * keys, cancels and nonce floors, the package not executed before), each leg (instrument live, size on its step,
 * price on its tick and within its {@link BlockTradeBand band} around the mark, reduce-only markets, stale prices,
 * hard caps), then each party's margin once, on its portfolio after all legs and fees (a hedged package passes where
 * its legs alone would not), computed on a scratch copy of the subaccount. Then the legs apply: positions, cost
 * bases and premiums move as for {@link TradeSettlement} fills, fees go to the fee pool, the broker fee to the
 * broker's subaccount, and the package digest is recorded in the fill book so it never executes again. A refusal
 * caused by one leg names it: the message starts with {@code "leg <index>: "} (index from 0).
 */
public final class BlockTradeSettlement
{
    private static final long MICROS = 1_000_000L;

    private final ClearingState state;
    private final SignatureCheck signatures;
    private final MarginCalculator margin;
    private final FundingSettlement funding;
    private final OptionPositionMargin optionMark = new OptionPositionMargin();
    private final Side maker = new Side();
    private final Side taker = new Side();
    private final Instrument[] instruments = new Instrument[BlockPackage.MAX_LEGS];
    private final long[] quoteAmounts = new long[BlockPackage.MAX_LEGS];
    private final long[] openInterestDeltas = new long[BlockPackage.MAX_LEGS];
    private final LegPrefix legPrefix = new LegPrefix();
    private final Accounts scratchAccounts = new Accounts();
    private final Account scratchAccount = scratchAccounts.findOrCreate(Address.of(new byte[Address.LENGTH]));

    /**
     * A block trade handler over the engine's state.
     *
     * @param state      the state.
     * @param signatures the signature check.
     */
    public BlockTradeSettlement(final ClearingState state, final SignatureCheck signatures)
    {
        this.state = state;
        this.signatures = signatures;
        this.margin = new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
        this.funding = new FundingSettlement(state);
    }

    /**
     * Settles the package or records why not.
     *
     * @param command   the block trade.
     * @param sequence  the command's sequence number.
     * @param events    receives the events.
     * @param rejection receives the reason for a refusal.
     * @return true when settled.
     */
    public boolean settle(final SettleBlockTrade command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final BlockPackage offer = command.maker();
        final BlockAcceptance acceptance = command.taker();
        if (offer == null || acceptance == null || offer.maker() == null || acceptance.taker() == null ||
            offer.legs() == null || acceptance.packageDigest() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a block trade needs a maker's package with legs " +
                "and a taker's acceptance of it");
        }
        final List<BlockLeg> legs = offer.legs();
        final int count = legs.size();
        if (count < 1 || count > BlockPackage.MAX_LEGS)
        {
            return rejection.reject(RejectReason.BLOCK_TRADE_LEGS, "a package has 1 to " + BlockPackage.MAX_LEGS +
                " legs, not " + count);
        }
        if (!checkFees(command, offer, acceptance, rejection))
        {
            return false;
        }
        final long time = command.time();
        if (offer.expiry() <= time)
        {
            return rejection.reject(RejectReason.ORDER_EXPIRED, "the package expired at " + offer.expiry());
        }
        if (acceptance.expiry() <= time)
        {
            return rejection.reject(RejectReason.ORDER_EXPIRED, "the taker's acceptance expired at " +
                acceptance.expiry());
        }
        final byte[] domain = signatures.domainSeparator();
        final byte[] digest = offer.digest(domain);
        if (!acceptance.accepts(digest))
        {
            return rejection.reject(RejectReason.BLOCK_TRADE_PACKAGE_MISMATCH, "the taker accepted package " +
                Hex.encode(acceptance.packageDigest()) + ", not " + Hex.encode(digest));
        }
        if (offer.maker().equals(acceptance.taker()) && offer.subaccount() == acceptance.subaccount())
        {
            return rejection.reject(RejectReason.SELF_TRADE, "maker and taker are the same subaccount");
        }
        if (state.fills().filled(digest) != 0)
        {
            return rejection.reject(RejectReason.BLOCK_TRADE_FILLED, "package " + Hex.encode(digest) +
                " already executed");
        }
        if (!authorize(offer.maker(), offer.subaccount(), offer.nonce(), digest, offer.signature(), "maker", time,
            rejection) ||
            !authorize(acceptance.taker(), acceptance.subaccount(), acceptance.nonce(),
                needsDigest(acceptance.taker()) ? acceptance.digest(domain) : null, acceptance.signature(), "taker",
                time, rejection))
        {
            return false;
        }
        if (!maker.bind(offer.maker(), offer.subaccount(), "maker", state, rejection) ||
            !taker.bind(acceptance.taker(), acceptance.subaccount(), "taker", state, rejection))
        {
            return false;
        }
        Subaccount broker = null;
        if (command.broker() != null)
        {
            broker = state.accounts().findSubaccount(command.broker(), command.brokerSubaccount());
            if (broker == null)
            {
                return rejection.reject(RejectReason.UNKNOWN_SUBACCOUNT, "broker subaccount " +
                    command.brokerSubaccount() + " of " + command.broker() + " does not exist");
            }
            if (broker == maker.subaccount || broker == taker.subaccount)
            {
                return rejection.reject(RejectReason.INVALID_COMMAND, "the broker is neither maker nor taker");
            }
        }
        for (int i = 0; i < count; i++)
        {
            if (!checkLeg(i, legs, time, rejection))
            {
                return false;
            }
        }
        if (!maker.checkSlots(count, rejection) || !taker.checkSlots(count, rejection))
        {
            return false;
        }
        for (int i = 0; i < count; i++)
        {
            final long openInterest = instruments[i].openInterestBaseQuantums();
            final long delta = openInterestDeltas[i];
            if (delta > 0 ? openInterest > Long.MAX_VALUE - delta : openInterest < Long.MIN_VALUE - delta)
            {
                return rejection.reject(RejectReason.OVERFLOW, "leg " + i + ": open interest of " +
                    instruments[i].ticker() + " would overflow");
            }
        }
        final long brokerFee = command.brokerFee();
        final long feePoolDelta = Math.addExact(command.makerFee(), command.takerFee());
        Math.addExact(state.feePool(), feePoolDelta);
        if (broker != null)
        {
            Math.addExact(broker.balance(0), brokerFee);
        }
        if (!checkMargin(maker, count, command.makerFee(), rejection) ||
            !checkMargin(taker, count, Math.addExact(command.takerFee(), brokerFee), rejection))
        {
            return false;
        }

        // Commit: nothing below can fail.
        state.fills().setFilled(digest, count, offer.expiry());
        state.addToFeePool(feePoolDelta);
        maker.commit(count, command.makerFee(), funding, sequence, events);
        taker.commit(count, Math.addExact(command.takerFee(), brokerFee), funding, sequence, events);
        if (broker != null && brokerFee != 0)
        {
            broker.addBalance(0, brokerFee);
        }
        for (int i = 0; i < count; i++)
        {
            final BlockLeg leg = legs.get(i);
            final Instrument instrument = instruments[i];
            instrument.adjustOpenInterest(openInterestDeltas[i]);
            if (instrument instanceof PerpetualMarket perpetual)
            {
                perpetual.funding().lastTradePrice(leg.price());
            }
            events.tradeSettled(sequence, instrument.id(), offer.maker(), offer.subaccount(), acceptance.taker(),
                acceptance.subaccount(), !leg.makerBuys(), leg.size(), leg.price(), quoteAmounts[i], 0, 0);
            maker.publish(i, sequence, events);
            taker.publish(i, sequence, events);
        }
        events.blockTradeSettled(sequence, Hex.encode(digest), offer.maker(), offer.subaccount(), acceptance.taker(),
            acceptance.subaccount(), count, command.makerFee(), command.takerFee(), command.broker(),
            command.brokerSubaccount(), brokerFee);
        return true;
    }

    private static boolean checkFees(final SettleBlockTrade command, final BlockPackage offer,
        final BlockAcceptance acceptance, final Rejection rejection)
    {
        if (command.makerFee() < 0 || command.takerFee() < 0 || command.brokerFee() < 0)
        {
            return rejection.reject(RejectReason.INVALID_AMOUNT, "fees may not be negative");
        }
        if (command.broker() == null && command.brokerFee() != 0)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a broker fee needs a broker");
        }
        if (command.makerFee() > offer.maxFee())
        {
            return rejection.reject(RejectReason.BLOCK_TRADE_FEE_ABOVE_MAX, "maker fee " + command.makerFee() +
                " is above the maker's max fee " + offer.maxFee());
        }
        final long takerPays = Math.addExact(command.takerFee(), command.brokerFee());
        if (takerPays > acceptance.maxFee())
        {
            return rejection.reject(RejectReason.BLOCK_TRADE_FEE_ABOVE_MAX, "taker and broker fees " + takerPays +
                " are above the taker's max fee " + acceptance.maxFee());
        }
        if (!acceptance.namesBroker(command.broker(), command.broker() == null ? 0 : command.brokerSubaccount(),
            command.brokerFee()))
        {
            return rejection.reject(RejectReason.BLOCK_TRADE_PACKAGE_MISMATCH, "the taker signed broker " +
                acceptance.broker() + " subaccount " + acceptance.brokerSubaccount() + " fee " +
                acceptance.brokerFee() + ", not " + command.broker() + " subaccount " + command.brokerSubaccount() +
                " fee " + command.brokerFee());
        }
        return true;
    }

    /**
     * Whether a side's digest is read: to recover its signer, or to look up cancels (a trusted engine skips the hash
     * of an owner without session keys while no cancel is kept).
     */
    private boolean needsDigest(final Address owner)
    {
        final Account account = state.accounts().find(owner);
        return signatures.verifies() || account != null && account.usesSessionKeys() || !state.cancels().isEmpty();
    }

    /** A side's signature (owner or session key with the trade scope), then its cancels and nonce floor. */
    private boolean authorize(final Address owner, final int subaccount, final long nonce, final byte[] digest,
        final io.novation.core.crypto.EcdsaSignature signature, final String role, final long time,
        final Rejection rejection)
    {
        if (nonce < 0 || !Subaccount.isValidNumber(subaccount))
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, role + " nonce must not be negative and its " +
                "subaccount must be 0 to 255");
        }
        final RejectReason refused = signatures.authorize(digest, signature, owner, state.accounts().find(owner),
            SessionKey.TRADE, subaccount, subaccount, time);
        if (refused != null)
        {
            return rejection.reject(refused, refused == RejectReason.BAD_SIGNATURE ?
                "the " + role + "'s signature is not by " + owner + " or one of its session keys" :
                "the " + role + " signed with session key " + signatures.lastSigner() + ": " + refused.code());
        }
        final OrderCancelBook cancels = state.cancels();
        if (!cancels.isEmpty() && (cancels.isCancelled(owner, subaccount, digest) ||
            nonce < cancels.nonceFloor(owner, subaccount)))
        {
            return rejection.reject(RejectReason.ORDER_CANCELLED, "the " + role + "'s nonce " + nonce + " of " +
                owner + "/" + subaccount + " was cancelled or is below its nonce floor");
        }
        return true;
    }

    private boolean checkLeg(final int i, final List<BlockLeg> legs, final long time, final Rejection rejection)
    {
        final BlockLeg leg = legs.get(i);
        final LegPrefix at = legPrefix.of(i);
        if (leg == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, at + "missing");
        }
        final Instrument instrument = state.markets().instrument(leg.instrument());
        if (instrument == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, at + "no instrument " + leg.instrument());
        }
        for (int j = 0; j < i; j++)
        {
            if (instruments[j] == instrument)
            {
                return rejection.reject(RejectReason.BLOCK_TRADE_LEGS, at + instrument.ticker() +
                    " is already leg " + j);
            }
        }
        instruments[i] = instrument;
        if (instrument instanceof PerpetualMarket perpetual && perpetual.isSettled())
        {
            return rejection.reject(RejectReason.MARKET_SETTLED, at + instrument.ticker() + " was settled");
        }
        if (instrument instanceof OptionSeries series)
        {
            if (series.isSettled())
            {
                return rejection.reject(RejectReason.OPTION_SETTLED, at + series.ticker() + " was settled");
            }
            if (time >= series.expiry())
            {
                return rejection.reject(RejectReason.OPTION_EXPIRED, at + series.ticker() + " expired at " +
                    series.expiry());
            }
            if (state.volSurfaces().surface(series.oracleId()) == null)
            {
                return rejection.reject(RejectReason.NO_VOL_SURFACE, at + series.ticker() + " has no volatility " +
                    "surface to mark it");
            }
        }
        if (instrument.status() == MarketStatus.HALTED ||
            state.oracles().status(instrument.oracleId(), time) == MarketStatus.HALTED)
        {
            return rejection.reject(RejectReason.MARKET_HALTED, at + instrument.ticker() + " is halted");
        }
        if (leg.size() <= 0 || leg.price() <= 0)
        {
            return rejection.reject(RejectReason.INVALID_AMOUNT, at + "size and price must be positive");
        }
        if (leg.size() % instrument.stepSize() != 0)
        {
            return rejection.reject(RejectReason.OFF_STEP, at + "size " + leg.size() + " is not a multiple of the " +
                "step " + instrument.stepSize());
        }
        if (leg.price() % instrument.tickSize() != 0)
        {
            return rejection.reject(RejectReason.OFF_TICK, at + "price " + leg.price() + " is not a multiple of the " +
                "tick " + instrument.tickSize());
        }
        if (!checkBand(at, instrument, leg.price(), rejection))
        {
            return false;
        }
        final int priceExponent = state.oracles().priceExponent(instrument.oracleId());
        final long quoteAmount = PerpetualMath.notionalQuoteQuantums(leg.size(), leg.price(), priceExponent,
            instrument.atomicResolution(), Rounding.DOWN);
        quoteAmounts[i] = quoteAmount;
        if (!maker.leg(i, instrument, leg.makerBuys(), leg.size(), quoteAmount, legs.size(), at, state, rejection) ||
            !taker.leg(i, instrument, !leg.makerBuys(), leg.size(), quoteAmount, legs.size(), at, state, rejection))
        {
            return false;
        }
        final long openInterestDelta = Math.addExact(maker.longChange(i), taker.longChange(i));
        openInterestDeltas[i] = openInterestDelta;
        if (instrument instanceof PerpetualMarket perpetual && !HardCaps.allow(perpetual, openInterestDelta,
            maker.oldSizes[i], maker.newSizes[i], taker.oldSizes[i], taker.newSizes[i], rejection))
        {
            return rejection.reject(rejection.reason(), at + rejection.message());
        }
        return true;
    }

    /** The leg's price within its band around the mark: perpetuals around the index, options around the mark. */
    private boolean checkBand(final LegPrefix at, final Instrument instrument, final long price,
        final Rejection rejection)
    {
        final long index = state.oracles().price(instrument.oracleId());
        if (index == OracleBook.NO_PRICE)
        {
            return rejection.reject(RejectReason.NO_ORACLE_PRICE, at + instrument.ticker() + " has no oracle price");
        }
        final long lowMicros;
        final long highMicros;
        if (instrument instanceof OptionSeries series)
        {
            final OptionMargin options = margin.options();
            if (!options.position(series, 1, optionMark))
            {
                return rejection.reject(RejectReason.NO_ORACLE_PRICE, at + series.ticker() + " cannot be marked");
            }
            final long longMark = optionMark.markMicros();
            final long floor = FixedPoint.mulPpm(Math.multiplyExact(optionMark.underlyingPrice(), MICROS),
                BlockTradeBand.OPTION_FLOOR_PPM, Rounding.DOWN);
            if (!options.position(series, -1, optionMark))
            {
                return rejection.reject(RejectReason.NO_ORACLE_PRICE, at + series.ticker() + " cannot be marked");
            }
            final long shortMark = optionMark.markMicros();
            lowMicros = longMark - Math.max(FixedPoint.mulPpm(longMark, BlockTradeBand.OPTION_BAND_PPM,
                Rounding.DOWN), floor);
            highMicros = Math.addExact(shortMark, Math.max(FixedPoint.mulPpm(shortMark,
                BlockTradeBand.OPTION_BAND_PPM, Rounding.DOWN), floor));
        }
        else
        {
            final long width = FixedPoint.mulPpm(index, BlockTradeBand.PERPETUAL_BAND_PPM, Rounding.DOWN);
            lowMicros = Math.multiplyExact(index - width, MICROS);
            highMicros = Math.multiplyExact(Math.addExact(index, width), MICROS);
        }
        final long priceMicros = Math.multiplyExact(price, MICROS);
        if (priceMicros < lowMicros || priceMicros > highMicros)
        {
            return rejection.reject(RejectReason.BLOCK_TRADE_OFF_BAND, at + "price " + price + " of " +
                instrument.ticker() + " is outside its band " + Math.max(0, lowMicros) + " to " + highMicros +
                " (price units x 1e6)");
        }
        return true;
    }

    /**
     * The party's margin once, on a scratch copy of its subaccount with every leg and its fees applied (funding
     * accrued on a leg's market moved into the quote balance, as the commit settles it), with each leg's open
     * interest change assumed: initial margin after, or a transition {@link MarginFigures#isAllowedTransition} allows.
     */
    private boolean checkMargin(final Side side, final int count, final long fee, final Rejection rejection)
    {
        final Subaccount real = side.subaccount;
        final Subaccount scratch = scratchAccount.subaccountOrCreate(real.number());
        for (int p = scratch.positionCount() - 1; p >= 0; p--)
        {
            scratch.setPosition(scratch.positionMarket(p), 0, 0, 0);
        }
        final int slots = Math.max(scratch.balanceSlots(), real.balanceSlots());
        for (int asset = 0; asset < slots; asset++)
        {
            final long delta = Math.subtractExact(real.balance(asset), scratch.balance(asset));
            if (delta != 0)
            {
                scratch.addBalance(asset, delta);
            }
        }
        scratch.portfolioMargin(real.isPortfolioMargin());
        for (int p = 0; p < real.positionCount(); p++)
        {
            scratch.setPosition(real.positionMarket(p), real.positionSize(p), real.positionCostBasis(p),
                real.positionFundingIndex(p));
        }
        long quote = -fee;
        for (int i = 0; i < count; i++)
        {
            final MarketFunding marketFunding = instruments[i].funding();
            final long oldSize = side.oldSizes[i];
            if (oldSize != 0)
            {
                final long settledAt = real.positionFundingIndex(real.positionIndex(instruments[i].id()));
                if (marketFunding.indexFor(oldSize) != settledAt)
                {
                    quote = Math.addExact(quote, marketFunding.accrued(oldSize, settledAt));
                }
            }
            quote = Math.addExact(quote, side.quoteDeltas[i]);
            scratch.setPosition(instruments[i].id(), side.newSizes[i], side.newCostBases[i],
                marketFunding.indexFor(side.newSizes[i]));
        }
        scratch.addBalance(0, quote);
        final MarginFigures after = side.after;
        boolean priced;
        int applied = 0;
        try
        {
            for (; applied < count; applied++)
            {
                instruments[applied].adjustOpenInterest(openInterestDeltas[applied]);
            }
            priced = margin.compute(scratch, after);
        }
        finally
        {
            for (int i = applied - 1; i >= 0; i--)
            {
                instruments[i].adjustOpenInterest(-openInterestDeltas[i]);
            }
        }
        if (!priced)
        {
            return rejection.reject(RejectReason.NO_ORACLE_PRICE, side.role + " subaccount " + real.number() +
                " holds something without a price");
        }
        Math.addExact(scratch.balance(0), after.accruedFunding());
        if (after.meetsInitialMargin() ||
            margin.compute(real, side.before) && MarginFigures.isAllowedTransition(side.before, after))
        {
            return true;
        }
        return rejection.reject(RejectReason.INSUFFICIENT_MARGIN, side.role + " subaccount " + real.number() +
            " of " + real.account().owner() + " would have net collateral " + after.netCollateralInitial() +
            " below its initial margin requirement " + after.initialMarginRequirement() + " after all legs");
    }

    /** One party's view of every leg, worked out before anything changes. */
    private static final class Side
    {
        private final MarginFigures before = new MarginFigures();
        private final MarginFigures after = new MarginFigures();
        private final CostBasis costBasis = new CostBasis();
        private final int[] marketIds = new int[BlockPackage.MAX_LEGS];
        private final long[] oldSizes = new long[BlockPackage.MAX_LEGS];
        private final long[] newSizes = new long[BlockPackage.MAX_LEGS];
        private final long[] newCostBases = new long[BlockPackage.MAX_LEGS];
        private final long[] realizedPnls = new long[BlockPackage.MAX_LEGS];
        private final long[] quoteDeltas = new long[BlockPackage.MAX_LEGS];
        private final MarketFunding[] fundings = new MarketFunding[BlockPackage.MAX_LEGS];
        private Subaccount subaccount;
        private String role;
        private int opened;

        boolean bind(final Address owner, final int number, final String role, final ClearingState state,
            final Rejection rejection)
        {
            this.role = role;
            this.opened = 0;
            subaccount = state.accounts().findSubaccount(owner, number);
            if (subaccount == null)
            {
                return state.accounts().find(owner) == null ?
                    rejection.reject(RejectReason.UNKNOWN_ACCOUNT, role + " account " + owner + " has no collateral") :
                    rejection.reject(RejectReason.UNKNOWN_SUBACCOUNT, role + " subaccount " + number +
                        " does not exist");
            }
            return true;
        }

        boolean leg(final int i, final Instrument market, final boolean buys, final long size, final long quoteAmount,
            final int legs, final LegPrefix at, final ClearingState state, final Rejection rejection)
        {
            final int index = subaccount.positionIndex(market.id());
            final long oldSize = index < 0 ? 0 : subaccount.positionSize(index);
            final long oldCostBasis = index < 0 ? 0 : subaccount.positionCostBasis(index);
            final long newSize = buys ? Math.addExact(oldSize, size) : Math.subtractExact(oldSize, size);
            final boolean reduces = Math.abs(newSize) < Math.abs(oldSize) && (newSize == 0 ||
                Long.signum(newSize) == Long.signum(oldSize));
            if (!reduces && state.oracles().isStale(market.oracleId(), state.oracles().time()))
            {
                return rejection.reject(RejectReason.STALE_ORACLE, at + market.ticker() + "'s oracle price is stale " +
                    "and the " + role + " would go from " + oldSize + " to " + newSize);
            }
            if (!reduces && Markets.isOptionId(market.id()) &&
                state.volSurfaces().isStale(market.oracleId(), state.oracles().time()))
            {
                return rejection.reject(RejectReason.STALE_VOL_SURFACE, at + market.ticker() + "'s volatility " +
                    "surface is stale and the " + role + " would go from " + oldSize + " to " + newSize);
            }
            if (market.status() == MarketStatus.REDUCE_ONLY && !reduces)
            {
                return rejection.reject(RejectReason.MARKET_REDUCE_ONLY, at + market.ticker() + " is reduce-only " +
                    "and the " + role + " would go from " + oldSize + " to " + newSize);
            }
            if (subaccount.isIsolated() && (legs > 1 || index < 0 && subaccount.positionCount() > 0))
            {
                return rejection.reject(RejectReason.ISOLATED_SUBACCOUNT_VIOLATION, at + role + " subaccount " +
                    subaccount.number() + " is isolated and may hold one market only");
            }
            final long signedQuote = newSize > oldSize ? quoteAmount : -quoteAmount;
            costBasis.apply(oldSize, oldCostBasis, newSize, signedQuote);
            marketIds[i] = market.id();
            fundings[i] = market.funding();
            oldSizes[i] = oldSize;
            newSizes[i] = newSize;
            newCostBases[i] = newSize == 0 ? 0 : costBasis.newCostBasis();
            realizedPnls[i] = costBasis.realizedPnl();
            quoteDeltas[i] = -signedQuote;
            if (index < 0)
            {
                opened++;
            }
            return true;
        }

        long longChange(final int i)
        {
            return Math.max(newSizes[i], 0) - Math.max(oldSizes[i], 0);
        }

        /** Position slots, and (throwing ArithmeticException, rejected as OVERFLOW) sums the commit makes. */
        boolean checkSlots(final int count, final Rejection rejection)
        {
            long realized = subaccount.realizedPnl();
            long quote = 0;
            for (int i = 0; i < count; i++)
            {
                realized = Math.addExact(realized, realizedPnls[i]);
                quote = Math.addExact(quote, quoteDeltas[i]);
            }
            Math.addExact(subaccount.balance(0), quote);
            if (opened > 0 && subaccount.positionCount() + opened > Subaccount.MAX_POSITIONS)
            {
                return rejection.reject(RejectReason.TOO_MANY_POSITIONS, role + " subaccount " +
                    subaccount.number() + " would hold more than " + Subaccount.MAX_POSITIONS + " positions");
            }
            return true;
        }

        /** Settles accrued funding, then moves every leg's position and the quote balance. */
        void commit(final int count, final long fee, final FundingSettlement funding, final long sequence,
            final EventSink events)
        {
            funding.settle(subaccount, sequence, events);
            long quote = -fee;
            long realized = 0;
            for (int i = 0; i < count; i++)
            {
                quote += quoteDeltas[i];
                realized += realizedPnls[i];
                final int index = subaccount.positionIndex(marketIds[i]);
                subaccount.setPositionAt(index, marketIds[i], newSizes[i], newCostBases[i],
                    fundings[i].indexFor(newSizes[i]));
            }
            subaccount.addBalance(0, quote);
            subaccount.addRealizedPnl(realized);
        }

        void publish(final int i, final long sequence, final EventSink events)
        {
            events.positionChanged(sequence, subaccount.account().owner(), subaccount.number(), marketIds[i],
                newSizes[i], newCostBases[i], realizedPnls[i]);
        }
    }

    /**
     * The {@code "leg <index>: "} prefix of a refusal caused by a leg, written only when a refusal needs it (the
     * accepted path builds no string).
     */
    private static final class LegPrefix
    {
        private int index;

        LegPrefix of(final int legIndex)
        {
            this.index = legIndex;
            return this;
        }

        @Override
        public String toString()
        {
            return "leg " + index + ": ";
        }
    }
}
