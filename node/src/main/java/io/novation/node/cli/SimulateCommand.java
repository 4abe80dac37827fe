package io.novation.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import io.novation.node.scenario.ScenarioException;
import io.novation.node.scenario.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code novation simulate FILE.json}: runs a scenario through a fresh engine and prints the final state as JSON.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run a scenario (configuration and commands) and print the final state as JSON.")
public final class SimulateCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE.json", description = "the scenario file")
    private Path file;

    @CommandLine.Option(names = "--no-events", description = "leave the event list out of the output")
    private boolean noEvents;

    @Override
    public Integer call()
    {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            System.err.println("novation simulate: cannot read " + file + ": " + ex.getMessage());
            return 2;
        }
        try
        {
            final ObjectNode report = new ScenarioRunner().run(text);
            if (noEvents)
            {
                report.remove("events");
            }
            out.println(Json.MAPPER.writeValueAsString(report));
            return 0;
        }
        catch (final ScenarioException ex)
        {
            System.err.println("novation simulate: " + file + ": " + ex.getMessage());
            return 2;
        }
        catch (final IOException ex)
        {
            System.err.println("novation simulate: " + ex.getMessage());
            return 1;
        }
    }
}
