/**
 * The base-chain side of Novation: the client of the bridge contract (batches, withdrawals, forced withdrawals,
 * freeze and escape) and the chain watcher that turns confirmed deposit and forced-withdrawal events into commands.
 */
package io.novation.chain;
