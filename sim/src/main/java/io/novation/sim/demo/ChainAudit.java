package io.novation.sim.demo;

import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.commitment.LeafEncoding;
import io.novation.core.commitment.SparseMerkleProof;
import io.novation.core.crypto.Hex;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EscapeValuation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base chain's part of the journal's replay (a {@link ReplayListener}): after the record of every batch committed
 * on chain it checks that the replayed state root equals the root the bridge stored and the node's, and that the
 * escape claims of every account of that state (the contract's valuation, computed by {@link EscapeValuation}) plus
 * the batch's withdrawals are at most the bridge's holdings after the commit (USDC quantums); at the last committed
 * batch it keeps every account's leaf and the proofs of the escape sample.
 */
public final class ChainAudit implements ReplayListener
{
    private final Map<Long, BaseChain.Commit> bySequence = new LinkedHashMap<>();
    private final long lastSequence;
    private final int escapeSample;
    private final Set<Address> sampled = new HashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final List<Leaf> leaves = new ArrayList<>();
    private byte[] priceTable;
    private int batchesChecked;
    private int rootMismatches;
    private int claimsOverHoldings;
    private double largestShare;

    /**
     * One account of the last committed batch.
     *
     * @param owner    the account.
     * @param leaf     its leaf preimage.
     * @param depth    its proof's depth (sample only, else -1).
     * @param bitmap   the sibling bitmap (sample only).
     * @param siblings the listed siblings (sample only).
     * @param claims   its escape claims per asset id.
     */
    public record Leaf(Address owner, byte[] leaf, int depth, byte[] bitmap, List<byte[]> siblings,
        BigInteger[] claims)
    {
        /**
         * Whether the account escapes by transaction.
         *
         * @return true for the sample.
         */
        public boolean sampled()
        {
            return depth >= 0;
        }
    }

    ChainAudit(final List<BaseChain.Commit> commits, final int escapeSample, final DemoCast cast)
    {
        for (final BaseChain.Commit commit : commits)
        {
            bySequence.put(commit.sequence(), commit);
        }
        this.lastSequence = commits.isEmpty() ? -1 : commits.get(commits.size() - 1).sequence();
        this.escapeSample = escapeSample;
        if (escapeSample > 0)
        {
            cast.makers().forEach(m -> sampled.add(m.address()));
            cast.desks().forEach(d -> sampled.add(d.address()));
            final List<Trader> traders = cast.traders();
            final int wanted = Math.max(1, escapeSample - sampled.size());
            final int step = Math.max(1, traders.size() / wanted);
            for (int i = 0; i < traders.size() && sampled.size() < escapeSample; i += step)
            {
                sampled.add(traders.get(i).address());
            }
        }
    }

    @Override
    public void afterCommand(final long sequence, final Command command, final boolean applied,
        final ClearingEngine engine)
    {
        final BaseChain.Commit commit = bySequence.get(sequence);
        if (commit == null)
        {
            return;
        }
        batchesChecked++;
        final String root = Hex.encode(engine.stateRoot());
        if (!root.equals(commit.chainRoot()) || !root.equals(commit.nodeRoot()))
        {
            rootMismatches++;
            failures.add("batch " + commit.number() + ": replayed root " + root + ", bridge " + commit.chainRoot() +
                ", node " + commit.nodeRoot());
        }
        final byte[] table = EscapeValuation.priceTable(engine.state());
        final boolean last = sequence == lastSequence && escapeSample > 0;
        BigInteger claimed = BigInteger.ZERO;
        for (int a = 0; a < engine.state().accounts().count(); a++)
        {
            final Account account = engine.state().accounts().at(a);
            final byte[] leaf = new LeafEncoding().putAccount(account).toBytes();
            final BigInteger[] claims = EscapeValuation.accountClaims(leaf, table);
            claimed = claimed.add(claims.length > 0 ? claims[0] : BigInteger.ZERO);
            if (last)
            {
                leaves.add(leaf(engine, account, leaf, claims));
            }
        }
        if (last)
        {
            priceTable = table;
        }
        final BigInteger owed = claimed.add(BigInteger.valueOf(commit.withdrawals()));
        if (commit.holdings().signum() > 0)
        {
            largestShare = Math.max(largestShare, owed.doubleValue() / commit.holdings().doubleValue());
        }
        if (owed.compareTo(commit.holdings()) > 0)
        {
            claimsOverHoldings++;
            failures.add("batch " + commit.number() + ": escape claims and withdrawals " + owed +
                " exceed the bridge's USDC " + commit.holdings());
        }
    }

    private Leaf leaf(final ClearingEngine engine, final Account account, final byte[] leaf, final BigInteger[] claims)
    {
        if (!sampled.contains(account.owner()))
        {
            return new Leaf(account.owner(), leaf, -1, null, List.of(), claims);
        }
        final byte[] key = new byte[32];
        engine.commitment().accountKey(account, key);
        final SparseMerkleProof proof = engine.commitment().tree().proof(key);
        final List<byte[]> siblings = new ArrayList<>();
        final byte[] all = proof.siblings();
        for (int i = 0; i < proof.siblingCount(); i++)
        {
            siblings.add(java.util.Arrays.copyOfRange(all, i * 32, i * 32 + 32));
        }
        return new Leaf(account.owner(), leaf, proof.depth(), proof.siblingBitmap(), siblings, claims);
    }

    /**
     * Committed batches whose sequence the replay reached.
     *
     * @return a count.
     */
    public int batchesChecked()
    {
        return batchesChecked;
    }

    /**
     * Batches whose replayed root differs from the bridge's or the node's.
     *
     * @return a count.
     */
    public int rootMismatches()
    {
        return rootMismatches;
    }

    /**
     * Batches whose escape claims and withdrawals exceed the bridge's holdings.
     *
     * @return a count.
     */
    public int claimsOverHoldings()
    {
        return claimsOverHoldings;
    }

    /**
     * The largest ratio of claims and withdrawals to holdings over the batches.
     *
     * @return a ratio, at most 1 when the invariant holds.
     */
    public double largestShareOfHoldings()
    {
        return Math.round(largestShare * 1e6) / 1e6;
    }

    /**
     * What failed, including committed batches the replay did not reach.
     *
     * @return messages.
     */
    public List<String> failures()
    {
        final List<String> all = new ArrayList<>(failures);
        if (batchesChecked != bySequence.size())
        {
            all.add(bySequence.size() + " batches committed, " + batchesChecked + " reached by the replay");
        }
        return all;
    }

    /**
     * Every account of the last committed batch (leaf, claims; proofs for the escape sample).
     *
     * @return the leaves, in the state's account order.
     */
    public List<Leaf> leaves()
    {
        return List.copyOf(leaves);
    }

    /**
     * The escape price table of the last committed batch.
     *
     * @return the table, or null without escape.
     */
    public byte[] priceTable()
    {
        return priceTable == null ? null : priceTable.clone();
    }
}
