// The solvency commitment of docs/solvency.md in JavaScript (circomlibjs Poseidon), and the chunk circuit's
// witness inputs: used by the tests and by the prover when it is given accounts rather than ready inputs.
'use strict';
const { buildPoseidon } = require('circomlibjs');

const ASSETS = 4;
const FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const K = 8;
const MAX_UP = 20;

let poseidonPromise = null;

/** The circomlib Poseidon hash over BN254, as a function of bigints returning a bigint. */
async function poseidon() {
  if (poseidonPromise === null) {
    poseidonPromise = buildPoseidon().then((p) => (inputs) => p.F.toObject(p(inputs.map(BigInt))));
  }
  return poseidonPromise;
}

/**
 * The tree of a batch: accounts [{key, equities: [4 bigints]}] in ascending key order, each salted with
 * s = Poseidon([seed, batchNumber, key]); leaves padded with Poseidon([0,0,0,0,0,0]) to a power of two >= K.
 */
async function buildTree(seed, batchNumber, accounts) {
  const h = await poseidon();
  const leaves = [];
  const rows = [];
  for (const account of accounts) {
    const key = BigInt(account.key);
    const equities = account.equities.map((e) => ((BigInt(e) % FIELD) + FIELD) % FIELD);
    const salt = h([seed, batchNumber, key]);
    rows.push({ key, salt, equities });
    leaves.push(h([key, salt, ...equities]));
  }
  let size = K;
  while (size < leaves.length) {
    size *= 2;
  }
  const padding = h([0, 0, 0, 0, 0, 0]);
  while (rows.length < size) {
    rows.push({ key: 0n, salt: 0n, equities: [0n, 0n, 0n, 0n] });
    leaves.push(padding);
  }
  const levels = [leaves];
  while (levels[levels.length - 1].length > 1) {
    const below = levels[levels.length - 1];
    const above = [];
    for (let i = 0; i < below.length; i += 2) {
      above.push(h([below[i], below[i + 1]]));
    }
    levels.push(above);
  }
  const totals = [0n, 0n, 0n, 0n];
  for (const row of rows) {
    for (let a = 0; a < ASSETS; a++) {
      totals[a] += row.equities[a];
    }
  }
  return { rows, levels, root: levels[levels.length - 1][0], totals, depth: Math.log2(size / K) };
}

/**
 * The blinding of a chunk's running-sum commitment: Poseidon([seed, batchNumber, 2^160 + chunkIndex]), the salt of a
 * key no account has (account keys are below 2^160).
 */
async function blinding(seed, batchNumber, chunkIndex) {
  const h = await poseidon();
  return h([seed, batchNumber, (1n << 160n) + BigInt(chunkIndex)]);
}

/** The witness inputs of every chunk of a tree, in chunk order (as the circuit's signal names, decimal strings). */
async function chunkInputs(seed, batchNumber, tree) {
  const h = await poseidon();
  const chunks = tree.rows.length / K;
  const inputs = [];
  let sums = [0n, 0n, 0n, 0n];
  let commitIn = 0n;
  let blindIn = 0n;
  const logK = Math.log2(K);
  for (let c = 0; c < chunks; c++) {
    const rows = tree.rows.slice(c * K, (c + 1) * K);
    const siblings = [];
    for (let j = 0; j < MAX_UP; j++) {
      siblings.push(j < tree.depth ? tree.levels[logK + j][(c >> j) ^ 1] : 0n);
    }
    const sumsOut = sums.map((s, a) => rows.reduce((acc, row) => acc + row.equities[a], s));
    const blindOut = await blinding(seed, batchNumber, c);
    const commitOut = h([batchNumber, c, ...sumsOut, blindOut]);
    const isLast = c === chunks - 1 ? 1n : 0n;
    inputs.push(stringify({
      root: tree.root,
      batchNumber: BigInt(batchNumber),
      chunkIndex: BigInt(c),
      depth: BigInt(tree.depth),
      isLast,
      commitIn,
      commitOut,
      totals: sumsOut.map((s) => s * isLast),
      keys: rows.map((row) => row.key),
      salts: rows.map((row) => row.salt),
      equities: rows.map((row) => row.equities),
      siblings,
      sumsIn: sums,
      blindIn,
      blindOut,
    }));
    sums = sumsOut;
    commitIn = commitOut;
    blindIn = blindOut;
  }
  return inputs;
}

function stringify(value) {
  if (Array.isArray(value)) {
    return value.map(stringify);
  }
  if (typeof value === 'bigint') {
    return (value % FIELD).toString();
  }
  if (typeof value === 'number') {
    return value.toString();
  }
  const out = {};
  for (const key of Object.keys(value)) {
    out[key] = stringify(value[key]);
  }
  return out;
}

module.exports = { FIELD, ASSETS, K, MAX_UP, poseidon, buildTree, blinding, chunkInputs };
