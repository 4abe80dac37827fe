package io.novation.node.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/09-dynamic-margin.json: the 1,440 minutes of 2025-10-10 as oracle rounds drive BTC-USD's margin
 * controller (bounds 5 % to 15 %, 1 % a step, one change an hour, raises after 15 minutes, cuts after 6 hours). The
 * night's calm cuts the margin only after the loosening delay, the afternoon and the crash raise it within bounds and
 * steps, and a withdrawal that the morning's margin allowed is refused at midnight.
 */
class DynamicMarginExampleTest
{
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY_START = Instant.parse("2025-10-10T00:00:00Z").toEpochMilli();

    private record Decision(String type, long time, long from, long to, long effectiveAt)
    {
    }

    private static String text;
    private static ObjectNode report;
    private static final List<Decision> DECISIONS = new ArrayList<>();

    @BeforeAll
    static void run() throws Exception
    {
        text = Examples.read("09-dynamic-margin.json");
        report = new ScenarioRunner().run(text);
        // The controller decides on accepted oracle rounds: the round's event carries its time.
        final java.util.Map<Integer, Long> roundTimes = new java.util.HashMap<>();
        for (final JsonNode event : report.get("events"))
        {
            if (event.get("type").asText().equals("OraclePriceUpdated"))
            {
                roundTimes.put(event.get("sequence").asInt(), event.get("time").asLong());
            }
        }
        for (final JsonNode event : report.get("events"))
        {
            final String type = event.get("type").asText();
            if (!type.startsWith("MarginAdjustment"))
            {
                continue;
            }
            final long time = roundTimes.get(event.get("sequence").asInt());
            DECISIONS.add(switch (type)
            {
                case "MarginAdjustmentScheduled" -> new Decision(type, time, event.get("fromImfPpm").asLong(),
                    event.get("toImfPpm").asLong(), event.get("effectiveAt").asLong());
                case "MarginAdjustmentApplied" -> new Decision(type, time, event.get("fromImfPpm").asLong(),
                    event.get("toImfPpm").asLong(), 0);
                default -> new Decision(type, time, event.get("imfPpm").asLong(), event.get("imfPpm").asLong(),
                    event.get("effectiveAt").asLong());
            });
        }
    }

    private static List<Decision> applied()
    {
        return DECISIONS.stream().filter(d -> d.type().equals("MarginAdjustmentApplied")).toList();
    }

    private static long hour(final Decision d)
    {
        return (d.time() - DAY_START) / HOUR;
    }

    @Test
    void shouldApplyEveryChangeWithinTheBoundsTheStepAndTheInterval()
    {
        long last = Long.MIN_VALUE;
        for (final Decision d : applied())
        {
            assertThat(d.to()).isBetween(50_000L, 150_000L);
            assertThat(Math.abs(d.to() - d.from())).isBetween(1L, 10_000L);
            if (last != Long.MIN_VALUE)
            {
                assertThat(d.time() - last).isGreaterThanOrEqualTo(HOUR);
            }
            last = d.time();
        }
        assertThat(applied()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void shouldApplyARaiseAfterFifteenMinutesAndACutOnlyAfterSixHours()
    {
        for (int i = 0; i < DECISIONS.size(); i++)
        {
            final Decision d = DECISIONS.get(i);
            if (!d.type().equals("MarginAdjustmentApplied"))
            {
                continue;
            }
            final Decision announced = DECISIONS.get(i - 1);
            assertThat(announced.type()).isEqualTo("MarginAdjustmentScheduled");
            assertThat(announced.to()).isEqualTo(d.to());
            final long delay = d.to() > d.from() ? 15 * MINUTE : 6 * HOUR;
            assertThat(announced.effectiveAt() - announced.time()).isEqualTo(delay);
            assertThat(d.time()).isGreaterThanOrEqualTo(announced.effectiveAt());
        }
    }

    @Test
    void shouldCutInTheCalmNightAndRaiseThroughTheAfternoonAndTheCrash()
    {
        assertThat(applied()).anyMatch(d -> d.to() < d.from() && hour(d) < 14);
        assertThat(applied().stream().filter(d -> d.to() > d.from() && hour(d) >= 14 && hour(d) < 21))
            .hasSizeGreaterThanOrEqualTo(2);
        assertThat(applied()).anyMatch(d -> d.to() > d.from() && hour(d) >= 21);
        // Every change applied from the afternoon on is a raise; a cut announced then was cancelled before it applied.
        assertThat(applied().stream().filter(d -> hour(d) >= 14)).allMatch(d -> d.to() > d.from());
        assertThat(DECISIONS).anyMatch(d -> d.type().equals("MarginAdjustmentCancelled") && hour(d) >= 14);
        final long last = applied().get(applied().size() - 1).to();
        assertThat(last).isGreaterThan(80_000L);
    }

    @Test
    void shouldRefuseAtMidnightAWithdrawalThatTheMorningsMarginAllowed() throws Exception
    {
        final List<JsonNode> rejected = new ArrayList<>();
        report.get("events").forEach(e ->
        {
            if (e.get("type").asText().equals("Rejected"))
            {
                rejected.add(e);
            }
        });
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("code").asText()).isEqualTo("INSUFFICIENT_MARGIN");

        // Without the controller (governance's change removed) the market keeps its 8 % and the same withdrawal of
        // 18,000 passes (the smaller one that follows is left out).
        final ObjectNode scenario = (ObjectNode)Json.MAPPER.readTree(text);
        final ArrayNode commands = (ArrayNode)scenario.get("commands");
        assertThat(commands.get(7).get("type").asText()).isEqualTo("setRiskParameters");
        commands.remove(7);
        commands.remove(commands.size() - 1);
        assertThat(commands.get(commands.size() - 1).get("amount").asText()).isEqualTo("18000");
        final ObjectNode uncontrolled = new ScenarioRunner().run(scenario.toString());
        assertThat(uncontrolled.get("rejectedCount").asInt()).isZero();
    }

    @Test
    void shouldTurnTheControllerOnThroughGovernanceAfterItsLooseningDelay()
    {
        final List<String> types = new ArrayList<>();
        report.get("events").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).contains("RiskParametersScheduled", "RiskParametersApplied");
        assertThat(types.indexOf("RiskParametersApplied")).isLessThan(types.indexOf("MarginAdjustmentScheduled"));
        assertThat(DECISIONS.get(0).time()).isGreaterThanOrEqualTo(DAY_START);
    }

    @Test
    void shouldReplayToTheSameRoot() throws Exception
    {
        assertThat(new ScenarioRunner().run(text).get("stateRoot")).isEqualTo(report.get("stateRoot"));
        assertThat(report.get("conservation").get("holds").asBoolean()).isTrue();
    }
}
