package io.novation.core.engine;

import io.novation.core.command.CancelOrders;
import io.novation.core.command.Command;
import io.novation.core.command.CommandVisitor;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.FillParts;
import io.novation.core.command.ForcedWithdraw;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SealBatch;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.SweepFees;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.command.CancelRiskParameters;
import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.governance.ScheduledChange;
import io.novation.core.command.FundInsurance;
import io.novation.core.command.SettleMarket;
import io.novation.core.command.WithdrawInsurance;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.core.market.MarketStatus;
import io.novation.core.liquidation.HealthIndex;

/**
 * The clearing engine: a deterministic state machine that applies commands in sequence, emits events, and either
 * applies a command completely or rejects it with a reason code and leaves the state untouched. It has no clock,
 * randomness, I/O or threads: time is a field of every command.
 */
public final class ClearingEngine
{
    /**
     * Expired orders are forgotten from the fill book when sequencer time enters a new interval of this length
     * (an expired order can never fill again, so its fill record only costs memory and tree leaves).
     */
    public static final long PRUNE_INTERVAL_MS = 60L * 60 * 1000;


    private final EngineConfig config;
    private final ClearingState state = new ClearingState();
    private final SignatureCheck signatures;
    private final Configuration configuration;
    private final CollateralOperations collateral;
    private final TradeSettlement trades;
    private final BlockTradeSettlement blockTrades;
    private final OracleStatusWatch oracleStatus;
    private final OracleNetwork oracleNetwork;
    private final FundingOperations funding;
    private final Liquidator liquidator;
    private final VolatilitySurfaces volatilitySurfaces;
    private final OptionExpirySettlement expiries;
    private final StateCommitment commitment;
    private final BatchSealing batches;
    private final Treasury treasury;
    private final Governance governance;
    private final MarketSettlement settlements;
    private final SessionOperations sessions;
    private final HealthIndex healthIndex;
    private final MarketRiskControl riskControl;
    private final Rejection rejection = new Rejection();
    private final Dispatcher dispatcher = new Dispatcher();
    private EventSink events;

    /**
     * An engine at genesis.
     *
     * @param config genesis settings.
     * @param events receives every event.
     */
    public ClearingEngine(final EngineConfig config, final EventSink events)
    {
        this.config = config;
        this.events = events;
        this.signatures = new SignatureCheck(config);
        this.configuration = new Configuration(state);
        this.collateral = new CollateralOperations(state, signatures);
        this.trades = new TradeSettlement(state, signatures);
        this.blockTrades = new BlockTradeSettlement(state, signatures);
        this.oracleStatus = new OracleStatusWatch(state);
        this.expiries = new OptionExpirySettlement(state);
        this.healthIndex = new HealthIndex(state);
        this.riskControl = new MarketRiskControl(state, healthIndex);
        this.oracleNetwork = new OracleNetwork(state, signatures, oracleStatus, expiries, healthIndex, riskControl);
        this.funding = new FundingOperations(state, healthIndex);
        this.liquidator = new Liquidator(state, signatures, LiquidationParameters.defaults(), riskControl);
        this.volatilitySurfaces = new VolatilitySurfaces(state, signatures);
        this.commitment = new StateCommitment(state);
        this.batches = new BatchSealing(state, commitment);
        this.treasury = new Treasury(state, healthIndex);
        this.governance = new Governance(state, healthIndex, oracleStatus, riskControl);
        this.settlements = new MarketSettlement(state, expiries);
        this.sessions = new SessionOperations(state, signatures);
    }

    /**
     * Applies one command.
     *
     * @param command the command; null is rejected.
     * @return true when applied, false when rejected (the state is then unchanged).
     */
    public boolean apply(final Command command)
    {
        if (command == null)
        {
            events.rejected(++state.sequence, RejectReason.INVALID_COMMAND, "no command");
            return false;
        }
        return run(command.time(), command, null);
    }

    /**
     * Applies one {@code settleTrade} held as its fields, without a record: the same steps, rules, events and state
     * as {@link #apply(Command)} of the {@link SettleTrade} of the same fields.
     *
     * @param fill the fill (its orders null are rejected); only read.
     * @return true when applied, false when rejected (the state is then unchanged).
     */
    public boolean apply(final FillParts fill)
    {
        return run(fill.time(), null, fill);
    }

