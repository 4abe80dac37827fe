package io.novation.node.cli;

import java.util.List;

/**
 * A module's extra {@code novation} subcommands, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.novation.node.cli.SubcommandProvider}: modules that depend on {@code node} (such as
 * {@code sim}) add commands to the one launcher without {@code node} depending on them.
 */
public interface SubcommandProvider
{
    /**
     * Fresh picocli command objects (classes annotated with {@code @Command}), one per subcommand.
     *
     * @return the commands, in the order {@code --help} lists them.
     */
    List<Object> subcommands();
}
