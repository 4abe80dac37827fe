package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.Command;
import io.novation.core.command.CommandRole;
import io.novation.core.command.CommandVisitor;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.ForcedWithdraw;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SealBatch;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.SweepFees;
import io.novation.core.command.FundInsurance;
import io.novation.core.command.SettleMarket;
import io.novation.core.command.WithdrawInsurance;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.command.CancelRiskParameters;
import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.SignerRecovery;
import io.novation.core.event.Event;
import io.novation.core.governance.GovernanceBook;
import io.novation.node.verification.OrderAdmission;
import io.novation.node.verification.OrderSignerCache;
import io.novation.node.verification.SignerRecoveries;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks, off the engine thread, every signature a command carries, so that the engine can run trusted: the
 * governance or bridge envelope of the commands whose descriptor names that role, and per command type (a visitor,
 * so that a new type must say what it checks) both orders of a trade, the owner's signature of a withdrawal, transfer
 * or margin mode change, the keeper's of a liquidation, the publisher's of a volatility surface. A failing owner
 * signature refuses the command with the engine's own code ({@code BAD_SIGNATURE}); a missing or wrong envelope
 * refuses it with {@code NOT_AUTHORIZED}. An oracle report whose signature does not recover to its publisher is left
 * out of the round (the engine would drop it with {@code BAD_SIGNATURE}), so that one bad report cannot veto a round;
 * a round all of whose reports fail is refused ({@code BAD_SIGNATURE}), so that it costs no journal space. An order,
 * transfer, cancel or nonce floor signed by a session key the {@link SessionKeyDirectory} knows for the owner is
 * admitted (the engine then checks that the key is live and in scope); a withdrawal, margin mode change or key
 * registration or revocation signed by one is refused ({@code OUT_OF_SCOPE}).
 * <p>
 * Signers are recovered through one {@link SignerRecovery} path (libsecp256k1 by default, pure Java as fallback; both
 * answer alike). A fill's orders first pass the {@link OrderAdmission} structural checks, both of them before any
 * recovery, and each order's signer is then recovered once for its life: the {@link OrderSignerCache} answers the
 * signer of an order seen before, and who may sign for the account is judged again on every fill.
 * Thread-safe.
 */
public final class SignatureVerifier
{
    /**
     * Each verifier thread's Keccak state, reused for the digests of the orders it verifies (each order's digest is
     * then kept on the order, which the engine reuses).
     */
    private static final ThreadLocal<Keccak256> HASHERS = ThreadLocal.withInitial(Keccak256::new);

    /** Prune the order signer cache at most once per this much engine time, ms. */
    private static final long PRUNE_INTERVAL_MS = 1_000;

    private final byte[] domainSeparator;
    private final Authority genesis;
    /** The keys in force: the genesis keys as governance rotated them, published by the engine thread. */
    private volatile Authority authority;
    private final SessionKeyDirectory sessionKeys;
    private final SignerRecovery recovery;
    /**
     * Each admitted order's signer, keyed by digest and signature: a matching engine sends the same signed order with
     * each partial fill, and recovering its signer again each time would cost a recovery per fill.
     */
    private final OrderSignerCache orderSigners;
    private volatile OrderAdmission admission = OrderAdmission.shapeOnly();
    private long prunedAt = Long.MIN_VALUE;

    /**
     * A verifier.
     *
     * @param domainSeparator the engine's EIP-712 domain separator.
     * @param authority       the genesis governance and bridge keys.
     */
    public SignatureVerifier(final byte[] domainSeparator, final Authority authority)
    {
        this(domainSeparator, authority, new SessionKeyDirectory());
    }

    /**
     * A verifier that admits the signatures of the session keys a directory knows.
     *
     * @param domainSeparator the engine's EIP-712 domain separator.
     * @param authority       the genesis governance and bridge keys.
     * @param sessionKeys     the registered session keys, kept current by the engine thread.
     */
    public SignatureVerifier(final byte[] domainSeparator, final Authority authority,
        final SessionKeyDirectory sessionKeys)
    {
        this(domainSeparator, authority, sessionKeys, SignerRecoveries.preferred(),
            new OrderSignerCache(OrderSignerCache.DEFAULT_CAPACITY));
    }

