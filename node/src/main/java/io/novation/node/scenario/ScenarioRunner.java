package io.novation.node.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.node.json.AccountDirectory;
import io.novation.node.json.CommandFormatException;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Runs a scenario: a configuration, named accounts with their keys, and a list of commands in the JSON vocabulary,
 * applied in order to a fresh engine. Commands without a "time" are spaced by {@code timeStepMillis} from
 * {@code startTime}. The result is the final state report with every event.
 */
public final class ScenarioRunner
{
    private static final Set<String> TOP_LEVEL = Set.of("description", "config", "startTime", "timeStepMillis",
        "accounts", "commands");
    private static final Set<String> CONFIG = Set.of("chainId", "verifyingContract", "trustedSignatures");

    private ClearingEngine engine;
    private AccountDirectory directory;
    private EventLog events;

    /**
     * Parses and runs a scenario from its JSON text.
     *
     * @param text the scenario.
     * @return the final state report, with "events" and "rejectedCount".
     * @throws ScenarioException when the scenario is malformed, naming the command index and field.
     */
    public ObjectNode run(final String text) throws ScenarioException
    {
        final JsonNode scenario;
        try
        {
            scenario = Json.MAPPER.readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            throw new ScenarioException(-1, "(json)", "not valid JSON at line " +
                (ex.getLocation() == null ? "?" : ex.getLocation().getLineNr()) + ": " + ex.getOriginalMessage());
        }
        if (scenario == null || !scenario.isObject())
        {
            throw new ScenarioException(-1, "(root)", "a scenario is a JSON object");
        }
        final Iterator<String> names = scenario.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!TOP_LEVEL.contains(name))
            {
                throw new ScenarioException(-1, name, "unknown field; expected one of " + TOP_LEVEL);
            }
        }
        engine = new ClearingEngine(config(scenario.get("config")), events = new EventLog());
        directory = accounts(scenario.get("accounts"));
        final ScenarioDecoder decoder = new ScenarioDecoder(engine, directory);
        long time = startTime(scenario);
        final JsonNode stepNode = scenario.get("timeStepMillis");
        if (stepNode != null && !(stepNode.isIntegralNumber() && stepNode.canConvertToLong() && stepNode.asLong() >= 0))
        {
            throw new ScenarioException(-1, "timeStepMillis", "must be a non-negative integer");
        }
        final long step = stepNode == null ? 1000 : stepNode.asLong();
        final JsonNode commands = scenario.get("commands");
        if (commands == null || !commands.isArray())
        {
            throw new ScenarioException(-1, "commands", "must be an array of commands");
        }
        int rejected = 0;
        for (int i = 0; i < commands.size(); i++)
        {
            final Command command;
            try
            {
                command = decoder.decode(commands.get(i), time);
            }
            catch (final CommandFormatException ex)
            {
                throw new ScenarioException(i, ex.field(), ex.getMessage().substring(ex.field().length() + 2));
            }
            // Scheduled governance changes due by this command's time apply first, each as its own command, as the
            // sequencer does.
            io.novation.core.command.ApplyRiskParameters due;
            while ((due = engine.dueRiskParameters(command.time(), engine.state().time())) != null)
            {
                if (!engine.apply(due))
                {
                    rejected++;
                    break;
                }
            }
            if (!engine.apply(command))
            {
                rejected++;
            }
            time = command.time() > Long.MAX_VALUE - step ? Long.MAX_VALUE : command.time() + step;
        }
        final ObjectNode report = new StateReport(engine, directory).toJson();
        report.put("rejectedCount", rejected);
        final ArrayNode eventArray = report.putArray("events");
        for (final Event event : events.events())
        {
            eventArray.add(Json.event(event));
        }
        return report;
    }

    /**
     * The engine of the last run.
     *
     * @return the engine, or null before a run.
     */
    public ClearingEngine engine()
    {
        return engine;
    }

    /**
     * The events of the last run.
     *
     * @return the log.
     */
    public EventLog events()
    {
        return events;
    }

    private static EngineConfig config(final JsonNode config) throws ScenarioException
    {
        EngineConfig result = EngineConfig.defaults();
        if (config == null)
        {
            return result;
        }
        if (!config.isObject())
        {
            throw new ScenarioException(-1, "config", "must be an object");
        }
        final Iterator<String> names = config.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!CONFIG.contains(name))
            {
                throw new ScenarioException(-1, "config." + name, "unknown field; expected one of " + CONFIG);
            }
        }
        try
        {
            final long chainId = config.has("chainId") ? config.get("chainId").asLong() : result.chainId();
            final Address contract = config.has("verifyingContract") ?
                Address.parse(config.get("verifyingContract").asText()) : result.verifyingContract();
            final boolean trusted = config.has("trustedSignatures") && config.get("trustedSignatures").asBoolean();
            result = new EngineConfig(chainId, contract, trusted ? SignatureMode.TRUSTED : SignatureMode.VERIFY);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ScenarioException(-1, "config", ex.getMessage());
        }
        return result;
    }

    private static AccountDirectory accounts(final JsonNode accounts) throws ScenarioException
    {
        final AccountDirectory directory = new AccountDirectory();
        if (accounts == null)
        {
            return directory;
        }
        if (!accounts.isObject())
        {
            throw new ScenarioException(-1, "accounts", "must map names to private keys");
        }
        final Iterator<Map.Entry<String, JsonNode>> entries = accounts.fields();
        while (entries.hasNext())
        {
            final Map.Entry<String, JsonNode> entry = entries.next();
            try
            {
                directory.declare(entry.getKey(), entry.getValue().asText());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ScenarioException(-1, "accounts." + entry.getKey(), ex.getMessage());
            }
        }
        return directory;
    }

    private static long startTime(final JsonNode scenario) throws ScenarioException
    {
        if (!scenario.has("startTime"))
        {
            return 1_760_054_400_000L; // 2025-10-10T00:00:00Z
        }
        try
        {
            return java.time.Instant.parse(scenario.get("startTime").asText()).toEpochMilli();
        }
        catch (final java.time.DateTimeException | ArithmeticException ex)
        {
            throw new ScenarioException(-1, "startTime", "must be ISO-8601, e.g. 2025-10-10T00:00:00Z");
        }
    }
}
