/**
 * Snapshots of the whole engine state in a versioned binary form, and the restore of an engine from one, so that a
 * node can recover without replaying its journal from genesis.
 */
package io.novation.core.snapshot;
