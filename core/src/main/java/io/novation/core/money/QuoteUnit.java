package io.novation.core.money;

/**
 * The quote asset's unit: one quote quantum is {@code 10^-6} USDC, so every money amount is a {@code long} count of
 * millionths of a dollar.
 */
public final class QuoteUnit
{
    /**
     * Atomic resolution of the quote asset (USDC): one quote quantum is {@code 10^ATOMIC_RESOLUTION} USDC.
     */
    public static final int ATOMIC_RESOLUTION = -6;

    private QuoteUnit()
    {
    }
}
