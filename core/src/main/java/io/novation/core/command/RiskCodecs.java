package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary codec of the market-risk command: depth reports (fields in record order; a null list is the count 0xFFFF,
 * a null level a zero presence byte).
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

    private RiskCodecs()
    {
    }
}
