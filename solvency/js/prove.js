// Proves every chunk of a batch in one process (Groth16, snarkjs):
//   node js/prove.js INPUTS.json PROOFS.json [WASM ZKEY]
// INPUTS.json as written by make-inputs.js (or by the Java prover). Prints "progress DONE TOTAL ELAPSED_MS" on
// stderr after each chunk. PROOFS.json: {batchNumber, root, depth, leafCount, totals, chunks: [{chunkIndex,
// proof, publicSignals, calldata: {a, b, c}}]}; a witness that fails the circuit (a negative or too large equity)
// stops with an error naming the chunk.
'use strict';
const fs = require('fs');
const path = require('path');
const snarkjs = require('snarkjs');

const ceremony = path.join(__dirname, '..', 'ceremony');

function calldata(proof) {
  return {
    a: [proof.pi_a[0], proof.pi_a[1]],
    b: [[proof.pi_b[0][1], proof.pi_b[0][0]], [proof.pi_b[1][1], proof.pi_b[1][0]]],
    c: [proof.pi_c[0], proof.pi_c[1]],
  };
}

async function main() {
  const [inputsFile, outFile, wasmArg, zkeyArg] = process.argv.slice(2);
  const wasm = wasmArg || path.join(ceremony, 'solvency_chunk.wasm');
  const zkey = zkeyArg || path.join(ceremony, 'solvency_chunk.zkey');
  const batch = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  const started = Date.now();
  const chunks = [];
  for (let i = 0; i < batch.inputs.length; i++) {
    let result;
    try {
      result = await snarkjs.groth16.fullProve(batch.inputs[i], wasm, zkey);
    } catch (e) {
      const reason = String(e.message || e).replace(/\s*\n\s*/g, ' ');
      throw new Error('chunk ' + i + ': the circuit refuses the witness (' + reason + ')');
    }
    chunks.push({ chunkIndex: i, proof: result.proof, publicSignals: result.publicSignals,
      calldata: calldata(result.proof) });
    process.stderr.write('progress ' + (i + 1) + ' ' + batch.inputs.length + ' ' + (Date.now() - started) + '\n');
  }
  fs.writeFileSync(outFile, JSON.stringify({ batchNumber: batch.batchNumber, root: batch.root, depth: batch.depth,
    leafCount: batch.leafCount, totals: batch.totals, chunks }));
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write('error: ' + e.message + '\n');
  process.exit(1);
});
