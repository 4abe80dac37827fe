package io.novation.core.snapshot;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.codec.CodecException;
import io.novation.core.engine.ClearingState;
import io.novation.core.market.LiquidationTerms;
import io.novation.core.market.Markets;
import io.novation.core.market.PerpetualMarket;

/**
 * The snapshot section of governance: the governance book (rotated keys, used ids, pending changes) and the
 * liquidation terms governance gave markets; written only when the book is not empty, so that other snapshots are
 * byte for byte those written before governance existed.
 */
final class GovernanceSection
{
    private GovernanceSection()
    {
    }

    static boolean present(final ClearingState state)
    {
        return !state.governance().isEmpty();
    }

    static void write(final ClearingState state, final BinaryWriter out)
    {
        state.governance().writeTo(out);
        final Markets markets = state.markets();
        int count = 0;
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            count += markets.perpetual(i).liquidationTerms() == null ? 0 : 1;
        }
        out.putInt(count);
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            final PerpetualMarket market = markets.perpetual(i);
            final LiquidationTerms terms = market.liquidationTerms();
            if (terms != null)
            {
                out.putInt(market.id()).putLong(terms.maxLiquidationFeePpm()).putLong(terms.bankruptcyAdjustmentPpm())
                    .putLong(terms.spreadToMaintenanceMarginRatioPpm()).putLong(terms.largePositionNotional())
                    .putLong(terms.partialFractionPpm()).putLong(terms.cooldownMs())
                    .putLong(terms.backstopRatioPpm());
            }
        }
    }

    static void read(final ClearingState state, final BinaryReader in)
    {
        state.governance().readFrom(in);
        final int count = in.getInt();
        for (int i = 0; i < count; i++)
        {
            final int marketId = in.getInt();
            final PerpetualMarket market = state.markets().perpetual(marketId);
            if (market == null)
            {
                throw new CodecException("liquidation terms of unknown market " + marketId);
            }
            market.liquidationTerms(new LiquidationTerms(in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong()));
        }
    }
}
