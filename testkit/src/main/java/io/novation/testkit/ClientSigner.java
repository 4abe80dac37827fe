package io.novation.testkit;

import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Secp256k1;

import java.util.ArrayList;
import java.util.List;

import static io.novation.testkit.Testnet.PUBLISHERS;
import static io.novation.testkit.Testnet.USDC;
import static io.novation.testkit.Testnet.address;
import static io.novation.testkit.Testnet.key;

/**
 * Signs what the test network's clients sign, with their keys ({@link Testnet#key}) and an engine's EIP-712 domain:
 * orders (sizes in base quantums, prices in price units, each with the next order nonce, valid for a day), the
 * publishers' price reports, withdrawals (whole USDC) and volatility surfaces.
 */
public final class ClientSigner
{
    private static final long ORDER_LIFETIME_MS = 86_400_000L;

    private final byte[] domain;
    private long orderNonce;

    /**
     * A signer for one engine's domain; order nonces start at 1.
     *
     * @param domain the engine's EIP-712 domain separator.
     */
    public ClientSigner(final byte[] domain)
    {
        this.domain = domain.clone();
    }

    /**
     * A signed order of subaccount 0 with the next order nonce, expiring a day after {@code at}.
     *
     * @param name   the owner's name.
     * @param market the market or option series.
     * @param buy    whether it buys.
     * @param size   base quantums.
     * @param price  the limit price, price units.
     * @param at     the time it is sent, epoch ms.
     * @return the order.
     */
    public Order order(final String name, final int market, final boolean buy, final long size, final long price,
        final long at)
    {
        final Order unsigned = Order.of(address(name), 0, market, buy, size, price, ++orderNonce,
            at + ORDER_LIFETIME_MS, false, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(name)));
    }

    /**
     * Every publisher's signed report of one price for oracle 0.
     *
     * @param price       price units.
     * @param publishedAt the publication time, epoch ms.
     * @return the reports, in the order of {@link Testnet#PUBLISHERS}.
     */
    public List<PriceReport> reports(final long price, final long publishedAt)
    {
        final List<PriceReport> reports = new ArrayList<>();
        for (final String publisher : PUBLISHERS)
        {
            final PriceReport unsigned = new PriceReport(0, price, publishedAt, address(publisher), null);
            reports.add(unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(publisher))));
        }
        return reports;
    }

    /**
     * A withdrawal of USDC from subaccount 0, signed by the owner.
     *
     * @param time  the command's time, epoch ms.
     * @param name  the owner's name.
     * @param usdc  whole USDC.
     * @param nonce the owner's account nonce.
     * @return the withdrawal.
     */
    public Withdraw withdrawal(final long time, final String name, final long usdc, final long nonce)
    {
        final Withdraw unsigned = new Withdraw(time, address(name), 0, 0, usdc * USDC, nonce, null);
        return new Withdraw(unsigned.time(), unsigned.account(), 0, 0, unsigned.amount(), nonce,
            Secp256k1.sign(unsigned.digest(domain), key(name)));
    }

    /**
     * One publisher's signed volatility surface for oracle 0.
     *
     * @param time        the command's time, epoch ms.
     * @param publisher   the publisher's name.
     * @param publishedAt the publication time, epoch ms.
     * @param slices      raw SVI slices, parameters in billionths.
     * @return the surface.
     */
    public OracleVolSurface surface(final long time, final String publisher, final long publishedAt,
        final List<OracleVolSurface.Slice> slices)
    {
        final OracleVolSurface unsigned = new OracleVolSurface(time, 0, publishedAt, slices, address(publisher), null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(domain), key(publisher)));
    }
}
