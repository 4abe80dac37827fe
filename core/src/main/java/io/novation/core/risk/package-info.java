/**
 * Risk that follows the market, in integers: the realized volatility it keeps per market (estimated by
 * {@code pricing.RealizedVolatility}, the only floating point, as with option pricing), the margin controller that
 * moves a market's initial margin fraction toward {@code k × σ × √horizon} within governance's bounds, and the
 * liquidation penalty that grows with a position's notional relative to the reported book depth
 * (docs/protocol.md, "Risk that follows the market").
 */
package io.novation.core.risk;
