package io.novation.core.funding;

import java.util.Objects;

/**
 * A perpetual market's funding settings. Rates are 8-hour rates in parts per billion (1 ppb = 1e-7 %), times are
 * milliseconds of sequencer time, clamp factors are parts per million of the tier's (IMF − MMF).
 *
 * @param mode                 where the rate comes from.
 * @param sampleIntervalMs     cadence of premium samples: one per interval-aligned slot of sequencer time.
 * @param tickIntervalMs       cadence of funding ticks (payments): one per interval-aligned slot.
 * @param interestRate8hPpb    the interest component I of the 8-hour rate.
 * @param interestClampPpb     bound on the interest adjustment: the rate is {@code P + clamp(I − P, ±this)}.
 * @param rateClampFactorPpm   the rate is clamped to {@code ±factor·(IMF − MMF)} of the market's tier.
 * @param premiumClampFactorPpm each premium sample is clamped to {@code ±factor·(IMF − MMF)}.
 */
public record FundingParameters(
    FundingMode mode,
    long sampleIntervalMs,
    long tickIntervalMs,
    long interestRate8hPpb,
    long interestClampPpb,
    long rateClampFactorPpm,
    long premiumClampFactorPpm)
{
    /** Eight hours in milliseconds: the period a funding rate is quoted for. */
    public static final long RATE_PERIOD_MS = 8L * 60 * 60 * 1000;
    /** Parts per billion in one. */
    public static final long PPB = 1_000_000_000L;
    /** The longest cadence allowed: one day. */
    public static final long MAX_INTERVAL_MS = 24L * 60 * 60 * 1000;

    /**
     * Validates the settings.
     */
    public FundingParameters
    {
        Objects.requireNonNull(mode, "mode");
        if (sampleIntervalMs < 1_000 || sampleIntervalMs > MAX_INTERVAL_MS)
        {
            throw new IllegalArgumentException("sample interval must be in [1 s, 1 day]");
        }
        if (tickIntervalMs < sampleIntervalMs || tickIntervalMs > MAX_INTERVAL_MS)
        {
            throw new IllegalArgumentException("tick interval must be in [sample interval, 1 day]");
        }
        if (Math.abs(interestRate8hPpb) > PPB / 100)
        {
            throw new IllegalArgumentException("interest rate must be within ±1 % per 8 hours");
        }
        if (interestClampPpb < 0 || interestClampPpb > PPB / 100)
        {
            throw new IllegalArgumentException("interest clamp must be in [0, 1 %]");
        }
        if (rateClampFactorPpm < 0 || rateClampFactorPpm > 100_000_000L)
        {
            throw new IllegalArgumentException("rate clamp factor must be in [0, 10,000 %]");
        }
        if (premiumClampFactorPpm < 0 || premiumClampFactorPpm > 1_000_000_000L)
        {
            throw new IllegalArgumentException("premium clamp factor must be in [0, 100,000 %]");
        }
    }

    /**
     * The defaults: premium samples every minute, a tick every hour, BitMEX's interest of 0.01 % per 8 hours with
     * the ±0.05 % adjustment clamp, and dYdX v4's clamp factors (rate 600 %, premium votes 6,000 % of IMF − MMF).
     *
     * @return the defaults.
     */
    public static FundingParameters defaults()
    {
        return new FundingParameters(FundingMode.PREMIUM_SAMPLES, 60_000L, 3_600_000L, 100_000L, 500_000L,
            6_000_000L, 60_000_000L);
    }

    /**
     * The same settings in another mode.
     *
     * @param newMode the mode.
     * @return the settings.
     */
    public FundingParameters withMode(final FundingMode newMode)
    {
        return new FundingParameters(newMode, sampleIntervalMs, tickIntervalMs, interestRate8hPpb, interestClampPpb,
            rateClampFactorPpm, premiumClampFactorPpm);
    }
}
