package io.novation.node.cli;

import io.novation.node.history.HistoryDatabase;
import io.novation.node.history.HistoryRebuild;
import io.novation.node.server.Genesis;
import io.novation.node.server.NodeConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code novation history rebuild --data-dir DIR [--history-db URL]}: empties a node's history database and refills
 * it from the journal alone, re-executing every record from genesis (run it while the node is stopped). Exit code 0
 * when done, 1 when the rebuild failed, 2 when the directory is not a node's.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "The history database (docs/history.md).",
    subcommands = {HistoryCommand.Rebuild.class})
public final class HistoryCommand implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code novation history rebuild}: the database from the journal alone. */
    @Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Empty the history database and rebuild it from the node's journal (node stopped).")
    static final class Rebuild implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "the node's data directory (default: ./data)")
        private Path dataDir = Path.of("data");

        @Option(names = "--history-db", paramLabel = "URL", description = "history database (default: " +
            "history.sqlite in the data directory)")
        private String historyDb;

        @Override
        public Integer call() throws Exception
        {
            final PrintWriter out = spec.commandLine().getOut();
            if (!Files.exists(dataDir.resolve(Genesis.FILE)) || !Files.isDirectory(dataDir.resolve("journal")))
            {
                spec.commandLine().getErr().println(dataDir + " holds no genesis.json and journal/");
                return 2;
            }
            final Genesis genesis = Genesis.loadOrCreate(NodeConfig.defaults().withDataDir(dataDir),
                new PrintStream(PrintStream.nullOutputStream()));
            try (HistoryDatabase database = HistoryDatabase.open(historyDb == null ?
                HistoryDatabase.sqliteIn(dataDir) : historyDb))
            {
                final HistoryRebuild.Result result = HistoryRebuild.run(database, genesis.engineConfig(),
                    dataDir.resolve("journal"));
                out.println("history rebuilt in " + database.describe() + ": " + result.records() +
                    " journal records, " + result.rows() + " rows, applied sequence " + result.appliedSequence() +
                    " (" + result.millis() + " ms)");
                out.flush();
                return 0;
            }
            catch (final RuntimeException ex)
            {
                spec.commandLine().getErr().println("novation history rebuild: " + ex.getMessage());
                return 1;
            }
        }
    }
}
