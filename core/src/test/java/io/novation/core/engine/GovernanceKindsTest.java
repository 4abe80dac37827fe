package io.novation.core.engine;

import io.novation.core.account.Address;
import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Liquidate;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.governance.AssetWeightsChange;
import io.novation.core.governance.BridgeKeyRotation;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.GovernanceKeyRotation;
import io.novation.core.governance.LiquidationTermsChange;
import io.novation.core.governance.OracleParametersChange;
import io.novation.core.governance.PublisherAddition;
import io.novation.core.governance.PublisherRemoval;
import io.novation.core.governance.RiskParameterChange;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.core.market.LiquidationTerms;
import io.novation.core.oracle.OracleParameters;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of risk parameter change beyond tiers and fees: a market's own liquidation terms, asset weights, oracle
 * parameters, publishers added and removed (never below quorum), key rotations; their delays and bounds.
 */
class GovernanceKindsTest
{
    private static final long HOUR = GovernanceDelays.HOUR_MS;
    private static final long DAY = 24 * HOUR;
    private static final OracleParameters QUORUM_TWO = new OracleParameters(2, 60_000, 5_000, 120_000, 900_000,
        100_000, 2, 10_000, 10_000, 250_000);

    private final EngineFixture fx = new EngineFixture();

    private boolean schedule(final long id, final long delay, final RiskParameterChange change)
    {
        final long now = fx.tick();
        return fx.apply(new SetRiskParameters(now, id, now + delay, change));
    }

    private void applyDue(final long delay)
    {
        fx.advance(delay);
        ApplyRiskParameters due;
        while ((due = fx.engine.dueRiskParameters(fx.now(), fx.engine.state().time())) != null)
        {
            assertThat(fx.apply(due)).isTrue();
        }
    }

    private void assertRejectedWith(final RejectReason reason, final byte[] rootBefore)
    {
        assertThat(fx.lastRejection().code()).isEqualTo(reason);
        assertThat(fx.engine.stateRoot()).as("state root unchanged").isEqualTo(rootBefore);
    }

