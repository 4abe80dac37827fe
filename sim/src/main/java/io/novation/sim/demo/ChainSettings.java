package io.novation.sim.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the demo runs its base chain: whether at all, the loopback port of ganache (0 for a free one), the chain
 * module's directory (its npm lock, contracts and compile script), the npm command, whether the day ends with the
 * operator gone (escape), and how many accounts escape by transaction (the others are checked by the contract's view).
 *
 * @param enabled       whether the demo runs a base chain.
 * @param port          ganache's port on 127.0.0.1, 0 for a free one.
 * @param moduleDir     the chain module's directory.
 * @param npm           the npm command.
 * @param escape        whether the day ends with the operator gone and every account escaping.
 * @param escapeSample  accounts that escape and are paid by transaction (the rest by the view's aggregate check).
 */
public record ChainSettings(boolean enabled, int port, Path moduleDir, String npm, boolean escape, int escapeSample)
{
    /** Accounts that escape by transaction by default. */
    public static final int DEFAULT_ESCAPE_SAMPLE = 200;

    /**
     * Validates the settings.
     */
    public ChainSettings
    {
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("the chain port must be between 0 and 65535, not " + port);
        }
        if (escapeSample < 1)
        {
            throw new IllegalArgumentException("at least one account escapes by transaction");
        }
    }

    /**
     * No base chain.
     *
     * @return the settings.
     */
    public static ChainSettings off()
    {
        return new ChainSettings(false, 0, defaultModuleDir(), "npm", false, DEFAULT_ESCAPE_SAMPLE);
    }

    /**
     * A base chain on a free port, no escape.
     *
     * @return the settings.
     */
    public static ChainSettings on()
    {
        return new ChainSettings(true, 0, defaultModuleDir(), "npm", false, DEFAULT_ESCAPE_SAMPLE);
    }

    /**
     * The same with the operator gone at the end of the day.
     *
     * @param sample accounts that escape by transaction.
     * @return the settings.
     */
    public ChainSettings withEscape(final int sample)
    {
        return new ChainSettings(enabled, port, moduleDir, npm, true, sample);
    }

    /**
     * The same on a given port.
     *
     * @param chainPort the port, 0 for a free one.
     * @return the settings.
     */
    public ChainSettings withPort(final int chainPort)
    {
        return new ChainSettings(enabled, chainPort, moduleDir, npm, escape, escapeSample);
    }

    /**
     * The same with another module directory and npm command (tests of a missing tool).
     *
     * @param dir     the chain module's directory.
     * @param command the npm command.
     * @return the settings.
     */
    public ChainSettings withTools(final Path dir, final String command)
    {
        return new ChainSettings(enabled, port, dir, command, escape, escapeSample);
    }

    /**
     * The chain module's directory: the system property {@code novation.chain.dir}, else {@code chain/} beside the
     * launcher's jar ({@code sim/target/novation.jar}) or under the working directory or its parent.
     *
     * @return the directory (which may not exist).
     */
    public static Path defaultModuleDir()
    {
        final String property = System.getProperty("novation.chain.dir");
        if (property != null)
        {
            return Path.of(property).toAbsolutePath();
        }
        try
        {
            final Path code = Path.of(ChainSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // sim/target/novation.jar or sim/target/classes: the repository is two levels up.
            final Path beside = code.toAbsolutePath().getParent().getParent().getParent().resolve("chain");
            if (Files.isRegularFile(beside.resolve("package-lock.json")))
            {
                return beside;
            }
        }
        catch (final URISyntaxException | RuntimeException ex)
        {
            // No code source: fall back to the working directory.
        }
        final Path here = Path.of("chain").toAbsolutePath();
        return Files.isRegularFile(here.resolve("package-lock.json")) ? here : Path.of("../chain").toAbsolutePath();
    }
}
