package io.novation.sim.keeper;

import io.novation.core.account.Address;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A keeper's running tallies: attempts by outcome, and the liquidations the stream credits it with (quote quantums,
 * base quantums). Written by the keeper's thread (attempts) and the stream's thread (events); thread-safe.
 */
final class KeeperLedger
{
    private long attempts;
    private long won;
    private long lostRaces;
    private final Map<String, Long> refusals = new TreeMap<>();
    private final List<KeeperReport.Liquidation> liquidations = new ArrayList<>();
    private final Map<String, Long> positionsTaken = new LinkedHashMap<>();
    private final Map<String, MarketTerms> marketsByTicker = new LinkedHashMap<>();
    private long notional;
    private long paid;
    private long value;

    synchronized void attempted()
    {
        attempts++;
    }

    synchronized void won()
    {
        won++;
    }

    synchronized void lostRace()
    {
        lostRaces++;
    }

    synchronized void refused(final String code)
    {
        refusals.merge(code, 1L, Long::sum);
    }

    synchronized void liquidated(final KeeperReport.Liquidation liquidation, final MarketTerms market)
    {
        liquidations.add(liquidation);
        positionsTaken.merge(market.ticker(), liquidation.size(), Long::sum);
        marketsByTicker.put(market.ticker(), market);
        notional = Math.addExact(notional, Math.abs(liquidation.value()));
        paid = Math.addExact(paid, liquidation.fillQuote());
        value = Math.addExact(value, liquidation.value());
    }

    /**
     * The report, valuing the positions taken at the given oracle prices.
     *
     * @param keeper      the keeper's account.
     * @param subaccount  its subaccount.
     * @param oraclePrice the latest price of an oracle id, price units (0 when unknown).
     * @return the report.
     */
    synchronized KeeperReport report(final Address keeper, final int subaccount,
        final java.util.function.IntToLongFunction oraclePrice)
    {
        long valueNow = 0;
        final Map<String, String> taken = new LinkedHashMap<>();
        for (final Map.Entry<String, Long> entry : positionsTaken.entrySet())
        {
            final MarketTerms market = marketsByTicker.get(entry.getKey());
            taken.put(entry.getKey(), market.sizeDecimal(entry.getValue()));
            final long price = oraclePrice.applyAsLong(market.oracleId());
            valueNow = Math.addExact(valueNow, market.value(entry.getValue(), price));
        }
        return new KeeperReport(keeper, subaccount, attempts, won, lostRaces,
            Collections.unmodifiableMap(new TreeMap<>(refusals)), List.copyOf(liquidations), notional, paid,
            value - paid, valueNow - paid, Collections.unmodifiableMap(taken));
    }
}
