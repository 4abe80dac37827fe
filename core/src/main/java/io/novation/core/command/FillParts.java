package io.novation.core.command;

/**
 * The fields of one {@link SettleTrade} held in place (time epoch ms, market id, maker and taker orders, fill size in
 * base quantums, fill price in price units): a reusable holder for a host that decodes fills without building a
 * record, and the view the engine settles a fill through. Mutable; one thread uses it.
 */
public final class FillParts
{
    private long time;
    private int marketId;
    private Order maker;
    private Order taker;
    private long fillSize;
    private long fillPrice;

    /**
     * Holds a fill's fields, replacing what was held.
     *
     * @param time      sequencer time, epoch ms.
     * @param marketId  the market of both orders.
     * @param maker     the resting order, or null.
     * @param taker     the incoming order, or null.
     * @param fillSize  base quantums.
     * @param fillPrice price units.
     * @return this holder.
     */
    public FillParts set(final long time, final int marketId, final Order maker, final Order taker,
        final long fillSize, final long fillPrice)
    {
        this.time = time;
        this.marketId = marketId;
        this.maker = maker;
        this.taker = taker;
        this.fillSize = fillSize;
        this.fillPrice = fillPrice;
        return this;
    }

    /**
     * Holds a fill's fields from a record.
     *
     * @param command the fill.
     * @return this holder.
     */
    public FillParts set(final SettleTrade command)
    {
        return set(command.time(), command.marketId(), command.maker(), command.taker(), command.fillSize(),
            command.fillPrice());
    }

    /**
     * Gives the fill held the time its sequencer stamps on it.
     *
     * @param stamped epoch ms.
     * @return this holder.
     */
    public FillParts stamp(final long stamped)
    {
        this.time = stamped;
        return this;
    }

    /** Lets go of the orders held. */
    public void clear()
    {
        maker = null;
        taker = null;
    }

    /**
     * The record these fields make.
     *
     * @return a new command.
     */
    public SettleTrade toCommand()
    {
        return new SettleTrade(time, marketId, maker, taker, fillSize, fillPrice);
    }

    /**
     * Sequencer time.
     *
     * @return epoch ms.
     */
    public long time()
    {
        return time;
    }

    /**
     * The market of both orders.
     *
     * @return market id.
     */
    public int marketId()
    {
        return marketId;
    }

    /**
     * The resting order.
     *
     * @return the order, or null.
     */
    public Order maker()
    {
        return maker;
    }

    /**
     * The incoming order.
     *
     * @return the order, or null.
     */
    public Order taker()
    {
        return taker;
    }

    /**
     * The fill's size.
     *
     * @return base quantums.
     */
    public long fillSize()
    {
        return fillSize;
    }

    /**
     * The fill's price.
     *
     * @return price units.
     */
    public long fillPrice()
    {
        return fillPrice;
    }
}
