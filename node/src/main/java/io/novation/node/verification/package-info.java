/**
 * Signature work on the node's signed path, before sequencing: secp256k1 recovery through libsecp256k1 with the
 * pure-Java path as fallback and cross-check, the order signer cache, and the structural checks that refuse junk
 * before any recovery.
 */
package io.novation.node.verification;
