#!/usr/bin/env node
// `backend-perf audit [paths] [options]`: see `backend-perf --help` and docs/audit.md.
'use strict';

let cli;
try {
  cli = require('../dist/src/audit/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/src/audit/cli.js')) {
    process.stderr.write('backend-perf: the build is missing (dist/); run `npm run build` in eslint-plugin-backend-perf first.\n');
    process.exit(2);
  }
  throw error;
}

cli.main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`backend-perf: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
