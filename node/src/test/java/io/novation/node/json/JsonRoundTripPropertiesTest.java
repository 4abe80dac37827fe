package io.novation.node.json;

import io.novation.core.account.Address;
import io.novation.core.command.CancelOrders;
import io.novation.core.command.CancelledOrder;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.Command;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.ForcedWithdraw;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.RegisterSessionKey;
import io.novation.core.command.RevokeSessionKey;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetNonceFloor;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.SweepFees;
import io.novation.core.command.FundInsurance;
import io.novation.core.command.SettleMarket;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.command.CancelRiskParameters;
import io.novation.core.governance.MarketFeesChange;
import io.novation.core.governance.PositionCapsChange;
import io.novation.core.command.WithdrawInsurance;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.governance.AssetWeightsChange;
import io.novation.core.governance.BridgeKeyRotation;
import io.novation.core.governance.GovernanceKeyRotation;
import io.novation.core.governance.LiquidationTermsChange;
import io.novation.core.governance.LiquidityTierChange;
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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command type a client may send survives the JSON vocabulary: encoded with a fixed venue's definitions and
 * decoded again it is the same command (compared by its binary encoding, signatures included).
 */
class JsonRoundTripPropertiesTest
{
    private static final long DAY = 86_400_000L;
    private static final int BTC_ORACLE = 1;
    private static final int OPTION_ID = 65_536;
    private static final Definitions VENUE = venue();
    private static final CommandDecoder DECODER = new CommandDecoder(() -> VENUE, AccountNames.ADDRESSES_ONLY);
    private static final CommandEncoder ENCODER = new CommandEncoder(() -> VENUE);
    private static final LiquidityTier[] TIERS = {LiquidityTier.largeCap(), LiquidityTier.midCap(),
        LiquidityTier.longTail(), LiquidityTier.isolated()};

    private static final Map<Class<? extends Command>, Function<Random, Command>> GENERATORS = generators();

    @Property(tries = 3000)
    void shouldDecodeWhatTheEncoderWrites(@ForAll("commands") final Command command) throws Exception
    {
        final Command decoded = DECODER.decode(ENCODER.encode(command, true), 0);

        assertThat(decoded.getClass()).isEqualTo(command.getClass());
        assertThat(CommandCodec.encode(decoded)).as(command.toString()).isEqualTo(CommandCodec.encode(command));
    }

    @Property(tries = 500)
    void shouldTakeTheDefaultTimeWhenEncodedWithout(@ForAll("commands") final Command command) throws Exception
    {
        final Command decoded = DECODER.decode(ENCODER.encode(command, false), command.time());

        assertThat(CommandCodec.encode(decoded)).isEqualTo(CommandCodec.encode(command));
    }

    @Example
    void shouldGenerateEveryPermittedCommandThatClientsMaySend()
    {
        final Set<Class<?>> sendable = new HashSet<>();
        for (final Class<?> type : Command.class.getPermittedSubclasses())
        {
            @SuppressWarnings("unchecked")
            final JsonCommandCodec<?> codec = JsonCodecs.byClass((Class<? extends Command>)type);
            if (codec.decodable())
            {
                sendable.add(type);
            }
        }

        assertThat(new HashSet<Class<?>>(GENERATORS.keySet())).isEqualTo(sendable);
    }

    @Provide
    Arbitrary<Command> commands()
    {
        final List<Class<? extends Command>> types = new ArrayList<>(GENERATORS.keySet());
        return Arbitraries.of(types).flatMap(type ->
            Arbitraries.randomValue(random -> GENERATORS.get(type).apply(random)));
    }

