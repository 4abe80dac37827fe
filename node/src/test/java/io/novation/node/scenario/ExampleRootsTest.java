package io.novation.node.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example scenario ends at the state root, refusal count and event count it had when scenarios were signed
 * inside the production decoder: moving default nonces and declared-key signing into the scenario layer changed no
 * command.
 */
class ExampleRootsTest
{
    @ParameterizedTest
    @CsvSource({
        "01-deposits.json, 0xb3c11f4ae06c122af65960e3986f9c5d5534b39ead69b177984f6055a67d3fe3, 1, 9",
        "02-trades.json, 0x84d4665b5bf23c8d0c1ff1399ac43acc2b6eb76c8dbd33d03b0c8038ae745149, 0, 14",
        "03-withdrawal-refused-for-margin.json, " +
            "0x3f2774946bc74c9a337a4832bb1f29ac1a8e696a2253a94611d0f6f7735efbaa, 1, 12",
        "04-oracle-network.json, 0x1950e33d56352036b536fa63260b91a8cc195fa803fd3124e177086038146ee7, 1, 28",
        "05-funding.json, 0x6db5183aee266d0907fd100de23d2a646ee82bf9e9575a59966cb43a24f7023f, 0, 136",
        "06-liquidations.json, 0x68aec6258f260a2369620a53c34dc0fb0339ae44dcd36a04eecdd9ebf7ff224d, 1, 35",
        "07-options.json, 0x90d7dff086b2a68b00da9ea82bb5171b5c88f44692ef4c8cd8ba8fe1d2f65113, 4, 46",
        "15-option-liquidation-and-expiry-shortfall.json, " +
            "0xde79cd3910e772bad1f4e49632841d8519e2dd69b2538bd52067845edef676f5, 1, 46",
        "16-surface-quorum.json, 0xb2baeb720640aee81738093fd5143e7dba672e3309de75508bfd23e66efbb47e, 4, 31",
        "17-liquidation-prices.json, 0x5fb53f58073bae25a24694717f98ef4ece36636dab7cef61db9bb64fb2d16cab, 2, 40",
        "18-funding-overflow.json, 0x38fcf95769d5de5a1bd27550c20d1c27de2ec923c89e330d419479d7d049498b, 0, 17",
        "19-non-usdc-withdrawal.json, 0x430baa171068b91a4f4f71453fa7922266607f187e2c6655859e8c725edb6bb4, 1, 10"})
    void shouldEndEveryExampleAtItsRecordedRoot(final String example, final String root, final int rejected,
        final int events) throws Exception
    {
        final ObjectNode report = new ScenarioRunner().run(Examples.read(example));

        assertThat(report.get("stateRoot").asText()).isEqualTo(root);
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(rejected);
        assertThat(report.get("events").size()).isEqualTo(events);
    }
}
