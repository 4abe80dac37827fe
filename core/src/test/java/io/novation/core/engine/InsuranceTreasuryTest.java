package io.novation.core.engine;

import io.novation.core.command.CommandCodec;
import io.novation.core.command.FundInsurance;
import io.novation.core.command.WithdrawInsurance;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.ETH_PERP;
import static io.novation.core.engine.EngineFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insurance treasury: governance moves quote quantums from the fee pool into the cross or an isolated insurance
 * fund and back, at most a quarter of a fund per withdrawal and never below the fund's floor while a subaccount it
 * backs is liquidatable; conservation is exact and every refusal leaves the root unchanged.
 */
class InsuranceTreasuryTest
{
    private final EngineFixture fx = new EngineFixture();

    @BeforeEach
    void collectFees()
    {
        // Ten fills of 2 BTC at 60,000: 48 USDC of fees each (taker 0.05 %, maker rebate 0.01 %).
        assertThat(fx.depositUsdc("alice", 0, 200_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 200_000)).isTrue();
        for (int i = 0; i < 5; i++)
        {
            assertThat(fx.tradeBtc("alice", "bob", true, 20_000, 60_000)).isTrue();
            assertThat(fx.tradeBtc("alice", "bob", false, 20_000, 60_000)).isTrue();
        }
        assertThat(fx.engine.state().feePool()).isEqualTo(480 * USDC);
    }

    private void assertRejectedWith(final RejectReason reason, final byte[] rootBefore)
    {
        final Event.Rejected rejected = fx.lastRejection();
        assertThat(rejected).as("last event is a rejection").isNotNull();
        assertThat(rejected.code()).isEqualTo(reason);
        assertThat(fx.engine.stateRoot()).as("state root unchanged").isEqualTo(rootBefore);
    }

