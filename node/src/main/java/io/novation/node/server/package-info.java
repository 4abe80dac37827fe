/**
 * The node: genesis, recovery from snapshots and the journal, the sequencer, the HTTP/JSON and WebSocket API, and
 * graceful shutdown.
 */
package io.novation.node.server;
