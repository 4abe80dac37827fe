/**
 * The event stream: durable events as JSON, kept in a ring for subscribers and re-derived from snapshots and the
 * journal for subscribers that resume from further back.
 */
package io.novation.node.stream;
