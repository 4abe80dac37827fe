/**
 * The journal: append-only segment files of sequenced commands, each record carrying its length, a CRC32C and its
 * sequence number; group commit with one fsync per batch; a torn tail after a crash is detected and cut. The
 * {@link io.novation.node.journal.JournalReplayer} re-executes a journal for its observers (audits, reports,
 * benchmarks).
 */
package io.novation.node.journal;
