package io.novation.core.command;

import io.novation.core.account.Address;

/**
 * Matching engine (the executor): settle a block trade, every leg of a maker's signed package against a taker's
 * signed acceptance of it, all or none, with the fees the executor charges each side (quote quantums, each at most
 * the side's signed maximum) and an optional broker fee the taker pays to a broker's subaccount.
 *
 * @param time             sequencer time, epoch ms.
 * @param maker            the maker's signed package.
 * @param taker            the taker's signed acceptance of the package's digest.
 * @param makerFee         fee charged to the maker into the fee pool, quote quantums, 0 to the maker's max fee.
 * @param takerFee         fee charged to the taker into the fee pool, quote quantums.
 * @param broker           the broker credited with the broker fee, or null when there is none.
 * @param brokerSubaccount the broker's subaccount.
 * @param brokerFee        fee the taker pays to the broker, quote quantums; with the taker fee at most the taker's
 *                         max fee; 0 when there is no broker.
 */
public record SettleBlockTrade(long time, BlockPackage maker, BlockAcceptance taker, long makerFee, long takerFee,
    Address broker, int brokerSubaccount, long brokerFee) implements Command
{
    /** The descriptor: binary type id 70, JSON {@code settleBlockTrade}, role owner. */
    public static final CommandType<SettleBlockTrade> TYPE = CommandType.of(
        70, "settleBlockTrade", CommandRole.OWNER, SettleBlockTrade.class,
        "Matching engine: settle a signed multi-leg block trade package against a signed acceptance, all or none.",
        BlockTradeCodecs.SETTLE_BLOCK_TRADE);

    @Override
    public SettleBlockTrade withTime(final long newTime)
    {
        return newTime == time ? this :
            new SettleBlockTrade(newTime, maker, taker, makerFee, takerFee, broker, brokerSubaccount, brokerFee);
    }

    @Override
    public CommandType<SettleBlockTrade> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.settleBlockTrade(this);
    }
}
