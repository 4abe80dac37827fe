package io.novation.solvency.tree;

import java.util.stream.IntStream;

/**
 * Runs work over the index range [0, count) in consecutive slices of a fixed number of indices on the common
 * fork-join pool (the caller's thread takes part). Each slice writes only its own indices, so the result is the one a
 * single thread gives, whatever the number of threads or the order the slices run in.
 */
final class ParallelRanges
{
    /** Leaves per slice: a few milliseconds of hashing, so that the fork-join overhead stays negligible. */
    static final int LEAF_SLICE = 1_024;
    /** Inner nodes per slice (a node hash costs about a third of a leaf's). */
    static final int NODE_SLICE = 4_096;

    /** Work on one slice [from, to). */
    @FunctionalInterface
    interface Slice
    {
        void run(int from, int to);
    }

    private ParallelRanges()
    {
    }

    /**
     * Runs a slice per {@code slice} indices; on the calling thread alone when one slice covers the range.
     *
     * @param count the indices.
     * @param slice indices per slice, at least 1.
     * @param work  the work of a slice.
     */
    static void run(final int count, final int slice, final Slice work)
    {
        if (count <= slice)
        {
            work.run(0, count);
            return;
        }
        final int slices = (int)((count + (long)slice - 1) / slice);
        IntStream.range(0, slices).parallel().forEach(s -> work.run(s * slice, (int)Math.min(count,
            (long)(s + 1) * slice)));
    }
}
