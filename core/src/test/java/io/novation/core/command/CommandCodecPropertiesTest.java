package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.CommandTypes;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.funding.FundingParameters;
import io.novation.core.governance.AssetWeightsChange;
import io.novation.core.governance.BridgeKeyRotation;
import io.novation.core.governance.GovernanceKeyRotation;
import io.novation.core.governance.LiquidationTermsChange;
import io.novation.core.governance.LiquidityTierChange;
import io.novation.core.governance.MarketFeesChange;
import io.novation.core.governance.OracleParametersChange;
import io.novation.core.governance.PublisherAddition;
import io.novation.core.governance.PublisherRemoval;
import io.novation.core.governance.RiskParameterChange;
import io.novation.core.market.LiquidationTerms;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;
import io.novation.core.pricing.OptionType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every permitted command record, with random values of every field (absent ones included), encodes, decodes to an
 * equal command and encodes again to the same bytes. The random commands are built from the records' components, so
 * that a new record is covered as soon as it exists, and one with a field type not known here fails the coverage
 * test.
 */
class CommandCodecPropertiesTest
{
    @Property(tries = 1000)
    void shouldRoundTripRandomCommandsOfEveryType(@ForAll("commands") final Command command)
    {
        assertRoundTrip(command);
    }

    @Property(tries = 500)
    void shouldRestampOnlyTheTimeKeepingEveryOtherField(@ForAll("commands") final Command command,
        @ForAll final long time)
    {
        assertThat(command.withTime(command.time())).isSameAs(command);
        final Command restamped = command.withTime(time);
        assertThat(restamped.time()).isEqualTo(time);
        assertThat(restamped.type()).isSameAs(command.type());
        final byte[] expected = CommandCodec.encode(command);
        final BinaryWriter stamp = new BinaryWriter(8);
        stamp.putLong(time);
        System.arraycopy(stamp.toBytes(), 0, expected, 2, 8);
        assertThat(CommandCodec.encode(restamped)).isEqualTo(expected);
    }

    @Property(tries = 500)
    void shouldDecodeThroughAnOrderReaderWithAGivenTimeAsAFreshDecodeRestamped(
        @ForAll("commands") final Command command, @ForAll final long time)
    {
        final int[] orders = new int[1];
        final OrderReader measuring = in ->
        {
            final int length = CommandFields.orderLength(in);
            final int start = in.position();
            final Order order = CommandFields.getOrder(in);
            assertThat(in.position() - start).as("the order's encoded length").isEqualTo(length);
            orders[0]++;
            return order;
        };
        final BinaryReader in = new BinaryReader(CommandCodec.encode(command));
        final long given = time == CommandCodec.FRAME_TIME ? time + 1 : time;

        final Command decoded = CommandCodec.decode(in, measuring, given);

        assertThat(in.remaining()).isZero();
        assertThat(CommandCodec.encode(decoded)).isEqualTo(CommandCodec.encode(command.withTime(given)));
        assertThat(orders[0]).isEqualTo(command instanceof SettleTrade ? 2 : 0);
        final Command framed = CommandCodec.decode(new BinaryReader(CommandCodec.encode(command)), measuring,
            CommandCodec.FRAME_TIME);
        assertThat(CommandCodec.encode(framed)).isEqualTo(CommandCodec.encode(command));
    }

    @Property(tries = 500)
    void shouldEncodeAndDecodeAFillFromItsFieldsAsItsRecord(@ForAll("fills") final Command command,
        @ForAll final boolean keepFrameTime, @ForAll final long time)
    {
        final SettleTrade fill = (SettleTrade)command;
        final BinaryWriter parts = new BinaryWriter(16);
        CommandCodec.encodeFill(parts, fill.time(), fill.marketId(), fill.maker(), fill.taker(), fill.fillSize(),
            fill.fillPrice());
        final byte[] encoded = CommandCodec.encode(fill);
        assertThat(parts.toBytes()).isEqualTo(encoded);

        final BinaryReader in = new BinaryReader(encoded);
        assertThat(CommandCodec.isFill(in)).isTrue();
        final long given = keepFrameTime || time == CommandCodec.FRAME_TIME ? CommandCodec.FRAME_TIME : time;
        final FillParts held = CommandCodec.decodeFill(in, OrderReader.FRESH, given, new FillParts());

        assertThat(in.remaining()).isZero();
        final Command decoded = CommandCodec.decode(new BinaryReader(encoded), OrderReader.FRESH, given);
        assertThat(held.time()).isEqualTo(decoded.time());
        assertThat(CommandCodec.encode(held.toCommand())).isEqualTo(CommandCodec.encode(decoded));
    }

