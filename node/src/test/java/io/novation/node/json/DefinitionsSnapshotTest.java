package io.novation.node.json;

import io.novation.core.account.Address;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.Transfer;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A decoder over a definitions snapshot sees a new market only once the snapshot is taken again after the
 * governance command that lists it; owners' commands keep the same snapshot.
 */
class DefinitionsSnapshotTest
{
    private static final String DEPOSIT = "{\"type\": \"deposit\", \"account\": " +
        "\"0x1111111111111111111111111111111111111111\", \"amount\": \"5\"}";
    private static final String FUNDING_TICK = "{\"type\": \"fundingTick\", \"market\": \"BTC-USD\"}";

    @Test
    void shouldDecodeANewMarketOnlyAfterTheSnapshotIsRefreshed() throws Exception
    {
        final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
        final DefinitionsSnapshot snapshot = new DefinitionsSnapshot(engine);
        final CommandDecoder decoder = new CommandDecoder(snapshot, AccountNames.ADDRESSES_ONLY);
        final CreatePerpetual listing = new CreatePerpetual(1, 0, "BTC-USD", "BTC-USD", -5, -10, 100_000, 1_000,
            LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE);

        assertThat(engine.apply(listing)).isTrue();
        final CommandFormatException stale = catchThrowableOfType(
            () -> decoder.decode(Json.MAPPER.readTree(FUNDING_TICK), 2), CommandFormatException.class);
        assertThat(stale.getMessage()).isEqualTo("market: unknown market 'BTC-USD'");

        assertThat(snapshot.refreshAfter(engine, listing, true)).isTrue();
        assertThat(decoder.decode(Json.MAPPER.readTree(FUNDING_TICK), 2)).isNotNull();
    }

    @Test
    void shouldTakeTheNextDepositIdFromTheSnapshotAfterABridgeDeposit() throws Exception
    {
        final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
        final DefinitionsSnapshot snapshot = new DefinitionsSnapshot(engine);
        final CommandDecoder decoder = new CommandDecoder(snapshot, AccountNames.ADDRESSES_ONLY);
        final Deposit first = (Deposit)decoder.decode(Json.MAPPER.readTree(DEPOSIT), 1);
        assertThat(first.depositId()).isEqualTo(1);

        assertThat(engine.apply(first)).isTrue();
        assertThat(snapshot.refreshAfter(engine, first, true)).isTrue();

        assertThat(((Deposit)decoder.decode(Json.MAPPER.readTree(DEPOSIT), 2)).depositId()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheSnapshotAfterOwnersCommandsAndRejections()
    {
        final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
        final DefinitionsSnapshot snapshot = new DefinitionsSnapshot(engine);
        final Definitions before = snapshot.get();
        final Address owner = Address.parse("0x1111111111111111111111111111111111111111");

        assertThat(snapshot.refreshAfter(engine, new Transfer(1, owner, 0, 1, 0, 5, 1, null), true)).isFalse();
        assertThat(snapshot.refreshAfter(engine, new Deposit(1, owner, 0, 0, 5, 1), false)).isFalse();
        assertThat(snapshot.get()).isSameAs(before);
    }
}
