package io.novation.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short demo ending with the operator gone ({@code --escape}): 100 traders from 20:50 to 21:30 UTC, a forced
 * withdrawal request unanswered, the bridge frozen after the grace period, a sample of 40 accounts escaping with the
 * proofs of their leaves in the last committed batch and paid exactly their committed value, every account's claim
 * valued by the contract's view equal to the escape valuation, and the claims within the bridge's holdings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaseChainEscapeTest
{
    private static final Path OUT = Path.of("target", "demo-escape-test");
    private static final int SAMPLE = 40;

    private DemoOutcome outcome;
    private JsonNode escape;

    @BeforeAll
    void run() throws Exception
    {
        final DemoSettings settings = DemoSettings.defaults(OUT).withAccounts(100)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(20 * 60 + 50, 21 * 60 + 30);
        outcome = Demo.run(settings, ChainSettings.on().withEscape(SAMPLE),
            new PrintStream(OutputStream.nullOutputStream()), false);
        escape = Json.MAPPER.readTree(outcome.json().toFile()).get("baseChain").get("escape");
    }

    @Test
    void shouldFreezeOnlyAfterTheGracePeriodOfAnUnansweredRequest()
    {
        assertThat(escape.get("freezeBeforeGracePeriod").asBoolean()).isFalse();
        assertThat(escape.get("freezeGas").asLong()).isPositive();
        assertThat(escape.get("batch").asLong()).isPositive();
    }

    @Test
    void shouldPayEveryEscapingAccountExactlyItsCommittedValue()
    {
        assertThat(escape.get("escaped").asInt()).isEqualTo(SAMPLE);
        assertThat(escape.get("paid").asInt()).isPositive().isLessThanOrEqualTo(SAMPLE);
        assertThat(escape.get("escapeGasMean").asLong()).isPositive();
        assertThat(outcome.failures()).isEmpty();
    }

    @Test
    void shouldValueEveryAccountOnChainAsTheEscapeValuationWithinTheHoldings()
    {
        assertThat(escape.get("viewedByContract").asInt()).isEqualTo(escape.get("accounts").asInt())
            .isGreaterThan(100);
        assertThat(escape.get("viewMismatches").asInt()).isZero();
        final BigDecimal claims = new BigDecimal(escape.get("claimsOfAllAccounts").asText());
        assertThat(new BigDecimal(escape.get("claimsOfViewedAccounts").asText())).isEqualByComparingTo(claims);
        assertThat(claims).isPositive().isLessThanOrEqualTo(new BigDecimal(escape.get("bridgeHoldings").asText()));
        assertThat(new BigDecimal(escape.get("registeredClaims").asText())).isLessThanOrEqualTo(claims)
            .isEqualByComparingTo(new BigDecimal(escape.get("paidAmount").asText()));
    }
}
