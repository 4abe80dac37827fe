package io.novation.sim.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the demo proves its final batch's solvency ({@code --prove}, {@link DemoSolvencyProof}) and where the
 * solvency module's tools are: its npm lock, {@code js/prove.js} and the committed test ceremony.
 *
 * @param enabled  whether the final batch is proven and checked on chain.
 * @param toolsDir the solvency module's directory.
 */
public record ProofSettings(boolean enabled, Path toolsDir)
{
    /** System property naming the solvency module's directory (as {@code novation prove-solvency} reads it). */
    public static final String DIR_PROPERTY = "novation.solvency.dir";

    /**
     * No proof.
     *
     * @return the settings.
     */
    public static ProofSettings off()
    {
        return new ProofSettings(false, defaultToolsDir());
    }

    /**
     * The final batch proven, with the tools found by {@link #defaultToolsDir()}.
     *
     * @return the settings.
     */
    public static ProofSettings on()
    {
        return new ProofSettings(true, defaultToolsDir());
    }

    /**
     * The same with another tools directory (tests of missing tools).
     *
     * @param dir the solvency module's directory.
     * @return the settings.
     */
    public ProofSettings withTools(final Path dir)
    {
        return new ProofSettings(enabled, dir);
    }

    /**
     * The solvency module's directory: the system property {@value #DIR_PROPERTY}, else the environment variable
     * {@code NOVATION_SOLVENCY_DIR}, else {@code solvency/} beside the launcher's jar or under the working directory
     * or its parent.
     *
     * @return the directory (which may not exist).
     */
    public static Path defaultToolsDir()
    {
        final String property = System.getProperty(DIR_PROPERTY);
        if (property != null)
        {
            return Path.of(property).toAbsolutePath();
        }
        final String env = System.getenv("NOVATION_SOLVENCY_DIR");
        if (env != null)
        {
            return Path.of(env).toAbsolutePath();
        }
        try
        {
            final Path code = Path.of(ProofSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // sim/target/novation.jar or sim/target/classes: the repository is two levels up.
            final Path beside = code.toAbsolutePath().getParent().getParent().getParent().resolve("solvency");
            if (Files.isRegularFile(beside.resolve("js/prove.js")))
            {
                return beside;
            }
        }
        catch (final URISyntaxException | RuntimeException ex)
        {
            // No code source: fall back to the working directory.
        }
        final Path here = Path.of("solvency").toAbsolutePath();
        return Files.isRegularFile(here.resolve("js/prove.js")) ? here : Path.of("../solvency").toAbsolutePath();
    }
}
