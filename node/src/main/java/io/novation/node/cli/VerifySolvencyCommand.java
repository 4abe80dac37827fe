package io.novation.node.cli;

import io.novation.solvency.prover.SolvencyProver;
import io.novation.solvency.prover.SolvencyTools;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code novation verify-solvency FILE}: checks a batch's solvency proofs offline, as the bridge does (every chunk's
 * Groth16 proof with the committed verification key, one root and batch number, the chunks in order and their
 * running-sum commitments chained) and prints the batch's root and totals. Exit code 0 valid, 1 invalid, 2 when the
 * file cannot be read.
 */
@Command(name = "verify-solvency", mixinStandardHelpOptions = true,
    description = "Check a batch's solvency proofs offline (exit 0 valid, 1 invalid).")
public final class VerifySolvencyCommand implements java.util.concurrent.Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "solvency-N-proofs.json")
    private Path file;

    @Option(names = "--tools", description = "the solvency npm tools directory (default: solvency/, or "
        + SolvencyTools.DIR_ENV + ")")
    private Path tools;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (!Files.isReadable(file))
        {
            spec.commandLine().getErr().println("cannot read " + file);
            return 2;
        }
        try (SolvencyProver prover = new SolvencyProver(tools != null ? SolvencyTools.at(tools) :
            SolvencyTools.locate()))
        {
            final io.novation.solvency.prover.SolvencyTools.Result result = prover.verify(file);
            out.println(result.output().strip());
            out.flush();
            return result.exitCode();
        }
    }
}
