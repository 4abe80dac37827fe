/**
 * The sequencer: verifies signatures and authorities on worker threads, then applies commands to the engine on one
 * thread in order, assigns sequencer time, journals them with group commit and acknowledges them once durable. The
 * rules every host shares (time stamping, the future bound, nonces, the batch schedule) are the
 * {@link io.novation.node.sequencer.SequencingPolicy}.
 */
package io.novation.node.sequencer;