    /**
     * The steps every command takes around its handler: its sequence number, the time check, the oracles' time, the
     * overflow catch, and, once applied, the prunes, the engine's time and the oracle status watch.
     *
     * @param time    the command's time, epoch ms.
     * @param command the command, or null for a fill held as its fields.
     * @param fill    the fill held as its fields, when {@code command} is null.
     */
    private boolean run(final long time, final Command command, final FillParts fill)
    {
        final long sequence = ++state.sequence;
        if (time < state.time)
        {
            events.rejected(sequence, RejectReason.TIME_NOT_MONOTONIC, "time " + time +
                " is before the engine's time " + state.time);
            return false;
        }
        state.oracles.time(time);
        boolean applied;
        try
        {
            applied = command == null ? trades.settle(fill, sequence, events, rejection) :
                dispatch(command, sequence);
        }
        catch (final ArithmeticException ex)
        {
            applied = rejection.reject(RejectReason.OVERFLOW, "a value does not fit: " + ex.getMessage());
        }
        if (!applied)
        {
            state.oracles.time(state.time);
            events.rejected(sequence, rejection.reason(), rejection.message());
        }
        else
        {
            if (Math.floorDiv(time, PRUNE_INTERVAL_MS) > Math.floorDiv(state.time, PRUNE_INTERVAL_MS))
            {
                state.fills().pruneExpired(time);
                state.cancels().pruneExpired(time);
            }
            if (time != state.time)
            {
                state.time = time;
                state.globalChanged = true;
            }
            oracleStatus.observe(time, sequence, events);
        }
        return applied;
    }

    private boolean dispatch(final Command command, final long sequence)
    {
        dispatcher.sequence = sequence;
        return command.accept(dispatcher);
    }

    /**
     * Calls the handler of each command type with the command's sequence number; reused, since the engine applies
     * one command at a time.
     */
    private final class Dispatcher implements CommandVisitor<Boolean>
    {
        private long sequence;

        @Override
        public Boolean settleBlockTrade(final io.novation.core.command.SettleBlockTrade c)
        {
            return blockTrades.settle(c, sequence, events, rejection);
        }

        @Override
        public Boolean settleTrade(final SettleTrade c)
        {
            return trades.settle(c, sequence, events, rejection);
        }

        @Override
        public Boolean oraclePrice(final OraclePrice c)
        {
            return oracleNetwork.oraclePrice(c, sequence, events, rejection);
        }

        @Override
        public Boolean deposit(final Deposit c)
        {
            return collateral.deposit(c, sequence, events, rejection);
        }

        @Override
        public Boolean withdraw(final Withdraw c)
        {
            return collateral.withdraw(c, sequence, events, rejection);
        }

        @Override
        public Boolean transfer(final Transfer c)
        {
            return collateral.transfer(c, sequence, events, rejection);
        }

        @Override
        public Boolean liquidate(final Liquidate c)
        {
            return liquidator.liquidate(c, sequence, events, rejection);
        }

        @Override
        public Boolean fundingSample(final FundingSample c)
        {
            return funding.sample(c, sequence, events, rejection);
        }

        @Override
        public Boolean fundingTick(final FundingTick c)
        {
            return funding.tick(c, sequence, events, rejection);
        }

        @Override
        public Boolean sealBatch(final SealBatch c)
        {
            return batches.seal(c, sequence, events, rejection);
        }

        @Override
        public Boolean forcedWithdraw(final ForcedWithdraw c)
        {
            return collateral.forcedWithdraw(c, sequence, events, rejection);
        }

        @Override
        public Boolean createAsset(final CreateAsset c)
        {
            return configuration.createAsset(c, sequence, events, rejection);
        }

        @Override
        public Boolean createPerpetual(final CreatePerpetual c)
        {
            return configuration.createPerpetual(c, sequence, events, rejection);
        }

        @Override
        public Boolean registerOraclePublisher(final RegisterOraclePublisher c)
        {
            return oracleNetwork.registerPublisher(c, sequence, events, rejection);
        }

        @Override
        public Boolean setOracleParameters(final SetOracleParameters c)
        {
            return oracleNetwork.setParameters(c, sequence, events, rejection);
        }

