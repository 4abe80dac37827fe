package io.novation.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/**
 * The {@code novation} command line: one entry point for every subcommand, its own and those other modules register
 * as a {@link SubcommandProvider}.
 */
@Command(
    name = "novation",
    mixinStandardHelpOptions = true,
    version = "novation 0.1.0",
    description = "Novation: the clearing house of a decentralized derivatives venue.",
    subcommands = {SimulateCommand.class, NodeCommand.class, GreeksCommand.class, AuditCommand.class,
        VerifyProofCommand.class, HistoryCommand.class, ProveSolvencyCommand.class, VerifySolvencyCommand.class})
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
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with every subcommand: this module's, then those of each {@link SubcommandProvider} on the
     * class path, then {@code help}.
     *
     * @return the command line.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new NovationCli());
        for (final SubcommandProvider provider : ServiceLoader.load(SubcommandProvider.class))
        {
            for (final Object subcommand : provider.subcommands())
            {
                commandLine.addSubcommand(subcommand);
            }
        }
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        return commandLine;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
