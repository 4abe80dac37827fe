package io.novation.sim.demo;

/**
 * A trader of the population: one market, a side it prefers (most prefer long before the crash), the collateral it
 * deposited (quote quantums, 1e-6 USDC) and the leverage it aims for (position notional / collateral); it trades from
 * subaccount 0, or from its isolated subaccount in an isolated market ({@link DemoMarket#isolated()}). Once
 * liquidated it stops trading, as most wiped-out retail accounts do.
 */
public final class Trader extends Participant
{
    private final DemoMarket market;
    private final boolean bull;
    private final long collateral;
    private final double leverage;
    private volatile boolean liquidated;

    /**
     * A trader.
     *
     * @param name       its name (its key is keccak256 of it).
     * @param markets    how many markets exist.
     * @param market     the market it trades.
     * @param bull       whether it prefers long.
     * @param collateral quote quantums it deposits.
     * @param leverage   the leverage it aims for.
     */
    public Trader(final String name, final int markets, final DemoMarket market, final boolean bull,
        final long collateral, final double leverage)
    {
        super(name, markets, market.traderSubaccount());
        this.market = market;
        this.bull = bull;
        this.collateral = collateral;
        this.leverage = leverage;
    }

    /**
     * The market it trades.
     *
     * @return the market.
     */
    public DemoMarket market()
    {
        return market;
    }

    /**
     * Whether it prefers long.
     *
     * @return true for a bull.
     */
    public boolean bull()
    {
        return bull;
    }

    /**
     * What it deposited.
     *
     * @return quote quantums.
     */
    public long collateral()
    {
        return collateral;
    }

    /**
     * The leverage it aims for.
     *
     * @return position notional / collateral.
     */
    public double leverage()
    {
        return leverage;
    }

    /**
     * Whether a keeper has liquidated it.
     *
     * @return true once liquidated.
     */
    public boolean liquidated()
    {
        return liquidated;
    }

    /** Marks it liquidated. */
    public void markLiquidated()
    {
        liquidated = true;
    }

    /**
     * Its position in its own market.
     *
     * @return signed base quantums.
     */
    public long position()
    {
        return position(market.id());
    }
}