    @Test
    void shouldMoveFeesIntoTheCrossAndAnIsolatedFundAndBack()
    {
        assertThat(fx.apply(new FundInsurance(fx.tick(), InsuranceFunds.CROSS, 300 * USDC))).isTrue();
        assertThat(fx.events.last()).isEqualTo(new Event.InsuranceTreasuryMoved(fx.engine.state().sequence(),
            InsuranceFunds.CROSS, 300 * USDC, 300 * USDC, 180 * USDC));
        assertThat(fx.apply(new FundInsurance(fx.tick(), ETH_PERP, 100 * USDC))).isTrue();
        assertThat(fx.engine.state().markets().perpetual(ETH_PERP).isolatedInsuranceFund()).isEqualTo(100 * USDC);
        assertThat(fx.engine.state().feePool()).isEqualTo(80 * USDC);

        assertThat(fx.apply(new WithdrawInsurance(fx.tick(), InsuranceFunds.CROSS, 75 * USDC))).isTrue();

        assertThat(fx.engine.state().insuranceFund()).isEqualTo(225 * USDC);
        assertThat(fx.engine.state().feePool()).isEqualTo(155 * USDC);
        assertThat(fx.events.events()).contains(new Event.InsuranceFundChanged(fx.engine.state().sequence(),
            InsuranceFunds.CROSS, -75 * USDC, 225 * USDC));
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRefuseBadMovesWithTheRootUnchanged()
    {
        assertThat(fx.apply(new FundInsurance(fx.tick(), InsuranceFunds.CROSS, 400 * USDC))).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new FundInsurance(fx.tick(), InsuranceFunds.CROSS, 81 * USDC))).isFalse();
        assertRejectedWith(RejectReason.FEE_POOL_INSUFFICIENT, root);
        assertThat(fx.apply(new FundInsurance(fx.tick(), 9, USDC))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_MARKET, root);
        assertThat(fx.apply(new WithdrawInsurance(fx.tick(), -2, USDC))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_MARKET, root);
        assertThat(fx.apply(new FundInsurance(fx.tick(), BTC, 0))).isFalse();
        assertRejectedWith(RejectReason.INVALID_AMOUNT, root);
        assertThat(fx.apply(new WithdrawInsurance(fx.tick(), InsuranceFunds.CROSS, -USDC))).isFalse();
        assertRejectedWith(RejectReason.INVALID_AMOUNT, root);
        // A quarter of 400 is the most one withdrawal takes.
        assertThat(fx.apply(new WithdrawInsurance(fx.tick(), InsuranceFunds.CROSS, 100 * USDC + 1))).isFalse();
        assertRejectedWith(RejectReason.INSURANCE_WITHDRAWAL_LIMIT, root);
        assertThat(fx.apply(new WithdrawInsurance(fx.tick(), BTC, USDC))).isFalse();
        assertRejectedWith(RejectReason.INSURANCE_WITHDRAWAL_LIMIT, root);
        assertThat(fx.apply(new WithdrawInsurance(fx.tick(), InsuranceFunds.CROSS, 100 * USDC))).isTrue();
    }

    @Test
    void shouldRefuseAWithdrawalBelowTheFloorWithinTheLimit()
    {
        assertThat(fx.apply(new FundInsurance(fx.tick(), InsuranceFunds.CROSS, 400 * USDC))).isTrue();
        // carol: 1 BTC long at 60,000 on 3,100 USDC (+6 of maker rebate); at 57,000 her equity is 106 USDC against
        // 1,710 of maintenance (3 %).
        assertThat(fx.depositUsdc("carol", 0, 3_100)).isTrue();
        assertThat(fx.tradeBtc("carol", "bob", true, 10_000, 60_000)).isTrue();
        assertThat(fx.btcPrice(57_000)).isTrue();
        final long floor = floorOfCross();
        assertThat(floor).isEqualTo(1_710 * USDC - 106 * USDC);
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new WithdrawInsurance(fx.tick(), InsuranceFunds.CROSS, USDC))).isFalse();
        assertRejectedWith(RejectReason.INSURANCE_FLOOR, root);
        // Once carol is topped up above maintenance the floor is gone.
        assertThat(fx.depositUsdc("carol", 0, 2_000)).isTrue();
        assertThat(fx.apply(new WithdrawInsurance(fx.tick(), InsuranceFunds.CROSS, 100 * USDC))).isTrue();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldReplayTreasuryMovesFromASnapshotToTheSameRoot()
    {
        final byte[] before = SnapshotCodec.write(fx.engine);
        final byte[] fund = CommandCodec.encode(new FundInsurance(fx.tick(), ETH_PERP, 200 * USDC));
        final byte[] withdraw = CommandCodec.encode(new WithdrawInsurance(fx.tick(), ETH_PERP, 50 * USDC));
        assertThat(fx.apply(CommandCodec.decode(fund))).isTrue();
        assertThat(fx.apply(CommandCodec.decode(withdraw))).isTrue();

        final ClearingEngine replayed = SnapshotCodec.read(before, fx.engine.config(), EventSink.NONE);
        assertThat(replayed.apply(CommandCodec.decode(fund))).isTrue();
        assertThat(replayed.apply(CommandCodec.decode(withdraw))).isTrue();
        assertThat(replayed.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(replayed.state().markets().perpetual(ETH_PERP).isolatedInsuranceFund()).isEqualTo(150 * USDC);
    }

    /** The maintenance shortfall of the liquidatable cross subaccounts, as the treasury computes its floor. */
    private long floorOfCross()
    {
        final io.novation.core.margin.MarginCalculator margin = new io.novation.core.margin.MarginCalculator(
            fx.engine.state().markets(), fx.engine.state().oracles(), fx.engine.state().volSurfaces());
        final io.novation.core.margin.MarginFigures figures = new io.novation.core.margin.MarginFigures();
        long floor = 0;
        for (int i = 0; i < fx.engine.healthIndex().liquidatableCount(); i++)
        {
            assertThat(margin.compute(fx.engine.healthIndex().liquidatable(i), figures)).isTrue();
            floor += figures.maintenanceMarginRequirement() - figures.netCollateralMaintenance();
        }
        return floor;
    }
}
