// Builds a batch's solvency tree from its accounts and writes every chunk's witness inputs:
//   node js/make-inputs.js ACCOUNTS.json OUT.json [--unchecked]
// (--unchecked, for tests only, skips the refusal of equities outside [0, 2^64) so that the circuit's own range check
// can be shown to refuse them; a negative equity e is then written as the field element p + e.)
// ACCOUNTS.json: {"seed": "<decimal>", "batchNumber": N, "accounts": [{"key": "<decimal>", "equities": [4 decimals]}]}
// (accounts in ascending key order). OUT.json: {root, depth, leafCount, totals, inputs: [...]}.
'use strict';
const fs = require('fs');
const { buildTree, chunkInputs } = require('./solvency');

async function main() {
  const [accountsFile, outFile, flag] = process.argv.slice(2);
  const batch = JSON.parse(fs.readFileSync(accountsFile, 'utf8'));
  const seed = BigInt(batch.seed);
  const batchNumber = BigInt(batch.batchNumber);
  for (const account of flag === '--unchecked' ? [] : batch.accounts) {
    for (const e of account.equities) {
      if (BigInt(e) < 0n || BigInt(e) >= 1n << 64n) {
        throw new Error('account ' + account.key + ': equity ' + e + ' outside [0, 2^64): the batch is not solvent');
      }
    }
  }
  const tree = await buildTree(seed, batchNumber, batch.accounts);
  const inputs = await chunkInputs(seed, batchNumber, tree);
  fs.writeFileSync(outFile, JSON.stringify({
    batchNumber: batchNumber.toString(),
    root: tree.root.toString(),
    depth: tree.depth,
    leafCount: tree.rows.length,
    totals: tree.totals.map(String),
    inputs,
  }));
  process.stdout.write('root ' + tree.root + ' depth ' + tree.depth + ' chunks ' + inputs.length + '\n');
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write('error: ' + e.message + '\n');
  process.exit(1);
});
