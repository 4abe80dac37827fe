/**
 * Compact, versioned binary encodings of engine values: commands for the journal, and the primitives that the
 * snapshot codec shares. All integers are big-endian; strings are a 2-byte length and UTF-8.
 */
package io.novation.core.codec;
