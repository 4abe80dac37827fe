package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.SessionKey;
import io.novation.core.account.Subaccount;
import io.novation.core.event.RejectReason;
import io.novation.core.command.Order;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Secp256k1;

/**
 * Decides whether a signed command is authorized by an owner: by recovering the secp256k1 signer of its EIP-712
 * digest, or, in trusted mode, by accepting it as verified before sequencing; and whether a signer that is not the
 * owner is one of the owner's live session keys whose scope and subaccounts cover the command. In trusted mode the
 * signer of an account that uses session keys is still recovered, since only the state at the command's turn says
 * whether its key is live; other accounts pay nothing, and an order's signer comes from the order's cache (filled by
 * the node's verifier thread) or from a memo of recent orders' signers.
 */
public final class SignatureCheck
{
    private final SignatureMode mode;
    private final byte[] domainSeparator;
    private Address lastSigner;
    /**
     * Signers of recent orders by digest and signature: a matching engine sends the same signed order with each
     * partial fill, and recovering its signer again costs about a millisecond. A pure function's memo, cleared when
     * full, so it never changes an outcome.
     */
    private final java.util.HashMap<java.nio.ByteBuffer, Address> recentSigners = new java.util.HashMap<>();
    private static final int RECENT_SIGNER_LIMIT = 100_000;

    /**
     * A check bound to an engine's configuration.
     *
     * @param config the configuration.
     */
    public SignatureCheck(final EngineConfig config)
    {
        this.mode = config.signatureMode();
        this.domainSeparator = config.domainSeparator();
    }

    /**
     * The domain separator all signatures are bound to.
     *
     * @return 32 bytes; do not modify.
     */
    public byte[] domainSeparator()
    {
        return domainSeparator;
    }

    /**
     * Whether the signature over the digest is the owner's.
     *
     * @param digest    32-byte EIP-712 digest.
     * @param signature the signature, may be null.
     * @param owner     the expected signer.
     * @return true when authorized.
     */
    public boolean isSignedBy(final byte[] digest, final EcdsaSignature signature, final Address owner)
    {
        if (mode == SignatureMode.TRUSTED)
        {
            return true;
        }
        if (signature == null)
        {
            return false;
        }
        final byte[] signer = Secp256k1.recoverAddress(digest, signature);
        return owner.matches(signer);
    }

    /**
     * Whether signatures are checked at all.
     *
     * @return true in {@link SignatureMode#VERIFY}.
     */
    public boolean verifies()
    {
        return mode == SignatureMode.VERIFY;
    }

    /**
     * Whether a command on an owner's account is signed by the owner or by a live session key of the account that
     * may sign it; {@link #lastSigner()} then names who signed.
     *
     * @param digest     32-byte EIP-712 digest.
     * @param signature  the signature, may be null.
     * @param owner      the account's owner.
     * @param account    the owner's account, or null when it has none.
     * @param scope      the session-key scope bits the command needs, 0 when no session key may sign it.
     * @param subaccount a subaccount the command acts on.
     * @param other      a second subaccount it acts on (the same when only one).
     * @param time       the command's time, epoch ms.
     * @return null when authorized, else the reason for refusing.
     */
    public RejectReason authorize(final byte[] digest, final EcdsaSignature signature, final Address owner,
        final Account account, final int scope, final int subaccount, final int other, final long time)
    {
        lastSigner = owner;
        final boolean keyed = account != null && account.usesSessionKeys();
        if (mode == SignatureMode.TRUSTED && (!keyed || signature == null))
        {
            return null;
        }
        if (signature == null)
        {
            return RejectReason.BAD_SIGNATURE;
        }
        final byte[] signer = Secp256k1.recoverAddress(digest, signature);
        return judge(signer == null ? null : Address.of(signer), owner, account, keyed, scope, subaccount, other,
            time);
    }

    /**
     * As {@link #authorizeOrder(Order, Account, long)} for an order of an existing subaccount, without reading the
     * account object when the subaccount says its owner uses no session keys (or the order carries no signature) in
     * trusted mode, where the answer is then known.
     *
     * @param order      the order.
     * @param subaccount the order's subaccount.
     * @param time       sequencer time, epoch ms.
     * @return null when authorized, else the reason.
     */
    public RejectReason authorizeOrder(final Order order, final Subaccount subaccount, final long time)
    {
        return authorizeOrder(order, subaccount, subaccount.usesSessionKeys(), time);
    }

