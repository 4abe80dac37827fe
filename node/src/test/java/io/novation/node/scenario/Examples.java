package io.novation.node.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example scenarios under {@code examples/}, read from the project root or from a module directory.
 */
final class Examples
{
    private Examples()
    {
    }

    /**
     * The text of one example.
     *
     * @param name the file name, e.g. {@code 06-liquidations.json}.
     * @return the scenario's JSON.
     * @throws IOException if the file cannot be read.
     */
    static String read(final String name) throws IOException
    {
        Path path = Path.of("examples", name);
        if (!Files.exists(path))
        {
            path = Path.of("..", "examples", name);
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
