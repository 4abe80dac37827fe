package io.novation.testkit;

import io.novation.core.command.Command;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.core.market.OptionSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VenueClientsTest
{
    private static final long START = 1_760_000_000_000L;

    /** Clients whose wire is the command itself; envelopes are not the core's to check. */
    private static final class Plain extends VenueClients<Command>
    {
        Plain(final long startTime, final Collateral collateral)
        {
            super(startTime, collateral);
        }

        @Override
        protected Command wire(final Command command, final long nonce, final EcdsaSignature envelope)
        {
            return command;
        }

        @Override
        protected EcdsaSignature envelope(final byte[] domain, final long nonce, final Command command,
            final byte[] privateKey)
        {
            return Secp256k1.sign(new byte[32], privateKey);
        }
    }

    @Test
    void shouldSignEveryCommandSoThatAnEngineVerifyingSignaturesReachesTheReplicasRoot()
    {
        final Plain venue = new Plain(START, VenueClients.Collateral.USDC_AND_ETH);
        final List<Command> commands = new ArrayList<>(venue.genesis());
        commands.add(venue.price(60_000));
        commands.add(venue.deposit("alice", 100_000));
        commands.add(venue.deposit("bob", 100_000));
        commands.add(venue.trade("alice", "bob", true, Testnet.ONE_BTC / 10, 60_000));
        commands.add(venue.withdraw("alice", 1_000));
        commands.add(venue.withdraw("bob", 500, 7));
        final long expiry = venue.now() + 30 * 86_400_000L;
        commands.add(venue.createCall("BTC-CALL", 60_000, expiry));
        commands.addAll(venue.flatSurface(0.6, expiry));
        commands.add(venue.optionTrade("alice", "bob", OptionSeries.FIRST_ID, true, 5_000, 750));

        final ClearingEngine verifying = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
        for (final Command command : commands)
        {
            assertThat(verifying.apply(command)).as("%s", command).isTrue();
        }
        assertThat(verifying.stateRoot()).isEqualTo(venue.replica().stateRoot());
    }

    @Test
    void shouldTimeCommandsOneMillisecondApartFromTheStart()
    {
        final Plain venue = new Plain(START, VenueClients.Collateral.USDC);
        assertThat(venue.genesis()).hasSize(1 + Testnet.PUBLISHERS.size());
        final long before = venue.now();
        final SettleTrade trade = venue.tradeCommand("alice", "bob", false, 1_000_000, 60_000);
        assertThat(before).isEqualTo(START + 1 + Testnet.PUBLISHERS.size());
        assertThat(trade.time()).isEqualTo(before + 1);
    }

    @Test
    void shouldGiveEveryOrderTheNextNonceAndADayToLive()
    {
        final Plain venue = new Plain(START, VenueClients.Collateral.USDC);
        final Order first = venue.order("alice", true, 1_000, 6_000_000_000L, START);
        final Order second = venue.order("bob", false, 1_000, 6_000_000_000L, START);
        assertThat(second.nonce()).isEqualTo(first.nonce() + 1);
        assertThat(first.expiry()).isEqualTo(START + 86_400_000L);
        assertThat(Secp256k1.verify(first.digest(venue.domain()), first.signature(),
            Testnet.address("alice").toBytes())).isTrue();
    }
}
