package io.novation.core.command;

import io.novation.core.account.Address;
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
import io.novation.core.command.SealBatch;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.commitment.BatchHeader;
import io.novation.core.crypto.EcdsaSignature;
import io.novation.core.funding.FundingParameters;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.oracle.VolSurfaceParameters;
import io.novation.core.pricing.OptionType;

import java.util.Arrays;
import java.util.List;

/**
 * Fixed commands of every type of the version-1 binary encoding, with present and absent optional fields: the
 * fixture {@code commands-v1.hex} holds their encodings as written before the command registry.
 */
final class CommandSamples
{
    private static final long T = 1_760_000_000_123L;

    private CommandSamples()
    {
    }

    static List<Command> all()
    {
        final Address alice = address(0x11);
        final Address bob = address(0x22);
        final Order maker = Order.of(alice, 0, 1, true, 5_000, 64_000_000_000L, 7, T + 60_000, false, signature(1));
        final Order taker = Order.of(bob, 3, 1, false, 5_000, 63_900_000_000L, 9, T + 90_000, true, signature(2));
        final List<OracleVolSurface.Slice> slices = List.of(
            new OracleVolSurface.Slice(T + 86_400_000L, 40_000_000L, 100_000_000L, -300_000_000L, 10_000_000L,
                200_000_000L),
            new OracleVolSurface.Slice(T + 7 * 86_400_000L, 50_000_000L, 120_000_000L, -250_000_000L, 0L,
                250_000_000L));
        final BatchHeader header = new BatchHeader(42, bytes(1), bytes(2), bytes(3), bytes(4), bytes(5), bytes(6),
            bytes(7), 1_001, 17);
        return List.of(
            new CreateAsset(T, 1, "ETH", 18, "ETH-USD", -8, 900_000, 950_000),
            new CreateAsset(T, 2, null, 6, null, -6, 0, 0),
            new CreatePerpetual(T, 0, "BTC-USD", "BTC-USD", -5, -10, 100_000, 1_000, LiquidityTier.largeCap(), -110,
                500, MarketStatus.ACTIVE),
            new CreatePerpetual(T, 1, "ETH-USD", "ETH-USD", -6, -9, 10, 100, null, 0, 0, null),
            new SetMarketStatus(T, 0, MarketStatus.REDUCE_ONLY),
            new SetMarketStatus(T, 0, null),
            new RegisterOraclePublisher(T, 2, address(0x33)),
            new SetOracleParameters(T, 1, new OracleParameters(3, 60_000, 5_000, 30_000, 60_000, 50_000, 5, 10_000,
                10_000, 250_000)),
            new SetOracleParameters(T, 1, null),
            new OraclePrice(T, 1, Arrays.asList(new PriceReport(1, 6_400_000_000_000L, T - 500, address(0x44),
                signature(3)), null, new PriceReport(1, 6_400_100_000_000L, T - 400, address(0x55), null))),
            new OraclePrice(T, 1, null),
            new Deposit(T, alice, 0, 0, 1_000_000_000L, 77),
            new Withdraw(T, alice, 0, 0, 250_000_000L, 12, signature(4)),
            new Withdraw(T, null, 0, 0, 1, 1, null),
            new Transfer(T, alice, 0, 128, 0, 10_000_000L, 13, signature(5)),
            new SettleTrade(T, 1, maker, taker, 5_000, 63_950_000_000L),
            new SettleTrade(T, 1, null, null, 0, 0),
            new FundingSample(T, 0, 6_399_000_000_000L, 6_401_000_000_000L),
            new FundingTick(T, 0, true, -12_345),
            new FundingTick(T, 1, false, 0),
            new SetFundingParameters(T, 0, FundingParameters.defaults()),
            new SetFundingParameters(T, 0, null),
            new Liquidate(T, bob, 1, alice, 0, 0, 2_500, 14, signature(6)),
            new CreateOptionSeries(T, 65_536, "BTC-20261226-100000-C", 0, 10_000_000_000L, T + 30 * 86_400_000L,
                OptionType.CALL, -8, 1_000, 10, 300, 500, MarketStatus.ACTIVE),
            new CreateOptionSeries(T, 65_537, null, 0, 1, 2, null, 0, 0, 0, 0, 0, null),
            new SettleExpiry(T, 65_536),
            new SetMarginMode(T, alice, 0, true, 15, signature(7)),
            new ForcedWithdraw(T, bob, 0, 0, 5_000_000L, 3),
            new SealBatch(T, header),
            new SealBatch(T, null),
            new OracleVolSurface(T, 0, T - 1_000, slices, address(0x66), signature(8)),
            new OracleVolSurface(T, 0, T - 1_000, Arrays.asList(slices.get(0), null), null, null),
            new SetVolSurfaceParameters(T, 0, new VolSurfaceParameters(3_600_000, 200_000, 10_000, 5_000, 250_000)),
            new SetVolSurfaceParameters(T, 0, null));
    }

    static Address address(final int fill)
    {
        final byte[] bytes = new byte[20];
        Arrays.fill(bytes, (byte)fill);
        bytes[0] = (byte)(fill + 1);
        return Address.of(bytes);
    }

    static EcdsaSignature signature(final int seed)
    {
        final byte[] r = new byte[32];
        final byte[] s = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            r[i] = (byte)(seed * 31 + i);
            s[i] = (byte)(seed * 17 - i);
        }
        return EcdsaSignature.of(r, s, 27 + (seed & 1));
    }

    private static byte[] bytes(final int seed)
    {
        final byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(seed * 13 + i);
        }
        return bytes;
    }
}
