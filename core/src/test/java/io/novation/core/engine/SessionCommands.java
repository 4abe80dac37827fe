package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.CancelledOrder;
import io.novation.core.command.Order;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Secp256k1;

import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.address;
import static io.novation.core.engine.EngineFixture.key;

/**
 * Session-key and cancel commands over an {@link EngineFixture}, each signed with the named key (the owner's or a
 * session key's), with the account's next nonce.
 */
final class SessionCommands
{
    static final long MINUTE_MS = 60_000L;

    private final EngineFixture fx;
    private long orderNonce = 1_000_000;

    SessionCommands(final EngineFixture fx)
    {
        this.fx = fx;
    }

    long nextNonce(final String owner)
    {
        final Account account = fx.engine.state().accounts().find(address(owner));
        return account == null ? 1 : account.lastNonce() + 1;
    }

    RegisterSessionKey register(final String owner, final String signer, final String key, final int scope,
        final List<Integer> subaccounts, final long lifetimeMs)
    {
        final long time = fx.tick();
        final RegisterSessionKey unsigned = new RegisterSessionKey(time, address(owner), address(key), scope,
            subaccounts, time + lifetimeMs, nextNonce(owner), null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(signer)));
    }

    RevokeSessionKey revoke(final String owner, final String signer, final String key)
    {
        final RevokeSessionKey unsigned = new RevokeSessionKey(fx.tick(), address(owner), address(key),
            nextNonce(owner), null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(signer)));
    }

    CancelOrders cancel(final String owner, final String signer, final int subaccount, final List<Order> orders)
    {
        return cancelDigests(owner, signer, subaccount, orders.stream()
            .map(o -> CancelledOrder.of(o.digest(fx.engine.domainSeparator()), o.expiry())).toList());
    }

    CancelOrders cancelDigests(final String owner, final String signer, final int subaccount,
        final List<CancelledOrder> orders)
    {
        final CancelOrders unsigned = new CancelOrders(fx.tick(), address(owner), subaccount, orders,
            nextNonce(owner), null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(signer)));
    }

    SetNonceFloor floor(final String owner, final String signer, final int subaccount, final long floor)
    {
        final SetNonceFloor unsigned = new SetNonceFloor(fx.tick(), address(owner), subaccount, floor,
            nextNonce(owner), null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(signer)));
    }

    /** A BTC order of the owner, signed by the named signer, with an explicit order nonce (0: the next one). */
    Order order(final String owner, final String signer, final int subaccount, final boolean buy,
        final long btcTenThousandths, final long usdPrice, final long nonce)
    {
        final Order unsigned = Order.of(address(owner), subaccount, BTC, buy, btcTenThousandths * (ONE_BTC / 10_000),
            usdPrice * BTC_USD, nonce == 0 ? ++orderNonce : nonce, fx.now() + 3_600_000, false, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(signer)));
    }

    /** A fill of the maker's order against a fresh taker order of the taker, signed by the taker. */
    SettleTrade fill(final Order maker, final String taker)
    {
        final Order takerOrder = order(taker, taker, 0, !maker.isBuy(), maker.size() / (ONE_BTC / 10_000),
            maker.limitPrice() / BTC_USD, 0);
        return new SettleTrade(fx.tick(), BTC, maker, takerOrder, maker.size(), maker.limitPrice());
    }

    Withdraw withdrawal(final String owner, final String signer, final int subaccount, final long amount)
    {
        final Withdraw unsigned = new Withdraw(fx.tick(), address(owner), subaccount, 0, amount, nextNonce(owner),
            null);
        return new Withdraw(unsigned.time(), unsigned.account(), subaccount, 0, amount, unsigned.nonce(),
            Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(signer)));
    }

    Transfer transfer(final String owner, final String signer, final int from, final int to, final long amount)
    {
        final Transfer unsigned = new Transfer(fx.tick(), address(owner), from, to, 0, amount, nextNonce(owner),
            null);
        return new Transfer(unsigned.time(), unsigned.account(), from, to, 0, amount, unsigned.nonce(),
            Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(signer)));
    }
}
