/**
 * Strategy margin: defined-risk option combinations of a standard-margin subaccount margined at their maximum loss
 * at expiry instead of the sum of their naked legs (docs/protocol.md, "Strategy margin"), in quote quantums.
 */
package io.novation.core.margin.strategy;
