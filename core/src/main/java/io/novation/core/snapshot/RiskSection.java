package io.novation.core.snapshot;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.engine.ClearingState;
import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.market.MarginControllerBounds;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.risk.MarketRisk;
import io.novation.core.risk.RiskBook;

import java.util.ArrayList;
import java.util.List;

/**
 * The markets' risk state (controller bounds, EWMA and pending change in ppm and epoch ms, the controller-set initial
 * margin fraction, depth-penalty bounds and the last depth report): a section written only when a market holds any,
 * so that the snapshot of a state without it is unchanged. Its first byte is its own format version.
 */
final class RiskSection
{
    private static final int FORMAT = 1;

    private RiskSection()
    {
    }

    static boolean isEmpty(final ClearingState state)
    {
        return state.risk().isEmpty();
    }

    static void write(final ClearingState state, final BinaryWriter out)
    {
        final RiskBook book = state.risk();
        int count = 0;
        for (int id = 0; id < book.slots(); id++)
        {
            count += book.market(id) != null && !book.market(id).isEmpty() ? 1 : 0;
        }
        out.putByte(FORMAT).putInt(count);
        for (int id = 0; id < book.slots(); id++)
        {
            final MarketRisk risk = book.market(id);
            if (risk == null || risk.isEmpty())
            {
                continue;
            }
            out.putInt(id).putLong(state.markets().perpetual(id).imfOverridePpm());
            final MarginControllerBounds b = risk.controller();
            if (b == null)
            {
                out.putByte(0);
            }
            else
            {
                out.putByte(1).putLong(b.minImfPpm()).putLong(b.maxImfPpm()).putLong(b.maxStepPpm())
                    .putLong(b.minIntervalMs()).putLong(b.tighteningDelayMs()).putLong(b.looseningDelayMs())
                    .putLong(b.halfLifeMs())
                    .putLong(risk.lastPrice()).putLong(risk.lastRoundAt()).putLong(risk.variance())
                    .putLong(risk.pendingImfPpm()).putLong(risk.pendingEffectiveAt()).putLong(risk.lastChangeAt());
            }
            final DepthPenaltyBounds d = risk.depthBounds();
            if (d == null)
            {
                out.putByte(0);
            }
            else
            {
                out.putByte(1).putLong(d.maxSpreadRatioPpm()).putLong(d.maxFeePpm()).putLong(d.maxDepthAgeMs());
            }
            final List<ReportMarketDepth.Level> depth = risk.depth();
            if (depth == null)
            {
                out.putByte(0);
            }
            else
            {
                out.putByte(depth.size()).putLong(risk.depthAt());
                for (final ReportMarketDepth.Level level : depth)
                {
                    out.putLong(level.distancePpm()).putLong(level.bidNotional()).putLong(level.askNotional());
                }
            }
        }
    }

    static void read(final ClearingState state, final BinaryReader in)
    {
        final int format = in.getUnsignedByte();
        if (format != FORMAT)
        {
            throw new CodecException("unknown risk section format " + format);
        }
        final int count = in.getInt();
        for (int i = 0; i < count; i++)
        {
            final int id = in.getInt();
            if (id < 0 || id >= state.markets().perpetualCount())
            {
                throw new CodecException("risk state of an unknown market " + id);
            }
            final PerpetualMarket market = state.markets().perpetual(id);
            final long override = in.getLong();
            final MarketRisk risk = state.risk().marketFor(id);
            if (in.getBoolean())
            {
                risk.controller(new MarginControllerBounds(in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                    in.getLong(), in.getLong(), in.getLong()), 0);
                risk.restore(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
            }
            if (in.getBoolean())
            {
                risk.depthBounds(new DepthPenaltyBounds(in.getLong(), in.getLong(), in.getLong()));
            }
            final int levels = in.getUnsignedByte();
            if (levels > 0)
            {
                final long at = in.getLong();
                final List<ReportMarketDepth.Level> depth = new ArrayList<>(levels);
                for (int l = 0; l < levels; l++)
                {
                    depth.add(new ReportMarketDepth.Level(in.getLong(), in.getLong(), in.getLong()));
                }
                risk.depth(depth, at);
            }
            market.imfOverridePpm(override);
        }
    }
}
