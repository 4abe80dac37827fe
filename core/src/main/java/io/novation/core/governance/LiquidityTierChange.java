package io.novation.core.governance;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.PerpetualMarket;

import static io.novation.core.money.FixedPoint.PPM;

/**
 * A perpetual market's liquidity tier (its id and name kept): base initial margin fraction, maintenance fraction of
 * it, size-premium factor (ppm) and the open-interest caps (quote quantums) between which the initial margin grows.
 * It loosens risk when the initial margin, the maintenance fraction or the size premium falls, or when the
 * open-interest adjustment starts later, ends later or is dropped (an upper cap of 0).
 *
 * @param marketId               the perpetual market.
 * @param initialMarginPpm       base initial margin fraction, ppm, in (0, 1,000,000].
 * @param maintenanceFractionPpm maintenance margin as a fraction of initial, ppm, in (0, 1,000,000].
 * @param imfFactorPpm           size-premium factor, ppm, in [0, {@link LiquidityTier#MAX_IMF_FACTOR_PPM}].
 * @param openInterestLowerCap   open interest where the margin starts to grow, quote quantums, not negative.
 * @param openInterestUpperCap   open interest where it reaches 100 %, quote quantums, at least the lower cap.
 */
public record LiquidityTierChange(int marketId, long initialMarginPpm, long maintenanceFractionPpm,
    long imfFactorPpm, long openInterestLowerCap, long openInterestUpperCap) implements RiskParameterChange
{
    /** The binary tag. */
    public static final int TAG = 1;
    /** The JSON kind. */
    public static final String KIND = "liquidityTier";

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
        if (initialMarginPpm <= 0 || initialMarginPpm > PPM || maintenanceFractionPpm <= 0 ||
            maintenanceFractionPpm > PPM || imfFactorPpm < 0 || imfFactorPpm > LiquidityTier.MAX_IMF_FACTOR_PPM ||
            openInterestLowerCap < 0 || openInterestUpperCap < openInterestLowerCap)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.OUT_OF_RANGE, "liquidity tier: initial margin and " +
                "maintenance fraction in (0, 100%], size premium in [0, " + LiquidityTier.MAX_IMF_FACTOR_PPM +
                "] ppm, 0 <= lower cap <= upper cap");
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        final LiquidityTier current = books.markets().perpetual(marketId).liquidityTier();
        return initialMarginPpm < current.initialMarginPpm() ||
            maintenanceFractionPpm < current.maintenanceFractionPpm() ||
            imfFactorPpm < current.imfFactorPpm() ||
            capsLoosen(current);
    }

    private boolean capsLoosen(final LiquidityTier current)
    {
        if (current.openInterestUpperCap() == 0)
        {
            return false;
        }
        return openInterestUpperCap == 0 || openInterestLowerCap > current.openInterestLowerCap() ||
            openInterestUpperCap > current.openInterestUpperCap();
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        final PerpetualMarket market = state.markets().perpetual(marketId);
        final LiquidityTier current = market.liquidityTier();
        state.liquidityTier(marketId, LiquidityTier.of(current.id(), current.name(), initialMarginPpm,
            maintenanceFractionPpm, imfFactorPpm, openInterestLowerCap, openInterestUpperCap));
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        out.putInt(marketId).putLong(initialMarginPpm).putLong(maintenanceFractionPpm).putLong(imfFactorPpm)
            .putLong(openInterestLowerCap).putLong(openInterestUpperCap);
    }
}
