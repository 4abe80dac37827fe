/**
 * Sealed batches on the node's side: the headers and withdrawals of each batch kept on disk for the bridge and for
 * proofs, the audit that re-executes the journal and checks every sealed batch, and the proof files that
 * {@code novation verify-proof} checks offline.
 */
package io.novation.node.batch;
