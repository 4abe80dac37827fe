package io.novation.node.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestWeightsTest
{
    @Test
    void shouldWeighACommandOnePlusOnePerSignatureToRecover()
    {
        assertThat(RequestWeights.command(command("settleTrade"), false)).isEqualTo(3);
        assertThat(RequestWeights.command(command("withdraw"), false)).isEqualTo(2);
        assertThat(RequestWeights.command(command("deposit"), true)).isEqualTo(2);
        assertThat(RequestWeights.command(command("createAsset"), true)).isEqualTo(2);
        final ObjectNode round = command("oraclePrice");
        round.putArray("reports").addObject().put("price", "1");
        round.withArray("reports").addObject().put("price", "2");
        assertThat(RequestWeights.command(round, false)).isEqualTo(3);
    }

    @Test
    void shouldWeighWhatIsNotACommandAsOneCommand()
    {
        assertThat(RequestWeights.command(command("noSuchType"), false)).isEqualTo(1);
        assertThat(RequestWeights.command(Json.MAPPER.createArrayNode(), false)).isEqualTo(1);
        assertThat(RequestWeights.command(null, false)).isEqualTo(1);
    }

    private static ObjectNode command(final String type)
    {
        return Json.MAPPER.createObjectNode().put("type", type);
    }
}
