/**
 * State commitment: 32-byte hash functions behind one interface and the Fuel-compatible sparse Merkle tree that
 * commits account leaves to a single root, with inclusion and exclusion proofs that can be checked offline.
 */
package io.novation.core.commitment;
