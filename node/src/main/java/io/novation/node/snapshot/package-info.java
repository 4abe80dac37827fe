/**
 * Snapshot files of the node: the engine's snapshot with the node's own counters, written atomically and checked on
 * load.
 */
package io.novation.node.snapshot;
