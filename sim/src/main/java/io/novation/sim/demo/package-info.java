/**
 * {@code novation demo}: the 2025-10-10 crash replayed through a live node by its participants (oracle publishers,
 * traders through a crossing matcher and market makers, the operator's funding and batches, competing keepers), an
 * independent replay of the node's journal that checks the invariants, and the report (JSON and a self-contained HTML
 * page with charts).
 */
package io.novation.sim.demo;
