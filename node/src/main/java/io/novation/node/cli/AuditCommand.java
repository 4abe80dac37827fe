package io.novation.node.cli;

import io.novation.core.crypto.Hex;
import io.novation.node.batch.AuditReport;
import io.novation.node.batch.Auditor;
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
 * {@code novation audit --data-dir DIR}: re-executes a node's journal from genesis in a fresh engine and checks every
 * sealed batch (state root, withdrawals root, price table hash, counters, and the commands hash recomputed from the
 * journal records). Prints one line per batch; a wrong root or a damaged journal is reported with its batch. Exit
 * code 0 when everything checks out, 1 otherwise, 2 when the directory is not a node's.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Re-execute a node's journal and check every sealed batch root (exit 0 clean, 1 problems).")
public final class AuditCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the node's data directory (default: ./data)")
    private Path dataDir = Path.of("data");

    @Option(names = "--quiet", description = "print only problems and the summary")
    private boolean quiet;

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
        final AuditReport report = new Auditor(genesis.engineConfig(), dataDir.resolve("journal")).run();
        int bad = 0;
        for (final AuditReport.BatchCheck check : report.checks())
        {
            if (!check.ok())
            {
                bad++;
                out.println("batch " + check.batchNumber() + " (sequence " + check.sequence() + "): WRONG: " +
                    check.problem());
            }
            else if (!quiet)
            {
                out.println("batch " + check.batchNumber() + " (sequence " + check.sequence() + "): ok, state root " +
                    Hex.encode(report.batches().stream().filter(b -> b.sequence() == check.sequence()).findFirst()
                        .orElseThrow().header().stateRoot()));
            }
        }
        if (report.journalFault() != null)
        {
            out.println("journal damaged in batch " + report.batchOf(report.lastSequence() + 1) + ": " +
                report.journalFault() + "; later batches cannot be checked");
        }
        out.println(report.checks().size() + " sealed batches re-executed up to sequence " + report.lastSequence() +
            ": " + (report.ok() ? "all roots check out" : bad + " wrong" +
            (report.journalFault() != null ? ", journal damaged" : "")));
        out.flush();
        return report.ok() ? 0 : 1;
    }
}
