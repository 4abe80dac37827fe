package io.novation.core.governance;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.market.LiquidationTerms;
import io.novation.core.market.PerpetualMarket;

/**
 * A perpetual market's own liquidation terms (docs/protocol.md §12): insurance fee cap, fillable-price bankruptcy
 * adjustment and spread (SMMR), the notional above which positions go in parts, the part, the cooldown between parts
 * and the backstop ratio; ppm, quote quantums and ms. It loosens risk when it takes less for the insurance fund or
 * lets liquidators take positions over more slowly: a lower fee cap, adjustment, spread, large-position notional,
 * part or backstop ratio, or a longer cooldown, than the market's current terms (the defaults until first set).
 *
 * @param marketId the perpetual market.
 * @param terms    the new terms.
 */
public record LiquidationTermsChange(int marketId, LiquidationTerms terms) implements RiskParameterChange
{
    /**
     * A change; its terms are required.
     */
    public LiquidationTermsChange
    {
        java.util.Objects.requireNonNull(terms, "terms");
    }

    /** The binary tag. */
    public static final int TAG = 3;
    /** The JSON kind. */
    public static final String KIND = "liquidationTerms";

    @Override
    public int tag()
    {
        return TAG;
    }

    @Override
    public String kind()
    {
        return KIND;
    }

    @Override
    public ChangeCheck check(final GovernedBooks books)
    {
        if (books.markets().perpetual(marketId) == null)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.UNKNOWN_MARKET, "no perpetual market " + marketId);
        }
        if (terms == null || !terms.valid())
        {
            return ChangeCheck.fail(ChangeCheck.Problem.OUT_OF_RANGE, "liquidation terms: fee cap, spread, part " +
                "and backstop in [0, 100%] (spread and part above 0), bankruptcy adjustment in [1, 2], large " +
                "notional positive, cooldown in [0, 1 day]");
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        final PerpetualMarket market = books.markets().perpetual(marketId);
        final LiquidationTerms current = market.liquidationTerms() == null ? LiquidationTerms.DEFAULTS :
            market.liquidationTerms();
        return terms.maxLiquidationFeePpm() < current.maxLiquidationFeePpm() ||
            terms.bankruptcyAdjustmentPpm() < current.bankruptcyAdjustmentPpm() ||
            terms.spreadToMaintenanceMarginRatioPpm() < current.spreadToMaintenanceMarginRatioPpm() ||
            terms.largePositionNotional() < current.largePositionNotional() ||
            terms.partialFractionPpm() < current.partialFractionPpm() ||
            terms.cooldownMs() > current.cooldownMs() ||
            terms.backstopRatioPpm() < current.backstopRatioPpm();
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.liquidationTerms(marketId, terms);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        out.putInt(marketId).putLong(terms.maxLiquidationFeePpm()).putLong(terms.bankruptcyAdjustmentPpm())
            .putLong(terms.spreadToMaintenanceMarginRatioPpm()).putLong(terms.largePositionNotional())
            .putLong(terms.partialFractionPpm()).putLong(terms.cooldownMs()).putLong(terms.backstopRatioPpm());
    }
}
