package io.novation.chain;

import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.A4Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.novation.chain.BridgeModel.atoms;
import static io.novation.chain.BridgeModel.eval;
import static io.novation.chain.BridgeModel.evalInt;
import static io.novation.chain.BridgeModel.ints;
import static io.novation.chain.BridgeModel.pairs;

/**
 * One trace of the bridge model read out of an Alloy solution: the static world (deposits, requests, withdrawals and
 * batches, in id order, with their fields), the transition taken at each step with its arguments (atom names), and
 * the contract's and sequencer's state after each step. A step that several transitions explain (a stutter before
 * the freeze is listAsset, skip, and advanceTime when no request is waiting) is reported as the first in model order;
 * a step no transition but skip explains is "skip". Amounts in model units.
 */
final class ModelTrace
{
    /** A transition and its arguments. */
    record Step(String transition, List<String> args)
    {
    }

    /** The state of the contract (and the sequencer's queue) in one state of the trace. */
    record State(String phase, Set<String> deposited, Set<String> paid, int paidOut, Map<String, Integer> claims,
        Set<String> escaped, Set<String> committed, Set<String> proved, Set<String> queued, int received)
    {
    }

    final List<String> accounts;
    final List<String> deposits;
    final List<String> requests;
    final List<String> withdrawals;
    final List<String> batches;
    final Map<String, String> owner = new HashMap<>();
    final Map<String, Integer> amount = new HashMap<>();
    final Map<String, String> answering = new HashMap<>();
    final Map<String, Set<String>> batchWithdrawals = new HashMap<>();
    final Map<String, Map<String, Integer>> batchBalances = new HashMap<>();
    final List<Step> steps = new ArrayList<>();
    final List<State> states = new ArrayList<>();

    private ModelTrace(final CompModule module, final A4Solution solution)
    {
        accounts = new ArrayList<>(new TreeSet<>(atoms(eval(module, solution, "Account", 0))));
        deposits = order(module, solution, "Deposit", "DepositOrder");
        requests = order(module, solution, "Request", "RequestOrder");
        withdrawals = order(module, solution, "Withdrawal", "WithdrawalOrder");
        batches = order(module, solution, "Batch", "BatchOrder");
        owner.putAll(pairs(eval(module, solution, "depositor", 0)));
        owner.putAll(pairs(eval(module, solution, "requester", 0)));
        owner.putAll(pairs(eval(module, solution, "owner", 0)));
        amount.putAll(ints(eval(module, solution, "amount", 0)));
        amount.putAll(ints(eval(module, solution, "asked", 0)));
        amount.putAll(ints(eval(module, solution, "quantity", 0)));
        answering.putAll(pairs(eval(module, solution, "answering", 0)));
        for (final A4Tuple tuple : eval(module, solution, "withdrawals", 0))
        {
            batchWithdrawals.computeIfAbsent(tuple.atom(0), b -> new TreeSet<>()).add(tuple.atom(1));
        }
        for (final A4Tuple tuple : eval(module, solution, "balance", 0))
        {
            batchBalances.computeIfAbsent(tuple.atom(0), b -> new HashMap<>()).put(tuple.atom(1),
                Integer.parseInt(tuple.atom(2)));
        }
        final int length = solution.getTraceLength();
        for (int state = 0; state < length; state++)
        {
            final Map<String, Integer> claims = new HashMap<>();
            for (final A4Tuple tuple : eval(module, solution, "Bridge.claims", state))
            {
                claims.put(tuple.atom(0), Integer.parseInt(tuple.atom(1)));
            }
            states.add(new State(name(atoms(eval(module, solution, "Bridge.phase", state)).iterator().next()),
                atoms(eval(module, solution, "Bridge.deposited", state)),
                atoms(eval(module, solution, "Bridge.paid", state)),
                evalInt(module, solution, "Bridge.paidOut", state), claims,
                atoms(eval(module, solution, "Bridge.escaped", state)),
                atoms(eval(module, solution, "Bridge.committed", state)),
                atoms(eval(module, solution, "Bridge.proved", state)),
                atoms(eval(module, solution, "Sequencer.queued", state)),
                evalInt(module, solution, "received", state)));
            if (state + 1 < length)
            {
                steps.add(fired(module, solution, state));
            }
        }
    }

    static ModelTrace of(final CompModule module, final A4Solution solution)
    {
        return new ModelTrace(module, solution);
    }

    private static Step fired(final CompModule module, final A4Solution solution, final int state)
    {
        for (final String transition : BridgeModel.transitions())
        {
            for (final A4Tuple tuple : eval(module, solution, "fired_" + transition, state))
            {
                final List<String> args = new ArrayList<>();
                for (int i = 0; i < tuple.arity(); i++)
                {
                    if (!tuple.atom(i).startsWith("Bridge$"))
                    {
                        args.add(tuple.atom(i));
                    }
                }
                return new Step(transition, args);
            }
        }
        return new Step("skip", List.of());
    }

    private static List<String> order(final CompModule module, final A4Solution solution, final String sig,
        final String ordering)
    {
        final Map<String, String> next = pairs(eval(module, solution, ordering + "/next", 0));
        final List<String> ordered = new ArrayList<>();
        final Set<String> all = atoms(eval(module, solution, sig, 0));
        String at = all.stream().filter(a -> !next.containsValue(a)).findFirst().orElse(null);
        while (at != null)
        {
            ordered.add(at);
            at = next.get(at);
        }
        return ordered;
    }

    private static String name(final String atom)
    {
        final int dollar = atom.indexOf('$');
        return dollar < 0 ? atom : atom.substring(0, dollar);
    }

    /**
     * The 1-based id of a deposit, request or withdrawal in its order.
     *
     * @param atom the atom.
     * @return the id.
     */
    int id(final String atom)
    {
        for (final List<String> list : List.of(deposits, requests, withdrawals, batches))
        {
            final int index = list.indexOf(atom);
            if (index >= 0)
            {
                return index + 1;
            }
        }
        throw new IllegalArgumentException(atom);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < steps.size(); i++)
        {
            text.append(i).append(": ").append(steps.get(i).transition()).append(steps.get(i).args()).append(" -> ")
                .append(states.get(i + 1)).append('\n');
        }
        return text.toString();
    }
}
