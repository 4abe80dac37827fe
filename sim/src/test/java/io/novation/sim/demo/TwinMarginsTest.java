package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hedged books' margin both ways: per book, the sum over the twin pairs whose positions are still the same; a
 * pair whose books differ, or that holds nothing, is left out.
 */
class TwinMarginsTest
{
    @Test
    void shouldSumPerBookOnlyThePairsWhosePositionsAreStillTheSame() throws Exception
    {
        final JsonNode a = subaccount("[[65536, \"1\"], [0, \"0.5\"]]", "1000.5");
        final JsonNode aPortfolio = subaccount("[[65536, \"1\"], [0, \"0.5\"]]", "400.25");
        final JsonNode b = subaccount("[[65536, \"2\"]]", "2000");
        final JsonNode bPortfolio = subaccount("[[65536, \"1.9\"]]", "900");
        final JsonNode c = subaccount("[[65537, \"1\"]]", "10");
        final JsonNode cPortfolio = subaccount("[[65537, \"1\"]]", "5");
        final JsonNode empty = subaccount("[]", "0");

        final TwinMargins.MarginSample sample = TwinMargins.sample(1230,
            List.of(OptionHolders.Book.PROTECTIVE_PUT, OptionHolders.Book.PROTECTIVE_PUT,
                OptionHolders.Book.PROTECTIVE_PUT, OptionHolders.Book.COVERED_CALL),
            List.of(new JsonNode[] {a, aPortfolio}, new JsonNode[] {b, bPortfolio}, new JsonNode[] {c, cPortfolio},
                new JsonNode[] {empty, empty}));

        assertThat(sample.minute()).isEqualTo(1230);
        assertThat(sample.standard()).containsOnlyKeys(OptionHolders.Book.PROTECTIVE_PUT)
            .containsEntry(OptionHolders.Book.PROTECTIVE_PUT, 1010.5);
        assertThat(sample.portfolio()).containsEntry(OptionHolders.Book.PROTECTIVE_PUT, 405.25);
        assertThat(sample.pairs()).containsOnlyKeys(OptionHolders.Book.PROTECTIVE_PUT)
            .containsEntry(OptionHolders.Book.PROTECTIVE_PUT, 2);
    }

    private static JsonNode subaccount(final String positions, final String initialMargin) throws Exception
    {
        final StringBuilder list = new StringBuilder("[");
        final JsonNode parsed = Json.MAPPER.readTree(positions);
        for (int i = 0; i < parsed.size(); i++)
        {
            list.append(i == 0 ? "" : ",").append("{\"market\":").append(parsed.get(i).get(0).asInt())
                .append(",\"size\":\"").append(parsed.get(i).get(1).asText()).append("\"}");
        }
        return Json.MAPPER.readTree("{\"positions\":" + list + "],\"initialMarginRequirement\":\"" + initialMargin +
            "\"}");
    }
}
