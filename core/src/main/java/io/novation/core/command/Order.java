package io.novation.core.command;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.OrderTypedData;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A signed limit order as the owner signed it (EIP-712 struct {@code Order}): size in base quantums, limit price in
 * price units, expiry in epoch milliseconds. Its EIP-712 digest and the address its signature recovers to are each
 * computed once and cached, so that a verifier thread can compute them before the order reaches the engine (both are
 * pure functions of the order, so who computes them never changes the outcome). One order object may be read by
 * several threads (an order filled by fills that verifier threads check in parallel): each cached value is written
 * before its domain is published with release semantics, and read after its domain with acquire semantics, so a
 * thread that sees the domain sees the value.
 */
public final class Order
{
    private final Address account;
    private final int subaccount;
    private final int market;
    private final boolean isBuy;
    private final long size;
    private final long limitPrice;
    private final long nonce;
    private final long expiry;
    private final boolean reduceOnly;
    private final EcdsaSignature signature;
    private byte[] digest;
    private byte[] digestDomain;
    private Address signer;
    private byte[] signerDomain;

    private static final VarHandle DIGEST_DOMAIN;
    private static final VarHandle SIGNER_DOMAIN;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            DIGEST_DOMAIN = lookup.findVarHandle(Order.class, "digestDomain", byte[].class);
            SIGNER_DOMAIN = lookup.findVarHandle(Order.class, "signerDomain", byte[].class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private Order(
        final Address account, final int subaccount, final int market, final boolean isBuy, final long size,
        final long limitPrice, final long nonce, final long expiry, final boolean reduceOnly,
        final EcdsaSignature signature)
    {
        this.account = account;
        this.subaccount = subaccount;
        this.market = market;
        this.isBuy = isBuy;
        this.size = size;
        this.limitPrice = limitPrice;
        this.nonce = nonce;
        this.expiry = expiry;
        this.reduceOnly = reduceOnly;
        this.signature = signature;
    }

    /**
     * An order; values are checked by the engine, which rejects what does not fit, not here.
     *
     * @param account    owner.
     * @param subaccount subaccount number.
     * @param market     market id.
     * @param isBuy      true to buy.
     * @param size       base quantums.
     * @param limitPrice price units.
     * @param nonce      distinguishes otherwise equal orders.
     * @param expiry     epoch ms after which it may not fill.
     * @param reduceOnly whether it may only reduce the position.
     * @param signature  the owner's signature, or null when unsigned (trusted simulations).
     * @return the order.
     */
    public static Order of(
        final Address account, final int subaccount, final int market, final boolean isBuy, final long size,
        final long limitPrice, final long nonce, final long expiry, final boolean reduceOnly,
        final EcdsaSignature signature)
    {
        if (account == null)
        {
            throw new IllegalArgumentException("order account is required");
        }
        return new Order(account, subaccount, market, isBuy, size, limitPrice, nonce, expiry, reduceOnly, signature);
    }

    /**
     * The same order with a signature.
     *
     * @param newSignature the signature.
     * @return a new order.
     */
    public Order withSignature(final EcdsaSignature newSignature)
    {
        return new Order(account, subaccount, market, isBuy, size, limitPrice, nonce, expiry, reduceOnly, newSignature);
    }

    /**
     * The EIP-712 digest of this order under a domain, computed on first use and cached.
     *
     * @param domainSeparator the EIP-712 domain separator.
     * @return 32 bytes; do not modify.
     */
    public byte[] digest(final byte[] domainSeparator)
    {
        return digest(domainSeparator, null);
    }

    /**
     * {@link #digest(byte[])}, computed on first use with a hasher the calling thread keeps (a verifier thread's),
     * rather than with a fresh one.
     *
     * @param domainSeparator the EIP-712 domain separator.
     * @param hasher          a hasher only this thread uses, or null for a fresh one.
     * @return 32 bytes; do not modify.
     */
    public byte[] digest(final byte[] domainSeparator, final Keccak256 hasher)
    {
        final byte[] known = (byte[])DIGEST_DOMAIN.getAcquire(this);
        if (known != null && (known == domainSeparator || java.util.Arrays.equals(known, domainSeparator)))
        {
            return digest;
        }
        final byte[] d = OrderTypedData.digest(hasher == null ? new Keccak256() : hasher,
            domainSeparator, account.toBytes(), subaccount, market, isBuy, size, limitPrice, nonce, expiry,
            reduceOnly);
        digest = d;
        DIGEST_DOMAIN.setRelease(this, domainSeparator);
        return d;
    }

    /**
     * Records this order's digest under a domain, computed earlier for an order with the same fields (a relay from
     * the node's own verification, so that an engine re-executing the same journal does not hash the order again).
     *
     * @param domainSeparator the EIP-712 domain separator.
     * @param known           the digest {@link #digest(byte[])} answers for these fields under that domain.
     */
    public void rememberDigest(final byte[] domainSeparator, final byte[] known)
    {
        digest = known;
        DIGEST_DOMAIN.setRelease(this, domainSeparator);
    }

    /**
     * The address the signature recovers to over this order's digest under a domain, computed on first use and
     * cached.
     *
     * @param domainSeparator the EIP-712 domain separator.
     * @return the signer, or null when the order is unsigned or its signature recovers to no address.
     */
    public Address signer(final byte[] domainSeparator)
    {
        return signer(domainSeparator, io.novation.core.crypto.SignerRecovery.PURE_JAVA);
    }

    /**
     * {@link #signer(byte[])} recovered, on first use, through a given path (all paths answer alike).
     *
     * @param domainSeparator the EIP-712 domain separator.
     * @param recovery        the recovery path.
     * @return the signer, or null when the order is unsigned or its signature recovers to no address.
     */
    public Address signer(final byte[] domainSeparator, final io.novation.core.crypto.SignerRecovery recovery)
    {
        final byte[] known = (byte[])SIGNER_DOMAIN.getAcquire(this);
        if (known == null || (known != domainSeparator && !java.util.Arrays.equals(known, domainSeparator)))
        {
            Address recovered = null;
            if (signature != null)
            {
                try
                {
                    final byte[] address = recovery.recoverAddress(digest(domainSeparator), signature);
                    recovered = address == null ? null : Address.of(address);
                }
                catch (final RuntimeException ex)
                {
                    recovered = null;
                }
            }
            signer = recovered;
            SIGNER_DOMAIN.setRelease(this, domainSeparator);
            return recovered;
        }
        return signer;
    }

    /**
     * Records the signer recovered earlier from this order's digest and signature under a domain (an order signer
     * cache's hit), so that {@link #signer} answers it without recovering again.
     *
     * @param domainSeparator the EIP-712 domain separator.
     * @param recovered       what recovery answered for the same digest and signature.
     */
    public void rememberSigner(final byte[] domainSeparator, final Address recovered)
    {
        signer = recovered;
        SIGNER_DOMAIN.setRelease(this, domainSeparator);
    }

    /**
     * Whether {@link #signer} was already computed for a domain.
     *
     * @param domainSeparator the EIP-712 domain separator.
     * @return true when cached.
     */
    public boolean knowsSigner(final byte[] domainSeparator)
    {
        final byte[] known = (byte[])SIGNER_DOMAIN.getAcquire(this);
        return known != null && (known == domainSeparator || java.util.Arrays.equals(known, domainSeparator));
    }

    public Address account()
    {
        return account;
    }

    public int subaccount()
    {
        return subaccount;
    }

    public int market()
    {
        return market;
    }

    public boolean isBuy()
    {
        return isBuy;
    }

    public long size()
    {
        return size;
    }

    public long limitPrice()
    {
        return limitPrice;
    }

    public long nonce()
    {
        return nonce;
    }

    public long expiry()
    {
        return expiry;
    }

    public boolean reduceOnly()
    {
        return reduceOnly;
    }

    public EcdsaSignature signature()
    {
        return signature;
    }

    @Override
    public String toString()
    {
        return "Order{" + account + "/" + subaccount + " market=" + market + (isBuy ? " buy " : " sell ") + size +
            " @ " + limitPrice + " nonce=" + nonce + " expiry=" + expiry + (reduceOnly ? " reduceOnly" : "") + "}";
    }
}
