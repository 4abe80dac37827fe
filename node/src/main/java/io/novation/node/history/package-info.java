/**
 * The history database: a service that follows the journal on its own thread into SQLite or PostgreSQL (fills,
 * funding, liquidations, transfers, hourly PnL, oracle candles), its paged time-range queries and the rebuild from
 * the journal (docs/history.md).
 */
package io.novation.node.history;
