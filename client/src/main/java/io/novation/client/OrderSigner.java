package io.novation.client;

import io.novation.core.account.Address;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.CancelledOrder;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Secp256k1;

import java.util.ArrayList;
import java.util.List;

/**
 * Signs what a trader signs with one secp256k1 key under a node's EIP-712 domain ({@code docs/protocol.md} §4 and
 * "Session keys and cancels"), through the core's typed data: orders (sizes in base quantums, prices in price
 * units), withdrawals and transfers (asset quantums), cancels, nonce floors and the owner's session keys. The key
 * may be the owner's or a session key the owner registered: the signed command names the owner either way. The
 * commands carry time 0; the sequencer stamps its own.
 */
public final class OrderSigner
{
    private final byte[] domain;
    private final byte[] privateKey;
    private final Address address;

    /**
     * A signer.
     *
     * @param domain     the engine's EIP-712 domain separator ({@link NovationClient#domainSeparator()}).
     * @param privateKey the 32-byte secp256k1 key.
     */
    public OrderSigner(final byte[] domain, final byte[] privateKey)
    {
        this.domain = domain.clone();
        this.privateKey = privateKey.clone();
        this.address = Address.of(Secp256k1.addressOf(privateKey));
    }

    /**
     * The signing key's address.
     *
     * @return the address.
     */
    public Address address()
    {
        return address;
    }

