package io.novation.core.liquidation;

/**
 * Liquidation settings: fractions in parts per million, amounts in quote quantums, times in milliseconds.
 *
 * @param maxLiquidationFeePpm               the insurance fund takes at most this share of a liquidation's notional
 *                                           from its surplus over the bankruptcy price (dYdX {@code
 *                                           max_liquidation_fee_ppm}).
 * @param bankruptcyAdjustmentPpm            BA of the fillable price (dYdX {@code bankruptcy_adjustment_ppm}).
 * @param spreadToMaintenanceMarginRatioPpm  SMMR of the fillable price (dYdX
 *                                           {@code spread_to_maintenance_margin_ratio_ppm}).
 * @param largePositionNotional              positions worth more are liquidated in parts (Hyperliquid).
 * @param partialFractionPpm                 the largest part of a large position one liquidation may take.
 * @param cooldownMs                         the wait between two partial liquidations of one subaccount.
 * @param backstopRatioPpm                   below this ratio of net collateral to maintenance requirement a large
 *                                           position may be liquidated whole, without cooldown.
 */
public record LiquidationParameters(
    long maxLiquidationFeePpm,
    long bankruptcyAdjustmentPpm,
    long spreadToMaintenanceMarginRatioPpm,
    long largePositionNotional,
    long partialFractionPpm,
    long cooldownMs,
    long backstopRatioPpm)
{
    /**
     * Validates the settings.
     */
    public LiquidationParameters
    {
        if (maxLiquidationFeePpm < 0 || maxLiquidationFeePpm > 1_000_000 || bankruptcyAdjustmentPpm < 1_000_000 ||
            spreadToMaintenanceMarginRatioPpm <= 0 || spreadToMaintenanceMarginRatioPpm > 1_000_000 ||
            largePositionNotional <= 0 || partialFractionPpm <= 0 || partialFractionPpm > 1_000_000 ||
            cooldownMs < 0 || backstopRatioPpm < 0 || backstopRatioPpm > 1_000_000)
        {
            throw new IllegalArgumentException("liquidation parameters out of range");
        }
    }

    /**
     * The settings of a market's own liquidation terms (same fields, same units).
     *
     * @param terms the terms.
     * @return the settings.
     */
    public static LiquidationParameters of(final io.novation.core.market.LiquidationTerms terms)
    {
        return new LiquidationParameters(terms.maxLiquidationFeePpm(), terms.bankruptcyAdjustmentPpm(),
            terms.spreadToMaintenanceMarginRatioPpm(), terms.largePositionNotional(), terms.partialFractionPpm(),
            terms.cooldownMs(), terms.backstopRatioPpm());
    }

    /**
     * These settings as a market's liquidation terms.
     *
     * @return the terms.
     */
    public io.novation.core.market.LiquidationTerms terms()
    {
        return new io.novation.core.market.LiquidationTerms(maxLiquidationFeePpm, bankruptcyAdjustmentPpm,
            spreadToMaintenanceMarginRatioPpm, largePositionNotional, partialFractionPpm, cooldownMs,
            backstopRatioPpm);
    }

    /**
     * The defaults: dYdX v4's {@code LiquidationsConfig} (fee 0.5 %, BA 1, SMMR 10 %) and Hyperliquid's partial
     * liquidation of large positions (20 % at a time above 100,000 USDC, 30 s apart, whole below two thirds of the
     * maintenance requirement).
     *
     * @return the defaults.
     */
    public static LiquidationParameters defaults()
    {
        return new LiquidationParameters(5_000, 1_000_000, 100_000, 100_000L * 1_000_000L, 200_000, 30_000,
            666_667);
    }
}
