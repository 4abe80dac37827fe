/**
 * Margin arithmetic: notional values of positions in quote quantums and the initial and maintenance margin
 * requirements derived from them, rounded in the protocol's favour.
 */
package io.novation.core.margin;
