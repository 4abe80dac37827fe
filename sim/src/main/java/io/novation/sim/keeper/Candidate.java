package io.novation.sim.keeper;

import io.novation.core.account.Address;

/**
 * One position of a subaccount below maintenance that a keeper means to take over, as its sweep found it: sizes in
 * signed base quantums, the notional in quote quantums (1e-6 USDC).
 *
 * @param target           the liquidatable account.
 * @param targetSubaccount its subaccount.
 * @param market           the position's market.
 * @param position         the position's size when found, signed base quantums.
 * @param notional         the position's notional at the oracle price, magnitude, quote quantums.
 * @param inParts          whether the engine will take it only in parts (large, and not below the backstop ratio).
 */
public record Candidate(Address target, int targetSubaccount, MarketTerms market, long position, long notional,
    boolean inParts)
{
    /**
     * The subaccount's key, {@code address/number}.
     *
     * @return the key.
     */
    public String subaccountKey()
    {
        return target + "/" + targetSubaccount;
    }
}