    private static Map<Class<? extends Command>, Function<Random, Command>> generators()
    {
        final Map<Class<? extends Command>, Function<Random, Command>> map = new LinkedHashMap<>();
        map.put(CreateAsset.class, r -> new CreateAsset(time(r), VENUE.nextAssetId(), "A" + r.nextInt(1000),
            r.nextInt(19), "O" + r.nextInt(1000), r.nextInt(37) - 18, amount(r), amount(r)));
        map.put(CreatePerpetual.class, r ->
        {
            final int priceExponent = r.nextInt(13) - 10;
            final int atomicResolution = -r.nextInt(13);
            return new CreatePerpetual(time(r), VENUE.nextPerpetualId(), "P" + r.nextInt(1000), "O" + r.nextInt(9),
                priceExponent, atomicResolution, 1 + r.nextInt(1_000_000), 1 + r.nextInt(1_000_000),
                TIERS[r.nextInt(TIERS.length)], r.nextInt(2001) - 1000, r.nextInt(2001), status(r));
        });
        map.put(CreateOptionSeries.class, r ->
        {
            final int atomicResolution = -r.nextInt(13);
            return new CreateOptionSeries(time(r), VENUE.nextOptionId(), "S" + r.nextInt(1000), BTC_ORACLE,
                amount(r), 1_700_000_000_000L + (long)r.nextInt(1_000_000) * 60_000, r.nextBoolean() ?
                OptionType.CALL : OptionType.PUT, atomicResolution, 1 + r.nextInt(100_000), 1 + r.nextInt(100_000),
                r.nextInt(2001) - 1000, r.nextInt(2001), status(r));
        });
        map.put(SetMarketStatus.class, r -> new SetMarketStatus(time(r), instrument(r), status(r)));
        map.put(SettleExpiry.class, r -> new SettleExpiry(time(r), OPTION_ID));
        map.put(RegisterOraclePublisher.class, r -> new RegisterOraclePublisher(time(r), oracle(r), address(r)));
        map.put(SetOracleParameters.class, r -> new SetOracleParameters(time(r), oracle(r), valid(r, () ->
            new OracleParameters(1 + r.nextInt(3), 1 + r.nextInt((int)DAY), r.nextInt(3_600_001),
                1 + r.nextInt((int)DAY), 1 + r.nextInt((int)DAY), 1 + r.nextInt(1_000_000), 1 + r.nextInt(3),
                r.nextInt(10_000), r.nextInt(1_000_001), r.nextInt(999_999)), OracleParameters.DEFAULTS)));
        map.put(SetVolSurfaceParameters.class, r -> new SetVolSurfaceParameters(time(r), oracle(r), valid(r, () ->
            new VolSurfaceParameters(1 + r.nextInt(7 * (int)DAY), 1 + r.nextInt(10_000_000), r.nextInt(10_000),
                r.nextInt(1_000_001), r.nextInt(999_999)), VolSurfaceParameters.DEFAULTS)));
        map.put(OraclePrice.class, r ->
        {
            final int oracle = oracle(r);
            final List<PriceReport> reports = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--)
            {
                reports.add(new PriceReport(oracle, amount(r), time(r), address(r), signature(r)));
            }
            return new OraclePrice(time(r), oracle, reports);
        });
        map.put(OracleVolSurface.class, r ->
        {
            final List<OracleVolSurface.Slice> slices = new ArrayList<>();
            for (int i = 1 + r.nextInt(3); i > 0; i--)
            {
                slices.add(new OracleVolSurface.Slice(1_700_000_000_000L + (long)r.nextInt(1_000_000) * 60_000,
                    signed(r), signed(r), signed(r), signed(r), signed(r)));
            }
            return new OracleVolSurface(time(r), oracle(r), time(r), slices, address(r), signature(r));
        });
        map.put(FundingSample.class, r -> new FundingSample(time(r), r.nextInt(2), amount(r), amount(r)));
        map.put(FundingTick.class, r -> r.nextBoolean() ? FundingTick.computed(time(r), r.nextInt(2)) :
            FundingTick.withRate(time(r), r.nextInt(2), signed(r)));
        map.put(SetFundingParameters.class, r -> new SetFundingParameters(time(r), r.nextInt(2), valid(r, () ->
        {
            final long sample = 1_000 + r.nextInt((int)DAY - 1_000);
            return new FundingParameters(r.nextBoolean() ? FundingMode.PREMIUM_SAMPLES : FundingMode.EXTERNAL_RATE,
                sample, sample + r.nextInt((int)(DAY - sample) + 1), r.nextInt(20_000_001) - 10_000_000,
                r.nextInt(10_000_001), r.nextInt(100_000_001), r.nextInt(1_000_000_001));
        }, FundingParameters.defaults())));
        map.put(Deposit.class, r -> new Deposit(time(r), address(r), r.nextInt(256), r.nextInt(2), amount(r),
            1 + r.nextInt(Integer.MAX_VALUE)));
        map.put(ForcedWithdraw.class, r -> new ForcedWithdraw(time(r), address(r), r.nextInt(256), r.nextInt(4),
            amount(r), 1 + r.nextInt(Integer.MAX_VALUE)));
        map.put(Withdraw.class, r -> new Withdraw(time(r), address(r), r.nextInt(256), r.nextInt(4), amount(r),
            nonce(r), signature(r)));
        map.put(Transfer.class, r -> new Transfer(time(r), address(r), r.nextInt(256), r.nextInt(256), r.nextInt(2),
            amount(r), nonce(r), signature(r)));
        map.put(SetMarginMode.class, r -> new SetMarginMode(time(r), address(r), r.nextInt(256), r.nextBoolean(),
            nonce(r), signature(r)));
        map.put(Liquidate.class, r -> new Liquidate(time(r), address(r), r.nextInt(256), address(r), r.nextInt(256),
            instrument(r), amount(r), nonce(r), signature(r)));
        map.put(SweepFees.class, r -> new SweepFees(time(r), address(r), r.nextInt(256), amount(r)));
        map.put(SettleMarket.class, r -> new SettleMarket(time(r), r.nextInt(2), time(r)));
        map.put(FundInsurance.class, r -> new FundInsurance(time(r), r.nextInt(3) - 1, amount(r)));
        map.put(WithdrawInsurance.class, r -> new WithdrawInsurance(time(r), r.nextInt(3) - 1, amount(r)));
        map.put(RegisterSessionKey.class, r ->
        {
            final List<Integer> subaccounts = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--)
            {
                subaccounts.add(r.nextInt(256));
            }
            return new RegisterSessionKey(time(r), address(r), address(r), 1 + r.nextInt(Integer.MAX_VALUE),
                subaccounts, time(r), nonce(r), signature(r));
        });
        map.put(RevokeSessionKey.class, r -> new RevokeSessionKey(time(r), address(r), address(r), nonce(r),
            signature(r)));
        map.put(CancelOrders.class, r ->
        {
            final List<CancelledOrder> orders = new ArrayList<>();
            for (int i = r.nextInt(5); i > 0; i--)
            {
                final byte[] digest = new byte[32];
                r.nextBytes(digest);
                orders.add(CancelledOrder.of(digest, time(r)));
            }
            return new CancelOrders(time(r), address(r), r.nextInt(256), orders, nonce(r), signature(r));
        });
        map.put(SetNonceFloor.class, r -> new SetNonceFloor(time(r), address(r), r.nextInt(256), nonce(r), nonce(r),
            signature(r)));
        map.put(SetRiskParameters.class, r -> new SetRiskParameters(time(r), 1 + r.nextInt(Integer.MAX_VALUE),
            time(r), riskParameterChange(r)));
        map.put(CancelRiskParameters.class, r -> new CancelRiskParameters(time(r), 1 + r.nextInt(Integer.MAX_VALUE)));
        map.put(ReportMarketDepth.class, r ->
        {
            final List<ReportMarketDepth.Level> levels = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(ReportMarketDepth.MAX_LEVELS); i < n; i++)
            {
                levels.add(new ReportMarketDepth.Level(amount(r), amount(r), amount(r)));
            }
            return new ReportMarketDepth(time(r), r.nextInt(2), levels);
        });
        map.put(SettleTrade.class, r ->
        {
            final int market = instrument(r);
            return new SettleTrade(time(r), market, order(r, market), order(r, market), amount(r), amount(r));
        });
        map.put(io.novation.core.command.SettleBlockTrade.class, r ->
        {
            final List<io.novation.core.command.BlockLeg> legs = new ArrayList<>();
            for (int i = 1 + r.nextInt(4); i > 0; i--)
            {
                legs.add(new io.novation.core.command.BlockLeg(instrument(r), r.nextBoolean(), amount(r), amount(r)));
            }
            final byte[] digest = new byte[32];
            r.nextBytes(digest);
            final Address broker = r.nextBoolean() ? address(r) : null;
            return new io.novation.core.command.SettleBlockTrade(time(r),
                new io.novation.core.command.BlockPackage(address(r), r.nextInt(256), legs, amount(r), nonce(r),
                    time(r), signature(r)),
                new io.novation.core.command.BlockAcceptance(address(r), r.nextInt(256), digest, amount(r), nonce(r),
                    time(r), signature(r)),
                amount(r), amount(r), broker, broker == null ? 0 : r.nextInt(256), broker == null ? 0 : amount(r));
        });
        return map;
    }

    /** A change of each kind, on the venue's perpetuals, assets and oracles. */
    private static RiskParameterChange riskParameterChange(final Random r)
    {
        final int market = r.nextInt(2);
        return switch (r.nextInt(13))
        {
            case 0 -> new LiquidityTierChange(market, amount(r), amount(r), amount(r), amount(r), amount(r));
            case 1 -> new MarketFeesChange(market, signed(r), amount(r));
            case 2 -> new LiquidationTermsChange(market, new LiquidationTerms(amount(r), amount(r), amount(r),
                amount(r), amount(r), amount(r), amount(r)));
            case 3 -> new AssetWeightsChange(r.nextInt(2), amount(r), amount(r));
            case 4 -> new OracleParametersChange(oracle(r), OracleParameters.DEFAULTS);
            case 5 -> new PublisherAddition(oracle(r), address(r));
            case 6 -> new PublisherRemoval(oracle(r), address(r));
            case 7 -> new GovernanceKeyRotation(address(r));
            case 8 -> new PositionCapsChange(market, amount(r), amount(r));
            case 9 -> riskBoundsChange(r);
            case 10 -> new io.novation.core.governance.FundingParametersChange(market,
                io.novation.core.funding.FundingParameters.defaults());
            case 11 -> new io.novation.core.governance.VolSurfaceParametersChange(oracle(r),
                io.novation.core.oracle.VolSurfaceParameters.DEFAULTS);
            default -> new BridgeKeyRotation(address(r));
        };
    }

    private static Definitions venue()
    {
        final ClearingEngine engine = new ClearingEngine(EngineConfig.defaults(), EventSink.NONE);
        final List<Command> listings = List.of(
            new CreateAsset(1, 1, "ETH", 18, "ETH-USD", -8, 900_000, 950_000),
            new CreatePerpetual(2, 0, "BTC-USD", "BTC-USD", -5, -10, 100_000, 1_000, LiquidityTier.largeCap(), 0,
                500, MarketStatus.ACTIVE),
            new CreatePerpetual(3, 1, "ETH-USD", "ETH-USD", -8, -9, 1_000, 100, LiquidityTier.midCap(), 0, 500,
                MarketStatus.ACTIVE),
            new CreateOptionSeries(4, OPTION_ID, "BTC-USD-20300130-100000-C", BTC_ORACLE, 10_000_000_000L,
                1_896_076_800_000L, OptionType.CALL, -4, 10_000, 100, 300, 500, MarketStatus.ACTIVE));
        for (final Command listing : listings)
        {
            if (!engine.apply(listing))
            {
                throw new IllegalStateException("venue refused " + listing);
            }
        }
        final Definitions definitions = Definitions.of(engine);
        if (definitions.oracleByName("BTC-USD").id() != BTC_ORACLE || definitions.oracle(0) == null ||
            definitions.option(OPTION_ID) == null)
        {
            throw new IllegalStateException("unexpected venue ids");
        }
        return definitions;
    }

    private static Order order(final Random r, final int market)
    {
        return Order.of(address(r), r.nextInt(256), market, r.nextBoolean(), amount(r), amount(r), nonce(r), time(r),
            r.nextBoolean(), signature(r));
    }

    private static <T> T valid(final Random r, final Supplier<T> candidate, final T fallback)
    {
        for (int i = 0; i < 20; i++)
        {
            try
            {
                return candidate.get();
            }
            catch (final IllegalArgumentException ex)
            {
                continue;
            }
        }
        return fallback;
    }

    private static long time(final Random r)
    {
        return r.nextInt(10) == 0 ? 0 : 1_700_000_000_000L + (r.nextLong() & 0xFF_FFFF_FFFFL);
    }

    /** A non-negative amount, sometimes at the ends of the range. */
    private static long amount(final Random r)
    {
        return switch (r.nextInt(8))
        {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE / 1_000_000_000_000L;
            case 2 -> 1;
            default -> r.nextLong() & 0xFFFF_FFFF_FFFFL;
        };
    }

    private static long signed(final Random r)
    {
        return r.nextInt(2_000_000_001) - 1_000_000_000L;
    }

    private static long nonce(final Random r)
    {
        return r.nextInt(4) == 0 ? Long.MAX_VALUE : r.nextLong() & Long.MAX_VALUE;
    }

    /** One of the venue's two oracles: ETH-USD (0) and BTC-USD (1). */
    private static int oracle(final Random r)
    {
        return r.nextInt(2);
    }

    private static int instrument(final Random r)
    {
        return switch (r.nextInt(3))
        {
            case 0 -> 0;
            case 1 -> 1;
            default -> OPTION_ID;
        };
    }

    private static MarketStatus status(final Random r)
    {
        return MarketStatus.values()[r.nextInt(MarketStatus.values().length)];
    }

    private static Address address(final Random r)
    {
        final byte[] bytes = new byte[20];
        r.nextBytes(bytes);
        return Address.of(bytes);
    }

    private static EcdsaSignature signature(final Random r)
    {
        if (r.nextInt(4) == 0)
        {
            return null;
        }
        final byte[] rs = new byte[64];
        r.nextBytes(rs);
        return EcdsaSignature.of(Arrays.copyOf(rs, 32), Arrays.copyOfRange(rs, 32, 64), 27 + r.nextInt(2));
    }

    /** A margin-controller or depth-penalty bounds change, on or off. */
    private static io.novation.core.governance.RiskParameterChange riskBoundsChange(final Random r)
    {
        final int market = r.nextInt(2);
        if (r.nextBoolean())
        {
            final long min = 1 + r.nextInt(500_000);
            final long tighten = r.nextInt(3_600_000);
            return new io.novation.core.governance.MarginControllerBoundsChange(market, r.nextBoolean() ? null :
                new io.novation.core.market.MarginControllerBounds(min, min + r.nextInt(500_000),
                    1 + r.nextInt(1_000_000), r.nextInt(3_600_000), tighten, tighten + r.nextInt(3_600_000),
                    60_000 + r.nextInt(86_400_000)));
        }
        return new io.novation.core.governance.DepthPenaltyBoundsChange(market, r.nextBoolean() ? null :
            new io.novation.core.market.DepthPenaltyBounds(1 + r.nextInt(1_000_000), r.nextInt(1_000_001),
                1 + r.nextInt(86_400_000)));
    }
}
