package io.novation.core.command;

import io.novation.core.market.MarketStatus;
import io.novation.core.pricing.OptionType;

/**
 * Governance: add a European, cash-settled option series with the next series id (from 65,536).
 *
 * @param time             sequencer time, epoch ms.
 * @param seriesId         the next series id.
 * @param ticker           e.g. "BTC-20251226-100000-C".
 * @param oracleId         the underlying's oracle, which must exist.
 * @param strike           price units of that oracle.
 * @param expiry           epoch ms, after the command's time.
 * @param optionType       call or put.
 * @param atomicResolution contract size: one base quantum is 10^atomicResolution units of the underlying.
 * @param tickSize         premium grid in price units.
 * @param stepSize         size grid in base quantums.
 * @param makerFeePpm      maker fee, ppm of the premium (negative: rebate).
 * @param takerFeePpm      taker fee, ppm of the premium.
 * @param status           initial status.
 */
public record CreateOptionSeries(
    long time, int seriesId, String ticker, int oracleId, long strike, long expiry, OptionType optionType,
    int atomicResolution, long tickSize, long stepSize, long makerFeePpm, long takerFeePpm, MarketStatus status)
    implements Command
{
    /** The descriptor: binary type id 15, JSON {@code createOptionSeries}, role governance. */
    public static final CommandType<CreateOptionSeries> TYPE = CommandType.of(
        15, "createOptionSeries", CommandRole.GOVERNANCE, CreateOptionSeries.class,
        "Governance: add a European cash-settled option series.",
        ConfigurationCodecs.CREATE_OPTION_SERIES);

    @Override
    public CreateOptionSeries withTime(final long newTime)
    {
        return newTime == time ? this : new CreateOptionSeries(newTime, seriesId, ticker, oracleId, strike, expiry,
            optionType, atomicResolution, tickSize, stepSize, makerFeePpm, takerFeePpm, status);
    }

    @Override
    public CommandType<CreateOptionSeries> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.createOptionSeries(this);
    }
}
