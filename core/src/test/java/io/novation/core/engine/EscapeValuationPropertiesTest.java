package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.funding.MarketFunding;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import io.novation.core.commitment.LeafEncoding;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escape claims against their definition (docs/protocol.md §15) on random subaccounts of USDC, ETH (one quantum worth
 * 30 quote quantums at 3,000) and a BTC position with unsettled funding: the claims are worth the subaccount's net
 * value less under one ETH quantum of rounding, never more and never below zero, the ETH not claimed is seized and
 * is the least that covers the deficit, and an account's claims are the sum of its subaccounts' claims (no netting
 * between subaccounts).
 */
class EscapeValuationPropertiesTest
{
    private static final EngineFixture FX = new EngineFixture();
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final long QUOTE_PER_ETH_QUANTUM = 30;

    static
    {
        FX.engine.state().markets().perpetual(BTC).funding().tick(FX.now(), 1, 0, 987_654_321L);
        FX.engine.state().markets().perpetual(BTC).funding().socialize(11 * USDC, false, ONE_BTC);
    }

    @Property(tries = 300)
    void shouldBeWorthTheSubaccountsNetValueFlooredAtZeroLessUnderOneQuantumOfRounding(
        @ForAll @LongRange(min = -100_000 * USDC, max = 100_000 * USDC) final long usdc,
        @ForAll @LongRange(min = 0, max = 10 * ONE_ETH_COLLATERAL) final long eth,
        @ForAll @LongRange(min = -ONE_BTC, max = ONE_BTC) final long size,
        @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) final long fundingIndex)
    {
        final Account account = account();
        fill(account.subaccountOrCreate(0), usdc, eth, size, fundingIndex);
        final MarketFunding funding = FX.engine.state().markets().perpetual(BTC).funding();
        final long price = FX.engine.state().oracles().price(EngineFixture.BTC_ORACLE);
        final long mark = floorDiv(BigInteger.valueOf(size).multiply(BigInteger.valueOf(price)), 1_000_000_000L);
        final long quote = usdc + mark + (size == 0 ? 0 : funding.accrued(size, fundingIndex));
        final long netValue = quote + eth * QUOTE_PER_ETH_QUANTUM;

        final BigInteger[] claims = claims(account);

        assertThat(claims[0].signum()).isNotNegative();
        assertThat(claims[ETH_ASSET].signum()).isNotNegative();
        final long claimed = claims[0].longValueExact() + claims[ETH_ASSET].longValueExact() * QUOTE_PER_ETH_QUANTUM;
        if (netValue < 0)
        {
            assertThat(claimed).isZero();
        }
        else
        {
            assertThat(claimed).isBetween(netValue - QUOTE_PER_ETH_QUANTUM + 1, netValue);
        }
        if (quote >= 0)
        {
            assertThat(claims).containsExactly(BigInteger.valueOf(quote), BigInteger.valueOf(eth));
        }
        final BigInteger[] seized = EscapeValuation.accountSeized(leaf(account), table());
        assertThat(seized[0]).as("USDC is never seized").isZero();
        assertThat(seized[ETH_ASSET].add(claims[ETH_ASSET])).as("each ETH quantum claimed or seized")
            .isEqualTo(BigInteger.valueOf(eth));
        if (claims[ETH_ASSET].signum() > 0)
        {
            // The least quantums covering the deficit: rounded up, not a quantum more.
            final long deficit = Math.max(0, -quote);
            assertThat(seized[ETH_ASSET].longValueExact() * QUOTE_PER_ETH_QUANTUM).isGreaterThanOrEqualTo(deficit)
                .isLessThan(deficit + QUOTE_PER_ETH_QUANTUM);
        }
    }

    @Property(tries = 150)
    void shouldOweAnAccountTheSumOfWhatEachSubaccountIsOwedAlone(
        @ForAll @LongRange(min = -50_000 * USDC, max = 50_000 * USDC) final long usdcA,
        @ForAll @LongRange(min = -50_000 * USDC, max = 50_000 * USDC) final long usdcB,
        @ForAll @LongRange(min = 0, max = 5 * ONE_ETH_COLLATERAL) final long eth,
        @ForAll @LongRange(min = -ONE_BTC, max = ONE_BTC) final long size,
        @ForAll @IntRange(min = 1, max = 255) final int second)
    {
        final Account both = account();
        fill(both.subaccountOrCreate(0), usdcA, eth, size, 0);
        fill(both.subaccountOrCreate(second), usdcB, second < Subaccount.FIRST_ISOLATED ? eth : 0, -size, 0);
        final Account first = account();
        fill(first.subaccountOrCreate(0), usdcA, eth, size, 0);
        final Account other = account();
        fill(other.subaccountOrCreate(second), usdcB, second < Subaccount.FIRST_ISOLATED ? eth : 0, -size, 0);

        final BigInteger[] together = claims(both);
        final BigInteger[] apart0 = claims(first);
        final BigInteger[] apart1 = claims(other);

        for (int asset = 0; asset < together.length; asset++)
        {
            assertThat(together[asset]).isEqualTo(apart0[asset].add(apart1[asset]));
        }
    }

    private static long floorDiv(final BigInteger numerator, final long denominator)
    {
        final BigInteger[] division = numerator.divideAndRemainder(BigInteger.valueOf(denominator));
        return (division[1].signum() < 0 ? division[0].subtract(BigInteger.ONE) : division[0]).longValueExact();
    }

    private static void fill(final Subaccount subaccount, final long usdc, final long eth, final long size,
        final long fundingIndex)
    {
        subaccount.addBalance(0, usdc);
        subaccount.addBalance(ETH_ASSET, eth);
        if (size != 0)
        {
            subaccount.setPosition(BTC, size, 0, fundingIndex);
        }
    }

    private static Account account()
    {
        return FX.engine.state().accounts().findOrCreate(EngineFixture.address("escape-" + ACCOUNTS.incrementAndGet()));
    }

    private static BigInteger[] claims(final Account account)
    {
        return EscapeValuation.accountClaims(leaf(account), table());
    }

    private static byte[] leaf(final Account account)
    {
        return new LeafEncoding().putAccount(account).toBytes();
    }

    private static byte[] table()
    {
        return EscapeValuation.priceTable(FX.engine.state());
    }
}
