package io.novation.node.scenario;

/**
 * A scenario that cannot be run as written: names the command index (from 0) and the field at fault.
 */
public final class ScenarioException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final int commandIndex;
    private final String field;

    /**
     * A failure in one command, or in the scenario's header when the index is -1.
     *
     * @param commandIndex index in "commands", or -1.
     * @param field        the field at fault.
     * @param message      why.
     */
    public ScenarioException(final int commandIndex, final String field, final String message)
    {
        super((commandIndex >= 0 ? "command " + commandIndex + ", " : "") + "field '" + field + "': " + message);
        this.commandIndex = commandIndex;
        this.field = field;
    }

    public int commandIndex()
    {
        return commandIndex;
    }

    public String field()
    {
        return field;
    }
}
