package io.novation.core.engine;

import io.novation.core.account.Subaccount;
import io.novation.core.event.EventSink;
import io.novation.core.market.PerpetualMarket;

/**
 * The insurance funds, in dYdX v4's layout: one fund for every cross-margin subaccount, and one per market for the
 * isolated subaccounts that trade it. Quote quantums.
 */
public final class InsuranceFunds
{
    /** The id under which events report the cross-margin fund. */
    public static final int CROSS = -1;

    private InsuranceFunds()
    {
    }

    /**
     * The fund that backs a subaccount's position in a market.
     *
     * @param subaccount the subaccount.
     * @param market     the market.
     * @return {@link #CROSS} or the market id.
     */
    public static int fundOf(final Subaccount subaccount, final PerpetualMarket market)
    {
        return subaccount.isIsolated() ? market.id() : CROSS;
    }

    /**
     * A fund's balance.
     *
     * @param state  the engine state.
     * @param fundId {@link #CROSS} or a market id.
     * @return quote quantums.
     */
    public static long balance(final ClearingState state, final int fundId)
    {
        return fundId == CROSS ? state.insuranceFund() : state.markets().perpetual(fundId).isolatedInsuranceFund();
    }

    /**
     * Changes a fund and publishes the change.
     *
     * @param state    the engine state.
     * @param fundId   {@link #CROSS} or a market id.
     * @param delta    quote quantums, negative to pay out.
     * @param sequence the command's sequence number.
     * @param events   receives {@code InsuranceFundChanged}.
     */
    public static void add(final ClearingState state, final int fundId, final long delta, final long sequence,
        final EventSink events)
    {
        if (delta == 0)
        {
            return;
        }
        if (fundId == CROSS)
        {
            state.addToInsuranceFund(delta);
        }
        else
        {
            state.markets().perpetual(fundId).addToIsolatedInsuranceFund(delta);
            state.markGlobalChanged();
        }
        events.insuranceFundChanged(sequence, fundId, delta, balance(state, fundId));
    }
}
