/**
 * The chain module's {@code novation} subcommands: posting a batch's solvency proofs to the bridge.
 */
package io.novation.chain.cli;
