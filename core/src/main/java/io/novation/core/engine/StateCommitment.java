package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.funding.FundingParameters;
import io.novation.core.funding.MarketFunding;
import io.novation.core.market.Asset;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.surface.VolSurfaceBook;
import io.novation.core.surface.VolSurfaceFeed;
import io.novation.core.oracle.VolSurfaceParameters;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.PublisherSet;
import io.novation.core.oracle.TimeWeightedAverage;
import io.novation.core.commitment.Hasher;
import io.novation.core.commitment.Keccak256Hasher;
import io.novation.core.commitment.LeafEncoding;
import io.novation.core.commitment.SparseMerkleTree;

/**
 * Commits the engine state to a 32-byte root: a sparse Merkle tree whose leaves are the accounts (key
 * keccak256(owner)) and the filled amounts of orders (key keccak256(0x66 || orderDigest)), combined with a hash of
 * the global state (assets, markets with their funding state, oracles with their parameters, publishers, held rounds
 * and TWAP sums, option series, volatility surfaces, fee pool,
 * insurance fund, deposit and withdrawal totals) as
 * keccak256(treeRoot || globalHash). Only leaves changed since the last root are rehashed.
 */
public final class StateCommitment
{
    /** Domain byte that prefixes an order digest in the key of its fill leaf. */
    public static final byte FILL_KEY_PREFIX = 0x66;
    /** The publisher committed for a surface restored from a snapshot older than version 5: 20 zero bytes. */
    private static final byte[] NO_PUBLISHER = new byte[20];

    private final ClearingState state;
    private final Hasher hasher;
    private final SparseMerkleTree tree;
    private final LeafEncoding encoding = new LeafEncoding();
    private final byte[] key = new byte[32];
    private final byte[] fillKeyPreimage = new byte[33];
    private final byte[] globalHash = new byte[32];
    private final byte[] combined = new byte[64];
    private final byte[] owner = new byte[20];
    private final java.util.function.Consumer<Account> accountCommitter = this::commitAccount;
    private final io.novation.core.clearing.OrderFillBook.FillConsumer fillCommitter = this::commitFill;
    private boolean globalKnown;

    /**
     * A commitment over a state, with Keccak-256.
     *
     * @param state the engine state.
     */
    public StateCommitment(final ClearingState state)
    {
        this(state, new Keccak256Hasher());
    }

    /**
     * A commitment over a state with a chosen hash function.
     *
     * @param state  the engine state.
     * @param hasher the hash function of the tree and the root.
     */
    public StateCommitment(final ClearingState state, final Hasher hasher)
    {
        this.state = state;
        this.hasher = hasher;
        this.tree = new SparseMerkleTree(hasher);
        fillKeyPreimage[0] = FILL_KEY_PREFIX;
    }

    /**
     * The current root, after committing every changed leaf.
     *
     * @return 32 bytes.
     */
    public byte[] root()
    {
        state.accounts().drainDirty(accountCommitter);
        state.fills().drainChanged(fillCommitter);
        if (!globalKnown || state.consumeGlobalChange())
        {
            encodeGlobal();
            hash(encoding.buffer(), 0, encoding.length(), globalHash);
            globalKnown = true;
        }
        tree.root(combined, 0);
        System.arraycopy(globalHash, 0, combined, 32, 32);
        final byte[] root = new byte[32];
        hash(combined, 0, 64, root);
        return root;
    }

    /**
     * The tree root of the last {@link #root()}.
     *
     * @return 32 bytes, a copy.
     */
    public byte[] lastTreeRoot()
    {
        return java.util.Arrays.copyOfRange(combined, 0, 32);
    }

    /**
     * The global-state hash of the last {@link #root()}.
     *
     * @return 32 bytes, a copy.
     */
    public byte[] lastGlobalHash()
    {
        return globalHash.clone();
    }

    /**
     * The tree of account and fill leaves, for proofs.
     *
     * @return the tree (committed up to the last {@link #root()}).
     */
    public SparseMerkleTree tree()
    {
        return tree;
    }

    /**
     * The key of an account's leaf: keccak256 of its 20-byte owner address.
     *
     * @param account the account.
     * @param out     32 bytes receiving the key.
     */
    public void accountKey(final Account account, final byte[] out)
    {
        account.owner().putBytes(owner, 0);
        hash(owner, 0, 20, out);
    }

    private void commitAccount(final Account account)
    {
        accountKey(account, key);
        encoding.reset().putAccount(account);
        tree.update(key, encoding.toBytes());
    }

