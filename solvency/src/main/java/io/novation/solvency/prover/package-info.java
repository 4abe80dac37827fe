/**
 * The Groth16 prover and verifier driver of the proof of solvency (docs/solvency.md section "Circuits"): the chunk
 * circuit's witness inputs from a batch's {@link io.novation.solvency.tree.SolvencyTree}, and the npm tools (snarkjs
 * with the committed test ceremony) run as one node process per batch, off the caller's thread.
 */
package io.novation.solvency.prover;