    private Liquidate liquidation(final String keeper, final String target, final long size)
    {
        final Liquidate unsigned = new Liquidate(fx.tick(), address(keeper), 0, address(target), 0, BTC, size, 1,
            null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()),
            EngineFixture.key(keeper)));
    }

    @Test
    void shouldStartEveryMarketOnTheLiquidationDefaults()
    {
        assertThat(LiquidationParameters.defaults().terms()).isEqualTo(LiquidationTerms.DEFAULTS);
        assertThat(LiquidationParameters.of(LiquidationTerms.DEFAULTS)).isEqualTo(LiquidationParameters.defaults());
    }

    @Test
    void shouldCapALiquidationsInsuranceFeeAtTheMarketsOwnTermsOnceApplied()
    {
        final LiquidationTerms higherFee = new LiquidationTerms(10_000, 1_000_000, 100_000, 100_000L * USDC,
            200_000, 30_000, 666_667);
        assertThat(schedule(1, HOUR, new LiquidationTermsChange(BTC, higherFee))).isTrue();
        assertThat(((Event.RiskParametersScheduled)fx.events.last()).loosens()).isFalse();
        applyDue(HOUR);
        assertThat(fx.engine.state().markets().perpetual(BTC).liquidationTerms()).isEqualTo(higherFee);

        assertThat(fx.btcPrice(60_000)).isTrue();
        assertThat(fx.depositUsdc("alice", 0, 4_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        assertThat(fx.depositUsdc("keeper", 0, 100_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
        assertThat(fx.btcPrice(57_700)).isTrue();
        assertThat(fx.apply(liquidation("keeper", "alice", ONE_BTC))).isTrue();

        // The same liquidation as under the defaults (fill 57,697.5, surplus 1,703.5 USDC), its fee capped at 1 %
        // of the fill instead of 0.5 %.
        final Event.Liquidated liquidated = fx.events.events().stream().filter(Event.Liquidated.class::isInstance)
            .map(Event.Liquidated.class::cast).reduce((a, b) -> b).orElseThrow();
        assertThat(liquidated.fillQuote()).isEqualTo(57_697_500_000L);
        assertThat(liquidated.insuranceFundDelta()).isEqualTo(576_975_000L);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldTreatALowerFeeCapOrALongerCooldownAsLoosening()
    {
        final byte[] root = fx.engine.stateRoot();
        final LiquidationTerms d = LiquidationTerms.DEFAULTS;
        assertThat(schedule(1, HOUR, new LiquidationTermsChange(BTC, new LiquidationTerms(1_000,
            d.bankruptcyAdjustmentPpm(), d.spreadToMaintenanceMarginRatioPpm(), d.largePositionNotional(),
            d.partialFractionPpm(), d.cooldownMs(), d.backstopRatioPpm())))).isFalse();
        assertRejectedWith(RejectReason.GOVERNANCE_DELAY_TOO_SHORT, root);
        assertThat(schedule(2, HOUR, new LiquidationTermsChange(BTC, new LiquidationTerms(
            d.maxLiquidationFeePpm(), d.bankruptcyAdjustmentPpm(), d.spreadToMaintenanceMarginRatioPpm(),
            d.largePositionNotional(), d.partialFractionPpm(), 60_000, d.backstopRatioPpm())))).isFalse();
        assertRejectedWith(RejectReason.GOVERNANCE_DELAY_TOO_SHORT, root);
        assertThat(schedule(3, HOUR, new LiquidationTermsChange(BTC, new LiquidationTerms(
            d.maxLiquidationFeePpm(), 999_999, d.spreadToMaintenanceMarginRatioPpm(),
            d.largePositionNotional(), d.partialFractionPpm(), d.cooldownMs(), d.backstopRatioPpm())))).isFalse();
        assertRejectedWith(RejectReason.RISK_PARAMETER_OUT_OF_RANGE, root);
    }

    @Test
    void shouldLowerAnAssetsWeightsAfterTheTighteningDelayAndRaiseThemOnlyAfterTheLoosening()
    {
        final byte[] root = fx.engine.stateRoot();
        assertThat(schedule(1, HOUR, new AssetWeightsChange(ETH_ASSET, 850_000, 900_000))).isFalse();
        assertRejectedWith(RejectReason.GOVERNANCE_DELAY_TOO_SHORT, root);

        assertThat(schedule(2, HOUR, new AssetWeightsChange(ETH_ASSET, 700_000, 800_000))).isTrue();
        applyDue(HOUR);
        assertThat(fx.engine.state().markets().asset(ETH_ASSET).initialWeightPpm()).isEqualTo(700_000);
        assertThat(fx.engine.state().markets().asset(ETH_ASSET).maintenanceWeightPpm()).isEqualTo(800_000);
        assertThat(fx.engine.state().markets().assetBySymbol("ETH").initialWeightPpm()).isEqualTo(700_000);
    }

    @Test
    void shouldRejectWeightsOutOfRangeOrOfTheQuoteAssetOrOfAnUnknownAsset()
    {
        final byte[] root = fx.engine.stateRoot();
        assertThat(schedule(1, DAY, new AssetWeightsChange(ETH_ASSET, 900_000, 800_000))).isFalse();
        assertRejectedWith(RejectReason.RISK_PARAMETER_OUT_OF_RANGE, root);
        assertThat(schedule(2, DAY, new AssetWeightsChange(0, 900_000, 900_000))).isFalse();
        assertRejectedWith(RejectReason.RISK_PARAMETER_OUT_OF_RANGE, root);
        assertThat(schedule(3, DAY, new AssetWeightsChange(9, 900_000, 900_000))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_ASSET, root);
    }

    @Test
    void shouldRejectARemovalThatLeavesTheOracleBelowItsQuorum()
    {
        final byte[] root = fx.engine.stateRoot();

        assertThat(schedule(1, HOUR, new PublisherRemoval(BTC_ORACLE, address("oracle-a")))).isFalse();

        assertRejectedWith(RejectReason.BELOW_PUBLISHER_QUORUM, root);
    }

    @Test
    void shouldRemoveAPublisherOnceAnotherJoinedAndRefuseItsReports()
    {
        assertThat(schedule(1, HOUR, new PublisherAddition(BTC_ORACLE, address("oracle-d")))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.GOVERNANCE_DELAY_TOO_SHORT);
        assertThat(schedule(1, DAY, new PublisherAddition(BTC_ORACLE, address("oracle-d")))).isTrue();
        applyDue(DAY);
        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).publishers().count()).isEqualTo(4);

        assertThat(schedule(2, HOUR, new PublisherRemoval(BTC_ORACLE, address("oracle-a")))).isTrue();
        applyDue(HOUR);

        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).publishers().indexOf(address("oracle-a")))
            .isNegative();
        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).publishers().count()).isEqualTo(3);
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 60_000 * EngineFixture.BTC_USD))).isFalse();
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldDropAtItsEffectiveTimeARemovalThatNoLongerKeepsTheQuorum()
    {
        assertThat(schedule(1, DAY, new PublisherAddition(BTC_ORACLE, address("oracle-d")))).isTrue();
        applyDue(DAY);
        assertThat(schedule(2, HOUR, new PublisherRemoval(BTC_ORACLE, address("oracle-a")))).isTrue();
        assertThat(schedule(3, HOUR, new PublisherRemoval(BTC_ORACLE, address("oracle-b")))).isTrue();

        applyDue(HOUR);

        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).publishers().count()).isEqualTo(3);
        assertThat(fx.events.events()).anyMatch(e -> e instanceof Event.RiskParametersCancelled c &&
            c.changeId() == 3 && c.reason().equals("BELOW_PUBLISHER_QUORUM"));
        assertThat(fx.engine.state().governance().pendingCount()).isZero();
        assertThat(fx.engine.state().governance().known(3)).isTrue();
    }

    @Test
    void shouldLowerAnOraclesQuorumOnlyAfterTheLooseningDelayAndNeverAboveItsPublishers()
    {
        final byte[] root = fx.engine.stateRoot();
        assertThat(schedule(1, HOUR, new OracleParametersChange(BTC_ORACLE, QUORUM_TWO))).isFalse();
        assertRejectedWith(RejectReason.GOVERNANCE_DELAY_TOO_SHORT, root);
        assertThat(schedule(2, DAY, new OracleParametersChange(BTC_ORACLE, new OracleParameters(4, 60_000, 5_000,
            120_000, 900_000, 100_000, 5, 10_000, 10_000, 250_000)))).isFalse();
        assertRejectedWith(RejectReason.BELOW_PUBLISHER_QUORUM, root);
        assertThat(schedule(3, DAY, new OracleParametersChange(9, QUORUM_TWO))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_ORACLE, root);

        assertThat(schedule(4, DAY, new OracleParametersChange(BTC_ORACLE, QUORUM_TWO))).isTrue();
        applyDue(DAY);
        assertThat(fx.engine.state().oracles().feed(BTC_ORACLE).parameters()).isEqualTo(QUORUM_TWO);
        assertThat(schedule(5, HOUR, new PublisherRemoval(BTC_ORACLE, address("oracle-c")))).isTrue();
    }

    @Test
    void shouldRotateTheKeysOnlyAfterTheirDelay()
    {
        final Address newGovernance = address("governance-2");
        final byte[] root = fx.engine.stateRoot();
        assertThat(schedule(1, DAY - 1, new GovernanceKeyRotation(newGovernance))).isFalse();
        assertRejectedWith(RejectReason.GOVERNANCE_DELAY_TOO_SHORT, root);
        assertThat(schedule(2, DAY, new BridgeKeyRotation(Address.of(new byte[Address.LENGTH])))).isFalse();
        assertRejectedWith(RejectReason.RISK_PARAMETER_OUT_OF_RANGE, root);

        assertThat(schedule(3, DAY, new GovernanceKeyRotation(newGovernance))).isTrue();
        assertThat(schedule(4, DAY, new BridgeKeyRotation(address("bridge-2")))).isTrue();
        assertThat(fx.engine.state().governance().governanceKey()).isNull();
        applyDue(DAY);

        assertThat(fx.engine.state().governance().governanceKey()).isEqualTo(newGovernance);
        assertThat(fx.engine.state().governance().bridgeKey()).isEqualTo(address("bridge-2"));
    }

    @Test
    void shouldRejectAPublisherAlreadyRegistered()
    {
        final byte[] root = fx.engine.stateRoot();
        assertThat(schedule(1, DAY, new PublisherAddition(BTC_ORACLE, address("oracle-b")))).isFalse();
        assertRejectedWith(RejectReason.DUPLICATE_DEFINITION, root);
        assertThat(schedule(2, HOUR, new PublisherRemoval(BTC_ORACLE, address("stranger")))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_PUBLISHER, root);
    }

    @Test
    void shouldRoundTripEveryKindThroughTheBinaryCodec()
    {
        final RiskParameterChange[] changes = {
            new LiquidationTermsChange(BTC, LiquidationTerms.DEFAULTS),
            new AssetWeightsChange(ETH_ASSET, 700_000, 800_000),
            new OracleParametersChange(BTC_ORACLE, QUORUM_TWO),
            new PublisherAddition(BTC_ORACLE, address("oracle-d")),
            new PublisherRemoval(BTC_ORACLE, address("oracle-a")),
            new GovernanceKeyRotation(address("g")),
            new BridgeKeyRotation(address("b"))};
        for (final RiskParameterChange change : changes)
        {
            final SetRiskParameters command = new SetRiskParameters(3, 9, 3 + DAY, change);
            assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
        }
    }
}
