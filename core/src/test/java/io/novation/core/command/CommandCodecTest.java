package io.novation.core.command;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandCodecTest
{
    @Property(tries = 200)
    void shouldRoundTripFundingSamples(@ForAll("fundingSamples") final FundingSample command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 200)
    void shouldRoundTripFundingTicks(@ForAll("fundingTicks") final FundingTick command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 100)
    void shouldRoundTripFundingParameters(@ForAll("fundingParameters") final SetFundingParameters command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 200)
    void shouldRoundTripLiquidations(@ForAll("liquidations") final Liquidate command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 200)
    void shouldRoundTripVolatilitySurfaces(@ForAll("surfaces") final OracleVolSurface command)
    {
        assertRoundTrip(command);
    }

    @Test
    void shouldEncodeSignedSurfacesAsType21AndDecodeTheUnsignedType16OfOlderJournals()
    {
        final OracleVolSurface.Slice slice = new OracleVolSurface.Slice(9, 1, 2, -3, 4, 5);
        final byte[] signed = CommandCodec.encode(new OracleVolSurface(5, 1, 4, java.util.List.of(slice),
            address(3), null));
        assertThat(signed[1]).isEqualTo((byte)21);

        final BinaryWriter legacy = new BinaryWriter(64);
        legacy.putByte(1).putByte(16).putLong(5).putInt(1);
        CommandCodec.putSlices(legacy, java.util.List.of(slice));
        assertThat(CommandCodec.decode(legacy.toBytes()))
            .isEqualTo(new OracleVolSurface(5, 1, 5, java.util.List.of(slice), null, null));
    }

    @Provide
    Arbitrary<OracleVolSurface> surfaces()
    {
        final Arbitrary<OracleVolSurface.Slice> slice = Combinators.combine(longs(), longs(), longs(), longs(),
            longs(), longs()).as(OracleVolSurface.Slice::new);
        final Arbitrary<java.util.List<OracleVolSurface.Slice>> slices = slice.injectNull(0.05).list().ofMaxSize(40)
            .injectNull(0.05);
        return Combinators.combine(longs(), ints(), longs(), slices, addresses().injectNull(0.1), signatures())
            .as(OracleVolSurface::new);
    }

    @Provide
    Arbitrary<FundingSample> fundingSamples()
    {
        return Combinators.combine(longs(), ints(), longs(), longs()).as(FundingSample::new);
    }

    @Provide
    Arbitrary<FundingTick> fundingTicks()
    {
        return Combinators.combine(longs(), ints(), Arbitraries.of(true, false), longs()).as(FundingTick::new);
    }

    @Provide
    Arbitrary<SetFundingParameters> fundingParameters()
    {
        final Arbitrary<FundingParameters> parameters = Combinators.combine(
            Arbitraries.of(FundingMode.values()), Arbitraries.longs().between(1_000, 60_000),
            Arbitraries.longs().between(60_000, 86_400_000), Arbitraries.longs().between(-10_000_000, 10_000_000),
            Arbitraries.longs().between(0, 10_000_000), Arbitraries.longs().between(0, 100_000_000),
            Arbitraries.longs().between(0, 1_000_000_000)).as(FundingParameters::new).injectNull(0.1);
        return Combinators.combine(longs(), ints(), parameters).as(SetFundingParameters::new);
    }

    @Provide
    Arbitrary<Liquidate> liquidations()
    {
        return Combinators.combine(longs(), addresses().injectNull(0.1), ints(), addresses(), ints(), ints(),
            longs(), longs()).as((time, keeper, keeperSub, target, targetSub, market, size, nonce) ->
            new Liquidate(time, keeper, keeperSub, target, targetSub, market, size, nonce, null))
            .flatMap(l -> signatures().map(l::withSignature));
    }

    @Property(tries = 200)
    void shouldRoundTripDeposits(@ForAll("deposits") final Deposit command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 200)
    void shouldRoundTripWithdrawals(@ForAll("withdrawals") final Withdraw command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 200)
    void shouldRoundTripTransfers(@ForAll("transfers") final Transfer command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 200)
    void shouldRoundTripTrades(@ForAll("trades") final SettleTrade command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 200)
    void shouldRoundTripOracleRounds(@ForAll("rounds") final OraclePrice command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 100)
    void shouldRoundTripAssetDefinitions(@ForAll("assets") final CreateAsset command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 100)
    void shouldRoundTripMarketDefinitions(@ForAll("perpetuals") final CreatePerpetual command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 100)
    void shouldRoundTripMarketStatusChanges(@ForAll("statuses") final SetMarketStatus command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 100)
    void shouldRoundTripPublisherRegistrations(@ForAll("registrations") final RegisterOraclePublisher command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 100)
    void shouldRoundTripOracleParameters(@ForAll("parameterChanges") final SetOracleParameters command)
    {
        assertRoundTrip(command);
    }

    @Test
    void shouldRoundTripCommandsWithNullFields()
    {
        assertRoundTrip(new Deposit(1, null, 0, 0, 1, 1));
        assertRoundTrip(new SettleTrade(1, 0, null, null, 1, 1));
        assertRoundTrip(new OraclePrice(1, 0, null));
        assertRoundTrip(new CreatePerpetual(1, 0, null, null, 0, 0, 1, 1, null, 0, 0, null));
        assertRoundTrip(new SetOracleParameters(1, 0, null));
        assertRoundTrip(new CreateAsset(1, 1, "é€", 6, null, -8, 1, 1));
    }

    @Test
    void shouldRefuseTruncatedEncodings()
    {
        final byte[] bytes = CommandCodec.encode(new Deposit(5, address(7), 1, 0, 100, 9));
        for (int length = 0; length < bytes.length; length++)
        {
            final byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> CommandCodec.decode(cut)).isInstanceOf(CodecException.class);
        }
    }

    @Test
    void shouldRefuseUnknownVersionsAndTypes()
    {
        final byte[] bytes = CommandCodec.encode(new Deposit(5, address(7), 1, 0, 100, 9));
        final byte[] version = bytes.clone();
        version[0] = 2;
        assertThatThrownBy(() -> CommandCodec.decode(version)).hasMessageContaining("version");
        final byte[] type = bytes.clone();
        type[1] = 99;
        assertThatThrownBy(() -> CommandCodec.decode(type)).hasMessageContaining("type");
        final byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> CommandCodec.decode(longer)).hasMessageContaining("after");
    }

    private static void assertRoundTrip(final Command command)
    {
        final byte[] encoded = CommandCodec.encode(command);
        final Command decoded = CommandCodec.decode(encoded);
        assertThat(decoded).isInstanceOf(command.getClass());
        assertThat(decoded).usingRecursiveComparison().isEqualTo(command);
        assertThat(CommandCodec.encode(decoded)).isEqualTo(encoded);
    }

    private static Address address(final long seed)
    {
        final byte[] bytes = new byte[20];
        for (int i = 0; i < 20; i++)
        {
            bytes[i] = (byte)(seed * 31 + i * 17);
        }
        return Address.of(bytes);
    }

    private static Arbitrary<Address> addresses()
    {
        return Arbitraries.bytes().array(byte[].class).ofSize(20).map(Address::of);
    }

    private static Arbitrary<EcdsaSignature> signatures()
    {
        final Arbitrary<byte[]> scalar = Arbitraries.bytes().array(byte[].class).ofSize(32);
        return Combinators.combine(scalar, scalar, Arbitraries.integers().between(0, 255))
            .as(EcdsaSignature::of).injectNull(0.2);
    }

    private static Arbitrary<Long> longs()
    {
        return Arbitraries.longs();
    }

    private static Arbitrary<Integer> ints()
    {
        return Arbitraries.integers();
    }

    @Provide
    Arbitrary<Deposit> deposits()
    {
        return Combinators.combine(longs(), addresses(), ints(), ints(), longs(), longs()).as(Deposit::new);
    }

    @Provide
    Arbitrary<Withdraw> withdrawals()
    {
        return Combinators.combine(longs(), addresses(), ints(), ints(), longs(), longs(), signatures())
            .as(Withdraw::new);
    }

    @Provide
    Arbitrary<Transfer> transfers()
    {
        return Combinators.combine(longs(), addresses(), ints(), ints(), ints(), longs(), longs(), signatures())
            .as(Transfer::new);
    }

    private static Arbitrary<Order> orders()
    {
        final Arbitrary<Order> head = Combinators.combine(addresses(), ints(), ints(), Arbitraries.of(true, false),
            longs(), longs(), longs(), longs())
            .as((a, sub, m, buy, size, limit, nonce, expiry) -> Order.of(a, sub, m, buy, size, limit, nonce, expiry,
                false, null));
        return Combinators.combine(head, Arbitraries.of(true, false), signatures())
            .as((o, reduceOnly, sig) -> Order.of(o.account(), o.subaccount(), o.market(), o.isBuy(), o.size(),
                o.limitPrice(), o.nonce(), o.expiry(), reduceOnly, sig));
    }

    @Provide
    Arbitrary<SettleTrade> trades()
    {
        return Combinators.combine(longs(), ints(), orders(), orders(), longs(), longs()).as(SettleTrade::new);
    }

    @Provide
    Arbitrary<OraclePrice> rounds()
    {
        final Arbitrary<PriceReport> report = Combinators.combine(ints(), longs(), longs(), addresses().injectNull(0.1),
            signatures()).as(PriceReport::new);
        return Combinators.combine(longs(), ints(), report.list().ofMaxSize(32)).as(OraclePrice::new);
    }

    @Provide
    Arbitrary<CreateAsset> assets()
    {
        final Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40).injectNull(0.1);
        return Combinators.combine(longs(), ints(), text, ints(), text, ints(), longs(), longs()).as(CreateAsset::new);
    }

    private static Arbitrary<LiquidityTier> tiers()
    {
        return Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.strings().alpha().ofMinLength(1)
                .ofMaxLength(12), Arbitraries.longs().between(1, 1_000_000), Arbitraries.longs().between(0, 1_000_000),
            Arbitraries.longs().between(0, LiquidityTier.MAX_IMF_FACTOR_PPM), Arbitraries.longs().between(0, 1L << 40))
            .as((id, name, im, mf, factor, lower) -> LiquidityTier.of(id, name, im, mf, factor, lower, lower * 2))
            .injectNull(0.1);
    }

    @Provide
    Arbitrary<CreatePerpetual> perpetuals()
    {
        final Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20).injectNull(0.1);
        final Arbitrary<CreatePerpetual> head = Combinators.combine(longs(), ints(), text, text, ints(), ints(),
            longs(), longs()).as((t, id, ticker, oracle, pe, ar, tick, step) ->
            new CreatePerpetual(t, id, ticker, oracle, pe, ar, tick, step, null, 0, 0, null));
        return Combinators.combine(head, tiers(), longs(), longs(), Arbitraries.of(MarketStatus.class).injectNull(0.1))
            .as((c, tier, maker, taker, status) -> new CreatePerpetual(c.time(), c.marketId(), c.ticker(), c.oracle(),
                c.priceExponent(), c.atomicResolution(), c.tickSize(), c.stepSize(), tier, maker, taker, status));
    }

    @Provide
    Arbitrary<SetMarketStatus> statuses()
    {
        return Combinators.combine(longs(), ints(), Arbitraries.of(MarketStatus.class)).as(SetMarketStatus::new);
    }

    @Provide
    Arbitrary<RegisterOraclePublisher> registrations()
    {
        return Combinators.combine(longs(), ints(), addresses().injectNull(0.1)).as(RegisterOraclePublisher::new);
    }

    @Provide
    Arbitrary<SetOracleParameters> parameterChanges()
    {
        final Arbitrary<OracleParameters> parameters = Combinators.combine(Arbitraries.integers().between(1, 32),
            Arbitraries.longs().between(1, 86_400_000), Arbitraries.longs().between(0, 3_600_000),
            Arbitraries.longs().between(1, 600_000), Arbitraries.longs().between(1, 1_000_000))
            .as((quorum, fresh, skew, heartbeat, deviation) -> new OracleParameters(quorum, fresh, skew, heartbeat,
                heartbeat * 2, deviation, 32, 10_000, 10_000, 250_000));
        return Combinators.combine(longs(), ints(), parameters).as(SetOracleParameters::new);
    }
}
