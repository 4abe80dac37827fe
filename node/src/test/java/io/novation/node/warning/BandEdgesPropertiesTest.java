package io.novation.node.warning;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The margin watch's primitive band edges visit the same ids in the same order as the boxed sorted maps of sets they
 * replace ({@code TreeMap<Long, LinkedHashSet<Integer>>}, an id moved by removing and filing it again, the map's
 * {@code tailMap(price, true)} and {@code headMap(price, true)}), over random band moves of a few subaccounts on
 * clustered prices (so that many share an edge), each followed by a price that crosses some edges.
 */
class BandEdgesPropertiesTest
{
    @Property(tries = 500)
    void shouldVisitTheIdsTheSortedMapsOfSetsVisitInTheirOrder(@ForAll("moves") final List<long[]> moves)
    {
        final BandEdges edges = new BandEdges();
        final TreeMap<Long, Set<Integer>> reference = new TreeMap<>();
        final Map<Integer, long[]> filed = new HashMap<>();
        for (final long[] move : moves)
        {
            final int id = (int)move[0];
            final long[] previous = filed.remove(id);
            if (previous != null)
            {
                edges.remove(previous[0], previous[1]);
                final Set<Integer> ids = reference.get(previous[0]);
                ids.remove(id);
                if (ids.isEmpty())
                {
                    reference.remove(previous[0]);
                }
            }
            if (move[1] >= 0)
            {
                filed.put(id, new long[] {move[1], edges.add(move[1], id)});
                reference.computeIfAbsent(move[1], p -> new LinkedHashSet<>()).add(id);
            }
            final long crossing = move[2];

            final List<Integer> atLeast = new ArrayList<>();
            edges.forEachAtLeast(crossing, atLeast::add);
            final List<Integer> atMost = new ArrayList<>();
            edges.forEachAtMost(crossing, atMost::add);

            final List<Integer> expectedAtLeast = new ArrayList<>();
            reference.tailMap(crossing, true).values().forEach(expectedAtLeast::addAll);
            final List<Integer> expectedAtMost = new ArrayList<>();
            reference.headMap(crossing, true).values().forEach(expectedAtMost::addAll);
            assertThat(atLeast).isEqualTo(expectedAtLeast);
            assertThat(atMost).isEqualTo(expectedAtMost);
            assertThat(edges.size()).isEqualTo(filed.size());
        }
    }

    /** A move: a subaccount id, its new edge (negative: unfiled), a price that follows. */
    @Provide
    Arbitrary<List<long[]>> moves()
    {
        final Arbitrary<Long> ids = Arbitraries.longs().between(0, 40);
        final Arbitrary<Long> prices = Arbitraries.oneOf(Arbitraries.longs().between(59_990, 60_010),
            Arbitraries.longs().between(0, 1_000_000), Arbitraries.of(-1L));
        final Arbitrary<Long> crossings = Arbitraries.oneOf(Arbitraries.longs().between(59_985, 60_015),
            Arbitraries.longs().between(0, 1_000_000), Arbitraries.of(0L, Long.MAX_VALUE, Long.MIN_VALUE));
        return net.jqwik.api.Combinators.combine(ids, prices, crossings).as((id, price, crossing) ->
            new long[] {id, price, crossing}).list().ofMinSize(1).ofMaxSize(400);
    }
}
