package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * One request of the options desk to the node: its commands encoded in the order added, each with its kind for the
 * report (e.g. {@code settleTrade (option)}); the governance envelopes take their nonces in that order.
 */
final class OptionRequest
{
    private final Operator operator;
    private final List<ObjectNode> commands = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();

    /**
     * An empty request.
     *
     * @param operator the operator that encodes the commands and signs the governance envelopes.
     */
    OptionRequest(final Operator operator)
    {
        this.operator = operator;
    }

    /**
     * Adds a command that carries its own signatures (or needs none).
     *
     * @param command the command.
     * @param kind    its kind.
     */
    void signed(final Command command, final String kind)
    {
        encoded(operator.encode(command), kind);
    }

    /**
     * Adds a command under the governance key's envelope.
     *
     * @param command the command.
     * @param kind    its kind.
     */
    void governed(final Command command, final String kind)
    {
        encoded(operator.governance(command), kind);
    }

    /**
     * Adds a command already encoded.
     *
     * @param json the command's JSON.
     * @param kind its kind.
     */
    void encoded(final ObjectNode json, final String kind)
    {
        commands.add(json);
        kinds.add(kind);
    }

    /**
     * How many commands were added.
     *
     * @return a count.
     */
    int size()
    {
        return commands.size();
    }

    List<ObjectNode> commands()
    {
        return commands;
    }

    List<String> kinds()
    {
        return kinds;
    }
}
