package io.novation.node.sequencer;

import io.novation.core.command.Command;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.Deposit;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.Liquidate;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;

/**
 * Rebuilds commands with another sequencer time (epoch ms), keeping every other field (orders keep their cached
 * digests).
 */
public final class Commands
{
    private Commands()
    {
    }

    /**
     * The same command at another time.
     *
     * @param command the command.
     * @param time    epoch ms.
     * @return the command itself when the time is unchanged, else a copy.
     */
    public static Command withTime(final Command command, final long time)
    {
        if (command.time() == time)
        {
            return command;
        }
        if (command instanceof SettleTrade c)
        {
            return new SettleTrade(time, c.marketId(), c.maker(), c.taker(), c.fillSize(), c.fillPrice());
        }
        if (command instanceof Deposit c)
        {
            return new Deposit(time, c.account(), c.subaccount(), c.assetId(), c.amount(), c.depositId());
        }
        if (command instanceof OraclePrice c)
        {
            return new OraclePrice(time, c.oracleId(), c.reports());
        }
        if (command instanceof Withdraw c)
        {
            return new Withdraw(time, c.account(), c.subaccount(), c.assetId(), c.amount(), c.nonce(), c.signature());
        }
        if (command instanceof Transfer c)
        {
            return new Transfer(time, c.account(), c.fromSubaccount(), c.toSubaccount(), c.assetId(), c.amount(),
                c.nonce(), c.signature());
        }
        if (command instanceof CreateAsset c)
        {
            return new CreateAsset(time, c.assetId(), c.symbol(), c.decimals(), c.oracle(), c.priceExponent(),
                c.initialWeightPpm(), c.maintenanceWeightPpm());
        }
        if (command instanceof CreatePerpetual c)
        {
            return new CreatePerpetual(time, c.marketId(), c.ticker(), c.oracle(), c.priceExponent(),
                c.atomicResolution(), c.tickSize(), c.stepSize(), c.liquidityTier(), c.makerFeePpm(), c.takerFeePpm(),
                c.status());
        }
        if (command instanceof SetMarketStatus c)
        {
            return new SetMarketStatus(time, c.marketId(), c.status());
        }
        if (command instanceof RegisterOraclePublisher c)
        {
            return new RegisterOraclePublisher(time, c.oracleId(), c.publisher());
        }
        if (command instanceof SetOracleParameters c)
        {
            return new SetOracleParameters(time, c.oracleId(), c.parameters());
        }
        if (command instanceof io.novation.core.command.SetVolSurfaceParameters c)
        {
            return new io.novation.core.command.SetVolSurfaceParameters(time, c.oracleId(), c.parameters());
        }
        if (command instanceof FundingSample c)
        {
            return new FundingSample(time, c.marketId(), c.impactBidPrice(), c.impactAskPrice());
        }
        if (command instanceof FundingTick c)
        {
            return new FundingTick(time, c.marketId(), c.rateReported(), c.rate8hPpb());
        }
        if (command instanceof SetFundingParameters c)
        {
            return new SetFundingParameters(time, c.marketId(), c.parameters());
        }
        if (command instanceof Liquidate c)
        {
            return new Liquidate(time, c.keeper(), c.keeperSubaccount(), c.target(), c.targetSubaccount(),
                c.marketId(), c.size(), c.nonce(), c.signature());
        }
        if (command instanceof CreateOptionSeries c)
        {
            return new CreateOptionSeries(time, c.seriesId(), c.ticker(), c.oracleId(), c.strike(), c.expiry(),
                c.optionType(), c.atomicResolution(), c.tickSize(), c.stepSize(), c.makerFeePpm(), c.takerFeePpm(),
                c.status());
        }
        if (command instanceof OracleVolSurface c)
        {
            // The publisher signed publishedAt, not the sequencer time: the signature stays valid.
            return c.withTime(time);
        }
        if (command instanceof SettleExpiry c)
        {
            return new SettleExpiry(time, c.seriesId());
        }
        if (command instanceof io.novation.core.command.SetMarginMode c)
        {
            return new io.novation.core.command.SetMarginMode(time, c.account(), c.subaccount(), c.portfolio(),
                c.nonce(), c.signature());
        }
        if (command instanceof io.novation.core.command.ForcedWithdraw c)
        {
            return new io.novation.core.command.ForcedWithdraw(time, c.account(), c.subaccount(), c.assetId(),
                c.amount(), c.requestId());
        }
        if (command instanceof io.novation.core.command.SealBatch c)
        {
            return new io.novation.core.command.SealBatch(time, c.header());
        }
        throw new IllegalArgumentException("unknown command " + command);
    }
}
