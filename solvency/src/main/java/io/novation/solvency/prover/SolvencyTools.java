package io.novation.solvency.prover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The solvency module's npm tools (circom2, snarkjs, circomlibjs, pinned by its package-lock.json) and the committed
 * test ceremony, in one directory: installed with {@code npm ci} when missing, run with node.
 */
public final class SolvencyTools
{
    /** System property naming the tools directory. */
    public static final String DIR_PROPERTY = "novation.solvency.dir";
    /** Environment variable naming the tools directory. */
    public static final String DIR_ENV = "NOVATION_SOLVENCY_DIR";

    private final Path dir;

    private SolvencyTools(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * The tools in a directory (the repository's {@code solvency/}), installed if needed.
     *
     * @param dir the directory with package.json, js/ and ceremony/.
     * @return the tools.
     */
    public static SolvencyTools at(final Path dir) throws IOException, InterruptedException
    {
        final SolvencyTools tools = new SolvencyTools(dir.toAbsolutePath().normalize());
        if (!Files.exists(tools.dir.resolve("js/prove.js")))
        {
            throw new IOException("no solvency tools in " + tools.dir + " (expected js/prove.js)");
        }
        if (!Files.exists(tools.dir.resolve("node_modules/snarkjs/package.json")) ||
            !Files.exists(tools.dir.resolve("node_modules/circomlibjs/package.json")))
        {
            final Result installed = tools.run(line -> { }, "npm", "ci", "--no-audit", "--no-fund");
            if (installed.exitCode() != 0)
            {
                throw new IOException("npm ci failed in " + tools.dir + ": " + installed.output());
            }
        }
        return tools;
    }

    /**
     * The tools named by {@value #DIR_PROPERTY}, else {@value #DIR_ENV}, else {@code solvency/} under the working
     * directory.
     *
     * @return the tools.
     */
    public static SolvencyTools locate() throws IOException, InterruptedException
    {
        final String property = System.getProperty(DIR_PROPERTY);
        final String env = System.getenv(DIR_ENV);
        return at(Path.of(property != null ? property : env != null ? env : "solvency"));
    }

    /**
     * The directory.
     *
     * @return absolute path.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * Runs a command in the tools directory, handing each line of its output (stdout and stderr merged) to a
     * consumer as it comes.
     *
     * @param lines  gets each line.
     * @param command the command.
     * @return the exit code and the whole output.
     */
    public Result run(final Consumer<String> lines, final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        final List<String> output = new ArrayList<>();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                output.add(line);
                lines.accept(line);
            }
        }
        if (!process.waitFor(1, TimeUnit.HOURS))
        {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), String.join("\n", output));
    }

    /**
     * A finished command.
     *
     * @param exitCode its exit code.
     * @param output   its output lines, joined.
     */
    public record Result(int exitCode, String output)
    {
    }
}