    /**
     * A verifier with a chosen recovery path and order signer cache.
     *
     * @param domainSeparator the engine's EIP-712 domain separator.
     * @param authority       the genesis governance and bridge keys.
     * @param sessionKeys     the registered session keys, kept current by the engine thread.
     * @param recovery        the signer recovery path.
     * @param orderSigners    the cache of orders' signers.
     */
    public SignatureVerifier(final byte[] domainSeparator, final Authority authority,
        final SessionKeyDirectory sessionKeys, final SignerRecovery recovery, final OrderSignerCache orderSigners)
    {
        this.domainSeparator = domainSeparator.clone();
        this.genesis = authority;
        this.authority = authority;
        this.sessionKeys = sessionKeys;
        this.recovery = recovery;
        this.orderSigners = orderSigners;
    }

    /**
     * Checks fills' orders against the engine's published view (known markets, time, nonce floors) from now on,
     * before any recovery; until called only their shape is checked.
     *
     * @param orderAdmission the structural checks.
     */
    public void admitOrdersBy(final OrderAdmission orderAdmission)
    {
        admission = orderAdmission;
    }

    /**
     * Follows a durable group of events on the engine thread: nonce floors for the structural checks, and the order
     * signer cache pruned of orders expired at the engine's time (at most once per second of engine time).
     *
     * @param events     the group.
     * @param engineTime the engine's time, epoch ms.
     */
    public void onDurable(final List<Event> events, final long engineTime)
    {
        admission.onDurable(events);
        if (prunedAt == Long.MIN_VALUE || Math.floorDiv(engineTime, PRUNE_INTERVAL_MS) >
            Math.floorDiv(prunedAt, PRUNE_INTERVAL_MS))
        {
            prunedAt = engineTime;
            orderSigners.pruneExpired(engineTime);
        }
    }

    /**
     * The signer recovery path in use.
     *
     * @return the path.
     */
    public SignerRecovery recovery()
    {
        return recovery;
    }

    /**
     * The cache of orders' signers.
     *
     * @return the cache.
     */
    public OrderSignerCache orderSigners()
    {
        return orderSigners;
    }

    /**
     * Follows the keys governance rotated: from now on envelopes must be signed by the keys the book holds (the
     * genesis keys where it holds none). Called on the engine thread once a rotation is durable, and at start.
     *
     * @param book the engine's governance book.
     */
    public void follow(final GovernanceBook book)
    {
        authority = genesis.following(book);
    }

    /**
     * The governance and bridge keys in force.
     *
     * @return the keys.
     */
    public Authority authority()
    {
        return authority;
    }

    /**
     * Verifies one command.
     *
     * @param command           the decoded command.
     * @param explicitTime      whether the client set its time.
     * @param envelopeNonce     the envelope's nonce (governance and bridge), else ignored.
     * @param envelopeSignature the envelope's signature, or null.
     * @return the submission to sequence.
     * @throws Refusal when a signature or the authority is wrong.
     */
    public Submission verify(final Command command, final boolean explicitTime, final long envelopeNonce,
        final EcdsaSignature envelopeSignature) throws Refusal
    {
        final CommandRole role = command.role();
        if (role == CommandRole.SEQUENCER)
        {
            throw new Refusal(403, "NOT_AUTHORIZED", command.type().jsonName() + " is issued by the sequencer itself");
        }
        final Authority keys = authority;
        final Address signer = keys.signerOf(command);
        if (signer != null)
        {
            if (envelopeSignature == null)
            {
                throw new Refusal(403, "NOT_AUTHORIZED", "a " + role.name().toLowerCase() + " command needs an " +
                    "\"authority\" envelope signed by the " + role.name().toLowerCase() + " key");
            }
            if (role == CommandRole.GOVERNANCE && envelopeNonce <= 0)
            {
                throw new Refusal(400, "INVALID_COMMAND", "authority.nonce must be positive");
            }
            if (!recovers(Authority.digest(domainSeparator, envelopeNonce, command), envelopeSignature, signer))
            {
                throw new Refusal(403, "NOT_AUTHORIZED", "the authority envelope is not signed by the " +
                    role.name().toLowerCase() + " key " + signer);
            }
            return new Submission(command, explicitTime, role == CommandRole.GOVERNANCE ? envelopeNonce : 0,
                List.of());
        }
        if (envelopeSignature != null)
        {
            throw new Refusal(400, "INVALID_COMMAND",
                "only governance and bridge commands carry an authority envelope");
        }
        try
        {
            return command.accept(new OwnerSignatures(explicitTime));
        }
        catch (final Refused ex)
        {
            throw ex.refusal;
        }
    }

