package io.novation.node.json;

import io.novation.core.command.Command;
import io.novation.core.command.CommandRole;
import io.novation.core.engine.ClearingEngine;

import java.util.function.Supplier;

/**
 * The current {@link Definitions} of an engine, replaced copy-on-write by the engine's thread after a command that
 * may change them and read without locks by any thread (the decoders of a node's I/O threads).
 */
public final class DefinitionsSnapshot implements Supplier<Definitions>
{
    private volatile Definitions current;

    /**
     * A snapshot of an engine's definitions as they are now; to be created on the engine's thread.
     *
     * @param engine the engine.
     */
    public DefinitionsSnapshot(final ClearingEngine engine)
    {
        this.current = Definitions.of(engine);
    }

    /**
     * The definitions as of the last refresh.
     *
     * @return the immutable snapshot.
     */
    @Override
    public Definitions get()
    {
        return current;
    }

    /**
     * Whether a command may change what the snapshot holds: the governance commands (definitions and parameters) and
     * the bridge's (the next deposit and forced-withdrawal ids); owners' commands never do.
     *
     * @param command an applied command.
     * @return true when the snapshot must be taken again.
     */
    public static boolean mayChangeDefinitions(final Command command)
    {
        final CommandRole role = command.type().role();
        return role == CommandRole.GOVERNANCE || role == CommandRole.BRIDGE;
    }

    /**
     * Takes the snapshot again after an applied command that may change definitions; on the engine's thread only.
     *
     * @param engine  the engine the command was applied to.
     * @param command the command.
     * @param applied whether the engine applied it (a rejected command changes nothing).
     * @return true when the snapshot was replaced.
     */
    public boolean refreshAfter(final ClearingEngine engine, final Command command, final boolean applied)
    {
        if (!applied || !mayChangeDefinitions(command))
        {
            return false;
        }
        current = Definitions.of(engine);
        return true;
    }
}
