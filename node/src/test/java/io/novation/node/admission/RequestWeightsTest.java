package io.novation.node.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.PriceReport;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Withdraw;
import io.novation.node.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    @Test
    void shouldWeighACommandReadFromTheFeedAsItsJsonFormIsWeighed()
    {
        final Address owner = Address.of(new byte[20]);
        final List<PriceReport> reports = List.of(new PriceReport(0, 1, 1, owner, null),
            new PriceReport(0, 2, 1, owner, null));

        assertThat(RequestWeights.decoded(new SettleTrade(0, 0, null, null, 1, 1), false))
            .isEqualTo(RequestWeights.command(command("settleTrade"), false)).isEqualTo(3);
        assertThat(RequestWeights.decoded(new Withdraw(0, owner, 0, 0, 1, 1, null), false))
            .isEqualTo(RequestWeights.command(command("withdraw"), false)).isEqualTo(2);
        assertThat(RequestWeights.decoded(new Deposit(0, owner, 0, 0, 1, 1), true))
            .isEqualTo(RequestWeights.command(command("deposit"), true)).isEqualTo(2);
        assertThat(RequestWeights.decoded(new OraclePrice(0, 0, reports), false)).isEqualTo(3);
        assertThat(RequestWeights.decoded(new OraclePrice(0, 0, null), false)).isEqualTo(1);
    }

    private static ObjectNode command(final String type)
    {
        return Json.MAPPER.createObjectNode().put("type", type);
    }
}
