package io.novation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import io.novation.node.server.NodeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;

/**
 * The settings that decide a cluster member's state (the future bound in ms, sealing every N commands and every M
 * ms), pinned in its data directory at first start ({@code sequencing.json}): a member restarted with other values
 * would sequence and seal another history than the log it replays, so it refuses to start instead.
 */
final class MemberSettings
{
    static final String FILE = "sequencing.json";

    private MemberSettings()
    {
    }

    /**
     * Writes the member's settings at its first start, or checks them against those written then.
     *
     * @param config the member's configuration.
     * @throws IllegalStateException when they differ from the pinned ones.
     */
    static void pin(final NodeConfig config)
    {
        final ObjectNode settings = Json.MAPPER.createObjectNode();
        settings.put("maxFutureMs", config.maxFutureMs());
        settings.put("sealEveryCommands", config.sealEveryCommands());
        settings.put("sealEveryMs", config.sealEveryMs());
        final Path file = config.dataDir().resolve(FILE);
        try
        {
            if (Files.exists(file))
            {
                final JsonNode pinned = Json.MAPPER.readTree(Files.readString(file));
                if (!sameValues(pinned, settings))
                {
                    throw new IllegalStateException("this member was started with the sequencing settings " + pinned +
                        " (" + file.getFileName() + "), not " + settings + ": every member must keep the settings " +
                        "the cluster started with");
                }
                return;
            }
            Files.createDirectories(config.dataDir());
            final Path written = config.dataDir().resolve(FILE + ".tmp");
            Files.writeString(written, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(settings));
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Field by field as numbers: a long written small reads back as an int node. */
    private static boolean sameValues(final JsonNode pinned, final ObjectNode settings)
    {
        final Iterator<String> names = settings.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!pinned.path(name).isNumber() || pinned.path(name).asLong() != settings.get(name).asLong())
            {
                return false;
            }
        }
        return pinned.size() == settings.size();
    }
}
