/**
 * The test kit shared by the tests of every module above the core: the test network's keys and units
 * ({@link io.novation.testkit.Testnet}), its market definitions ({@link io.novation.testkit.TestMarkets}), commands
 * signed as clients sign them ({@link io.novation.testkit.ClientSigner}) and a venue of clients that stamps times,
 * counts nonces and applies every command to a replica engine ({@link io.novation.testkit.VenueClients}). It depends
 * on the core only; how a command goes on the wire (JSON for a node, a verified entry for a cluster) is each
 * module's own.
 */
package io.novation.testkit;
