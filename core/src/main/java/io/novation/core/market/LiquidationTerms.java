package io.novation.core.market;

/**
 * A perpetual market's own liquidation terms, set by governance (until then the market uses the defaults of
 * {@code liquidation.LiquidationParameters}): fractions in ppm, amounts in quote quantums, times in ms; the same
 * fields and ranges as the liquidation parameters (docs/protocol.md §12).
 *
 * @param maxLiquidationFeePpm              the insurance fund's largest share of a liquidation's notional, [0, 1e6].
 * @param bankruptcyAdjustmentPpm           BA of the fillable price, at least 1,000,000.
 * @param spreadToMaintenanceMarginRatioPpm SMMR of the fillable price, (0, 1e6].
 * @param largePositionNotional             positions worth more are liquidated in parts, positive.
 * @param partialFractionPpm                the largest part of a large position one liquidation takes, (0, 1e6].
 * @param cooldownMs                        the wait between two partial liquidations of a subaccount, not negative.
 * @param backstopRatioPpm                  the collateral ratio below which a large position goes whole, [0, 1e6].
 */
public record LiquidationTerms(
    long maxLiquidationFeePpm,
    long bankruptcyAdjustmentPpm,
    long spreadToMaintenanceMarginRatioPpm,
    long largePositionNotional,
    long partialFractionPpm,
    long cooldownMs,
    long backstopRatioPpm)
{
    /** The longest cooldown governance may set: one day, ms. */
    public static final long MAX_COOLDOWN_MS = 86_400_000L;
    /** The largest bankruptcy adjustment: 2x. */
    public static final long MAX_BANKRUPTCY_ADJUSTMENT_PPM = 2_000_000L;

    /**
     * Whether every field lies in its range.
     *
     * @return true when valid.
     */
    public boolean valid()
    {
        return maxLiquidationFeePpm >= 0 && maxLiquidationFeePpm <= 1_000_000 &&
            bankruptcyAdjustmentPpm >= 1_000_000 && bankruptcyAdjustmentPpm <= MAX_BANKRUPTCY_ADJUSTMENT_PPM &&
            spreadToMaintenanceMarginRatioPpm > 0 && spreadToMaintenanceMarginRatioPpm <= 1_000_000 &&
            largePositionNotional > 0 && partialFractionPpm > 0 && partialFractionPpm <= 1_000_000 &&
            cooldownMs >= 0 && cooldownMs <= MAX_COOLDOWN_MS && backstopRatioPpm >= 0 &&
            backstopRatioPpm <= 1_000_000;
    }
}
