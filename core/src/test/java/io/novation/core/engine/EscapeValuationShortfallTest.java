package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.commitment.LeafEncoding;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortfall the escape valuation drops (the proof of solvency refuses it, docs/solvency.md): the part of a
 * subaccount's negative quote value its other collateral cannot cover at the committed prices, summed over the
 * account's subaccounts, and zero when the collateral covers it.
 */
class EscapeValuationShortfallTest
{
    private final EngineFixture fx = new EngineFixture();

    @Test
    void shouldReportTheDeficitThatCollateralCannotCover()
    {
        final Account carol = fx.engine.state().accounts().findOrCreate(address("carol"));
        carol.subaccountOrCreate(0).addBalance(0, 1_000 * USDC);
        // 600 USDC short, 0.1 ETH worth 300 covers half of it: 300 USDC is short.
        carol.subaccountOrCreate(1).addBalance(0, -600 * USDC);
        carol.subaccountOrCreate(1).addBalance(ETH_ASSET, ONE_ETH_COLLATERAL / 10);
        // 150 USDC short, covered by 0.1 ETH.
        carol.subaccountOrCreate(2).addBalance(0, -150 * USDC);
        carol.subaccountOrCreate(2).addBalance(ETH_ASSET, ONE_ETH_COLLATERAL / 10);
        // 20 USDC short without collateral.
        carol.subaccountOrCreate(3).addBalance(0, -20 * USDC);

        assertThat(EscapeValuation.accountShortfall(leaf(carol), table())).isEqualTo(BigInteger.valueOf(320 * USDC));
    }

    @Test
    void shouldReportNoShortfallWhenEverySubaccountIsCovered()
    {
        final Account dave = fx.engine.state().accounts().findOrCreate(address("dave"));
        dave.subaccountOrCreate(0).addBalance(0, -150 * USDC);
        dave.subaccountOrCreate(0).addBalance(ETH_ASSET, ONE_ETH_COLLATERAL / 10);

        assertThat(EscapeValuation.accountShortfall(leaf(dave), table())).isZero();
        assertThat(EscapeValuation.accountClaims(leaf(dave), table())[0]).isZero();
    }

    private byte[] table()
    {
        return EscapeValuation.priceTable(fx.engine.state());
    }

    private static byte[] leaf(final Account account)
    {
        return new LeafEncoding().putAccount(account).toBytes();
    }
}
