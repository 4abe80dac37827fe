package io.novation.core.command;

/**
 * Governance: delist a perpetual market. The first call announces it (the market turns reduce-only at once) and
 * schedules its final settlement at {@code settlementTime}; a second call at or after that time, naming the same
 * time, closes every position at the oracle's 30-minute TWAP ending at the settlement time's last whole minute.
 *
 * @param time           sequencer time, epoch ms.
 * @param marketId       the perpetual market.
 * @param settlementTime epoch ms of the final settlement, at least the minimum notice after the announcement.
 */
public record SettleMarket(long time, int marketId, long settlementTime) implements Command
{
    /** The descriptor: binary type id 50, JSON {@code settleMarket}, role governance. */
    public static final CommandType<SettleMarket> TYPE = CommandType.of(
        50, "settleMarket", CommandRole.GOVERNANCE, SettleMarket.class,
        "Governance: announce a perpetual's delisting (reduce-only), then settle every position at the 30-minute TWAP.",
        DelistingCodecs.SETTLE_MARKET);

    @Override
    public SettleMarket withTime(final long newTime)
    {
        return newTime == time ? this : new SettleMarket(newTime, marketId, settlementTime);
    }

    @Override
    public CommandType<SettleMarket> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.settleMarket(this);
    }
}
