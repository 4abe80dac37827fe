package io.novation.core.engine;

import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.market.Asset;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;

/**
 * Governance commands that configure assets, perpetual markets and option series.
 */
final class Configuration
{
    private final ClearingState state;

    Configuration(final ClearingState state)
    {
        this.state = state;
    }

    boolean createAsset(final CreateAsset command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (state.markets.assetCount() >= Asset.MAX_BRIDGED_ASSETS)
        {
            return rejection.reject(RejectReason.ASSET_LIMIT, "the base chain carries asset ids 0 to " +
                (Asset.MAX_BRIDGED_ASSETS - 1) + " (one withdrawal total and solvency slot each): asset " +
                state.markets.assetCount() + " cannot be created");
        }
        if (command.assetId() != state.markets.assetCount() || command.symbol() == null ||
            state.markets.assetBySymbol(command.symbol()) != null)
        {
            return rejection.reject(RejectReason.DUPLICATE_DEFINITION, "asset id must be " +
                state.markets.assetCount() + " and its symbol new");
        }
        if (command.oracle() == null || command.priceExponent() < -18 || command.priceExponent() > 18)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "an asset needs an oracle name and a price " +
                "exponent in [-18, 18]");
        }
        final int oracleId = oracleIdFor(command.oracle(), command.priceExponent(), rejection);
        if (oracleId < 0)
        {
            return false;
        }
        final Asset asset;
        try
        {
            asset = new Asset(command.assetId(), command.symbol(), command.decimals(), oracleId,
                command.initialWeightPpm(), command.maintenanceWeightPpm());
        }
        catch (final IllegalArgumentException ex)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, ex.getMessage());
        }
        state.oracles.define(command.oracle(), command.priceExponent());
        state.markets.addAsset(asset);
        state.globalChanged = true;
        events.assetCreated(sequence, asset.id(), asset.symbol(), asset.decimals(), oracleId,
            asset.initialWeightPpm(), asset.maintenanceWeightPpm());
        return true;
    }

    boolean createPerpetual(final CreatePerpetual command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (command.marketId() != state.markets.perpetualCount() || command.ticker() == null ||
            state.markets.tickerExists(command.ticker()) || command.marketId() >= OptionSeries.FIRST_ID)
        {
            return rejection.reject(RejectReason.DUPLICATE_DEFINITION, "market id must be " +
                state.markets.perpetualCount() + " and its ticker new");
        }
        if (command.oracle() == null || command.priceExponent() < -18 || command.priceExponent() > 18 ||
            command.liquidityTier() == null || command.status() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "a market needs an oracle, a price exponent in " +
                "[-18, 18], a liquidity tier and a status");
        }
        final int oracleId = oracleIdFor(command.oracle(), command.priceExponent(), rejection);
        if (oracleId < 0)
        {
            return false;
        }
        final PerpetualMarket market;
        try
        {
            market = new PerpetualMarket(command.marketId(), command.ticker(), oracleId, command.atomicResolution(),
                command.tickSize(), command.stepSize(), command.liquidityTier(), command.makerFeePpm(),
                command.takerFeePpm(), command.status());
        }
        catch (final IllegalArgumentException ex)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, ex.getMessage());
        }
        state.oracles.define(command.oracle(), command.priceExponent());
        market.funding().start(command.time());
        state.markets.addPerpetual(market);
        state.globalChanged = true;
        events.perpetualCreated(sequence, market.id(), market.ticker(), oracleId);
        return true;
    }

    boolean createOptionSeries(final CreateOptionSeries command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (command.seriesId() != state.markets.nextOptionId() || command.ticker() == null ||
            state.markets.tickerExists(command.ticker()))
        {
            return rejection.reject(RejectReason.DUPLICATE_DEFINITION, "option series id must be " +
                state.markets.nextOptionId() + " and its ticker new");
        }
        if (!state.oracles.exists(command.oracleId()))
        {
            return rejection.reject(RejectReason.UNKNOWN_ORACLE, "no oracle " + command.oracleId());
        }
        if (command.optionType() == null || command.status() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "an option series needs a type and a status");
        }
        if (command.expiry() <= command.time())
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "expiry " + command.expiry() +
                " is not after the command's time " + command.time());
        }
        final OptionSeries series;
        try
        {
            series = new OptionSeries(command.seriesId(), command.ticker(), command.oracleId(), command.strike(),
                command.expiry(), command.optionType(), command.atomicResolution(), command.tickSize(),
                command.stepSize(), command.makerFeePpm(), command.takerFeePpm(), command.status());
        }
        catch (final IllegalArgumentException ex)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, ex.getMessage());
        }
        state.markets.addOption(series);
        state.globalChanged = true;
        events.optionSeriesCreated(sequence, series.id(), series.ticker(), series.oracleId(), series.strike(),
            series.expiry(), series.type());
        return true;
    }

    /**
     * The id an oracle name will have: its existing id, or the next one; -1 (with the rejection recorded) when it
     * exists with another price exponent.
     */
    private int oracleIdFor(final String name, final int priceExponent, final Rejection rejection)
    {
        final int existing = state.oracles.idOf(name);
        if (existing >= 0 && state.oracles.priceExponent(existing) != priceExponent)
        {
            rejection.reject(RejectReason.ORACLE_EXPONENT_MISMATCH, "oracle " + name + " has exponent " +
                state.oracles.priceExponent(existing));
            return -1;
        }
        return existing >= 0 ? existing : state.oracles.count();
    }

    boolean setMarketStatus(final SetMarketStatus command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        final PerpetualMarket market = state.markets.perpetual(command.marketId());
        final OptionSeries series = state.markets.option(command.marketId());
        if (market == null && series == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_MARKET, "no market " + command.marketId());
        }
        final MarketStatus status = command.status();
        if (status == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "status is required");
        }
        if (market != null && market.isDelisting())
        {
            return rejection.reject(market.isSettled() ? RejectReason.MARKET_SETTLED : RejectReason.MARKET_DELISTING,
                market.ticker() + " is delisted: its status follows its settlement");
        }
        if (market != null)
        {
            market.status(status);
        }
        else
        {
            series.status(status);
        }
        state.globalChanged = true;
        events.marketStatusChanged(sequence, command.marketId(), status);
        return true;
    }
}
