package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.client.NovationClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The initial margin the node requires of the hedged option books, read from the node in USDC for each book's
 * standard-margin twin and its portfolio-margin twin, summed per book over the pairs whose positions are still the
 * same.
 */
final class TwinMargins
{
    /**
     * The initial margin of the hedged books, both ways, at one time (USDC).
     *
     * @param minute    minute of the day.
     * @param standard  per book, the standard twins' requirement.
     * @param portfolio per book, the portfolio twins' requirement.
     * @param pairs     per book, the pairs whose books were still the same.
     */
    record MarginSample(int minute, Map<OptionHolders.Book, Double> standard,
        Map<OptionHolders.Book, Double> portfolio, Map<OptionHolders.Book, Integer> pairs)
    {
    }

    private final List<OptionHolders.Holder> holders;
    private final List<MarginSample> samples = new ArrayList<>();

    /**
     * Samples of the holders' hedged books.
     *
     * @param holders the holders.
     */
    TwinMargins(final List<OptionHolders.Holder> holders)
    {
        this.holders = holders;
    }

    /**
     * Reads the initial margin the node requires of every hedged book, in standard and in portfolio margin; a pair
     * counts while both twins hold the same positions.
     *
     * @param minute the minute of the day.
     * @param client the node's client.
     * @throws IOException when the node cannot be reached.
     */
    void sample(final int minute, final NovationClient client) throws IOException
    {
        final List<JsonNode[]> pairs = new ArrayList<>();
        final List<OptionHolders.Book> books = new ArrayList<>();
        for (final OptionHolders.Holder holder : holders)
        {
            if (!holder.book().hedged() || holder.portfolio())
            {
                continue;
            }
            final JsonNode sm = client.read("/v1/accounts/" + holder.participant().address() + "/subaccounts/0");
            final JsonNode pm = client.read("/v1/accounts/" + holder.twin().participant().address() +
                "/subaccounts/0");
            pairs.add(new JsonNode[] {sm, pm});
            books.add(holder.book());
        }
        samples.add(sample(minute, books, pairs));
    }

    /**
     * One sample from the pairs' subaccounts as the node answers them ({@code positions},
     * {@code initialMarginRequirement} in USDC).
     *
     * @param minute minute of the day.
     * @param books  each pair's book.
     * @param pairs  each pair's standard and portfolio subaccount.
     * @return the sample.
     */
    static MarginSample sample(final int minute, final List<OptionHolders.Book> books, final List<JsonNode[]> pairs)
    {
        final Map<OptionHolders.Book, Double> standard = new TreeMap<>();
        final Map<OptionHolders.Book, Double> portfolio = new TreeMap<>();
        final Map<OptionHolders.Book, Integer> count = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++)
        {
            final JsonNode sm = pairs.get(i)[0];
            final JsonNode pm = pairs.get(i)[1];
            if (!positions(sm).equals(positions(pm)) || positions(sm).isEmpty())
            {
                continue;
            }
            standard.merge(books.get(i), usdc(sm.path("initialMarginRequirement")), Double::sum);
            portfolio.merge(books.get(i), usdc(pm.path("initialMarginRequirement")), Double::sum);
            count.merge(books.get(i), 1, Integer::sum);
        }
        return new MarginSample(minute, standard, portfolio, count);
    }

    private static Map<String, String> positions(final JsonNode subaccount)
    {
        final Map<String, String> positions = new LinkedHashMap<>();
        for (final JsonNode position : subaccount.path("positions"))
        {
            positions.put(position.path("market").asText(), position.path("size").asText());
        }
        return positions;
    }

    private static double usdc(final JsonNode amount)
    {
        return amount.isMissingNode() || amount.isNull() ? 0 : new BigDecimal(amount.asText()).doubleValue();
    }

    /**
     * The samples taken, in order.
     *
     * @return the samples.
     */
    List<MarginSample> samples()
    {
        return samples;
    }
}
