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
 * The options of {@code novation demo} through the crash: a short window (20:30 to 21:30 UTC) that holds the
 * intraday expiry (21:20) and the crash's low, with few traders; the report's {@code options} section and its
 * invariants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionsDemoTest
{
    private static final int FROM = 20 * 60 + 30;
    private static final int TO = 21 * 60 + 30;
    private static final Path OUT = Path.of("target", "options-demo-test");

    private DemoOutcome outcome;
    private JsonNode options;

    @BeforeAll
    void run() throws Exception
    {
        final DemoSettings settings = DemoSettings.defaults(OUT).withAccounts(200)
            .withSpeed(Double.POSITIVE_INFINITY).withWindow(FROM, TO);
        outcome = Demo.run(settings, new PrintStream(OutputStream.nullOutputStream()), false);
        options = Json.MAPPER.readTree(outcome.json().toFile()).get("options");
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(options)
            .lines().filter(l -> !l.contains("0.") || l.length() < 200).limit(400)
            .reduce("", (a, b) -> a + "\n" + b));
    }

    @Test
    void shouldKeepEveryInvariantWithOptions()
    {
        assertThat(outcome.failures()).isEmpty();
        final JsonNode invariants = outcome.report().get("invariants");
        assertThat(invariants.get("everyOptionCommandAccountedFor").asBoolean()).isTrue();
        assertThat(invariants.get("optionTradesEqualJournal").asBoolean()).isTrue();
        assertThat(invariants.get("optionPackagesEqualJournal").asBoolean()).isTrue();
        assertThat(invariants.get("expirySettledExactlyOnce").asBoolean()).isTrue();
        assertThat(invariants.get("hold").asBoolean()).isTrue();
    }
}
