package io.novation.core.engine;

import io.novation.core.command.CommandCodec;
import io.novation.core.command.Command;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.SettleExpiry;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.OptionSeries;
import io.novation.core.pricing.OptionType;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Option series: created by governance with ids from 65,536, committed to the state root and snapshots, refused with
 * a reason (and the root unchanged) when their definition does not fit.
 */
class OptionSeriesTest
{
    @Test
    void shouldCreateSeriesWithIdsAboveThePerpetualRange()
    {
        final EngineFixture fx = new EngineFixture();
        final long expiry = fx.now() + 30 * DAY_MS;
        final byte[] before = fx.engine.stateRoot();

        final int call = fx.createBtcOption("BTC-C-70000", 70_000, expiry, OptionType.CALL);
        final int put = fx.createBtcOption("BTC-P-50000", 50_000, expiry, OptionType.PUT);

        assertThat(call).isEqualTo(OptionSeries.FIRST_ID);
        assertThat(put).isEqualTo(OptionSeries.FIRST_ID + 1);
        final OptionSeries series = fx.engine.state().markets().option(call);
        assertThat(series.strike()).isEqualTo(70_000 * BTC_USD);
        assertThat(series.expiry()).isEqualTo(expiry);
        assertThat(series.isCall()).isTrue();
        assertThat(fx.engine.state().markets().optionByTicker("BTC-P-50000").type()).isEqualTo(OptionType.PUT);
        assertThat(fx.engine.state().markets().instrument(put).ticker()).isEqualTo("BTC-P-50000");
        assertThat(fx.events.events()).contains(new Event.OptionSeriesCreated(fx.engine.state().sequence(), put,
            "BTC-P-50000", BTC_ORACLE, 50_000 * BTC_USD, expiry, OptionType.PUT));
        assertThat(fx.engine.stateRoot()).isNotEqualTo(before);
    }

    @Test
    void shouldRefuseBadDefinitionsAndLeaveTheRootUnchanged()
    {
        final EngineFixture fx = new EngineFixture();
        final long expiry = fx.now() + DAY_MS;
        fx.createBtcOption("BTC-C-70000", 70_000, expiry, OptionType.CALL);
        final int next = fx.engine.state().markets().nextOptionId();
        final byte[] root = fx.engine.stateRoot();

        assertRefused(fx, series(fx, next, "BTC-C-70000", BTC_ORACLE, 70_000, expiry), RejectReason.DUPLICATE_DEFINITION);
        assertRefused(fx, series(fx, next, "BTC-USD", BTC_ORACLE, 70_000, expiry), RejectReason.DUPLICATE_DEFINITION);
        assertRefused(fx, series(fx, next + 1, "BTC-X", BTC_ORACLE, 70_000, expiry), RejectReason.DUPLICATE_DEFINITION);
        assertRefused(fx, series(fx, next, "BTC-X", 9, 70_000, expiry), RejectReason.UNKNOWN_ORACLE);
        assertRefused(fx, series(fx, next, "BTC-X", BTC_ORACLE, 70_000, fx.now()), RejectReason.INVALID_COMMAND);
        assertRefused(fx, series(fx, next, "BTC-X", BTC_ORACLE, 0, expiry), RejectReason.INVALID_COMMAND);
        assertRefused(fx, new CreateOptionSeries(fx.tick(), next, "BTC-X", BTC_ORACLE, BTC_USD, expiry, null, -4,
            1, 1, 0, 0, MarketStatus.ACTIVE), RejectReason.INVALID_COMMAND);
        assertRefused(fx, new CreateOptionSeries(fx.tick(), next, "BTC-X", BTC_ORACLE, BTC_USD, expiry,
            OptionType.CALL, -4, 0, 1, 0, 0, MarketStatus.ACTIVE), RejectReason.INVALID_COMMAND);

        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.engine.state().markets().optionCount()).isEqualTo(1);
    }

    @Test
    void shouldEncodeOptionCommandsAndRestoreSeriesAndSurfacesFromASnapshot()
    {
        final EngineFixture fx = new EngineFixture();
        final long expiry = fx.now() + 7 * DAY_MS;
        fx.createBtcOption("BTC-C-70000", 70_000, expiry, OptionType.CALL);
        fx.createBtcOption("BTC-P-50000", 50_000, expiry + DAY_MS, OptionType.PUT);
        assertThat(fx.flatBtcSurface(0.5, expiry, expiry + DAY_MS)).isTrue();
        fx.apply(new io.novation.core.command.SetMarketStatus(fx.tick(), OptionSeries.FIRST_ID + 1,
            MarketStatus.REDUCE_ONLY));

        final List<Command> commands = List.of(
            series(fx, 65_540, "T", BTC_ORACLE, 1, expiry),
            fx.surface("oracle-b", fx.now(), BTC_ORACLE, fx.now() - 1,
                List.of(new OracleVolSurface.Slice(expiry, 1, 2, -3, 4, 5))),
            new OracleVolSurface(fx.now(), BTC_ORACLE, 0, null, null, null),
            new SettleExpiry(fx.now(), 65_536));
        for (final Command command : commands)
        {
            assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
        }

        final byte[] snapshot = SnapshotCodec.write(fx.engine);
        final ClearingEngine restored = SnapshotCodec.read(snapshot, fx.engine.config(),
            io.novation.core.event.EventSink.NONE);
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restored.state().markets().option(OptionSeries.FIRST_ID + 1).status())
            .isEqualTo(MarketStatus.REDUCE_ONLY);
        assertThat(restored.state().volSurfaces().surface(BTC_ORACLE).slices())
            .isEqualTo(fx.engine.state().volSurfaces().surface(BTC_ORACLE).slices());
        assertThat(restored.state().volSurfaces().surface(BTC_ORACLE).publisher())
            .isEqualTo(EngineFixture.address(EngineFixture.PUBLISHERS[0]));
    }

    private static CreateOptionSeries series(final EngineFixture fx, final int id, final String ticker,
        final int oracle, final long strikeUsd, final long expiry)
    {
        return new CreateOptionSeries(fx.tick(), id, ticker, oracle, strikeUsd * BTC_USD, expiry, OptionType.CALL,
            -4, 10_000, 100, 0, 300, MarketStatus.ACTIVE);
    }

    private static void assertRefused(final EngineFixture fx, final Command command, final RejectReason reason)
    {
        assertThat(fx.apply(command)).as("%s", command).isFalse();
        assertThat(fx.lastRejection().code()).as("%s", command).isEqualTo(reason);
    }
}
