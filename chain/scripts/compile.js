// Compiles chain/src/main/solidity/*.sol with solc-js (no compiler download) and writes, per contract, its ABI and
// creation bytecode to one JSON file: node scripts/compile.js OUTPUT.json
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const dir = path.join(__dirname, '..', 'src', 'main', 'solidity');
const sources = {};
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(dir, file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'shanghai',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.gasEstimates'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) {
  process.stderr.write(e.formattedMessage + '\n');
}
if (errors.length > 0) {
  process.exit(1);
}
const result = { compiler: solc.version(), contracts: {} };
for (const file of Object.keys(output.contracts)) {
  for (const name of Object.keys(output.contracts[file])) {
    const c = output.contracts[file][name];
    result.contracts[name] = { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object };
  }
}
fs.mkdirSync(path.dirname(path.resolve(process.argv[2])), { recursive: true });
fs.writeFileSync(process.argv[2], JSON.stringify(result, null, 1));
process.stdout.write('compiled ' + Object.keys(result.contracts).join(', ') + ' with solc ' + solc.version() + '\n');
