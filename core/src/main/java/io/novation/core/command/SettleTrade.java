package io.novation.core.command;

/**
 * Matching engine: settle one fill between a maker and a taker order, both signed by their owners.
 *
 * @param time      sequencer time, epoch ms.
 * @param marketId  the market of both orders.
 * @param maker     the resting order.
 * @param taker     the incoming order.
 * @param fillSize  positive base quantums, a multiple of the step size.
 * @param fillPrice positive price units, a multiple of the tick size.
 */
public record SettleTrade(long time, int marketId, Order maker, Order taker, long fillSize, long fillPrice)
    implements Command
{
    /** The descriptor: binary type id 10, JSON {@code settleTrade}, role owner. */
    public static final CommandType<SettleTrade> TYPE = CommandType.of(
        10, "settleTrade", CommandRole.OWNER, SettleTrade.class,
        "Matching engine: settle one fill between two signed orders.",
        TradingCodecs.SETTLE_TRADE);

    @Override
    public SettleTrade withTime(final long newTime)
    {
        return newTime == time ? this : new SettleTrade(newTime, marketId, maker, taker, fillSize, fillPrice);
    }

    @Override
    public CommandType<SettleTrade> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.settleTrade(this);
    }
}
