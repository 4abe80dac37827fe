/**
 * Participants that drive a node as real ones do, over its public API: keepers today; the {@code novation}
 * subcommands they bring.
 */
package io.novation.sim;
