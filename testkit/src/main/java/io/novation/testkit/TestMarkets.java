package io.novation.testkit;

import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.OptionSeries;
import io.novation.core.pricing.OptionType;

/**
 * The definitions of the test network's markets, at a given time (epoch ms): BTC-USD in dYdX v4's units (atomic
 * resolution -10, price exponent -5, tick 1 USD, step 1e-4 BTC, large-cap tier: IM 5 %, MF 60 %, maker fee 0, taker
 * fee 0.05 %), ETH as collateral (8 decimals, weights 80 % and 90 %), and BTC calls.
 */
public final class TestMarkets
{
    private TestMarkets()
    {
    }

    /**
     * The BTC-USD perpetual, market 0.
     *
     * @param time the command's time.
     * @return the definition.
     */
    public static CreatePerpetual btcUsd(final long time)
    {
        return new CreatePerpetual(time, 0, "BTC-USD", "BTC-USD", -5, -10, 100_000, 1_000_000,
            LiquidityTier.largeCap(), 0, 500, MarketStatus.ACTIVE);
    }

    /**
     * ETH as collateral, asset 1, priced by the ETH-USD oracle (price exponent -6).
     *
     * @param time the command's time.
     * @return the definition.
     */
    public static CreateAsset ethCollateral(final long time)
    {
        return new CreateAsset(time, 1, "ETH", 8, "ETH-USD", -6, 800_000, 900_000);
    }

    /**
     * A BTC call series on the BTC-USD oracle: contracts of 1e-4 BTC, step 0.01 BTC, tick 0.1 USD, no fees; its id
     * is the next one.
     *
     * @param time      the command's time.
     * @param ticker    the series' ticker.
     * @param strikeUsd the strike in whole USD.
     * @param expiry    the expiry, epoch ms.
     * @return the definition.
     */
    public static CreateOptionSeries btcCall(final long time, final String ticker, final long strikeUsd,
        final long expiry)
    {
        return new CreateOptionSeries(time, OptionSeries.FIRST_ID, ticker, 0, strikeUsd * Testnet.USD, expiry,
            OptionType.CALL, -4, 10_000, 100, 0, 0, MarketStatus.ACTIVE);
    }
}