    @Property(tries = 200)
    void shouldTellAFillOnlyByItsOwnTypeId(@ForAll("commands") final Command command)
    {
        final BinaryReader in = new BinaryReader(CommandCodec.encode(command));
        assertThat(CommandCodec.isFill(in)).isEqualTo(command instanceof SettleTrade);
        assertThat(in.position()).isZero();
        if (!(command instanceof SettleTrade))
        {
            assertThatThrownBy(() -> CommandCodec.decodeFill(in, OrderReader.FRESH, CommandCodec.FRAME_TIME,
                new FillParts())).isInstanceOf(CodecException.class);
        }
    }

    @Provide
    Arbitrary<Command> fills()
    {
        return arbitraryOf(SettleTrade.class);
    }

    @Test
    void shouldRoundTripSamplesOfEachPermittedSubclass()
    {
        for (final Class<?> record : Command.class.getPermittedSubclasses())
        {
            arbitraryOf(record).sampleStream().limit(50).forEach(CommandCodecPropertiesTest::assertRoundTrip);
        }
    }

    @Test
    void shouldCoverEveryPermittedSubclassWithARecordOfKnownFieldTypes()
    {
        for (final Class<?> record : Command.class.getPermittedSubclasses())
        {
            assertThat(record.isRecord()).as("%s is a record", record.getSimpleName()).isTrue();
            for (final RecordComponent component : record.getRecordComponents())
            {
                assertThat(valuesOf(component.getGenericType()))
                    .as("random values of %s.%s", record.getSimpleName(), component.getName()).isNotNull();
            }
            assertThat(arbitraryOf(record).sample()).isInstanceOf(record);
        }
    }

    @Test
    void shouldFailTheCoverageOfAFieldTypeItDoesNotKnow()
    {
        assertThat(valuesOf(Thread.class)).isNull();
        assertThatThrownBy(() -> arbitraryOf(UnknownField.class)).isInstanceOf(AssertionError.class);
    }

    @Provide
    Arbitrary<Command> commands()
    {
        final List<Arbitrary<? extends Command>> each = new ArrayList<>();
        for (final Class<?> record : Command.class.getPermittedSubclasses())
        {
            each.add(arbitraryOf(record));
        }
        return Arbitraries.oneOf(each);
    }

    private static void assertRoundTrip(final Command command)
    {
        final byte[] encoded = CommandCodec.encode(command);
        assertThat(encoded[1] & 0xFF).isEqualTo(command.type().id());
        assertThat(CommandTypes.byId(encoded[1] & 0xFF)).isSameAs(command.type());
        final Command decoded = CommandCodec.decode(encoded);
        assertThat(decoded).isInstanceOf(command.getClass());
        assertThat(decoded).usingRecursiveComparison().isEqualTo(command);
        assertThat(CommandCodec.encode(decoded)).isEqualTo(encoded);
    }

    private record UnknownField(long time, Thread thread)
    {
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Command> arbitraryOf(final Class<?> record)
    {
        final RecordComponent[] components = record.getRecordComponents();
        final List<Arbitrary<Object>> values = new ArrayList<>();
        final Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++)
        {
            final Arbitrary<?> arbitrary = valuesOf(components[i].getGenericType());
            if (arbitrary == null)
            {
                throw new AssertionError("no random values for " + record.getSimpleName() + "." +
                    components[i].getName() + " of type " + components[i].getGenericType());
            }
            values.add((Arbitrary<Object>)arbitrary);
            types[i] = components[i].getType();
        }
        final Constructor<?> constructor;
        try
        {
            constructor = record.getDeclaredConstructor(types);
        }
        catch (final NoSuchMethodException ex)
        {
            throw new AssertionError(record.getSimpleName() + " has no canonical constructor", ex);
        }
        return Combinators.combine(values).as(args -> (Command)construct(constructor, args.toArray()));
    }

