package io.novation.core.risk;

import io.novation.core.commitment.LeafEncoding;
import io.novation.core.market.Markets;

import java.util.ArrayList;
import java.util.List;

/**
 * The risk state of every perpetual market, by market id; a market that never had bounds or a depth report has none.
 */
public final class RiskBook
{
    /** Marks the risk part of the global leaf, which follows the state's other fields only when not empty. */
    public static final int LEAF_TAG = 0x40;

    private final List<MarketRisk> markets = new ArrayList<>();

    /**
     * A market's risk state, or null.
     *
     * @param marketId the perpetual market.
     * @return the state or null.
     */
    public MarketRisk market(final int marketId)
    {
        return marketId >= 0 && marketId < markets.size() ? markets.get(marketId) : null;
    }

    /**
     * A market's risk state, created empty when missing.
     *
     * @param marketId the perpetual market, not negative.
     * @return the state.
     */
    public MarketRisk marketFor(final int marketId)
    {
        while (markets.size() <= marketId)
        {
            markets.add(null);
        }
        MarketRisk risk = markets.get(marketId);
        if (risk == null)
        {
            risk = new MarketRisk(marketId);
            markets.set(marketId, risk);
        }
        return risk;
    }

    /**
     * How many market ids have a slot (some may be null or empty).
     *
     * @return slots.
     */
    public int slots()
    {
        return markets.size();
    }

    /**
     * Whether no market holds risk state.
     *
     * @return true when every market's state is empty or missing.
     */
    public boolean isEmpty()
    {
        for (final MarketRisk risk : markets)
        {
            if (risk != null && !risk.isEmpty())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the risk state of every market that holds any, in market id order, after {@link #LEAF_TAG}; nothing
     * when empty, so that the roots of states without it are unchanged.
     *
     * @param encoding the leaf being written.
     * @param perpetuals the markets, for their controller-set initial margin fractions.
     */
    public void commitTo(final LeafEncoding encoding, final Markets perpetuals)
    {
        if (isEmpty())
        {
            return;
        }
        encoding.putByte(LEAF_TAG);
        int count = 0;
        for (final MarketRisk risk : markets)
        {
            count += risk != null && !risk.isEmpty() ? 1 : 0;
        }
        encoding.putInt(count);
        for (final MarketRisk risk : markets)
        {
            if (risk != null && !risk.isEmpty())
            {
                risk.commitTo(encoding, perpetuals.perpetual(risk.marketId()).imfOverridePpm());
            }
        }
    }
}
