/**
 * The journal: append-only segment files of sequenced commands, each record carrying its length, a CRC32C and its
 * sequence number; group commit with one fsync per batch, then the durable mark; damage before the mark stops the
 * start, a torn tail after it is moved into quarantine and cut, and a repair cuts only when asked. The
 * {@link io.novation.node.journal.JournalReplayer} re-executes a journal for its observers (audits, reports,
 * benchmarks).
 */
package io.novation.node.journal;
