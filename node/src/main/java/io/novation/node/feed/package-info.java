/**
 * The binary feed's frames (docs/protocol.md, "Binary feed"): reading a client's frame of SBE command messages into
 * commands, and writing acknowledgements and error messages, with the codecs the SBE tool generates from the schema.
 */
package io.novation.node.feed;
