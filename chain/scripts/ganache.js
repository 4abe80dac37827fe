// Starts ganache with its chain state in memory (memdown) instead of its default LevelDB directory, for the demo's
// short-lived chain: every trie node read is then a call within the process rather than a round trip through the
// LevelDB worker threads, which left ganache's one thread idle about half of the time of the demo's bridge deposits.
// Usage: node scripts/ganache.js OPTIONS.json, where the file holds ganache's programmatic options plus
// "server": {"host": ..., "port": ...}. Stops on SIGINT and SIGTERM.
'use strict';
const fs = require('fs');
const ganache = require('ganache');
const memdown = require('memdown');

const options = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { host, port } = options.server;
delete options.server;
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