    private Submission oracleRound(final OraclePrice round, final boolean explicitTime)
    {
        final List<PriceReport> kept = new ArrayList<>(round.reports().size());
        final List<Integer> dropped = new ArrayList<>();
        for (int i = 0; i < round.reports().size(); i++)
        {
            final PriceReport report = round.reports().get(i);
            if (report != null && report.publisher() != null &&
                !recovers(report.digest(domainSeparator), report.signature(), report.publisher()))
            {
                dropped.add(i);
            }
            else
            {
                kept.add(report);
            }
        }
        if (!dropped.isEmpty() && kept.isEmpty())
        {
            // Nothing of the round would survive: refused here rather than sequenced, rejected and journaled.
            throw new Refused(new Refusal(403, "BAD_SIGNATURE", "no report of the round is signed by its publisher"));
        }
        final OraclePrice verified = dropped.isEmpty() ? round : new OraclePrice(round.time(), round.oracleId(), kept);
        return new Submission(verified, explicitTime, 0, List.copyOf(dropped));
    }

    /** Recovers an admitted order's signer once for its life and judges who may sign for its account. */
    private void checkSigner(final Order order, final String side) throws Refusal
    {
        final byte[] digest = order.digest(domainSeparator, HASHERS.get());
        Address signer = orderSigners.signer(digest, order.signature());
        final boolean cached = signer != null;
        if (cached)
        {
            // The engine, which checks a session key's scope at the fill's turn, takes the signer from the order.
            order.rememberSigner(domainSeparator, signer);
        }
        else
        {
            signer = order.signer(domainSeparator, recovery);
        }
        if (signer == null || !signer.equals(order.account()) && !sessionKeys.isKeyOf(order.account(), signer))
        {
            if (sessionKeys.isRevokedKeyOf(order.account(), signer))
            {
                throw new Refusal(403, "SESSION_KEY_REVOKED", "the " + side + " order is signed by a session key " +
                    order.account() + " revoked");
            }
            throw new Refusal(403, "BAD_SIGNATURE", "the " + side + " order is not signed by " + order.account() +
                " or one of its session keys");
        }
        if (!cached)
        {
            orderSigners.remember(digest, order.signature(), signer, order.expiry());
        }
    }

