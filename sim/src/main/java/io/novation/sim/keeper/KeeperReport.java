package io.novation.sim.keeper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;

import java.util.List;
import java.util.Map;

/**
 * What one keeper did and earned. Attempts are counted from the node's answers: won, lost races ({@code
 * NOT_LIQUIDATABLE}, or {@code LIQUIDATION_TOO_LARGE} when the position had shrunk: another keeper came first) and
 * refusals by reason code. Money is counted from the {@code Liquidated} events of the stream that name this keeper,
 * in quote quantums (1e-6 USDC): the notional taken over and what was paid for it, at the oracle price in force when
 * each liquidation was sequenced; {@code earned} is their difference, the fillable price's discount; {@code
 * markToOracle} values the positions taken at the latest oracle prices instead.
 *
 * @param keeper            the keeper's account.
 * @param subaccount        the keeper subaccount that takes the positions.
 * @param attempts          {@code liquidate} commands sent.
 * @param won               attempts the node applied.
 * @param lostRaces         attempts refused because another keeper (or the price) came first.
 * @param refusals          the other refusals, by reason code.
 * @param liquidations      the {@code Liquidated} events naming this keeper, in stream order.
 * @param notionalTakenOver Σ |value| of the positions taken at the liquidation's oracle price, quote quantums.
 * @param paid              Σ fill quote paid (negative for shorts taken: received), quote quantums.
 * @param earned            Σ (value at the liquidation's oracle price − fill), quote quantums.
 * @param markToOracle      Σ value of the positions taken at the latest oracle prices − paid, quote quantums.
 * @param positionsTaken    per market ticker, the signed size taken over, in base units (a decimal string).
 */
public record KeeperReport(Address keeper, int subaccount, long attempts, long won, long lostRaces,
    Map<String, Long> refusals, List<Liquidation> liquidations, long notionalTakenOver, long paid, long earned,
    long markToOracle, Map<String, String> positionsTaken)
{
    /**
     * One liquidation this keeper won, from its {@code Liquidated} event.
     *
     * @param sequence         the command's sequence number.
     * @param target           the liquidated account.
     * @param targetSubaccount the liquidated subaccount.
     * @param ticker           the market.
     * @param size             the keeper's position change, signed base quantums (−size of the event).
     * @param sizeDecimal      the same in base units.
     * @param fillQuote        what the keeper paid, quote quantums (negative: received, for a short taken over).
     * @param oraclePrice      the oracle price in force, price units.
     * @param value            the value of {@code size} at that price, quote quantums, rounded down.
     */
    public record Liquidation(long sequence, Address target, int targetSubaccount, String ticker, long size,
        String sizeDecimal, long fillQuote, long oraclePrice, long value)
    {
        /**
         * The fillable price's discount on this liquidation.
         *
         * @return value − fill, quote quantums.
         */
        public long earned()
        {
            return value - fillQuote;
        }
    }

    /**
     * Refusals of one reason code.
     *
     * @param code e.g. {@code LIQUIDATION_COOLDOWN}.
     * @return how many.
     */
    public long refusals(final String code)
    {
        return refusals.getOrDefault(code, 0L);
    }

    /**
     * The report as JSON, amounts as USDC decimal strings.
     *
     * @return the object.
     */
    public ObjectNode toJson()
    {
        final ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("keeper", keeper.toString());
        node.put("subaccount", subaccount);
        node.put("attempts", attempts);
        node.put("won", won);
        node.put("lostRaces", lostRaces);
        final ObjectNode refused = node.putObject("refusals");
        refusals.forEach(refused::put);
        node.put("notionalTakenOver", StateReport.quote(notionalTakenOver));
        node.put("paid", StateReport.quote(paid));
        node.put("earned", StateReport.quote(earned));
        node.put("markToOracle", StateReport.quote(markToOracle));
        final ObjectNode positions = node.putObject("positionsTaken");
        positionsTaken.forEach(positions::put);
        final ArrayNode list = node.putArray("liquidations");
        for (final Liquidation liquidation : liquidations)
        {
            final ObjectNode entry = list.addObject();
            entry.put("sequence", liquidation.sequence());
            entry.put("target", liquidation.target().toString());
            entry.put("targetSubaccount", liquidation.targetSubaccount());
            entry.put("market", liquidation.ticker());
            entry.put("size", liquidation.sizeDecimal());
            entry.put("paid", StateReport.quote(liquidation.fillQuote()));
            entry.put("value", StateReport.quote(liquidation.value()));
            entry.put("earned", StateReport.quote(liquidation.earned()));
        }
        return node;
    }
}
