package io.novation.core.commitment;

import java.util.Arrays;

/**
 * Fixed-width byte records addressed by a dense {@code int} index and stored in fixed-size pages, so that growing
 * never copies the records already written and a record is read in place as (page, offset).
 */
final class PagedByteRecords
{
    private static final int PAGE_SHIFT = 12;
    private static final int RECORDS_PER_PAGE = 1 << PAGE_SHIFT;
    private static final int RECORD_MASK = RECORDS_PER_PAGE - 1;
    private static final int INITIAL_PAGE_SLOTS = 8;

    private final int recordLength;
    private byte[][] pages = new byte[INITIAL_PAGE_SLOTS][];

    PagedByteRecords(final int recordLength)
    {
        if (recordLength <= 0)
        {
            throw new IllegalArgumentException("recordLength must be positive: " + recordLength);
        }
        this.recordLength = recordLength;
    }

    /**
     * Make sure a record exists at this index, allocating its page when the index is the first one on it.
     */
    void ensure(final int index)
    {
        final int pageIndex = index >>> PAGE_SHIFT;
        if (pageIndex >= pages.length)
        {
            pages = Arrays.copyOf(pages, Math.max(pages.length << 1, pageIndex + 1));
        }
        if (null == pages[pageIndex])
        {
            pages[pageIndex] = new byte[RECORDS_PER_PAGE * recordLength];
        }
    }

    /**
     * The page holding the record at this index.
     */
    byte[] page(final int index)
    {
        return pages[index >>> PAGE_SHIFT];
    }

    /**
     * Offset of the record's first byte within its {@link #page(int)}.
     */
    int offset(final int index)
    {
        return (index & RECORD_MASK) * recordLength;
    }
}
