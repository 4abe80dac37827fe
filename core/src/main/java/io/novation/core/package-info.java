/**
 * The deterministic clearing engine of Novation: a pure state machine from (state, command) to (state', events),
 * with no clock, randomness, I/O or threads. Money is fixed-point {@code long} throughout.
 */
package io.novation.core;
