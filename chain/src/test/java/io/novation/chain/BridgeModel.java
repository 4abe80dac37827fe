package io.novation.chain;

import edu.mit.csail.sdg.alloy4.A4Reporter;
import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.parser.CompUtil;
import edu.mit.csail.sdg.translator.A4Options;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.A4Tuple;
import edu.mit.csail.sdg.translator.A4TupleSet;
import edu.mit.csail.sdg.translator.TranslateAlloyToKodkod;
import kodkod.engine.satlab.SATFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge protocol's Alloy 6 model (test resource {@code io/novation/chain/model/bridge.als}, docs/verification.md)
 * checked headless through the Alloy API with the MiniSat solver bundled in Alloy's jar (pure-Java SAT4J where its
 * native library does not load): properties checked within bounds, and traces enumerated for replay on the
 * contract. Amounts are in model units.
 */
final class BridgeModel
{
    /** The model's bounds: accounts, deposits, forced requests, withdrawals, batches, integer bit width. */
    static final String BOUNDS = "for 3 but 2 Account, 2 Deposit, 1 Request, 2 Withdrawal, 2 Batch, 4 Int";

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final Pattern FIRED = Pattern.compile("fun fired_(\\w+)");

    static
    {
        // Alloy's jar logs through slf4j-simple; its translation progress is not wanted in the test output.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    /** Which operator the model has, and whether the planted bug is in. */
    enum Variant
    {
        /** Every batch is the sequencer's ledger. */
        HONEST("Honest"),
        /** Any batch content the contract accepts: any balances, any withdrawals, withholding. */
        DISHONEST("none"),
        /**
         * The gated contract (a solvency verifier configured; the reserve check counts the unpaid committed
         * withdrawals) against a dishonest operator.
         */
        DISHONEST_WITH_SOLVENCY_GATE("SolvencyGate"),
        /** The planted bug: the gate's reserve check without the unpaid committed withdrawals. */
        DISHONEST_WITH_GATE_IGNORING_UNPAID_WITHDRAWALS("SolvencyGate + IgnoreUnpaid"),
        /** The gated contract with an honest operator (for the replay on a bridge deployed with the verifier). */
        HONEST_WITH_SOLVENCY_GATE("Honest + SolvencyGate"),
        /** The honest model with a withdraw that forgets to mark its withdrawal paid. */
        HONEST_WITH_WITHDRAW_FORGETTING_PAID("Honest + ForgetPaid");

        private final String flags;

        Variant(final String flags)
        {
            this.flags = flags;
        }
    }

    /**
     * A check's outcome.
     *
     * @param holds          whether no counterexample exists within the bounds.
     * @param millis         wall time of parsing, translating and solving.
     * @param cpuMillis      CPU time of the same (the thread's, the native solver included).
     * @param counterexample the counterexample's trace, or null.
     */
    record Verdict(boolean holds, long millis, long cpuMillis, ModelTrace counterexample)
    {
    }

    private BridgeModel()
    {
    }

    /**
     * The model's text.
     *
     * @return the .als source.
     */
    static String source()
    {
        try (InputStream in = BridgeModel.class.getResourceAsStream("/io/novation/chain/model/bridge.als"))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The transitions the model names (those it reports as fired in a trace).
     *
     * @return names, in model order.
     */
    static Set<String> transitions()
    {
        final Set<String> names = new LinkedHashSet<>();
        final Matcher matcher = FIRED.matcher(source());
        while (matcher.find())
        {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * Checks properties (predicates of the model), together, over every trace of up to {@code steps} states.
     *
     * @param variant    the model's variant.
     * @param steps      the trace length bound.
     * @param properties the predicates' names.
     * @return the verdict.
     */
    static Verdict check(final Variant variant, final int steps, final String... properties)
    {
        final Solved solved = solve(variant, "check { " + String.join(" and ", properties) + " } ", steps);
        return new Verdict(!solved.solution.satisfiable(), solved.millis, solved.cpuMillis,
            solved.solution.satisfiable() ? ModelTrace.of(solved.module, solved.solution) : null);
    }

    /**
     * Traces that reach a goal, as many as asked (fewer when the model has fewer).
     *
     * @param variant the model's variant.
     * @param goal    a temporal formula.
     * @param steps   the trace length.
     * @param count   how many traces.
     * @return the traces.
     */
    static List<ModelTrace> traces(final Variant variant, final String goal, final int steps, final int count)
    {
        final Solved solved = solve(variant, "run { " + goal + " } ", steps);
        final List<ModelTrace> traces = new ArrayList<>();
        A4Solution solution = solved.solution;
        while (solution.satisfiable() && traces.size() < count)
        {
            traces.add(ModelTrace.of(solved.module, solution));
            solution = solution.next();
        }
        return traces;
    }

    private record Solved(CompModule module, A4Solution solution, long millis, long cpuMillis)
    {
    }

    private static Solved solve(final Variant variant, final String command, final int steps)
    {
        final String text = source() + "\nfact variant { On = " + variant.flags + " }\n" + command + BOUNDS + ", " +
            steps + ".." + steps + " steps\n";
        final long start = System.nanoTime();
        final long cpu = CPU.getCurrentThreadCpuTime();
        final CompModule module = CompUtil.parseEverything_fromString(A4Reporter.NOP, text);
        final List<Command> commands = module.getAllCommands();
        final A4Options options = new A4Options();
        options.solver = SATFactory.find("minisat").filter(SATFactory::isPresent).orElse(SATFactory.get("sat4j"));
        options.skolemDepth = 1;
        options.noOverflow = true;
        final A4Solution solution = TranslateAlloyToKodkod.execute_command(A4Reporter.NOP,
            module.getAllReachableSigs(), commands.get(commands.size() - 1), options);
        return new Solved(module, solution, (System.nanoTime() - start) / 1_000_000,
            (CPU.getCurrentThreadCpuTime() - cpu) / 1_000_000);
    }

    static A4TupleSet eval(final CompModule module, final A4Solution solution, final String expression,
        final int state)
    {
        return (A4TupleSet)solution.eval(CompUtil.parseOneExpression_fromString(module, expression), state);
    }

    static int evalInt(final CompModule module, final A4Solution solution, final String expression, final int state)
    {
        final A4TupleSet set = eval(module, solution, expression, state);
        int value = 0;
        for (final A4Tuple tuple : set)
        {
            value += Integer.parseInt(tuple.atom(0));
        }
        return value;
    }

    static Set<String> atoms(final A4TupleSet set)
    {
        final Set<String> atoms = new LinkedHashSet<>();
        for (final A4Tuple tuple : set)
        {
            atoms.add(tuple.atom(0));
        }
        return atoms;
    }

    static Map<String, String> pairs(final A4TupleSet set)
    {
        final Map<String, String> pairs = new TreeMap<>();
        for (final A4Tuple tuple : set)
        {
            pairs.put(tuple.atom(0), tuple.atom(1));
        }
        return pairs;
    }

    static Map<String, Integer> ints(final A4TupleSet set)
    {
        final Map<String, Integer> values = new LinkedHashMap<>();
        for (final A4Tuple tuple : set)
        {
            values.put(tuple.atom(0), Integer.parseInt(tuple.atom(1)));
        }
        return values;
    }
}
