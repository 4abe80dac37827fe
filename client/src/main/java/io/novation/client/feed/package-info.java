/**
 * The Java client of a node's binary feed (docs/protocol.md, "Binary feed"; docs/clients.md): batches of SBE command
 * messages built from the core's commands and signed orders, sent as WebSocket binary frames, and the acknowledgements
 * read back with each command's durable sequence.
 */
package io.novation.client.feed;
