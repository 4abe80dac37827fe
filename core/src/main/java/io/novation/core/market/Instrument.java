package io.novation.core.market;

/**
 * What a trade settles against, perpetual or option series: an id in the positions of subaccounts, a ticker, the
 * oracle pricing one base unit, sizes in base quantums of 10^atomicResolution base units, prices in the oracle's price
 * units, the price and size grids, maker and taker fees in ppm of the trade's quote value, a status and the open
 * interest (sum of long positions, base quantums).
 */
public interface Instrument
{
    int id();

    String ticker();

    int oracleId();

    int atomicResolution();

    long tickSize();

    long stepSize();

    long makerFeePpm();

    long takerFeePpm();

    MarketStatus status();

    /**
     * Open interest: the sum of all long positions.
     *
     * @return base quantums.
     */
    long openInterestBaseQuantums();

    /**
     * Adjusts open interest by the change in the sum of long positions.
     *
     * @param deltaBaseQuantums change, may be negative.
     */
    void adjustOpenInterest(long deltaBaseQuantums);

    /**
     * The instrument's cumulative indices, settled into each position's quote balance when it is touched: funding
     * and socialized losses for a perpetual; for an option series, which pays no funding, only the losses socialized
     * to its longs or shorts (its cumulative funding index stays zero).
     *
     * @return the funding state.
     */
    io.novation.core.funding.MarketFunding funding();
}