    /** Random records of a governance change kind, from the random values of each component. */
    @SuppressWarnings("unchecked")
    private static <T> Arbitrary<T> recordOf(final Class<?> record)
    {
        final RecordComponent[] components = record.getRecordComponents();
        final List<Arbitrary<Object>> values = new ArrayList<>();
        final Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++)
        {
            values.add((Arbitrary<Object>)Objects.requireNonNull(valuesOf(components[i].getGenericType()),
                record.getSimpleName() + "." + components[i].getName()));
            types[i] = components[i].getType();
        }
        try
        {
            final Constructor<?> constructor = record.getDeclaredConstructor(types);
            return Combinators.combine(values).as(args -> (T)construct(constructor, args.toArray()));
        }
        catch (final NoSuchMethodException ex)
        {
            throw new AssertionError(record.getSimpleName() + " has no canonical constructor", ex);
        }
    }

    private static Object construct(final Constructor<?> constructor, final Object[] args)
    {
        try
        {
            return constructor.newInstance(args);
        }
        catch (final InstantiationException | IllegalAccessException | InvocationTargetException ex)
        {
            throw new AssertionError("cannot build " + constructor.getDeclaringClass().getSimpleName(), ex);
        }
    }

    /**
     * Random values of a command field's type, absent ones included for references.
     *
     * @param type the field's type.
     * @return the values, or null when the type is not known here.
     */
    private static Arbitrary<?> valuesOf(final Type type)
    {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class)
        {
            final Type element = parameterized.getActualTypeArguments()[0];
            if (element == PriceReport.class)
            {
                return reports().list().ofMaxSize(4).injectNull(0.1);
            }
            if (element == OracleVolSurface.Slice.class)
            {
                return slices().list().ofMaxSize(4).injectNull(0.1);
            }
            if (element == Integer.class)
            {
                // A session key's subaccounts: a missing list is written empty, so none is drawn here.
                return Arbitraries.integers().list().ofMaxSize(20);
            }
            if (element == CancelledOrder.class)
            {
                return Combinators.combine(hashes(), Arbitraries.longs()).as(CancelledOrder::of).list()
                    .ofMaxSize(5);
            }
            if (element == ReportMarketDepth.Level.class)
            {
                return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs())
                    .as(ReportMarketDepth.Level::new).injectNull(0.1).list().ofMaxSize(ReportMarketDepth.MAX_LEVELS)
                    .injectNull(0.1);
            }
            return null;
        }
        if (type == long.class)
        {
            return Arbitraries.longs();
        }
        if (type == int.class)
        {
            return Arbitraries.integers();
        }
        if (type == boolean.class)
        {
            return Arbitraries.of(true, false);
        }
        if (type == String.class)
        {
            return Arbitraries.strings().ofMaxLength(24).injectNull(0.1);
        }
        if (type == io.novation.core.market.MarginControllerBounds.class)
        {
            return Combinators.combine(Arbitraries.longs().between(1, 500_000), Arbitraries.longs().between(0, 500_000),
                Arbitraries.longs().between(1, 1_000_000), Arbitraries.longs().between(0, 3_600_000),
                Arbitraries.longs().between(0, 3_600_000), Arbitraries.longs().between(0, 3_600_000),
                Arbitraries.longs().between(60_000, 86_400_000))
                .as((min, width, step, interval, tighten, extra, halfLife) ->
                    new io.novation.core.market.MarginControllerBounds(min, min + width, step, interval, tighten,
                        tighten + extra, halfLife)).injectNull(0.2);
        }
        if (type == io.novation.core.market.DepthPenaltyBounds.class)
        {
            return Combinators.combine(Arbitraries.longs().between(1, 1_000_000),
                Arbitraries.longs().between(0, 1_000_000), Arbitraries.longs().between(1, 86_400_000))
                .as(io.novation.core.market.DepthPenaltyBounds::new).injectNull(0.2);
        }
        if (type == Address.class)
        {
            return addresses().injectNull(0.1);
        }
        if (type == EcdsaSignature.class)
        {
            return signatures().injectNull(0.1);
        }
        if (type == Order.class)
        {
            return orders().injectNull(0.1);
        }
        if (type == BlockPackage.class)
        {
            final Arbitrary<BlockLeg> leg = Combinators.combine(Arbitraries.integers(), Arbitraries.of(true, false),
                Arbitraries.longs(), Arbitraries.longs()).as(BlockLeg::new);
            return Combinators.combine(addresses().injectNull(0.1), Arbitraries.integers(),
                leg.list().ofMaxSize(30), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(),
                signatures().injectNull(0.1)).as(BlockPackage::new).injectNull(0.1);
        }
        if (type == BlockAcceptance.class)
        {
            return Combinators.combine(addresses().injectNull(0.1), Arbitraries.integers(), hashes(),
                Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(), signatures().injectNull(0.1))
                .as(BlockAcceptance::new).injectNull(0.1);
        }
        if (type == MarketStatus.class)
        {
            return Arbitraries.of(MarketStatus.class).injectNull(0.1);
        }
        if (type == OptionType.class)
        {
            return Arbitraries.of(OptionType.class).injectNull(0.1);
        }
        if (type == LiquidityTier.class)
        {
            return Arbitraries.of(LiquidityTier.largeCap(), LiquidityTier.smallCap(), LiquidityTier.longTail(),
                LiquidityTier.isolated()).injectNull(0.2);
        }
        if (type == OracleParameters.class)
        {
            return Combinators.combine(Arbitraries.integers().between(1, 16), Arbitraries.longs().between(1,
                86_400_000), Arbitraries.longs().between(1, 600_000)).as((quorum, fresh, heartbeat) ->
                new OracleParameters(quorum, fresh, 5_000, heartbeat, heartbeat * 2, 50_000, 32, 10_000, 10_000,
                    250_000)).injectNull(0.2);
        }
        if (type == VolSurfaceParameters.class)
        {
            return Arbitraries.longs().between(1, 3_600_000).map(heartbeat ->
                new VolSurfaceParameters(heartbeat, 200_000, 10_000, 5_000, 250_000)).injectNull(0.2);
        }
        if (type == FundingParameters.class)
        {
            return Arbitraries.of(FundingParameters.defaults()).injectNull(0.3);
        }
        if (type == RiskParameterChange.class)
        {
            return riskParameterChanges().injectNull(0.1);
        }
        if (type == BatchHeader.class)
        {
            return Combinators.combine(Arbitraries.longs(), hashes().list().ofSize(7), Arbitraries.longs(),
                Arbitraries.longs()).as((number, h, deposit, request) -> new BatchHeader(number, h.get(0), h.get(1),
                h.get(2), h.get(3), h.get(4), h.get(5), h.get(6), deposit, request)).injectNull(0.2);
        }
        return null;
    }

    private static Arbitrary<RiskParameterChange> riskParameterChanges()
    {
        final Arbitrary<Integer> id = Arbitraries.integers();
        final Arbitrary<Long> value = Arbitraries.longs();
        final Arbitrary<Address> address = addresses().injectNull(0.1);
        return Arbitraries.oneOf(
            Combinators.combine(id, value, value, value, value, value).as(LiquidityTierChange::new),
            Combinators.combine(id, value, value).as(MarketFeesChange::new),
            Combinators.combine(id, value.list().ofSize(7)).as((market, v) -> new LiquidationTermsChange(market,
                new LiquidationTerms(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)))),
            Combinators.combine(id, value, value).as(AssetWeightsChange::new),
            Combinators.combine(id, value, value).as(io.novation.core.governance.PositionCapsChange::new),
            Combinators.combine(id, valuesOf(OracleParameters.class).filter(java.util.Objects::nonNull))
                .as((oracle, parameters) -> new OracleParametersChange(oracle, (OracleParameters)parameters)),
            Combinators.combine(id, address).as(PublisherAddition::new),
            Combinators.combine(id, address).as(PublisherRemoval::new),
            address.map(GovernanceKeyRotation::new),
            address.map(BridgeKeyRotation::new),
            recordOf(io.novation.core.governance.MarginControllerBoundsChange.class),
            recordOf(io.novation.core.governance.DepthPenaltyBoundsChange.class),
            Combinators.combine(id, valuesOf(io.novation.core.funding.FundingParameters.class)
                .filter(java.util.Objects::nonNull)).as((market, parameters) ->
                new io.novation.core.governance.FundingParametersChange(market,
                    (io.novation.core.funding.FundingParameters)parameters)),
            Combinators.combine(id, valuesOf(io.novation.core.oracle.VolSurfaceParameters.class)
                .filter(java.util.Objects::nonNull)).as((oracle, parameters) ->
                new io.novation.core.governance.VolSurfaceParametersChange(oracle,
                    (io.novation.core.oracle.VolSurfaceParameters)parameters)));
    }

    private static Arbitrary<byte[]> hashes()
    {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    private static Arbitrary<Address> addresses()
    {
        return Arbitraries.bytes().array(byte[].class).ofSize(Address.LENGTH).map(Address::of);
    }

    private static Arbitrary<EcdsaSignature> signatures()
    {
        return Combinators.combine(hashes(), hashes(), Arbitraries.integers().between(0, 255))
            .as(EcdsaSignature::of);
    }

    private static Arbitrary<Order> orders()
    {
        return Combinators.combine(addresses(), Arbitraries.integers(), Arbitraries.integers(),
            Arbitraries.of(true, false), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(),
            Arbitraries.longs()).as((account, subaccount, market, buy, size, price, nonce, expiry) ->
            Order.of(account, subaccount, market, buy, size, price, nonce, expiry, nonce % 2 == 0, null))
            .flatMap(order -> signatures().injectNull(0.2).map(order::withSignature));
    }

    private static Arbitrary<PriceReport> reports()
    {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.longs(), Arbitraries.longs(),
            addresses().injectNull(0.1), signatures().injectNull(0.1)).as(PriceReport::new).injectNull(0.1);
    }

    private static Arbitrary<OracleVolSurface.Slice> slices()
    {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(),
            Arbitraries.longs(), Arbitraries.longs()).as(OracleVolSurface.Slice::new).injectNull(0.1);
    }
}
