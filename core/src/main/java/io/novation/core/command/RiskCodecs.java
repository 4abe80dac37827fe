package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.market.MarginControllerBounds;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary codecs of the market-risk commands: depth reports and risk bounds (fields in record order; a null list or
 * bounds is a zero presence byte / count 0xFFFF).
 */
final class RiskCodecs
{
    private static final int NO_LIST = 0xFFFF;

    static final CommandType.BinaryCodec<ReportMarketDepth> REPORT_MARKET_DEPTH = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final ReportMarketDepth c, final BinaryWriter out)
        {
            out.putInt(c.marketId());
            if (c.levels() == null)
            {
                out.putShort(NO_LIST);
                return;
            }
            out.putShort(c.levels().size());
            for (final ReportMarketDepth.Level level : c.levels())
            {
                if (level == null)
                {
                    out.putByte(0);
                    continue;
                }
                out.putByte(1).putLong(level.distancePpm()).putLong(level.bidNotional()).putLong(level.askNotional());
            }
        }

        @Override
        public ReportMarketDepth decode(final long time, final BinaryReader in)
        {
            final int marketId = in.getInt();
            final int count = in.getUnsignedShort();
            if (count == NO_LIST)
            {
                return new ReportMarketDepth(time, marketId, null);
            }
            if (count > ReportMarketDepth.MAX_LEVELS)
            {
                throw new CodecException("a depth report carries at most " + ReportMarketDepth.MAX_LEVELS +
                    " levels: " + count);
            }
            final List<ReportMarketDepth.Level> levels = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                levels.add(in.getBoolean() ? new ReportMarketDepth.Level(in.getLong(), in.getLong(), in.getLong()) :
                    null);
            }
            return new ReportMarketDepth(time, marketId, levels);
        }
    };

    static final CommandType.BinaryCodec<SetMarketRiskBounds> SET_MARKET_RISK_BOUNDS = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SetMarketRiskBounds c, final BinaryWriter out)
        {
            out.putInt(c.marketId());
            final MarginControllerBounds b = c.controller();
            if (b == null)
            {
                out.putByte(0);
            }
            else
            {
                out.putByte(1).putLong(b.minImfPpm()).putLong(b.maxImfPpm()).putLong(b.maxStepPpm())
                    .putLong(b.minIntervalMs()).putLong(b.tighteningDelayMs()).putLong(b.looseningDelayMs())
                    .putLong(b.halfLifeMs());
            }
            final DepthPenaltyBounds d = c.depth();
            if (d == null)
            {
                out.putByte(0);
            }
            else
            {
                out.putByte(1).putLong(d.maxSpreadRatioPpm()).putLong(d.maxFeePpm()).putLong(d.maxDepthAgeMs());
            }
        }

        @Override
        public SetMarketRiskBounds decode(final long time, final BinaryReader in)
        {
            final int marketId = in.getInt();
            try
            {
                final MarginControllerBounds controller = in.getBoolean() ? new MarginControllerBounds(
                    in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong()) :
                    null;
                final DepthPenaltyBounds depth = in.getBoolean() ?
                    new DepthPenaltyBounds(in.getLong(), in.getLong(), in.getLong()) : null;
                return new SetMarketRiskBounds(time, marketId, controller, depth);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CodecException("invalid risk bounds: " + ex.getMessage());
            }
        }
    };

    private RiskCodecs()
    {
    }
}
