/**
 * The sequencer: verifies signatures and authorities on worker threads, then applies commands to the engine on one
 * thread in order, assigns sequencer time, journals them with group commit and acknowledges them once durable.
 */
package io.novation.node.sequencer;