    private void commitFill(final byte[] digests, final int offset, final long filled, final long expiry)
    {
        System.arraycopy(digests, offset, fillKeyPreimage, 1, 32);
        hash(fillKeyPreimage, 0, 33, key);
        if (filled == 0)
        {
            tree.delete(key);
            return;
        }
        tree.update(key, encoding.reset().putLong(filled).putLong(expiry).toBytes());
    }

    private void hash(final byte[] data, final int offset, final int length, final byte[] out)
    {
        hasher.reset();
        hasher.update(data, offset, length);
        hasher.digest(out, 0);
    }

    private void encodeGlobal()
    {
        final Markets markets = state.markets();
        encoding.reset().putShort(markets.assetCount());
        for (int i = 0; i < markets.assetCount(); i++)
        {
            final Asset asset = markets.asset(i);
            encoding.putShort(asset.id()).putString(asset.symbol()).putByte(asset.decimals()).putInt(asset.oracleId())
                .putLong(asset.initialWeightPpm()).putLong(asset.maintenanceWeightPpm())
                .putLong(state.totalDeposited(i)).putLong(state.totalWithdrawn(i));
        }
        encoding.putShort(markets.perpetualCount());
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            final PerpetualMarket market = markets.perpetual(i);
            final LiquidityTier tier = market.liquidityTier();
            encoding.putInt(market.id()).putString(market.ticker()).putInt(market.oracleId())
                .putByte(market.atomicResolution()).putLong(market.tickSize()).putLong(market.stepSize())
                .putInt(tier.id()).putLong(tier.initialMarginPpm()).putLong(tier.maintenanceFractionPpm())
                .putLong(tier.imfFactorPpm()).putLong(tier.openInterestLowerCap()).putLong(tier.openInterestUpperCap())
                .putLong(market.makerFeePpm()).putLong(market.takerFeePpm()).putByte(market.status().ordinal())
                .putLong(market.openInterestBaseQuantums()).putLong(market.isolatedInsuranceFund());
            encodeFunding(market.funding());
        }
        final OracleBook oracles = state.oracles();
        encoding.putShort(oracles.count());
        for (int i = 0; i < oracles.count(); i++)
        {
            encodeOracle(oracles.feed(i));
        }
        encoding.putInt(markets.optionCount());
        for (int i = 0; i < markets.optionCount(); i++)
        {
            final OptionSeries series = markets.optionAt(i);
            encoding.putInt(series.id()).putString(series.ticker()).putInt(series.oracleId()).putLong(series.strike())
                .putLong(series.expiry()).putByte(series.type().ordinal()).putByte(series.atomicResolution())
                .putLong(series.tickSize()).putLong(series.stepSize()).putLong(series.makerFeePpm())
                .putLong(series.takerFeePpm()).putByte(series.status().ordinal())
                .putLong(series.openInterestBaseQuantums()).putLong(series.settlementPrice())
                .putByte(series.isSettled() ? 1 : 0).putLong(series.funding().ledger())
                .putLong(series.funding().residueNanos()).putLong(series.funding().longLossIndex())
                .putLong(series.funding().shortLossIndex());
        }
        final VolSurfaceBook surfaces = state.volSurfaces();
        encoding.putShort(surfaces.count());
        for (int i = 0; i < surfaces.slots(); i++)
        {
            final PublishedVolSurface surface = surfaces.surface(i);
            if (surface == null)
            {
                continue;
            }
            encodeSurface(surface);
        }
        encoding.putLong(state.feePool()).putLong(state.insuranceFund()).putLong(state.lastDepositId())
            .putLong(state.withdrawalCount()).putLong(state.time());
        encoding.putLong(state.lastForcedRequestId()).putLong(state.batchCount())
            .putBytes(state.lastBatchRoot(), 0, 32)
            .putBytes(state.pendingWithdrawals().runningHash(), 0, 32);
        encodeSurfaceRounds(surfaces);
        if (state.badDebt() != 0)
        {
            // Appended only once there is any, so that the roots of states without it are unchanged.
            encoding.putLong(state.badDebt());
        }
    }

    private void encodeSurface(final PublishedVolSurface surface)
    {
        encoding.putInt(surface.oracleId()).putLong(surface.publishedAt())
            .putBytes(surface.publisher() == null ? NO_PUBLISHER : surface.publisher().toBytes(), 0, 20)
            .putShort(surface.slices().size());
        for (final OracleVolSurface.Slice slice : surface.slices())
        {
            encoding.putLong(slice.expiry()).putLong(slice.aNanos()).putLong(slice.bNanos())
                .putLong(slice.rhoNanos()).putLong(slice.mNanos()).putLong(slice.sigmaNanos());
        }
    }

    /**
     * Surface parameters other than the defaults, surfaces held by the deviation guard and submissions short of a
     * quorum, appended only when there are any (so the root of a state without them is unchanged): count of
     * underlyings (2), per underlying in oracle order its oracle id (4) ‖ heartbeat (8) ‖ deviation threshold (8) ‖
     * band base (8) ‖ band per hour (8) ‖ band max (8) ‖ held (1) [‖ held at (8) ‖ held signers (4) ‖ surface] ‖
     * candidate count (2) ‖ per candidate its signers (4) ‖ surface.
     */
    private void encodeSurfaceRounds(final VolSurfaceBook surfaces)
    {
        final int rounds = surfaces.roundCount();
        if (rounds == 0)
        {
            return;
        }
        encoding.putShort(rounds);
        for (int i = 0; i < surfaces.slots(); i++)
        {
            final VolSurfaceFeed feed = surfaces.feed(i);
            if (feed == null || !feed.hasRounds())
            {
                continue;
            }
            final VolSurfaceParameters parameters = feed.parameters();
            encoding.putInt(i).putLong(parameters.heartbeatMs()).putLong(parameters.deviationThresholdPpm())
                .putLong(parameters.staleBandBasePpm()).putLong(parameters.staleBandPpmPerHour())
                .putLong(parameters.staleBandMaxPpm()).putByte(feed.held() == null ? 0 : 1);
            if (feed.held() != null)
            {
                encoding.putLong(feed.heldAt()).putInt(feed.heldSigners());
                encodeSurface(feed.held());
            }
            encoding.putShort(feed.candidates().size());
            for (final VolSurfaceFeed.Candidate candidate : feed.candidates())
            {
                encoding.putInt(candidate.signers());
                encodeSurface(candidate.surface());
            }
        }
    }

    private void encodeFunding(final MarketFunding funding)
    {
        final FundingParameters parameters = funding.parameters();
        encoding.putByte(parameters.mode().ordinal()).putLong(parameters.sampleIntervalMs())
            .putLong(parameters.tickIntervalMs()).putLong(parameters.interestRate8hPpb())
            .putLong(parameters.interestClampPpb()).putLong(parameters.rateClampFactorPpm())
            .putLong(parameters.premiumClampFactorPpm())
            .putLong(funding.cumulativeIndex()).putLong(funding.lastTickTime()).putLong(funding.lastTickSlot())
            .putLong(funding.lastSampleSlot()).putLong(funding.premiumSum()).putInt(funding.premiumSamples())
            .putLong(funding.lastRate8hPpb()).putLong(funding.lastTradePrice()).putLong(funding.ledger())
            .putLong(funding.residueNanos()).putLong(funding.longLossIndex()).putLong(funding.shortLossIndex());
    }

    private void encodeOracle(final OracleFeed feed)
    {
        final OracleParameters parameters = feed.parameters();
        encoding.putString(feed.name()).putByte(feed.priceExponent()).putLong(feed.price()).putLong(feed.updatedAt())
            .putInt(parameters.quorum()).putLong(parameters.freshnessWindowMs()).putLong(parameters.maxFutureSkewMs())
            .putLong(parameters.heartbeatMs()).putLong(parameters.haltAfterMs())
            .putLong(parameters.deviationThresholdPpm()).putInt(parameters.jumpQuorum())
            .putLong(parameters.staleBandBasePpm()).putLong(parameters.staleBandPpmPerMinute())
            .putLong(parameters.staleBandMaxPpm())
            .putLong(feed.heldPrice()).putLong(feed.heldAt()).putInt(feed.heldPublishers());
        final PublisherSet publishers = feed.publishers();
        encoding.putShort(publishers.count());
        for (int p = 0; p < publishers.count(); p++)
        {
            encoding.putBytes(publishers.address(p).toBytes(), 0, 20).putLong(publishers.lastPublishedAt(p));
        }
        final TimeWeightedAverage twap = feed.twap();
        encoding.putLong(twap.firstTime()).putLong(twap.lastTime()).putLong(twap.cumulative());
        for (int slot = 0; slot < TimeWeightedAverage.checkpointCount(); slot++)
        {
            encoding.putLong(twap.checkpointTime(slot)).putLong(twap.checkpointSum(slot));
        }
    }
}
