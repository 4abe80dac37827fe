/**
 * Ethereum-compatible cryptography for the engine: Keccak-256, secp256k1 ECDSA with public-key recovery,
 * EIP-712 typed-data hashing and the typed-data encoding of a Novation order.
 */
package io.novation.core.crypto;
