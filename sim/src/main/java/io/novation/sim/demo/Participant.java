package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.Order;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An account of the demo that signs its own orders (a trader, a market maker or a keeper's trading desk), trading
 * from one subaccount (0, cross margin, unless it trades an isolated market), with its positions per market as the
 * node's event stream last reported them (base quantums, and their cost bases in quote quantums).
 */
public class Participant
{
    private static final AtomicLong ORDERS_SIGNED = new AtomicLong();

    private final String name;
    private final byte[] privateKey;
    private final Address address;
    private final AtomicLongArray positions;
    private final AtomicLongArray costBases;
    private final int subaccount;
    private long orderNonce;
    private long accountNonce;

    /**
     * A participant whose key is keccak256 of its name.
     *
     * @param name    e.g. {@code trader-17}.
     * @param markets how many markets it may hold positions in.
     */
    public Participant(final String name, final int markets)
    {
        this(name, markets, 0);
    }

    /**
     * A participant whose key is keccak256 of its name, trading from a given subaccount.
     *
     * @param name       e.g. {@code trader-17}.
     * @param markets    how many markets it may hold positions in.
     * @param subaccount the subaccount it trades from (128 to 255: isolated margin).
     */
    protected Participant(final String name, final int markets, final int subaccount)
    {
        this(name, Keccak256.hash(name.getBytes(StandardCharsets.UTF_8)), markets, subaccount);
    }

    /**
     * A participant with a given key.
     *
     * @param name       e.g. {@code keeper-1}.
     * @param privateKey 32 bytes.
     * @param markets    how many markets it may hold positions in.
     */
    public Participant(final String name, final byte[] privateKey, final int markets)
    {
        this(name, privateKey, markets, 0);
    }

    private Participant(final String name, final byte[] privateKey, final int markets, final int subaccount)
    {
        this.subaccount = subaccount;
        this.name = name;
        this.privateKey = privateKey.clone();
        this.address = Address.of(Secp256k1.addressOf(privateKey));
        this.positions = new AtomicLongArray(markets);
        this.costBases = new AtomicLongArray(markets);
    }

    /**
     * Orders signed by all participants since the JVM started.
     *
     * @return a count.
     */
    public static long ordersSigned()
    {
        return ORDERS_SIGNED.get();
    }

    /**
     * Its name.
     *
     * @return e.g. {@code trader-17}.
     */
    public String name()
    {
        return name;
    }

    /**
     * Its account.
     *
     * @return the address.
     */
    public Address address()
    {
        return address;
    }

    /**
     * The subaccount it trades from.
     *
     * @return 0 (cross margin), or 128 to 255 (isolated margin).
     */
    public int subaccount()
    {
        return subaccount;
    }

    /**
     * A copy of its private key.
     *
     * @return 32 bytes.
     */
    public byte[] privateKey()
    {
        return privateKey.clone();
    }

    /**
     * Its position in a market, as last streamed.
     *
     * @param marketId the market.
     * @return signed base quantums.
     */
    public long position(final int marketId)
    {
        return positions.get(marketId);
    }

    /**
     * Its position's cost basis in a market, as last streamed: the signed quote paid for what is still open.
     *
     * @param marketId the market.
     * @return quote quantums.
     */
    public long costBasis(final int marketId)
    {
        return costBases.get(marketId);
    }

    /**
     * Records a position the stream reported.
     *
     * @param marketId  the market.
     * @param size      signed base quantums.
     * @param costBasis signed quote quantums.
     */
    public void position(final int marketId, final long size, final long costBasis)
    {
        costBases.set(marketId, costBasis);
        positions.set(marketId, size);
    }

    /**
     * Signs an order of its subaccount with the next order nonce (orders are told apart by their digest).
     *
     * @param domain     the node's EIP-712 domain separator.
     * @param marketId   the market.
     * @param buy        buy (else sell).
     * @param size       base quantums.
     * @param limitPrice price units.
     * @param expiry     epoch ms.
     * @param reduceOnly may only shrink the position.
     * @return the signed order.
     */
    public Order sign(final byte[] domain, final int marketId, final boolean buy, final long size,
        final long limitPrice, final long expiry, final boolean reduceOnly)
    {
        final long nonce = nextNonce();
        ORDERS_SIGNED.incrementAndGet();
        final Order unsigned = Order.of(address, subaccount, marketId, buy, size, limitPrice, nonce, expiry, reduceOnly,
            null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * Signs a block trade package of subaccount 0 as its maker, with the next order nonce (docs/protocol.md, "Block
     * trades").
     *
     * @param domain the node's EIP-712 domain separator.
     * @param legs   the legs, sides from its point of view (base quantums, price units).
     * @param maxFee the most fee it pays, quote quantums.
     * @param expiry epoch ms.
     * @return the signed package.
     */
    public BlockPackage signPackage(final byte[] domain, final List<BlockLeg> legs, final long maxFee,
        final long expiry)
    {
        final BlockPackage unsigned = new BlockPackage(address, 0, legs, maxFee, nextNonce(), expiry, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    /**
     * Signs, as the taker from subaccount 0, its acceptance of a block trade package, with the next order nonce.
     *
     * @param domain the node's EIP-712 domain separator.
     * @param offer  the maker's package.
     * @param maxFee the most fee it pays, quote quantums.
     * @param expiry epoch ms.
     * @return the signed acceptance.
     */
    public BlockAcceptance signAcceptance(final byte[] domain, final BlockPackage offer, final long maxFee,
        final long expiry)
    {
        final BlockAcceptance unsigned = new BlockAcceptance(address, 0, offer.digest(domain), maxFee, nextNonce(),
            expiry, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), privateKey));
    }

    private synchronized long nextNonce()
    {
        return ++orderNonce;
    }

    /**
     * The next account nonce, the one source of the nonces its account's transfers, withdrawals and margin mode
     * changes carry: the account refuses a nonce not above the last one it used (docs/protocol.md §4).
     *
     * @return 1 for its first such command, then 2, 3 and so on.
     */
    public synchronized long nextAccountNonce()
    {
        return ++accountNonce;
    }
}
