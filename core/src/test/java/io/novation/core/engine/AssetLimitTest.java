package io.novation.core.engine;

import io.novation.core.command.CreateAsset;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.market.Asset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine creates no asset beyond the four asset ids the base chain's withdrawal totals and solvency leaves carry,
 * so that every asset a user can deposit can also be withdrawn through the bridge (docs/protocol.md section 15).
 */
class AssetLimitTest
{
    @Test
    void shouldCreateAssetsUpToTheLastBridgedAssetId()
    {
        final EngineFixture fx = new EngineFixture();

        assertThat(fx.apply(asset(fx, 2, "LINK"))).isTrue();
        assertThat(fx.apply(asset(fx, 3, "SOL"))).isTrue();

        assertThat(fx.engine.state().markets().assetCount()).isEqualTo(Asset.MAX_BRIDGED_ASSETS);
        assertThat(fx.engine.state().markets().asset(Asset.MAX_BRIDGED_ASSETS - 1).symbol()).isEqualTo("SOL");
    }

    @Test
    void shouldRejectAnAssetBeyondTheBridgedAssetIdsAndLeaveTheRootUntouched()
    {
        final EngineFixture fx = new EngineFixture();
        assertThat(fx.apply(asset(fx, 2, "LINK"))).isTrue();
        assertThat(fx.apply(asset(fx, 3, "SOL"))).isTrue();
        final byte[] rootBefore = fx.engine.stateRoot();
        final int eventsBefore = fx.events.events().size();

        assertThat(fx.apply(asset(fx, Asset.MAX_BRIDGED_ASSETS, "AVAX"))).isFalse();

        final Event.Rejected rejected = fx.lastRejection();
        assertThat(rejected.code()).isEqualTo(RejectReason.ASSET_LIMIT);
        assertThat(rejected.message()).contains("0 to 3");
        assertThat(fx.engine.stateRoot()).isEqualTo(rootBefore);
        assertThat(fx.engine.state().markets().assetCount()).isEqualTo(Asset.MAX_BRIDGED_ASSETS);
        assertThat(fx.engine.state().markets().assetBySymbol("AVAX")).isNull();
        assertThat(fx.events.events()).hasSize(eventsBefore + 1).last().isInstanceOf(Event.Rejected.class);
    }

    @Test
    void shouldNameTheLimitBeforeTheIdOnceEveryBridgedAssetIdIsTaken()
    {
        final EngineFixture fx = new EngineFixture();
        assertThat(fx.apply(asset(fx, 2, "LINK"))).isTrue();
        assertThat(fx.apply(asset(fx, 3, "SOL"))).isTrue();

        assertThat(fx.apply(asset(fx, 9, "DOGE"))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.ASSET_LIMIT);
        assertThat(fx.apply(asset(fx, 3, "SOL"))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.ASSET_LIMIT);
    }

    @Test
    void shouldKeepRefusingAWrongIdBelowTheLimitAsADuplicateDefinition()
    {
        final EngineFixture fx = new EngineFixture();

        assertThat(fx.apply(asset(fx, 3, "SOL"))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.DUPLICATE_DEFINITION);
    }

    private static CreateAsset asset(final EngineFixture fx, final int id, final String symbol)
    {
        return new CreateAsset(fx.tick(), id, symbol, 8, symbol + "-USD", -6, 700_000, 800_000);
    }
}
