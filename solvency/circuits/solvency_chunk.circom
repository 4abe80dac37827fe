pragma circom 2.1.0;

// The solvency chunk circuit the bridge verifies: K = 8 leaves per chunk, at most 20 levels from a chunk's sub-root
// to the root R (2^23 = 8,388,608 accounts). Public signals, in this order: root, batchNumber, chunkIndex, depth,
// isLast, commitIn, commitOut, totals[4] (docs/solvency.md section "Circuits").

include "solvency_chunk_template.circom";

component main {public [root, batchNumber, chunkIndex, depth, isLast, commitIn, commitOut, totals]} =
    SolvencyChunk(8, 20);
