/**
 * The journal: append-only segment files of sequenced commands, each record carrying its length, a CRC32C and its
 * sequence number; group commit with one fsync per batch; a torn tail after a crash is detected and cut.
 */
package io.novation.node.journal;
