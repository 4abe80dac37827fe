// Checks a batch's solvency proofs offline, as the bridge does (docs/solvency.md section "The bridge gate"):
//   node js/verify.js PROOFS.json [VERIFICATION_KEY.json]
// Every chunk's Groth16 proof against the verification key, and the chain of public signals: one root, batch number
// and depth for all chunks, chunk indexes 0 .. 2^depth - 1 in order, isLast only on the last, the first chunk's
// commitIn 0 and each other's the previous chunk's commitOut, zero totals but on the last chunk. Prints
// "VALID: batch N root R totals T0 T1 T2 T3 (C chunks)" and exits 0, or "INVALID: reason" and exits 1.
'use strict';
const fs = require('fs');
const path = require('path');
const snarkjs = require('snarkjs');

async function check(batch, vkey) {
  const chunks = batch.chunks || [];
  const depth = Number(batch.depth);
  if (chunks.length === 0 || chunks.length !== 2 ** depth) {
    return 'expected ' + 2 ** depth + ' chunks for depth ' + depth + ', found ' + chunks.length;
  }
  let commitIn = '0';
  for (let i = 0; i < chunks.length; i++) {
    const s = chunks[i].publicSignals.map(String);
    const [root, batchNumber, chunkIndex, chunkDepth, isLast, chunkCommitIn, commitOut] = s;
    const last = i === chunks.length - 1;
    if (root !== String(batch.root)) return 'chunk ' + i + ': root ' + root + ' is not the batch root';
    if (batchNumber !== String(batch.batchNumber)) return 'chunk ' + i + ': proof of batch ' + batchNumber;
    if (chunkIndex !== String(i)) return 'chunk ' + i + ': chunk index ' + chunkIndex;
    if (chunkDepth !== String(depth)) return 'chunk ' + i + ': depth ' + chunkDepth;
    if (isLast !== (last ? '1' : '0')) return 'chunk ' + i + ': isLast ' + isLast;
    if (chunkCommitIn !== commitIn) return 'chunk ' + i + ': commitIn does not open the previous chunk\'s sums';
    if (!last && s.slice(7).some((t) => t !== '0')) return 'chunk ' + i + ': totals before the last chunk';
    if (!(await snarkjs.groth16.verify(vkey, s, chunks[i].proof))) return 'chunk ' + i + ': the proof does not verify';
    commitIn = commitOut;
  }
  return null;
}

async function main() {
  const [proofsFile, vkeyFile] = process.argv.slice(2);
  const vkey = JSON.parse(fs.readFileSync(vkeyFile ||
    path.join(__dirname, '..', 'ceremony', 'verification_key.json'), 'utf8'));
  const batch = JSON.parse(fs.readFileSync(proofsFile, 'utf8'));
  let problem;
  try {
    problem = await check(batch, vkey);
  } catch (e) {
    problem = 'malformed proofs: ' + (e.message || e);
  }
  if (problem !== null) {
    process.stdout.write('INVALID: ' + problem + '\n');
    return 1;
  }
  const totals = batch.chunks[batch.chunks.length - 1].publicSignals.slice(7).join(' ');
  process.stdout.write('VALID: batch ' + batch.batchNumber + ' root ' + batch.root + ' totals ' + totals + ' (' +
    batch.chunks.length + ' chunks)\n');
  return 0;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write('error: ' + e.message + '\n');
  process.exit(2);
});
