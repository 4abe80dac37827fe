package io.novation.solvency.tree;

import io.novation.core.engine.BatchProvability;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EscapeValuation;
import io.novation.testkit.Testnet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The solvency tree and leaves built in slices on the fork-join pool are the ones a single thread builds: the same
 * leaves in the same order, every node of every level, the same totals; and a refused batch raises the refusal of
 * its first refused account in order, whatever the slicing; and the leaves are refused as negative exactly when the
 * engine would refuse to seal the batch ({@code BatchProvability}).
 */
class ParallelTreePropertiesTest
{
    private static final SolvencySeed SEED = SolvencySeed.of(BigInteger.valueOf(0xabcdef));
    private static final int ONE_SLICE = Integer.MAX_VALUE;

    @Property(tries = 80)
    void shouldBuildTheSameTreeInSlicesAsOnOneThread(@ForAll("accounts") final List<SolvencyLeaf> accounts,
        @ForAll @IntRange(min = 1, max = 9) final int leafSlice,
        @ForAll @IntRange(min = 1, max = 9) final int nodeSlice)
    {
        final SolvencyTree single = SolvencyTree.build(5, accounts, ONE_SLICE, ONE_SLICE);
        final List<SolvencyLeaf> shuffled = new ArrayList<>(accounts);
        Collections.shuffle(shuffled, new Random(accounts.size()));

        final SolvencyTree sliced = SolvencyTree.build(5, shuffled, leafSlice, nodeSlice);

        assertThat(sliced.root()).isEqualTo(single.root());
        assertThat(sliced.leaves()).isEqualTo(single.leaves());
        assertThat(sliced.totals()).isEqualTo(single.totals());
        for (int level = 0; level <= single.depth(); level++)
        {
            for (int index = 0; index < 1 << (single.depth() - level); index++)
            {
                assertThat(sliced.node(level, index)).as("level %d node %d", level, index)
                    .isEqualTo(single.node(level, index));
            }
        }
        assertThat(SolvencyTree.build(5, accounts).root()).isEqualTo(single.root());
    }

    @Property(tries = 12)
    void shouldValueAndSaltTheSameLeavesInSlices(@ForAll @IntRange(min = 1, max = 7) final int slice,
        @ForAll @IntRange(min = 30_000, max = 61_000) final int price)
    {
        final ClearingEngine engine = venue(price).replica();
        final SolvencyLeaves.StateLeaves captured = SolvencyLeaves.capture(engine.state());
        final byte[] table = EscapeValuation.priceTable(engine.state());

        final Throwable singleRefusal = catchThrowable(() -> SolvencyLeaves.leaves(captured.accounts(), table, 9,
            SEED, ONE_SLICE));
        final Throwable slicedRefusal = catchThrowable(() -> SolvencyLeaves.leaves(captured.accounts(), table, 9,
            SEED, slice));

        assertThat(BatchProvability.firstUncovered(engine.state()) != null)
            .as("the engine refuses to seal exactly the batches whose leaves are refused as negative")
            .isEqualTo(singleRefusal instanceof SolvencyException refusal &&
                refusal.reason() == SolvencyException.Reason.NEGATIVE_EQUITY);
        if (singleRefusal == null)
        {
            assertThat(slicedRefusal).isNull();
            assertThat(SolvencyLeaves.leaves(captured.accounts(), table, 9, SEED, slice))
                .isEqualTo(SolvencyLeaves.leaves(captured.accounts(), table, 9, SEED, ONE_SLICE));
        }
        else
        {
            assertThat(slicedRefusal).isInstanceOf(SolvencyException.class)
                .hasMessage(singleRefusal.getMessage());
        }
    }

    /** Twenty accounts trading in pairs at 60,000, longs with less margin the further down the list. */
    private static PlainVenue venue(final long price)
    {
        final PlainVenue venue = new PlainVenue(io.novation.testkit.VenueClients.Collateral.USDC_AND_ETH);
        venue.genesis();
        venue.price(60_000);
        for (int i = 0; i < 20; i++)
        {
            venue.deposit("p" + i, i % 2 == 0 ? 3_000 + 500L * i : 60_000);
        }
        for (int i = 0; i < 20; i += 2)
        {
            venue.trade("p" + i, "p" + (i + 1), true, Testnet.ONE_BTC / 2, 60_000);
        }
        for (long p = 59_000; p >= price; p -= 1_000)
        {
            venue.price(p);
        }
        venue.price(price);
        return venue;
    }

    @Provide
    Arbitrary<List<SolvencyLeaf>> accounts()
    {
        final Arbitrary<SolvencyLeaf> leaf = Combinators.combine(
            Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE)),
            Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(248)),
            Arbitraries.longs().between(0, Long.MAX_VALUE).array(long[].class).ofSize(SolvencyTree.ASSETS))
            .as(SolvencyLeaf::new);
        return leaf.list().ofMinSize(0).ofMaxSize(70).uniqueElements(SolvencyLeaf::accountKey);
    }
}
