package io.novation.chain.cli;

import io.novation.node.cli.SubcommandProvider;

import java.util.List;

/**
 * The {@code novation} subcommands of the chain module ({@code post-solvency}), registered with the node's command
 * line through {@code META-INF/services/io.novation.node.cli.SubcommandProvider}.
 */
public final class ChainCli implements SubcommandProvider
{
    @Override
    public List<Object> subcommands()
    {
        return List.of(new PostSolvencyCommand());
    }
}