    /**
     * As {@link #authorizeOrder(Order, Subaccount, long)} with the subaccount's session-key flag read by the caller
     * (from its hot row, {@link Subaccount#rowUsesSessionKeys}), so that neither the subaccount nor the account
     * object is read when the answer is known.
     *
     * @param order               the order.
     * @param subaccount          the order's subaccount.
     * @param ownerUsesSessionKeys the subaccount's {@link Subaccount#usesSessionKeys()}.
     * @param time                sequencer time, epoch ms.
     * @return null when authorized, else the reason.
     */
    public RejectReason authorizeOrder(final Order order, final Subaccount subaccount,
        final boolean ownerUsesSessionKeys, final long time)
    {
        if (mode == SignatureMode.TRUSTED && (order.signature() == null || !ownerUsesSessionKeys))
        {
            lastSigner = order.account();
            return null;
        }
        return authorizeOrder(order, subaccount.account(), time);
    }

    /**
     * {@link #authorize} for an order, signed for its own account and subaccount with the trade scope; the signer is
     * the order's cached one, or remembered from an earlier order of the same digest and signature.
     *
     * @param order   the order.
     * @param account the order's account, or null when it has none.
     * @param time    the fill's time, epoch ms.
     * @return null when authorized, else the reason for refusing.
     */
    public RejectReason authorizeOrder(final Order order, final Account account, final long time)
    {
        lastSigner = order.account();
        final boolean keyed = account != null && account.usesSessionKeys();
        if (mode == SignatureMode.TRUSTED && (!keyed || order.signature() == null))
        {
            return null;
        }
        if (order.signature() == null)
        {
            return RejectReason.BAD_SIGNATURE;
        }
        final Address signer = orderSigner(order);
        return judge(signer, order.account(), account, keyed, SessionKey.TRADE, order.subaccount(),
            order.subaccount(), time);
    }

    /** The signer of an order: cached on the order, else remembered by digest and signature, else recovered. */
    private Address orderSigner(final Order order)
    {
        if (order.knowsSigner(domainSeparator))
        {
            return order.signer(domainSeparator);
        }
        final byte[] key = new byte[32 + 65];
        System.arraycopy(order.digest(domainSeparator), 0, key, 0, 32);
        System.arraycopy(order.signature().toBytes65(), 0, key, 32, 65);
        final java.nio.ByteBuffer wrapped = java.nio.ByteBuffer.wrap(key);
        final Address remembered = recentSigners.get(wrapped);
        if (remembered != null)
        {
            return remembered;
        }
        final Address signer = order.signer(domainSeparator);
        if (signer != null)
        {
            if (recentSigners.size() >= RECENT_SIGNER_LIMIT)
            {
                recentSigners.clear();
            }
            recentSigners.put(wrapped, signer);
        }
        return signer;
    }

    private RejectReason judge(final Address signer, final Address owner, final Account account,
        final boolean keyed, final int scope, final int subaccount, final int other, final long time)
    {
        if (signer == null)
        {
            return mode == SignatureMode.TRUSTED ? null : RejectReason.BAD_SIGNATURE;
        }
        if (owner.equals(signer))
        {
            return null;
        }
        final SessionKey key = keyed ? account.sessionKey(signer) : null;
        if (key == null)
        {
            return RejectReason.BAD_SIGNATURE;
        }
        lastSigner = key.key();
        if (key.isRevoked())
        {
            return RejectReason.SESSION_KEY_REVOKED;
        }
        if (time >= key.expiry())
        {
            return RejectReason.SESSION_KEY_EXPIRED;
        }
        if (!key.allows(scope) || !key.covers(subaccount) || !key.covers(other))
        {
            return RejectReason.OUT_OF_SCOPE;
        }
        return null;
    }

    /**
     * Whether the command last {@linkplain #authorize authorized} was signed by a session key and raises the
     * account's nonce by more than {@link SessionKey#MAX_NONCE_STEP}.
     *
     * @param owner     the account's owner.
     * @param lastNonce the account's last nonce.
     * @param nonce     the command's nonce, above the last.
     * @return true when the key would raise the nonce too far.
     */
    public boolean keyRaisesNonceTooFar(final Address owner, final long lastNonce, final long nonce)
    {
        return !owner.equals(lastSigner) && nonce - lastNonce > SessionKey.MAX_NONCE_STEP;
    }

    /**
     * Who signed the command last {@linkplain #authorize authorized}: the owner or a session key.
     *
     * @return the signer's address.
     */
    public Address lastSigner()
    {
        return lastSigner;
    }
}