        @Override
        public Boolean setVolSurfaceParameters(final SetVolSurfaceParameters c)
        {
            return volatilitySurfaces.setParameters(c, sequence, events, rejection);
        }

        @Override
        public Boolean setFundingParameters(final SetFundingParameters c)
        {
            return funding.setParameters(c, sequence, events, rejection);
        }

        @Override
        public Boolean setMarketStatus(final SetMarketStatus c)
        {
            return configuration.setMarketStatus(c, sequence, events, rejection);
        }

        @Override
        public Boolean createOptionSeries(final CreateOptionSeries c)
        {
            return configuration.createOptionSeries(c, sequence, events, rejection);
        }

        @Override
        public Boolean oracleVolSurface(final OracleVolSurface c)
        {
            return volatilitySurfaces.publish(c, sequence, events, rejection);
        }

        @Override
        public Boolean setMarginMode(final SetMarginMode c)
        {
            return collateral.setMarginMode(c, sequence, events, rejection);
        }

        @Override
        public Boolean settleExpiry(final SettleExpiry c)
        {
            return expiries.settle(c, sequence, events, rejection);
        }

        @Override
        public Boolean sweepFees(final SweepFees c)
        {
            return treasury.sweepFees(c, sequence, events, rejection);
        }

        @Override
        public Boolean setRiskParameters(final SetRiskParameters c)
        {
            return governance.schedule(c, sequence, events, rejection);
        }

        @Override
        public Boolean cancelRiskParameters(final CancelRiskParameters c)
        {
            return governance.cancel(c, sequence, events, rejection);
        }

        @Override
        public Boolean applyRiskParameters(final ApplyRiskParameters c)
        {
            return governance.apply(c, sequence, events, rejection);
        }

        @Override
        public Boolean settleMarket(final SettleMarket c)
        {
            return settlements.settleMarket(c, sequence, events, rejection);
        }

        @Override
        public Boolean fundInsurance(final FundInsurance c)
        {
            return treasury.fundInsurance(c, sequence, events, rejection);
        }

        @Override
        public Boolean withdrawInsurance(final WithdrawInsurance c)
        {
            return treasury.withdrawInsurance(c, sequence, events, rejection);
        }

        @Override
        public Boolean registerSessionKey(final RegisterSessionKey c)
        {
            return sessions.register(c, sequence, events, rejection);
        }

        @Override
        public Boolean revokeSessionKey(final RevokeSessionKey c)
        {
            return sessions.revoke(c, sequence, events, rejection);
        }

        @Override
        public Boolean cancelOrders(final CancelOrders c)
        {
            return sessions.cancelOrders(c, sequence, events, rejection);
        }

        @Override
        public Boolean setNonceFloor(final SetNonceFloor c)
        {
            return sessions.setNonceFloor(c, sequence, events, rejection);
        }

        @Override
        public Boolean reportMarketDepth(final io.novation.core.command.ReportMarketDepth c)
        {
            return riskControl.reportDepth(c, sequence, events, rejection);
        }
    }

    /**
     * Requests from memory the rows a command will read, and changes nothing: for a fill, both orders' rows of the
     * fill book and both parties' subaccount index rows, with the hot rows inline in them. A host holding a batch of
     * sequenced fills calls it for each of them and then applies them in order, so that the cache misses of the
     * batch overlap instead of following one another; the state and every outcome are the same with or without it.
     *
     * @param command the command to come; anything but a well-formed fill is ignored.
     * @return a word made of what was read, to be consumed (summed and kept, for instance) so that the reads are not
     * elided; it means nothing.
     */
    public long prefetch(final Command command)
    {
        if (!(command instanceof SettleTrade fill) || fill.maker() == null || fill.taker() == null ||
            fill.maker().account() == null || fill.taker().account() == null)
        {
            return 0;
        }
        try
        {
            final byte[] domain = signatures.domainSeparator();
            return state.fills().prefetch(fill.maker().digest(domain)) +
                state.fills().prefetch(fill.taker().digest(domain)) +
                state.accounts().prefetch(fill.maker().account(), fill.maker().subaccount()) +
                state.accounts().prefetch(fill.taker().account(), fill.taker().subaccount());
        }
        catch (final RuntimeException malformed)
        {
            // A malformed order is the settlement's to refuse; reading ahead just skips it.
            return 0;
        }
    }

