package io.novation.core.command;

/**
 * One leg of a block trade package, from the maker's point of view: the instrument (perpetual market or option
 * series id), whether the maker buys, the size in the instrument's base quantums and the price in its price units.
 *
 * @param instrument perpetual market or option series id.
 * @param makerBuys  true when the maker buys the leg (and the taker sells it).
 * @param size       positive base quantums, a multiple of the instrument's step.
 * @param price      positive price units, a multiple of the instrument's tick.
 */
public record BlockLeg(int instrument, boolean makerBuys, long size, long price)
{
    /** The EIP-712 type of a leg. */
    public static final String EIP712_TYPE = "BlockLeg(uint32 instrument,bool makerBuys,uint64 size,uint64 price)";
}
