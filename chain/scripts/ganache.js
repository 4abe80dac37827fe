// Starts ganache with its chain state in memory (memdown) instead of its default LevelDB directory, for the demo's
// short-lived chain: every trie node read is then a call within the process rather than a round trip through the
// LevelDB worker threads, which left ganache's one thread idle about half of the time of the demo's bridge deposits.
// Usage: node scripts/ganache.js OPTIONS.json, where the file holds ganache's programmatic options plus
// "server": {"host": ..., "port": ...} and optionally "untraced" (below). Stops on SIGINT and SIGTERM.
//
// With "untraced": true in the options, ganache's own per-opcode "step" listeners are not attached: the miner's
// (which records every SSTORE key for debug_storageRangeAt), the console.log decoder's and debug_traceTransaction's,
// all named stepListener in ganache 7.9.2's bundle. Without a listener the EVM builds no per-opcode event at all,
// which cuts about a quarter of ganache's CPU time per bridge deposit. Such a chain answers every other call as
// before (eth_call and eth_estimateGas keep their listeners), but it cannot be traced and its contracts' console.log
// prints nothing: for the demo's chain, which uses neither.
'use strict';
const events = require('events');
const fs = require('fs');

const options = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { host, port } = options.server;
delete options.server;
if (options.untraced === true) {
  const addListener = events.EventEmitter.prototype.addListener;
  const withoutStepListeners = function (type, listener) {
    if (type === 'step' && listener.name === 'stepListener') {
      return this;
    }
    return addListener.call(this, type, listener);
  };
  events.EventEmitter.prototype.addListener = withoutStepListeners;
  events.EventEmitter.prototype.on = withoutStepListeners;
}
delete options.untraced;
const ganache = require('ganache');
const memdown = require('memdown');
options.database = { db: memdown() };
const server = ganache.server(options);
server.listen(port, host, (error) => {
  if (error) {
    process.stderr.write('ganache: ' + error.message + '\n');
    process.exit(1);
  }
  process.stdout.write('ganache listening on ' + host + ':' + port + '\n');
});
const stop = () => server.close().then(() => process.exit(0), () => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
