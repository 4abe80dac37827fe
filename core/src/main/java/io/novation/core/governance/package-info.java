/**
 * Timelocked governance of risk parameters: the kinds of change governance may schedule
 * ({@link io.novation.core.governance.RiskParameterChange}), their bounds, whether each loosens or tightens risk and
 * its minimum delay ({@link io.novation.core.governance.GovernanceDelays}), and the book of scheduled changes and
 * rotated keys ({@link io.novation.core.governance.GovernanceBook}); docs/protocol.md, section "Governance".
 */
package io.novation.core.governance;
