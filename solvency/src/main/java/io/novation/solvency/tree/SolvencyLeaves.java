package io.novation.solvency.tree;

import io.novation.core.account.Account;
import io.novation.core.account.Address;
import io.novation.core.account.Accounts;
import io.novation.core.commitment.LeafEncoding;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.BatchProvability;
import io.novation.core.engine.ClearingState;
import io.novation.core.engine.EscapeValuation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The leaves of a sealed batch's solvency tree from the state the batch sealed (docs/solvency.md): per account,
 * k = its owner's address as a 160-bit integer, s = Poseidon([seed, batchNumber, k]), and e_i = what the escape
 * hatch owes it in the asset of slot i (asset id i) at the batch's committed price table, the very figure of
 * {@link EscapeValuation#accountClaims} and of the bridge's {@code escape}. Refuses a batch with more than
 * {@link SolvencyTree#ASSETS} assets, an account with a shortfall (negative equity), or an equity of 2^64 or more.
 */
public final class SolvencyLeaves
{
    private static final BigInteger EQUITY_LIMIT = BigInteger.ONE.shiftLeft(64);

    private SolvencyLeaves()
    {
    }

    /**
     * The leaves of every account of a state.
     *
     * @param state       the state the batch sealed (its tree root is the batch's).
     * @param batchNumber the batch.
     * @param pricesHash  the batch header's prices hash, checked against the state's table; null to skip.
     * @param seed        the operator's salt seed.
     * @return one leaf per account, in the state's account order.
     * @throws SolvencyException when the batch cannot be proven solvent.
     */
    public static List<SolvencyLeaf> of(final ClearingState state, final long batchNumber, final byte[] pricesHash,
        final SolvencySeed seed)
    {
        return of(capture(state), batchNumber, pricesHash, seed);
    }

    /**
     * What the leaves are computed from, copied out of a state: its escape price table and every account's state
     * leaf. Cheap enough for the engine thread; the hashing is done from the copy elsewhere.
     *
     * @param state the state.
     * @return the copy.
     */
    public static StateLeaves capture(final ClearingState state)
    {
        final Accounts accounts = state.accounts();
        final List<byte[]> leaves = new ArrayList<>(accounts.count());
        for (int i = 0; i < accounts.count(); i++)
        {
            final Account account = accounts.at(i);
            leaves.add(new LeafEncoding().putAccount(account).toBytes());
        }
        return new StateLeaves(EscapeValuation.priceTable(state), state.markets().assetCount(), leaves);
    }

    /**
     * The leaves of a captured state.
     *
     * @param captured    the state's price table and account leaves.
     * @param batchNumber the batch.
     * @param pricesHash  the batch header's prices hash, checked against the table; null to skip.
     * @param seed        the operator's salt seed.
     * @return one leaf per account, in the captured order.
     * @throws SolvencyException when the batch cannot be proven solvent.
     */
    public static List<SolvencyLeaf> of(final StateLeaves captured, final long batchNumber, final byte[] pricesHash,
        final SolvencySeed seed)
    {
        if (captured.assetCount() > SolvencyTree.ASSETS)
        {
            throw new SolvencyException(SolvencyException.Reason.TOO_MANY_ASSETS, "batch " + batchNumber + " has " +
                captured.assetCount() + " collateral assets; a solvency leaf holds " + SolvencyTree.ASSETS);
        }
        final byte[] table = captured.priceTable();
        if (pricesHash != null && !Arrays.equals(Keccak256.hash(table), pricesHash))
        {
            throw new SolvencyException(SolvencyException.Reason.PRICES_MISMATCH, "the state's price table does not " +
                "hash to batch " + batchNumber + "'s prices hash " + Hex.encode(pricesHash));
        }
        return leaves(captured.accounts(), table, batchNumber, seed, ParallelRanges.LEAF_SLICE);
    }

    /**
     * The leaves of state leaves, valued and salted in slices on the common fork-join pool; the refusal raised is
     * the one of the first refused account in order, as a single thread would raise it.
     */
    static List<SolvencyLeaf> leaves(final List<byte[]> accounts, final byte[] table, final long batchNumber,
        final SolvencySeed seed, final int slice)
    {
        final SolvencyLeaf[] leaves = new SolvencyLeaf[accounts.size()];
        final RuntimeException[] refusals = new RuntimeException[accounts.size()];
        ParallelRanges.run(accounts.size(), slice, (from, to) ->
        {
            for (int i = from; i < to; i++)
            {
                try
                {
                    final byte[] stateLeaf = accounts.get(i);
                    final BigInteger key = accountKey(Arrays.copyOf(stateLeaf, Address.LENGTH));
                    leaves[i] = leaf(key, stateLeaf, table, seed.salt(batchNumber, key));
                }
                catch (final RuntimeException ex)
                {
                    refusals[i] = ex;
                    return;
                }
            }
        });
        for (final RuntimeException refusal : refusals)
        {
            if (refusal != null)
            {
                throw refusal;
            }
        }
        return Arrays.asList(leaves);
    }

    /**
     * A state's escape price table and account leaves (docs/protocol.md §8 and §15), copied.
     *
     * @param priceTable the version-2 escape price table.
     * @param assetCount the state's collateral assets.
     * @param accounts   every account's state leaf, which opens with the owner's 20 address bytes.
     */
    public record StateLeaves(byte[] priceTable, int assetCount, List<byte[]> accounts)
    {
        /**
         * Copies the list.
         */
        public StateLeaves
        {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * The leaf of one account from its committed state leaf and the batch's price table: the path a user follows
     * from the Keccak state proof to check their solvency leaf.
     *
     * @param accountKey the key k.
     * @param stateLeaf  the account's state leaf data (docs/protocol.md §8).
     * @param priceTable the batch's version-2 price table.
     * @param salt       the account's salt.
     * @return the solvency leaf.
     * @throws SolvencyException on a shortfall, an equity of 2^64 or more, or more than four assets.
     */
    public static SolvencyLeaf leaf(final BigInteger accountKey, final byte[] stateLeaf, final byte[] priceTable,
        final BigInteger salt)
    {
        final BigInteger[] claims = EscapeValuation.accountClaims(stateLeaf, priceTable);
        if (claims.length > SolvencyTree.ASSETS)
        {
            throw new SolvencyException(SolvencyException.Reason.TOO_MANY_ASSETS, "the price table has " +
                claims.length + " assets; a solvency leaf holds " + SolvencyTree.ASSETS);
        }
        // The engine's rule for sealing (BatchProvability): a batch it seals never has a leaf refused here.
        final BigInteger shortfall = BatchProvability.shortfall(stateLeaf, priceTable);
        if (shortfall.signum() > 0)
        {
            throw new SolvencyException(SolvencyException.Reason.NEGATIVE_EQUITY, "account " + hexKey(accountKey) +
                " is short " + shortfall + " quote quantums after its collateral: its equity is negative");
        }
        final long[] equities = new long[SolvencyTree.ASSETS];
        for (int slot = 0; slot < claims.length; slot++)
        {
            if (claims[slot].signum() < 0)
            {
                throw new SolvencyException(SolvencyException.Reason.NEGATIVE_EQUITY, "account " +
                    hexKey(accountKey) + " has a negative equity in asset " + slot);
            }
            if (claims[slot].compareTo(EQUITY_LIMIT) >= 0)
            {
                throw new SolvencyException(SolvencyException.Reason.EQUITY_TOO_LARGE, "account " +
                    hexKey(accountKey) + " has an equity of 2^64 quantums or more in asset " + slot);
            }
            equities[slot] = claims[slot].longValue();
        }
        return new SolvencyLeaf(accountKey, salt, equities);
    }

    /**
     * The key k of an owner: its 20 address bytes as an unsigned big-endian integer.
     *
     * @param owner the address bytes.
     * @return below 2^160.
     */
    public static BigInteger accountKey(final byte[] owner)
    {
        return new BigInteger(1, owner);
    }

    private static String hexKey(final BigInteger key)
    {
        return String.format("0x%040x", key);
    }
}
