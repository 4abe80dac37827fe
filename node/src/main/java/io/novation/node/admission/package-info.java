/**
 * Admission control in front of the submission pipeline: per-IP and per-account token buckets charged with published
 * request weights, and a bounded signature-verification queue (docs/operations.md, "Admission and rate limits").
 */
package io.novation.node.admission;