    /**
     * The state root: Keccak-256 over the sparse Merkle root of all account and order-fill leaves and the hash of
     * the global state. Commits the leaves changed since the last call.
     *
     * @return 32 bytes.
     */
    public byte[] stateRoot()
    {
        return commitment.root();
    }

    /**
     * The header the batch open since the last seal would have if it were sealed now: what a {@code sealBatch}
     * command must claim. Commits the changed leaves, like {@link #stateRoot()}.
     *
     * @param commandsHash the hash of the batch's journaled commands, computed by the sequencer (32 bytes).
     * @return the header.
     */
    public BatchHeader nextBatchHeader(final byte[] commandsHash)
    {
        return batches.next(commandsHash);
    }

    /**
     * The state commitment, for proofs of leaves.
     *
     * @return the commitment (its tree is current as of the last root computed).
     */
    public StateCommitment commitment()
    {
        return commitment;
    }

    /**
     * The health index: which subaccounts are below maintenance at the current index prices, kept without scanning
     * them all. It is refreshed lazily, by its own reads: applying a command only records what changed.
     *
     * @return the index.
     */
    public HealthIndex healthIndex()
    {
        return healthIndex;
    }

    /**
     * The state, for reading.
     *
     * @return the state.
     */
    public ClearingState state()
    {
        return state;
    }

    /**
     * The genesis settings.
     *
     * @return the configuration.
     */
    public EngineConfig config()
    {
        return config;
    }

    /**
     * The EIP-712 domain separator orders, withdrawals and transfers are signed under.
     *
     * @return 32 bytes; do not modify.
     */
    public byte[] domainSeparator()
    {
        return signatures.domainSeparator();
    }

    /**
     * The liquidation settings.
     *
     * @return the settings.
     */
    public LiquidationParameters liquidationParameters()
    {
        return liquidator.parameters();
    }

    /**
     * The market status the oracle status watch last announced for an oracle's markets; bookkeeping for events,
     * outside the state root, kept by snapshots so that a restored engine emits the same events.
     *
     * @param oracleId oracle.
     * @return the announced oracle status.
     */
    public MarketStatus announcedOracleStatus(final int oracleId)
    {
        return oracleStatus.announced(oracleId);
    }

    /**
     * The earliest sequencer time at which an oracle's status will change without a new round.
     *
     * @return epoch ms, or {@link Long#MAX_VALUE}.
     */
    public long nextOracleStatusDeadline()
    {
        return oracleStatus.nextDeadline();
    }

    /**
     * Restores the oracle status watch of a snapshot; for {@code SnapshotCodec} only.
     *
     * @param announced    per oracle id, the status last announced.
     * @param nextDeadline the next deadline, epoch ms.
     */
    public void restoreOracleStatusWatch(final MarketStatus[] announced, final long nextDeadline)
    {
        oracleStatus.restore(announced, nextDeadline);
    }

    /**
     * The scheduled risk parameter change due first, which the sequencer applies with {@code applyRiskParameters}
     * once sequencer time reaches its effective time.
     *
     * @return the change, or null when none is pending.
     */
    public ScheduledChange nextDueRiskParameters()
    {
        return state.governance.nextDue();
    }

    /**
     * The command that applies the scheduled risk parameter change due first, if it is due at a time: what every
     * host (sequencer, cluster member, scenario runner) applies, and journals, before a command stamped at or after
     * that time. It is stamped at the change's effective time, or later when the engine or the host has already
     * passed it.
     *
     * @param now      the host's time, epoch ms: the next command's stamp, or the clock when idle.
     * @param lastTime the host's last assigned time, epoch ms.
     * @return the command, or null when no change is due at {@code now}.
     */
    public ApplyRiskParameters dueRiskParameters(final long now, final long lastTime)
    {
        if (state.governance.nextDueTime() > now)
        {
            return null;
        }
        final ScheduledChange next = state.governance.nextDue();
        return new ApplyRiskParameters(Math.max(next.effectiveTime(), Math.max(lastTime, state.time)),
            next.changeId());
    }

    /**
     * Replaces the event sink.
     *
     * @param sink the new sink.
     */
    public void eventSink(final EventSink sink)
    {
        this.events = sink;
    }
}
