package io.novation.sim.keeper;

import io.novation.core.account.Address;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keeper's accounting on BTC-USD (dYdX units: atomic resolution −10, price exponent −5, step 0.0001 BTC): the
 * discount earned is the same for a long and a short taken over, the mark to oracle follows the latest price, and a
 * large position's part is the engine's 20 % rounded up to the step.
 */
class KeeperLedgerTest
{
    private static final long ONE_BTC = 10_000_000_000L;
    private static final long USDC = 1_000_000L;
    private static final MarketTerms BTC = new MarketTerms(0, "BTC-USD", 0, -5, -10, 1_000_000L);
    private static final Address TARGET = Address.parse("0x00000000000000000000000000000000000000aa");

    private static KeeperReport.Liquidation taken(final long keeperSize, final long fillUsdc, final long priceUsd)
    {
        final long price = priceUsd * 100_000L;
        return new KeeperReport.Liquidation(1, TARGET, 0, "BTC-USD", keeperSize, BTC.sizeDecimal(keeperSize),
            fillUsdc * USDC, price, BTC.value(keeperSize, price));
    }

    @Test
    void shouldCountTheDiscountOfALongAndOfAShortTakenOverAlike()
    {
        final KeeperLedger ledger = new KeeperLedger();
        // A long of 0.5 BTC bought for 28,973 at an oracle price of 58,000 (worth 29,000).
        ledger.liquidated(taken(ONE_BTC / 2, 28_973, 58_000), BTC);
        // A short of 0.5 BTC taken over: the liquidated subaccount pays 29,027 to be rid of a liability of 29,000.
        ledger.liquidated(taken(-ONE_BTC / 2, -29_027, 58_000), BTC);

        final KeeperReport report = ledger.report(TARGET, 0, oracle -> 57_000 * 100_000L);

        assertThat(report.liquidations()).extracting(KeeperReport.Liquidation::earned)
            .containsExactly(27 * USDC, 27 * USDC);
        assertThat(report.earned()).isEqualTo(54 * USDC);
        assertThat(report.notionalTakenOver()).isEqualTo(58_000 * USDC);
        assertThat(report.paid()).isEqualTo(-54 * USDC);
        assertThat(report.positionsTaken()).containsEntry("BTC-USD", "0");
        // The long and the short cancel: at any price they are worth nothing, and the keeper keeps what it got.
        assertThat(report.markToOracle()).isEqualTo(54 * USDC);
    }

    @Test
    void shouldMarkThePositionsTakenToTheLatestOraclePrice()
    {
        final KeeperLedger ledger = new KeeperLedger();
        ledger.liquidated(taken(-ONE_BTC / 2, -29_027, 58_000), BTC);

        final KeeperReport report = ledger.report(TARGET, 0, oracle -> 57_000 * 100_000L);

        assertThat(report.positionsTaken()).containsEntry("BTC-USD", "-0.5");
        // Short 0.5 BTC now worth −28,500, for which it received 29,027.
        assertThat(report.markToOracle()).isEqualTo(527 * USDC);
        assertThat(report.toJson().get("markToOracle").asText()).isEqualTo("527");
        assertThat(report.toJson().get("earned").asText()).isEqualTo("27");
    }

    @Test
    void shouldTakeTheEnginesPartOfALargePosition()
    {
        assertThat(BTC.part(3 * ONE_BTC, 200_000)).isEqualTo(6 * ONE_BTC / 10);
        assertThat(BTC.part(7_000_000L, 200_000)).as("0.0007 BTC: 0.00014 rounded up to the step")
            .isEqualTo(2_000_000L);
        assertThat(BTC.sizeQuantums("-0.25")).isEqualTo(-ONE_BTC / 4);
        assertThat(BTC.sizeDecimal(-ONE_BTC / 4)).isEqualTo("-0.25");
        assertThat(BTC.priceUnits("58000.5")).isEqualTo(5_800_050_000L);
    }
}
