/**
 * The binary primitives of every versioned encoding (commands in the journal, the snapshot): a writer, a reader and
 * their error. All integers are big-endian; strings are a 2-byte length and UTF-8. The command frame and the
 * per-type codecs live with the commands ({@code io.novation.core.command.CommandCodec}), so that this package
 * depends on nothing (docs/architecture.md).
 */
package io.novation.core.codec;
