/**
 * Keepers: programs that watch a node's event stream, find subaccounts below maintenance margin and take their
 * positions over with signed {@code liquidate} commands, competing with each other, and report what they earned.
 */
package io.novation.sim.keeper;