    /** The address a signature recovers to, or null. */
    private Address signer(final byte[] digest, final EcdsaSignature signature)
    {
        try
        {
            final byte[] recovered = signature == null || digest == null ? null :
                recovery.recoverAddress(digest, signature);
            return recovered == null ? null : Address.of(recovered);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    private boolean recovers(final byte[] digest, final EcdsaSignature signature, final Address expected)
    {
        if (signature == null || digest == null)
        {
            return false;
        }
        try
        {
            return expected.matches(recovery.recoverAddress(digest, signature));
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    /** A refusal carried out of a visitor, which cannot throw a checked exception. */
    private static final class Refused extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        private final transient Refusal refusal;

        Refused(final Refusal refusal)
        {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
        }
    }

    /**
     * The signatures each owner-signed type carries, checked per type; a type signed by an envelope (checked before)
     * or by no one passes unchanged.
     */
    private final class OwnerSignatures implements CommandVisitor<Submission>
    {
        private final boolean explicitTime;

        OwnerSignatures(final boolean explicitTime)
        {
            this.explicitTime = explicitTime;
        }

        private Submission plain(final Command command)
        {
            return Submission.of(command, explicitTime);
        }

        private Submission signedBy(final Command command, final Address owner, final byte[] digest,
            final EcdsaSignature signature, final String what)
        {
            if (owner == null || !recovers(digest, signature, owner))
            {
                if (owner != null && sessionKeys.isKeyOf(owner, signer(digest, signature)))
                {
                    throw new Refused(new Refusal(403, "OUT_OF_SCOPE", "the " + what + " is signed by a session " +
                        "key of " + owner + ": only the owner signs it"));
                }
                throw new Refused(new Refusal(403, "BAD_SIGNATURE", "the " + what + " is not signed by " + owner));
            }
            return plain(command);
        }

        /** Signed by the owner or by a session key the directory knows for it (the engine checks its scope). */
        private Submission signedByOwnerOrKey(final Command command, final Address owner, final byte[] digest,
            final EcdsaSignature signature, final String what)
        {
            if (owner == null || !recovers(digest, signature, owner) &&
                !sessionKeys.isKeyOf(owner, signer(digest, signature)))
            {
                if (owner != null && sessionKeys.isRevokedKeyOf(owner, signer(digest, signature)))
                {
                    throw new Refused(new Refusal(403, "SESSION_KEY_REVOKED", "the " + what + " is signed by a " +
                        "session key " + owner + " revoked"));
                }
                throw new Refused(new Refusal(403, "BAD_SIGNATURE", "the " + what + " is not signed by " + owner +
                    " or one of its session keys"));
            }
            return plain(command);
        }

        @Override
        public Submission registerSessionKey(final RegisterSessionKey c)
        {
            return signedBy(c, c.account(), c.account() == null || c.key() == null || c.subaccounts() == null ?
                null : c.digest(domainSeparator), c.signature(), "session key registration");
        }

        @Override
        public Submission revokeSessionKey(final RevokeSessionKey c)
        {
            return signedBy(c, c.account(), c.account() == null || c.key() == null ? null :
                c.digest(domainSeparator), c.signature(), "session key revocation");
        }

        @Override
        public Submission cancelOrders(final CancelOrders c)
        {
            return signedByOwnerOrKey(c, c.account(), c.account() == null || c.orders() == null ? null :
                c.digest(domainSeparator), c.signature(), "cancel");
        }

        @Override
        public Submission setNonceFloor(final SetNonceFloor c)
        {
            return signedByOwnerOrKey(c, c.account(), c.account() == null ? null : c.digest(domainSeparator),
                c.signature(), "nonce floor");
        }

        @Override
        public Submission settleTrade(final SettleTrade c)
        {
            try
            {
                final OrderAdmission orders = admission;
                orders.check(c.maker(), c.marketId(), "maker");
                orders.check(c.taker(), c.marketId(), "taker");
                checkSigner(c.maker(), "maker");
                checkSigner(c.taker(), "taker");
            }
            catch (final Refusal refusal)
            {
                throw new Refused(refusal);
            }
            return plain(c);
        }

        /**
         * Both sides of a block trade: the maker's package and the taker's acceptance, each signed by its owner or a
         * session key the directory knows (the engine checks the key's scope, and the acceptance's package digest).
         */
        @Override
        public Submission settleBlockTrade(final io.novation.core.command.SettleBlockTrade c)
        {
            final io.novation.core.command.BlockPackage maker = c.maker();
            final io.novation.core.command.BlockAcceptance taker = c.taker();
            if (maker == null || taker == null || maker.maker() == null || taker.taker() == null ||
                maker.legs() == null || taker.packageDigest() == null)
            {
                throw new Refused(new Refusal(400, "INVALID_COMMAND", "a block trade needs a maker's package and a " +
                    "taker's acceptance"));
            }
            signedByOwnerOrKey(c, maker.maker(), maker.digest(domainSeparator), maker.signature(),
                "maker's block trade package");
            return signedByOwnerOrKey(c, taker.taker(), taker.digest(domainSeparator), taker.signature(),
                "taker's block trade acceptance");
        }

        @Override
        public Submission withdraw(final Withdraw c)
        {
            return signedBy(c, c.account(), c.account() == null ? null : c.digest(domainSeparator), c.signature(),
                "withdrawal");
        }

        @Override
        public Submission transfer(final Transfer c)
        {
            return signedByOwnerOrKey(c, c.account(), c.account() == null ? null : c.digest(domainSeparator),
                c.signature(),
                "transfer");
        }

        @Override
        public Submission setMarginMode(final SetMarginMode c)
        {
            return signedBy(c, c.account(), c.account() == null ? null : c.digest(domainSeparator), c.signature(),
                "margin mode change");
        }

        @Override
        public Submission liquidate(final Liquidate c)
        {
            return signedBy(c, c.keeper(), c.keeper() == null ? null : c.digest(domainSeparator), c.signature(),
                "liquidation");
        }

        @Override
        public Submission oracleVolSurface(final OracleVolSurface c)
        {
            if (!c.hasSlices())
            {
                throw new Refused(new Refusal(400, "INVALID_COMMAND",
                    "a volatility surface needs its slices, none missing"));
            }
            return signedBy(c, c.publisher(), c.publisher() == null ? null : c.digest(domainSeparator),
                c.signature(), "volatility surface");
        }

        @Override
        public Submission oraclePrice(final OraclePrice c)
        {
            return c.reports() == null ? plain(c) : oracleRound(c, explicitTime);
        }

        @Override
        public Submission createAsset(final CreateAsset c)
        {
            return plain(c);
        }

        @Override
        public Submission createPerpetual(final CreatePerpetual c)
        {
            return plain(c);
        }

        @Override
        public Submission setMarketStatus(final SetMarketStatus c)
        {
            return plain(c);
        }

        @Override
        public Submission registerOraclePublisher(final RegisterOraclePublisher c)
        {
            return plain(c);
        }

        @Override
        public Submission setOracleParameters(final SetOracleParameters c)
        {
            return plain(c);
        }

        @Override
        public Submission deposit(final Deposit c)
        {
            return plain(c);
        }

        @Override
        public Submission fundingSample(final FundingSample c)
        {
            return plain(c);
        }

        @Override
        public Submission fundingTick(final FundingTick c)
        {
            return plain(c);
        }

        @Override
        public Submission setFundingParameters(final SetFundingParameters c)
        {
            return plain(c);
        }

        @Override
        public Submission createOptionSeries(final CreateOptionSeries c)
        {
            return plain(c);
        }

        @Override
        public Submission settleExpiry(final SettleExpiry c)
        {
            return plain(c);
        }

        @Override
        public Submission forcedWithdraw(final ForcedWithdraw c)
        {
            return plain(c);
        }

        @Override
        public Submission sealBatch(final SealBatch c)
        {
            return plain(c);
        }

        @Override
        public Submission setVolSurfaceParameters(final SetVolSurfaceParameters c)
        {
            return plain(c);
        }

        @Override
        public Submission sweepFees(final SweepFees c)
        {
            return plain(c);
        }

        @Override
        public Submission settleMarket(final SettleMarket c)
        {
            return plain(c);
        }

        @Override
        public Submission fundInsurance(final FundInsurance c)
        {
            return plain(c);
        }

        @Override
        public Submission withdrawInsurance(final WithdrawInsurance c)
        {
            return plain(c);
        }

        @Override
        public Submission setRiskParameters(final SetRiskParameters c)
        {
            return plain(c);
        }

        @Override
        public Submission cancelRiskParameters(final CancelRiskParameters c)
        {
            return plain(c);
        }

        @Override
        public Submission applyRiskParameters(final ApplyRiskParameters c)
        {
            return plain(c);
        }

        @Override
        public Submission reportMarketDepth(final io.novation.core.command.ReportMarketDepth c)
        {
            return plain(c);
        }
    }
}
