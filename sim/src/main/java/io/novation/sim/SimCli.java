package io.novation.sim;

import io.novation.node.cli.SubcommandProvider;
import io.novation.sim.demo.DemoCommand;
import io.novation.sim.keeper.KeeperCommand;

import java.util.List;

/**
 * The {@code novation} subcommands of the {@code sim} module ({@code keeper}, {@code demo}, {@code bench},
 * {@code bench-abuse}), registered with the node's command line through {@code META-INF/services/io.novation.node.cli.SubcommandProvider}.
 */
public final class SimCli implements SubcommandProvider
{
    @Override
    public List<Object> subcommands()
    {
        return List.of(new KeeperCommand(), new DemoCommand(), new io.novation.sim.bench.BenchCommand(),
            new io.novation.sim.bench.AbuseBenchCommand(), new io.novation.sim.bench.StreamLagBenchCommand());
    }
}
