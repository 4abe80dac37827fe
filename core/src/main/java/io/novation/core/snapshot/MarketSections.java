package io.novation.core.snapshot;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.command.CommandCodec;
import io.novation.core.engine.ClearingState;
import io.novation.core.funding.FundingParameters;
import io.novation.core.funding.MarketFunding;
import io.novation.core.market.Asset;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.pricing.OptionType;

/**
 * The markets' snapshot sections: assets, perpetual markets with their funding indices, and option series (prices in
 * price units, amounts in quantums).
 */
final class MarketSections
{
    private MarketSections()
    {
    }

    static void writeAssets(final ClearingState state, final BinaryWriter out)
    {
        final Markets markets = state.markets();
        out.putShort(markets.assetCount());
        for (int i = 0; i < markets.assetCount(); i++)
        {
            final Asset asset = markets.asset(i);
            out.putShort(asset.id()).putString(asset.symbol()).putByte(asset.decimals()).putInt(asset.oracleId())
                .putLong(asset.initialWeightPpm()).putLong(asset.maintenanceWeightPpm());
        }
    }

    static void readAssets(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final Asset asset = new Asset(in.getUnsignedShort(), in.getString(), in.getByte(), in.getInt(),
                in.getLong(), in.getLong());
            if (asset.id() == Asset.QUOTE_ASSET_ID)
            {
                if (!asset.equals(state.markets().asset(Asset.QUOTE_ASSET_ID)))
                {
                    throw new CodecException("asset 0 is not the quote asset: " + asset);
                }
                continue;
            }
            state.markets().addAsset(asset);
        }
    }

    static void writeMarkets(final ClearingState state, final BinaryWriter out)
    {
        final Markets markets = state.markets();
        out.putShort(markets.perpetualCount());
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            final PerpetualMarket market = markets.perpetual(i);
            out.putInt(market.id()).putString(market.ticker()).putInt(market.oracleId())
                .putByte(market.atomicResolution()).putLong(market.tickSize()).putLong(market.stepSize());
            CommandCodec.putLiquidityTier(out, market.staticLiquidityTier());
            out.putLong(market.makerFeePpm()).putLong(market.takerFeePpm()).putByte(market.status().ordinal())
                .putLong(market.openInterestBaseQuantums());
            out.putLong(market.isolatedInsuranceFund());
            final MarketFunding funding = market.funding();
            CommandCodec.putFundingParameters(out, funding.parameters());
            out.putLong(funding.cumulativeIndex()).putLong(funding.lastTickTime()).putLong(funding.lastTickSlot())
                .putLong(funding.lastSampleSlot()).putLong(funding.premiumSum()).putLong(funding.premiumSamples())
                .putLong(funding.lastRate8hPpb()).putLong(funding.lastTradePrice()).putLong(funding.ledger())
                .putLong(funding.residueNanos()).putLong(funding.longLossIndex()).putLong(funding.shortLossIndex());
        }
    }

    static void readMarkets(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final PerpetualMarket market = new PerpetualMarket(in.getInt(), in.getString(), in.getInt(), in.getByte(),
                in.getLong(), in.getLong(), CommandCodec.getLiquidityTier(in), in.getLong(), in.getLong(),
                status(in.getUnsignedByte()));
            market.adjustOpenInterest(in.getLong());
            market.addToIsolatedInsuranceFund(in.getLong());
            final FundingParameters parameters = CommandCodec.getFundingParameters(in);
            if (parameters == null)
            {
                throw new CodecException("market " + market.id() + " has no funding parameters");
            }
            market.funding().parameters(parameters);
            final long[] funding = new long[12];
            for (int f = 0; f < funding.length; f++)
            {
                funding[f] = in.getLong();
            }
            market.funding().restore(funding);
            state.markets().addPerpetual(market);
        }
    }

    static void writeOptions(final ClearingState state, final BinaryWriter out)
    {
        final Markets markets = state.markets();
        out.putInt(markets.optionCount());
        for (int i = 0; i < markets.optionCount(); i++)
        {
            final OptionSeries series = markets.optionAt(i);
            out.putInt(series.id()).putString(series.ticker()).putInt(series.oracleId()).putLong(series.strike())
                .putLong(series.expiry()).putByte(series.type().ordinal()).putByte(series.atomicResolution())
                .putLong(series.tickSize()).putLong(series.stepSize()).putLong(series.makerFeePpm())
                .putLong(series.takerFeePpm()).putByte(series.status().ordinal())
                .putLong(series.openInterestBaseQuantums()).putLong(series.settlementPrice())
                .putBoolean(series.isSettled());
            final MarketFunding funding = series.funding();
            out.putLong(funding.ledger()).putLong(funding.residueNanos()).putLong(funding.longLossIndex())
                .putLong(funding.shortLossIndex());
        }
    }

    static void readOptions(final ClearingState state, final BinaryReader in, final int version)
    {
        final int count = in.getInt();
        for (int i = 0; i < count; i++)
        {
            final int id = in.getInt();
            final String ticker = in.getString();
            final int oracleId = in.getInt();
            final long strike = in.getLong();
            final long expiry = in.getLong();
            final int type = in.getUnsignedByte();
            if (type >= OptionType.values().length)
            {
                throw new CodecException("unknown option type " + type);
            }
            final OptionSeries series = new OptionSeries(id, ticker, oracleId, strike, expiry,
                OptionType.values()[type], in.getByte(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                status(in.getUnsignedByte()));
            series.adjustOpenInterest(in.getLong());
            series.settlementPrice(in.getLong());
            if (in.getBoolean())
            {
                series.markSettled();
            }
            if (version >= 7)
            {
                series.funding().restoreLosses(in.getLong(), in.getLong(), in.getLong(), in.getLong());
            }
            state.markets().addOption(series);
        }
        state.markets().refreshNextUnfixedExpiry();
    }

    static boolean hasLifecycle(final ClearingState state)
    {
        for (int i = 0; i < state.markets().perpetualCount(); i++)
        {
            if (state.markets().perpetual(i).hasLifecycleState())
            {
                return true;
            }
        }
        return false;
    }

    /** The delisting and hard caps of each market that has any: id, settlement time, final price, settled, caps. */
    static void writeLifecycle(final ClearingState state, final BinaryWriter out)
    {
        final Markets markets = state.markets();
        int count = 0;
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            count += markets.perpetual(i).hasLifecycleState() ? 1 : 0;
        }
        out.putShort(count);
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            final PerpetualMarket market = markets.perpetual(i);
            if (market.hasLifecycleState())
            {
                out.putInt(market.id()).putLong(market.delistingTime()).putLong(market.finalSettlementPrice())
                    .putBoolean(market.isSettled()).putLong(market.openInterestCap()).putLong(market.positionLimit());
            }
        }
    }

    static void readLifecycle(final ClearingState state, final BinaryReader in)
    {
        final int count = in.getUnsignedShort();
        for (int i = 0; i < count; i++)
        {
            final int id = in.getInt();
            final PerpetualMarket market = state.markets().perpetual(id);
            if (market == null)
            {
                throw new CodecException("delisting state of unknown market " + id);
            }
            final long delistingTime = in.getLong();
            if (delistingTime != PerpetualMarket.NOT_DELISTING)
            {
                market.announceDelisting(delistingTime);
            }
            market.finalSettlementPrice(in.getLong());
            if (in.getBoolean())
            {
                market.markSettled();
            }
            market.hardCaps(in.getLong(), in.getLong());
        }
    }

    static MarketStatus status(final int ordinal)
    {
        if (ordinal >= MarketStatus.values().length)
        {
            throw new CodecException("unknown market status " + ordinal);
        }
        return MarketStatus.values()[ordinal];
    }
}
