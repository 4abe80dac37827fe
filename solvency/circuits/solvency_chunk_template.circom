pragma circom 2.1.0;

// The chunk circuit of the proof of solvency (docs/solvency.md section "Circuits"; the commitment is defined in
// docs/solvency.md): for K consecutive leaves of the solvency tree it proves that every equity is in [0, 2^64),
// that the leaves hash to a sub-tree whose path (private siblings) at the public chunk index reaches the public root R,
// and it carries the per-asset running sums from the previous chunk to this one inside hiding commitments, so that no
// chunk's sums are public; the last chunk opens its running sums as the public totals.

include "../node_modules/circomlib/circuits/poseidon.circom";
include "../node_modules/circomlib/circuits/bitify.circom";
include "../node_modules/circomlib/circuits/comparators.circom";

// Number of assets per leaf (docs/solvency.md: A = 4).
function ASSETS() { return 4; }

// Poseidon([k, s, e_0, e_1, e_2, e_3]) with each e_i range-checked to 64 bits.
template SolvencyLeaf() {
    signal input key;
    signal input salt;
    signal input equity[ASSETS()];
    signal output hash;

    component range[ASSETS()];
    component h = Poseidon(2 + ASSETS());
    h.inputs[0] <== key;
    h.inputs[1] <== salt;
    for (var a = 0; a < ASSETS(); a++) {
        range[a] = Num2Bits(64);
        range[a].in <== equity[a];
        h.inputs[2 + a] <== equity[a];
    }
    hash <== h.out;
}

// One level of a Merkle path: when active, hashes the node with its sibling on the side the index bit names
// (bit 0: node is the left child); when not active (above the tree's depth), passes the node up unchanged.
template PathLevel() {
    signal input node;
    signal input sibling;
    signal input bit;
    signal input active;
    signal output parent;

    signal swap <== bit * (sibling - node);
    component h = Poseidon(2);
    h.inputs[0] <== node + swap;
    h.inputs[1] <== sibling - swap;
    parent <== node + active * (h.out - node);
}

// K leaves (K a power of two), MAX_UP levels at most from the chunk's sub-root to the root R.
template SolvencyChunk(K, MAX_UP) {
    // public
    signal input root;
    signal input batchNumber;
    signal input chunkIndex;
    signal input depth;
    signal input isLast;
    signal input commitIn;
    signal input commitOut;
    signal input totals[ASSETS()];
    // private
    signal input keys[K];
    signal input salts[K];
    signal input equities[K][ASSETS()];
    signal input siblings[MAX_UP];
    signal input sumsIn[ASSETS()];
    signal input blindIn;
    signal input blindOut;

    // Leaves and the chunk's sub-root.
    component leaves[K];
    var nodes[2 * K];
    for (var i = 0; i < K; i++) {
        leaves[i] = SolvencyLeaf();
        leaves[i].key <== keys[i];
        leaves[i].salt <== salts[i];
        for (var a = 0; a < ASSETS(); a++) {
            leaves[i].equity[a] <== equities[i][a];
        }
        nodes[K + i] = leaves[i].hash;
    }
    component inner[K];
    for (var n = K - 1; n >= 1; n--) {
        inner[n] = Poseidon(2);
        inner[n].inputs[0] <== nodes[2 * n];
        inner[n].inputs[1] <== nodes[2 * n + 1];
        nodes[n] = inner[n].out;
    }

    // depth = number of active levels, active levels first; the chunk index has no bit at or above depth.
    signal active[MAX_UP];
    var activeCount = 0;
    for (var j = 0; j < MAX_UP; j++) {
        active[j] <-- j < depth ? 1 : 0;
        active[j] * (active[j] - 1) === 0;
        if (j > 0) {
            active[j] * (1 - active[j - 1]) === 0;
        }
        activeCount += active[j];
    }
    activeCount === depth;
    component indexBits = Num2Bits(MAX_UP);
    indexBits.in <== chunkIndex;
    component path[MAX_UP];
    var node = nodes[1];
    for (var j = 0; j < MAX_UP; j++) {
        indexBits.out[j] * (1 - active[j]) === 0;
        path[j] = PathLevel();
        path[j].node <== node;
        path[j].sibling <== siblings[j];
        path[j].bit <== indexBits.out[j];
        path[j].active <== active[j];
        node = path[j].parent;
    }
    root === node;

    // Running sums: the first chunk starts from zero with commitIn = 0; the others open commitIn, which binds the
    // previous chunk's sums to this batch and the previous chunk index.
    component first = IsZero();
    first.in <== chunkIndex;
    component opening = Poseidon(3 + ASSETS());
    opening.inputs[0] <== batchNumber;
    opening.inputs[1] <== chunkIndex - 1;
    for (var a = 0; a < ASSETS(); a++) {
        opening.inputs[2 + a] <== sumsIn[a];
        sumsIn[a] * first.out === 0;
    }
    opening.inputs[2 + ASSETS()] <== blindIn;
    commitIn === (1 - first.out) * opening.out;

    var sums[ASSETS()];
    for (var a = 0; a < ASSETS(); a++) {
        sums[a] = sumsIn[a];
        for (var i = 0; i < K; i++) {
            sums[a] += equities[i][a];
        }
    }
    component closing = Poseidon(3 + ASSETS());
    closing.inputs[0] <== batchNumber;
    closing.inputs[1] <== chunkIndex;
    for (var a = 0; a < ASSETS(); a++) {
        closing.inputs[2 + a] <== sums[a];
    }
    closing.inputs[2 + ASSETS()] <== blindOut;
    commitOut === closing.out;

    // The last chunk opens its running sums as the totals; the others publish zero totals.
    isLast * (isLast - 1) === 0;
    for (var a = 0; a < ASSETS(); a++) {
        totals[a] === isLast * sums[a];
    }
}
