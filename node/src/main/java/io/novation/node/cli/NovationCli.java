package io.novation.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code novation} command line: one entry point for every subcommand.
 */
@Command(
    name = "novation",
    mixinStandardHelpOptions = true,
    version = "novation 0.1.0",
    description = "Novation: the clearing house of a decentralized derivatives venue.",
    subcommands = {SimulateCommand.class, NodeCommand.class, GreeksCommand.class, CommandLine.HelpCommand.class})
public final class NovationCli implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     *
     * @param args arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new NovationCli()).execute(args));
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
