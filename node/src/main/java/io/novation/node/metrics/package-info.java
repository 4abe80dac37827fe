/**
 * The node's metrics in the Prometheus text format: counters, gauges and latency histograms in seconds.
 */
package io.novation.node.metrics;