    /**
     * A signed order.
     *
     * @param owner      the account the order trades for.
     * @param subaccount 0 to 255.
     * @param market     the market's id.
     * @param buy        whether it buys.
     * @param size       base quantums.
     * @param limitPrice price units.
     * @param nonce      the owner's order nonce.
     * @param expiry     epoch ms.
     * @param reduceOnly whether it may only reduce a position.
     * @return the order.
     */
    public Order order(final Address owner, final int subaccount, final int market, final boolean buy,
        final long size, final long limitPrice, final long nonce, final long expiry, final boolean reduceOnly)
    {
        final Order unsigned = Order.of(owner, subaccount, market, buy, size, limitPrice, nonce, expiry, reduceOnly,
            null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * A maker's signed block trade package (docs/protocol.md, "Block trades").
     *
     * @param owner      the maker.
     * @param subaccount 0 to 255.
     * @param legs       1 to 25 legs, sides from the maker's point of view (base quantums, price units).
     * @param maxFee     the most fee the maker pays, quote quantums.
     * @param nonce      the maker's package nonce.
     * @param expiry     epoch ms.
     * @return the signed package.
     */
    public io.novation.core.command.BlockPackage blockPackage(final Address owner, final int subaccount,
        final List<io.novation.core.command.BlockLeg> legs, final long maxFee, final long nonce, final long expiry)
    {
        final io.novation.core.command.BlockPackage unsigned = new io.novation.core.command.BlockPackage(owner,
            subaccount, legs, maxFee, nonce, expiry, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * A block trade package's EIP-712 digest under this signer's domain (what the taker accepts, and what names the
     * package in fills, cancels and history).
     *
     * @param offer the package.
     * @return 32 bytes.
     */
    public byte[] packageDigest(final io.novation.core.command.BlockPackage offer)
    {
        return offer.digest(domain);
    }

    /**
     * A taker's signed acceptance of a block trade package.
     *
     * @param owner      the taker.
     * @param subaccount 0 to 255.
     * @param offer      the maker's package accepted.
     * @param maxFee     the most fee the taker pays (broker fee included), quote quantums.
     * @param nonce      the taker's nonce.
     * @param expiry     epoch ms.
     * @return the signed acceptance.
     */
    public io.novation.core.command.BlockAcceptance blockAcceptance(final Address owner, final int subaccount,
        final io.novation.core.command.BlockPackage offer, final long maxFee, final long nonce, final long expiry)
    {
        final io.novation.core.command.BlockAcceptance unsigned = new io.novation.core.command.BlockAcceptance(owner,
            subaccount, offer.digest(domain), maxFee, nonce, expiry, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * A taker's signed acceptance of a block trade package that pays a broker: the engine refuses a submission
     * naming another broker, subaccount or fee.
     *
     * @param owner            the taker.
     * @param subaccount       0 to 255.
     * @param offer            the maker's package accepted.
     * @param maxFee           the most fee the taker pays (broker fee included), quote quantums.
     * @param broker           the broker paid.
     * @param brokerSubaccount the broker's subaccount, 0 to 255.
     * @param brokerFee        the broker's fee, quote quantums.
     * @param nonce            the taker's nonce.
     * @param expiry           epoch ms.
     * @return the signed acceptance.
     */
    public io.novation.core.command.BlockAcceptance blockAcceptance(final Address owner, final int subaccount,
        final io.novation.core.command.BlockPackage offer, final long maxFee, final Address broker,
        final int brokerSubaccount, final long brokerFee, final long nonce, final long expiry)
    {
        final io.novation.core.command.BlockAcceptance unsigned = new io.novation.core.command.BlockAcceptance(owner,
            subaccount, offer.digest(domain), maxFee, broker, brokerSubaccount, brokerFee, nonce, expiry, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * An order's EIP-712 digest under this signer's domain (what a cancel names).
     *
     * @param order the order.
     * @return 32 bytes.
     */
    public byte[] digest(final Order order)
    {
        return order.digest(domain);
    }

    /**
     * A signed withdrawal.
     *
     * @param owner      the owner.
     * @param subaccount 0 to 255.
     * @param assetId    the asset (0 is USDC).
     * @param amount     asset quantums.
     * @param nonce      the owner's next account nonce.
     * @return the withdrawal.
     */
    public Withdraw withdrawal(final Address owner, final int subaccount, final int assetId, final long amount,
        final long nonce)
    {
        final Withdraw unsigned = new Withdraw(0, owner, subaccount, assetId, amount, nonce, null);
        return new Withdraw(0, owner, subaccount, assetId, amount, nonce,
            Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * A signed transfer between two of the owner's subaccounts.
     *
     * @param owner   the owner.
     * @param from    source subaccount.
     * @param to      destination subaccount.
     * @param assetId the asset (0 is USDC).
     * @param amount  asset quantums.
     * @param nonce   the owner's next account nonce.
     * @return the transfer.
     */
    public Transfer transfer(final Address owner, final int from, final int to, final int assetId, final long amount,
        final long nonce)
    {
        final Transfer unsigned = new Transfer(0, owner, from, to, assetId, amount, nonce, null);
        return new Transfer(0, owner, from, to, assetId, amount, nonce,
            Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * A signed cancel of orders of one subaccount.
     *
     * @param owner      the owner.
     * @param subaccount the orders' subaccount.
     * @param orders     1 to 100 orders.
     * @param nonce      the owner's next account nonce.
     * @return the cancel.
     */
    public CancelOrders cancelOrders(final Address owner, final int subaccount, final List<Order> orders,
        final long nonce)
    {
        final List<CancelledOrder> cancelled = new ArrayList<>();
        for (final Order order : orders)
        {
            cancelled.add(CancelledOrder.of(order.digest(domain), order.expiry()));
        }
        final CancelOrders unsigned = new CancelOrders(0, owner, subaccount, cancelled, nonce, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * A signed nonce floor: every order of the subaccount with a lower order nonce becomes unfillable.
     *
     * @param owner      the owner.
     * @param subaccount 0 to 255.
     * @param floor      the lowest order nonce still fillable.
     * @param nonce      the owner's next account nonce.
     * @return the command.
     */
    public SetNonceFloor setNonceFloor(final Address owner, final int subaccount, final long floor, final long nonce)
    {
        final SetNonceFloor unsigned = new SetNonceFloor(0, owner, subaccount, floor, nonce, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * The owner's signed registration of a session key.
     *
     * @param key         the session key's address.
     * @param scope       bits of {@link io.novation.core.account.SessionKey} (trade, cancel, transfer).
     * @param subaccounts the subaccounts it may act for, increasing; empty for all.
     * @param expiry      when it stops signing, epoch ms (at most 30 days after the command).
     * @param nonce       the owner's next account nonce.
     * @return the command, signed by this signer as the owner.
     */
    public RegisterSessionKey registerSessionKey(final Address key, final int scope, final List<Integer> subaccounts,
        final long expiry, final long nonce)
    {
        final RegisterSessionKey unsigned = new RegisterSessionKey(0, address, key, scope, List.copyOf(subaccounts),
            expiry, nonce, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * The owner's signed revocation of a session key.
     *
     * @param key   the session key's address.
     * @param nonce the owner's next account nonce.
     * @return the command, signed by this signer as the owner.
     */
    public RevokeSessionKey revokeSessionKey(final Address key, final long nonce)
    {
        final RevokeSessionKey unsigned = new RevokeSessionKey(0, address, key, nonce, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }
}
